import { create } from 'zustand';
import type { BestTimesDto, OverviewDto, SortKey, WhatWorksDto } from '../../../../shared/contract/features/analytics';
import type { Platform } from '../../../../shared/domain/platforms';
import type { Problem } from '../../lib/errors';

export type AnalyticsTab = 'overview' | 'best-times' | 'what-works';

export interface AnalyticsFiltersState {
  from: string | null;
  to: string | null;
  /** Preset length in days, or null for a custom range. */
  preset: number | null;
  accountId: string;
  platform: Platform | '';
  campaignId: string;
  pillarId: string;
}

interface AnalyticsState {
  tab: AnalyticsTab;
  filters: AnalyticsFiltersState;
  sort: SortKey;
  overview: OverviewDto | null;
  bestTimes: BestTimesDto | null;
  whatWorks: WhatWorksDto | null;
  /** The post copy whose growth curve is shown. */
  selected: string | null;
  problem: Problem | null;
  loading: boolean;
  bandsOpen: boolean;
  /** Target rates typed and not saved, by platform: they outlive closing the editor (Escape, Close) until saved or reset. */
  bandsDraft: Record<string, { low: string; high: string }>;
}

export const useAnalyticsStore = create<AnalyticsState>(() => ({
  tab: 'overview',
  filters: { from: null, to: null, preset: 30, accountId: '', platform: '', campaignId: '', pillarId: '' },
  sort: 'views',
  overview: null,
  bestTimes: null,
  whatWorks: null,
  selected: null,
  problem: null,
  loading: false,
  bandsOpen: false,
  bandsDraft: {},
}));

export function setFilters(patch: Partial<AnalyticsFiltersState>): void {
  useAnalyticsStore.setState((s) => ({ filters: { ...s.filters, ...patch } }));
}
