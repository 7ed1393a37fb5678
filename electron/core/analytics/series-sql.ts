/**
 * The overview's series per day: what came in each of the range's days. Unnarrowed (or narrowed
 * by account or platform) it is the per-account daily rollup's rows of the range. A campaign or
 * pillar that rollup does not know: the series is then worked out from the daily rows of the
 * filter's copies, found from its posts (FILTERED_POSTS_SQL, through posts_campaign or
 * posts_pillar), each post's copies by post and each copy's days of the range by primary key,
 * unless the range's days are fewer than the filter's posts (narrowed-read.ts). At 100,000 posts
 * reading every copy's days of a year and dropping those of other posts took seconds under load,
 * whatever the campaign.
 */
import type { Db } from '../store/open';
import type { NarrowedRead } from './narrowed-read';
import { engagementSql, FILTER_SQL, FILTERED_POSTS_SQL, reachSql, TARGET_FILTER_SQL } from './scope';

export const SERIES_ACCOUNTS_SQL = `SELECT day, CASE WHEN sum(reach_n) > 0 THEN sum(reach) END AS views, CASE WHEN sum(eng_n) > 0 THEN sum(eng) END AS eng,
    sum(rate_e) AS re, sum(rate_r) AS rr
  FROM metric_account_daily
  WHERE day BETWEEN @startDay AND @endDay AND (@accountId IS NULL OR account_id = @accountId) AND (@platform IS NULL OR platform = @platform)
  GROUP BY day`;

/**
 * What came in each day over the copies of a campaign or pillar (and account, platform): each
 * copy's day minus the last day before it that reported the number (by the primary key, only
 * where this day reports it). A day that does not report a number adds nothing, and the next that
 * does adds only what it gained since the last that did: a gap neither drops to 0 nor counts the
 * whole total again (as rollups.ts). `inc` is MATERIALIZED so each look-up runs once per copy and
 * day, not once per use below. The days `d` (target_id, day, r, e) are read one of two ways
 * (narrowed-read.ts).
 */
const seriesOf = (days: string): string => `WITH ${days},
  inc AS MATERIALIZED (SELECT day,
      CASE WHEN r IS NOT NULL THEN r - coalesce((SELECT ${reachSql('x')} FROM metric_daily x
        WHERE x.target_id = d.target_id AND x.day < d.day AND ${reachSql('x')} IS NOT NULL ORDER BY x.day DESC LIMIT 1), 0) END AS dr,
      CASE WHEN e IS NOT NULL THEN e - coalesce((SELECT ${engagementSql('x')} FROM metric_daily x
        WHERE x.target_id = d.target_id AND x.day < d.day AND ${engagementSql('x')} IS NOT NULL ORDER BY x.day DESC LIMIT 1), 0) END AS de
    FROM d)
  SELECT day, sum(dr) AS views, sum(de) AS eng,
    sum(CASE WHEN dr > 0 AND de IS NOT NULL THEN de END) AS re, sum(CASE WHEN dr > 0 AND de IS NOT NULL THEN dr END) AS rr
  FROM inc GROUP BY day ORDER BY day`;

const DAY_NUMBERS = `md.target_id, md.day, ${reachSql('md')} AS r, ${engagementSql('md')} AS e`;

/**
 * From the filter's posts: their copies by post, each copy's days of the range by primary key. The
 * CROSS JOINs keep the order posts → copies → days (no statistics would tell the planner the
 * filter's posts are few). Exported for the plan test.
 */
export const SERIES_FROM_POSTS_SQL = seriesOf(`fp AS (${FILTERED_POSTS_SQL}),
  d AS (SELECT ${DAY_NUMBERS}
    FROM fp CROSS JOIN targets t CROSS JOIN metric_daily md
    WHERE t.post_id = fp.id AND md.target_id = t.id AND md.day BETWEEN @startDay AND @endDay AND ${TARGET_FILTER_SQL})`);

/** From the range: every copy's days of the range (metric_daily_day), each with its copy and post. Exported for the plan test. */
export const SERIES_FROM_RANGE_SQL = seriesOf(`d AS (SELECT ${DAY_NUMBERS}
    FROM metric_daily md JOIN targets t ON t.id = md.target_id JOIN posts p ON p.id = t.post_id
    WHERE md.day BETWEEN @startDay AND @endDay AND ${FILTER_SQL})`);

export interface SeriesRow {
  day: number;
  views: number | null;
  eng: number | null;
  re: number | null;
  rr: number | null;
}

export function createSeriesSql(db: Db, readOf: (p: Record<string, unknown>) => NarrowedRead) {
  const s = { accounts: db.prepare(SERIES_ACCOUNTS_SQL), posts: db.prepare(SERIES_FROM_POSTS_SQL), range: db.prepare(SERIES_FROM_RANGE_SQL) };
  /** The series of a range (@startDay..@endDay), from the filter's copies when `narrowed` (a campaign or pillar). */
  return (p: Record<string, unknown>, narrowed: boolean) => (narrowed ? s[readOf(p)] : s.accounts).all(p) as SeriesRow[];
}
