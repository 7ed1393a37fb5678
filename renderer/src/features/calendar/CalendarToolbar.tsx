import { useEffect, useState } from 'react';
import type { CampaignDto } from '../../../../shared/contract/features/campaigns';
import type { PillarDto } from '../../../../shared/contract/features/library';
import { STATE_LABELS, TARGET_STATES, type TargetState } from '../../../../shared/domain/states';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { PlatformMark } from '../../ui/PlatformMark';
import { useAccounts } from '../accounts/useAccounts';
import { clearFilters, filtersActive, setFilters, useCalendarStore } from './calendar.store';
import { CALENDAR_VIEWS, goToCalendar, VIEW_LABELS, type CalendarView } from './calendar-route';
import { FilterMenu, type FilterOption } from './FilterMenu';
import { addDays, addMonths, periodTitle, startOfMonth } from './grid';
import { StateIcon } from '../../ui/state-icons';
import { SidebarToggle } from './sidebar/SidebarToggle';

/**
 * The campaigns and pillars to filter by, kept fresh by their change events. A selected one
 * that is deleted leaves the filter, so the calendar never narrows by something not listed.
 * A list that fails to load hides its menu: there is nothing real to offer.
 */
function useFilterLists(): { campaigns: CampaignDto[]; pillars: PillarDto[] } {
  const [campaigns, setCampaigns] = useState<CampaignDto[]>([]);
  const [pillars, setPillars] = useState<PillarDto[]>([]);
  useEffect(() => {
    let live = true;
    const loadCampaigns = () =>
      api.call('campaigns:list', {}).then(
        (list) => {
          if (!live) return;
          setCampaigns(list);
          const known = new Set(list.map((c) => c.id));
          const { campaignIds } = useCalendarStore.getState().filters;
          if (campaignIds.some((id) => !known.has(id))) setFilters({ campaignIds: campaignIds.filter((id) => known.has(id)) });
        },
        () => live && setCampaigns([]),
      );
    const loadPillars = () =>
      api.call('pillars:list', {}).then(
        (list) => {
          if (!live) return;
          setPillars(list);
          const known = new Set(list.map((p) => p.id));
          const { pillarIds } = useCalendarStore.getState().filters;
          if (pillarIds.some((id) => !known.has(id))) setFilters({ pillarIds: pillarIds.filter((id) => known.has(id)) });
        },
        () => live && setPillars([]),
      );
    void loadCampaigns();
    void loadPillars();
    const offCampaigns = api.subscribe('campaigns:changed', () => void loadCampaigns());
    const offLibrary = api.subscribe('library:changed', (e) => {
      if (e.kind === 'pillar') void loadPillars();
    });
    return () => {
      live = false;
      offCampaigns();
      offLibrary();
    };
  }, []);
  return { campaigns, pillars };
}

/**
 * Month, week or list; back, today, forward; and the filters. One row, calm; where the row is too
 * narrow the filters (with Drafts and ideas) move together to a second row, starting at its left.
 */
export function CalendarToolbar({ view, anchor, today }: { view: CalendarView; anchor: string; today: string }) {
  const filters = useCalendarStore((s) => s.filters);
  const { accounts } = useAccounts();
  const { campaigns, pillars } = useFilterLists();
  const step = (dir: 1 | -1) => goToCalendar(view, view === 'month' ? addMonths(startOfMonth(anchor), dir) : addDays(anchor, 7 * dir));

  const accountOptions: FilterOption[] = (accounts ?? []).map((a) => ({
    value: a.id,
    text: a.handle,
    label: (
      <>
        <PlatformMark platform={a.platform} compact />
        <span className="filter-handle">{a.handle}</span>
      </>
    ),
  }));
  const stateOptions: FilterOption[] = TARGET_STATES.map((s) => ({
    value: s,
    text: STATE_LABELS[s],
    label: (
      <span className="state-badge" data-state={s}>
        <StateIcon state={s} />
        {STATE_LABELS[s]}
      </span>
    ),
  }));

  const campaignOptions: FilterOption[] = campaigns.map((c) => ({ value: c.id, text: c.name, label: <span className="filter-handle">{c.name}</span> }));
  const pillarOptions: FilterOption[] = pillars.map((p) => ({
    value: p.id,
    text: p.name,
    label: (
      <>
        <span aria-hidden="true" style={{ width: 10, height: 10, borderRadius: '50%', flex: 'none', background: p.color }} />
        <span className="filter-handle">{p.name}</span>
      </>
    ),
  }));

  return (
    <div className="calendar-toolbar" role="toolbar" aria-label="Calendar">
      <div className="calendar-toolbar-start">
        <div className="view-switch" role="group" aria-label="View">
          {CALENDAR_VIEWS.map((v) => (
            <button key={v} type="button" className="view-switch-button" aria-pressed={view === v} data-testid={`calendar-view-${v}`} onClick={() => goToCalendar(v, anchor)}>
              {VIEW_LABELS[v]}
            </button>
          ))}
        </div>
        {view !== 'list' ? (
          <div className="period-nav">
            <button type="button" className="btn btn-icon" aria-label={`Previous ${view}`} data-testid="calendar-prev" onClick={() => step(-1)}>
              ‹
            </button>
            <button type="button" className="btn btn-small" data-testid="calendar-today" onClick={() => goToCalendar(view, today)}>
              Today
            </button>
            <button type="button" className="btn btn-icon" aria-label={`Next ${view}`} data-testid="calendar-next" onClick={() => step(1)}>
              ›
            </button>
            <h2 className="period-title" data-testid="calendar-period" aria-live="polite">
              {periodTitle(view, anchor)}
            </h2>
          </div>
        ) : null}
      </div>
      <div className="calendar-toolbar-end">
        <div className="calendar-filters">
          <FilterMenu
            label="Accounts"
            testId="filter-accounts"
            options={accountOptions}
            selected={filters.accountIds}
            onChange={(accountIds) => setFilters({ accountIds })}
            empty={
              <>
                No accounts connected yet. <a href="#/accounts">Connect one in Accounts</a>.
              </>
            }
          />
          {campaignOptions.length > 0 ? (
            <FilterMenu label="Campaign" testId="filter-campaigns" options={campaignOptions} selected={filters.campaignIds} onChange={(campaignIds) => setFilters({ campaignIds })} />
          ) : null}
          {pillarOptions.length > 0 ? (
            <FilterMenu label="Pillar" testId="filter-pillars" options={pillarOptions} selected={filters.pillarIds} onChange={(pillarIds) => setFilters({ pillarIds })} />
          ) : null}
          <FilterMenu label="State" testId="filter-states" options={stateOptions} selected={filters.states} onChange={(states) => setFilters({ states: states as TargetState[] })} />
          {filtersActive(filters) ? (
            <button type="button" className="btn btn-ghost btn-small" data-testid="filters-clear" onClick={clearFilters}>
              Clear filters
            </button>
          ) : null}
        </div>
        {view !== 'list' ? <SidebarToggle /> : null}
      </div>
    </div>
  );
}

/** The page's own action, in its heading: planning a month is not a way of looking at this one. */
export function PlanMonthButton() {
  return (
    <button type="button" className="btn btn-small" data-testid="calendar-plan-month" onClick={() => navigate('planner')}>
      Plan a month
    </button>
  );
}
