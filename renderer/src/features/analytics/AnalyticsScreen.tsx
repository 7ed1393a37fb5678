import { useEffect, useState } from 'react';
import type { AccountDto } from '../../../../shared/contract';
import { PLATFORM_NAMES, PLATFORMS, type Platform } from '../../../../shared/domain/platforms';
import { api } from '../../api/client';
import { useZone } from '../../data/useAppData';
import { useNow } from '../../data/useNow';
import { Page } from '../../ui/Page';
import { ProblemNote } from '../../ui/ProblemNote';
import { toProblem, type Problem } from '../../lib/errors';
import { setFilters, useAnalyticsStore, type AnalyticsTab } from './analytics.store';
import { BestTimesTab } from './BestTimesTab';
import { EmptyOverview } from './EmptyOverview';
import { OverviewTab } from './OverviewTab';
import { TargetBandsEditor } from './TargetBandsEditor';
import { exportCsv, filtersFor, useAnalytics } from './useAnalytics';
import { WhatWorksTab } from './WhatWorksTab';
import './analytics.css';

const PRESETS = [7, 30, 90, 365];
const LOADING: Record<AnalyticsTab, string> = {
  overview: 'Adding up the numbers…',
  'best-times': 'Working out the best times…',
  'what-works': 'Working out what works…',
};
const TABS: { tab: AnalyticsTab; label: string }[] = [
  { tab: 'overview', label: 'Overview' },
  { tab: 'best-times', label: 'Best times' },
  { tab: 'what-works', label: 'What works' },
];

interface Options {
  accounts: AccountDto[];
  campaigns: { id: string; name: string }[];
  pillars: { id: string; name: string }[];
}

function useOptions(): Options {
  const [o, setO] = useState<Options>({ accounts: [], campaigns: [], pillars: [] });
  useEffect(() => {
    void Promise.all([api.call('accounts:list', {}), api.call('campaigns:list', {}), api.call('pillars:list', {})]).then(
      ([accounts, campaigns, pillars]) => setO({ accounts, campaigns, pillars }),
      () => undefined,
    );
  }, []);
  return o;
}

function Filters({ zone, nowMs, options }: { zone: string; nowMs: number; options: Options }) {
  const f = useAnalyticsStore((s) => s.filters);
  const range = filtersFor(f, zone, nowMs);
  return (
    <div className="analytics-filters" role="group" aria-label="Range and filters" data-testid="analytics-filters">
      <label className="field">
        <span className="field-label">Range</span>
        <select data-testid="analytics-preset" value={f.preset ?? 'custom'} onChange={(e) => setFilters(e.target.value === 'custom' ? { preset: null, ...range } : { preset: Number(e.target.value) })}>
          {PRESETS.map((d) => (
            <option key={d} value={d}>
              Last {d} days
            </option>
          ))}
          <option value="custom">Custom dates</option>
        </select>
      </label>
      <label className="field">
        <span className="field-label">From</span>
        <input type="date" data-testid="analytics-from" value={range.from} max={range.to} onChange={(e) => e.target.value && setFilters({ preset: null, from: e.target.value, to: range.to })} />
      </label>
      <label className="field">
        <span className="field-label">To</span>
        <input type="date" data-testid="analytics-to" value={range.to} min={range.from} onChange={(e) => e.target.value && setFilters({ preset: null, from: range.from, to: e.target.value })} />
      </label>
      <label className="field">
        <span className="field-label">Account</span>
        <select data-testid="analytics-account" value={f.accountId} onChange={(e) => setFilters({ accountId: e.target.value })}>
          <option value="">All accounts</option>
          {options.accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.handle} ({PLATFORM_NAMES[a.platform]})
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Platform</span>
        <select data-testid="analytics-platform" value={f.platform} onChange={(e) => setFilters({ platform: e.target.value as Platform | '' })}>
          <option value="">All platforms</option>
          {PLATFORMS.map((p) => (
            <option key={p} value={p}>
              {PLATFORM_NAMES[p]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Campaign</span>
        <select data-testid="analytics-campaign" value={f.campaignId} onChange={(e) => setFilters({ campaignId: e.target.value })}>
          <option value="">Any campaign</option>
          {options.campaigns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Pillar</span>
        <select data-testid="analytics-pillar" value={f.pillarId} onChange={(e) => setFilters({ pillarId: e.target.value })}>
          <option value="">Any pillar</option>
          {options.pillars.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

export function AnalyticsScreen() {
  const zone = useZone();
  const nowMs = useNow();
  const options = useOptions();
  const s = useAnalyticsStore();
  useAnalytics(zone, nowMs);
  const [exportProblem, setExportProblem] = useState<Problem | null>(null);
  const loaded = s.tab === 'overview' ? s.overview : s.tab === 'best-times' ? s.bestTimes : s.whatWorks;
  const actions = (
    <>
      <button type="button" className="btn" data-testid="analytics-bands-open" onClick={() => useAnalyticsStore.setState({ bandsOpen: !s.bandsOpen })} aria-expanded={s.bandsOpen}>
        Target rates
      </button>
      <button type="button" className="btn" data-testid="analytics-export" onClick={() => (setExportProblem(null), void exportCsv(zone, nowMs).catch((e: unknown) => setExportProblem(toProblem(e))))}>
        Export CSV
      </button>
    </>
  );
  return (
    <Page title="Analytics" note={`Posts published in the range, dates in ${zone}. Numbers a platform does not report say "not reported", never 0.`} actions={actions} testId="analytics-screen">
      {exportProblem ? <ProblemNote problem={exportProblem} testId="analytics-export-problem" /> : null}
      {s.bandsOpen ? <TargetBandsEditor onClose={() => useAnalyticsStore.setState({ bandsOpen: false })} /> : null}
      <Filters zone={zone} nowMs={nowMs} options={options} />
      <div className="analytics-tabs" role="tablist" aria-label="Analytics views">
        {TABS.map((t) => (
          <button
            key={t.tab}
            type="button"
            role="tab"
            id={`analytics-tab-${t.tab}`}
            aria-selected={s.tab === t.tab}
            aria-controls="analytics-panel"
            data-testid={`analytics-tab-${t.tab}`}
            className={s.tab === t.tab ? 'active' : ''}
            onClick={() => useAnalyticsStore.setState({ tab: t.tab })}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div id="analytics-panel" role="tabpanel" aria-labelledby={`analytics-tab-${s.tab}`} aria-busy={s.loading}>
        {s.problem ? <ProblemNote problem={s.problem} testId="analytics-problem" /> : null}
        {/* The first look at a tab can take a second (what works bootstraps its intervals): say so instead of a blank panel. */}
        {s.loading && !s.problem && !loaded ? (
          <p className="analytics-muted" role="status" data-testid="analytics-loading">
            {LOADING[s.tab]}
          </p>
        ) : null}
        {/* No post in the range: the cards would only say "not reported"; say how numbers come instead. */}
        {s.tab === 'overview' && s.overview ? s.overview.headline.current.posts === 0 ? <EmptyOverview zone={zone} nowMs={nowMs} /> : <OverviewTab o={s.overview} zone={zone} /> : null}
        {s.tab === 'best-times' && s.bestTimes ? <BestTimesTab b={s.bestTimes} accountId={s.filters.accountId} zone={zone} nowMs={nowMs} /> : null}
        {s.tab === 'what-works' && s.whatWorks ? <WhatWorksTab w={s.whatWorks} zone={zone} nowMs={nowMs} /> : null}
      </div>
    </Page>
  );
}
