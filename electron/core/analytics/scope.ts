/**
 * Which posts a question is about: the published copies whose publish time falls in a range of
 * dates in the creator's zone, narrowed by account, platform, campaign and pillar. Shared by the
 * overview, best times, what works and the CSV export, so they always agree on "the posts".
 */
import { DateTime } from 'luxon';
import { startOfDay } from '../../../shared/domain/time';
import type { Platform } from '../../../shared/domain/platforms';
import { ENGAGEMENT_FIELDS } from './engagement';
import { localDay } from './local-day';

export interface AnalyticsFilters {
  /** First and last day (YYYY-MM-DD), both included, in `zone`. */
  from: string;
  to: string;
  accountId?: string | undefined;
  platform?: Platform | undefined;
  campaignId?: string | undefined;
  pillarId?: string | undefined;
}

export interface ResolvedRange {
  from: string;
  to: string;
  zone: string;
  /** [start, end) in epoch ms. */
  start: number;
  end: number;
  days: number;
}

export function resolveRange(from: string, to: string, zone: string): ResolvedRange {
  // Calendar dates counted as dates; each day's bounds at its first instant (startOfDay: not
  // luxon's startOf('day'), an hour late where clocks go back over midnight).
  const a = DateTime.fromISO(from, { zone: 'UTC' });
  const b = DateTime.fromISO(to, { zone: 'UTC' });
  const start = a.isValid ? startOfDay(a.toISODate()!, zone) : null;
  const end = b.isValid ? startOfDay(b.plus({ days: 1 }).toISODate()!, zone) : null;
  if (start === null || end === null) throw new Error(`Not a date range: ${from} – ${to}`);
  const days = Math.round(b.diff(a, 'days').days) + 1;
  return { from, to, zone, start, end, days };
}

/** The period of equal length that ends the day before `r` starts. */
export function previousRange(r: ResolvedRange): ResolvedRange {
  const first = DateTime.fromISO(r.from, { zone: r.zone }).minus({ days: r.days });
  const last = DateTime.fromISO(r.from, { zone: r.zone }).minus({ days: 1 });
  return resolveRange(first.toISODate()!, last.toISODate()!, r.zone);
}

/** The range's first and last day as the daily rollups number them (the creator's days in its zone). */
export const rangeDays = (r: ResolvedRange): { startDay: number; endDay: number } => ({
  startDay: localDay(r.start, r.zone),
  endDay: localDay(r.end - 1, r.zone),
});

/** The filters on the copy itself (account, platform), over targets `t`. */
export const TARGET_FILTER_SQL = `(@accountId IS NULL OR t.account_id = @accountId)
  AND (@platform IS NULL OR t.platform = @platform)`;
/** The filters on the post (campaign, pillar), over posts `p`. */
export const POST_FILTER_SQL = `(@campaignId IS NULL OR p.campaign_id = @campaignId)
  AND (@pillarId IS NULL OR p.pillar_id = @pillarId)`;
/** The filter clauses other than dates, over targets `t` joined to posts `p`. */
export const FILTER_SQL = `${TARGET_FILTER_SQL}
  AND ${POST_FILTER_SQL}`;

/**
 * The posts a campaign or pillar narrows to (at least one of them given), each found through its
 * partial index (posts_campaign, or posts_pillar without a campaign), as rows of `id`: a read
 * narrowed by them can start from these posts instead of every copy of its range (narrowed-read.ts).
 */
export const FILTERED_POSTS_SQL = `SELECT id FROM posts WHERE campaign_id = @campaignId AND (@pillarId IS NULL OR pillar_id = @pillarId)
  UNION ALL SELECT id FROM posts WHERE @campaignId IS NULL AND pillar_id = @pillarId`;

/** Published copies in [@start, @end) matching the filters. */
export const SCOPE_SQL = `t.state = 'published' AND t.published_at >= @start AND t.published_at < @end AND ${FILTER_SQL}`;

export function filterParams(f: AnalyticsFilters): Record<string, string | null> {
  return { accountId: f.accountId ?? null, platform: f.platform ?? null, campaignId: f.campaignId ?? null, pillarId: f.pillarId ?? null };
}

/** Engagements of a row of metric fields under alias `m`: the sum of those reported, NULL when none is. */
export const engagementSql = (m: string): string => {
  const f = ENGAGEMENT_FIELDS;
  return `(CASE WHEN ${f.map((x) => `${m}.${x} IS NULL`).join(' AND ')} THEN NULL ELSE ${f.map((x) => `coalesce(${m}.${x}, 0)`).join(' + ')} END)`;
};
/** Views, or impressions where views are not reported (as engagement.ts's reach()). */
export const reachSql = (m: string): string => `coalesce(${m}.views, ${m}.impressions)`;
