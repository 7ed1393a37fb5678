import { useEffect } from 'react';
import { DateTime } from 'luxon';
import type { AnalyticsFiltersDto } from '../../../../shared/contract/features/analytics';
import { api } from '../../api/client';
import { toProblem } from '../../lib/errors';
import { useAnalyticsStore, type AnalyticsFiltersState } from './analytics.store';
import { downloadText } from '../../lib/download';

/** The dates a preset covers: the last `days` days, today included, in the creator's zone. */
export function presetRange(days: number, zone: string, nowMs: number): { from: string; to: string } {
  const today = DateTime.fromMillis(nowMs, { zone });
  return { from: today.minus({ days: days - 1 }).toISODate()!, to: today.toISODate()! };
}

export function filtersFor(f: AnalyticsFiltersState, zone: string, nowMs: number): AnalyticsFiltersDto {
  const range = f.preset !== null || !f.from || !f.to ? presetRange(f.preset ?? 30, zone, nowMs) : { from: f.from, to: f.to };
  return {
    ...range,
    ...(f.accountId ? { accountId: f.accountId } : {}),
    ...(f.platform ? { platform: f.platform } : {}),
    ...(f.campaignId ? { campaignId: f.campaignId } : {}),
    ...(f.pillarId ? { pillarId: f.pillarId } : {}),
  };
}

let latest = 0;

/** Loads what the open tab shows; called again whenever the filters, the sort or the numbers change. */
export async function refreshAnalytics(zone: string, nowMs: number): Promise<void> {
  const ticket = ++latest;
  const s = useAnalyticsStore.getState();
  const filters = filtersFor(s.filters, zone, nowMs);
  useAnalyticsStore.setState({ loading: true });
  try {
    if (s.tab === 'overview') {
      const overview = await api.call('analytics:overview', { ...filters, sort: s.sort });
      if (ticket === latest) useAnalyticsStore.setState({ overview, problem: null });
    } else if (s.tab === 'best-times') {
      const own = s.filters.accountId ? (await api.call('queue:slots', { accountId: s.filters.accountId })).zone : undefined;
      const bestTimes = await api.call('analytics:bestTimes', { ...filters, ...(own ? { zone: own } : {}) });
      if (ticket === latest) useAnalyticsStore.setState({ bestTimes, problem: null });
    } else {
      const whatWorks = await api.call('analytics:whatWorks', filters);
      if (ticket === latest) useAnalyticsStore.setState({ whatWorks, problem: null });
    }
  } catch (err) {
    if (ticket === latest) useAnalyticsStore.setState({ problem: toProblem(err) });
  } finally {
    if (ticket === latest) useAnalyticsStore.setState({ loading: false });
  }
}

/** Reloads on any change of what is asked, and when new numbers come in. */
export function useAnalytics(zone: string, nowMs: number): void {
  const tab = useAnalyticsStore((s) => s.tab);
  const filters = useAnalyticsStore((s) => s.filters);
  const sort = useAnalyticsStore((s) => s.sort);
  const day = DateTime.fromMillis(nowMs, { zone }).toISODate();
  useEffect(() => {
    void refreshAnalytics(zone, nowMs);
    // nowMs moves every 30 s; only a new day changes the range.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tab, filters, sort, zone, day]);
  useEffect(() => {
    const off = [
      api.subscribe('metrics:updated', () => void refreshAnalytics(zone, Date.now())),
      api.subscribe('analytics:bandsChanged', () => void refreshAnalytics(zone, Date.now())),
    ];
    return () => off.forEach((f) => f());
  }, [zone]);
}

/** Downloads the range's snapshots as a CSV file. */
export async function exportCsv(zone: string, nowMs: number): Promise<void> {
  const out = await api.call('analytics:exportCsv', filtersFor(useAnalyticsStore.getState().filters, zone, nowMs));
  downloadText(out.csv, 'text/csv', out.filename);
}
