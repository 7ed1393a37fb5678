/**
 * What Loomcast calls engagement, in one place: the interactions a platform reports (likes or
 * reactions, replies or comments, reposts, quotes, shares, saves), and the rate over views —
 * or impressions where the platform counts those instead. A number the platform did not report
 * is absent (null), never 0; a rate without a reported, non-zero denominator is null.
 */
import type { Platform } from '../../../shared/domain/platforms';

export const METRIC_FIELDS = ['impressions', 'views', 'likes', 'replies', 'reposts', 'quotes', 'shares', 'saves', 'clicks', 'bookmarks'] as const;
export type MetricField = (typeof METRIC_FIELDS)[number];
/** One snapshot's numbers; null or absent: not reported. */
export type MetricValues = Partial<Record<MetricField, number | null>>;

export const ENGAGEMENT_FIELDS = ['likes', 'replies', 'reposts', 'quotes', 'shares', 'saves'] as const satisfies readonly MetricField[];

const reported = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** The sum of the interactions reported, and which ones it counts; null when none is reported. */
export function engagements(m: MetricValues): { value: number | null; counted: MetricField[] } {
  const counted = ENGAGEMENT_FIELDS.filter((f) => reported(m[f]));
  return { value: counted.length ? counted.reduce((n, f) => n + (m[f] as number), 0) : null, counted };
}

/** Views where reported, else impressions; null when neither is. */
export function reach(m: MetricValues): { value: number | null; field: 'views' | 'impressions' | null } {
  if (reported(m.views)) return { value: m.views, field: 'views' };
  if (reported(m.impressions)) return { value: m.impressions, field: 'impressions' };
  return { value: null, field: null };
}

/** Engagements over views (or impressions); null when either is unreported or there were no views. */
export function engagementRate(m: MetricValues): number | null {
  return engagementsAndRate(m).rate;
}

/** The engagements and the rate, each part worked out once (for thousands of copies at a time). */
export function engagementsAndRate(m: MetricValues): { engagements: number | null; rate: number | null } {
  const e = engagements(m).value;
  const r = reach(m).value;
  return { engagements: e, rate: e === null || r === null || r <= 0 ? null : e / r };
}

/**
 * Default engagement-rate target bands (fractions). LinkedIn, Instagram, YouTube and TikTok come
 * from the creator's plan; the others carry the source they were taken from. All are editable in
 * Analytics → Target rates.
 */
export const DEFAULT_TARGET_BANDS: Record<Platform, { low: number; high: number; source: string }> = {
  linkedin: { low: 0.03, high: 0.05, source: 'your plan' },
  instagram: { low: 0.06, high: 0.08, source: 'your plan' },
  youtube: { low: 0.04, high: 0.06, source: 'your plan' },
  tiktok: { low: 0.08, high: 0.12, source: 'your plan' },
  x: { low: 0.01, high: 0.03, source: 'Rival IQ 2025 social media benchmark (X median ~0.03 % per follower; per-impression rates of 1–3 % are typical)' },
  facebook: { low: 0.01, high: 0.03, source: 'Rival IQ 2025 social media benchmark, per-reach rates' },
  threads: { low: 0.03, high: 0.06, source: 'Buffer 2025 Threads engagement study, per-view rates' },
  pinterest: { low: 0.002, high: 0.01, source: 'Pinterest business benchmarks, engagements per impression' },
  bluesky: { low: 0, high: 0, source: 'Bluesky reports no views, so there is no rate to compare' },
  mastodon: { low: 0, high: 0, source: 'Mastodon reports no views, so there is no rate to compare' },
};
