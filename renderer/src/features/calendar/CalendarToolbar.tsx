import { STATE_LABELS, TARGET_STATES, type TargetState } from '../../../../shared/domain/states';
import { navigate } from '../../app/router';
import { PlatformMark } from '../../ui/PlatformMark';
import { useAccounts } from '../accounts/useAccounts';
import { clearFilters, filtersActive, setFilters, useCalendarStore } from './calendar.store';
import { CALENDAR_VIEWS, goToCalendar, VIEW_LABELS, type CalendarView } from './calendar-route';
import { FilterMenu, type FilterOption } from './FilterMenu';
import { addDays, addMonths, periodTitle, startOfMonth } from './grid';
import { StateIcon } from './PostChip';

/** Month, week or list; back, today, forward; and the filters. One row, calm. */
export function CalendarToolbar({ view, anchor, today }: { view: CalendarView; anchor: string; today: string }) {
  const filters = useCalendarStore((s) => s.filters);
  const { accounts } = useAccounts();
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

  return (
    <div className="calendar-toolbar" role="toolbar" aria-label="Calendar">
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
      <div className="calendar-filters">
        {/* Campaign and pillar menus join these when the library feature lists them. */}
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
        <FilterMenu label="State" testId="filter-states" options={stateOptions} selected={filters.states} onChange={(states) => setFilters({ states: states as TargetState[] })} />
        {filtersActive(filters) ? (
          <button type="button" className="btn btn-ghost btn-small" data-testid="filters-clear" onClick={clearFilters}>
            Clear filters
          </button>
        ) : null}
      </div>
      <button type="button" className="btn btn-small" data-testid="calendar-plan-month" onClick={() => navigate('planner')}>
        Plan a month
      </button>
    </div>
  );
}
