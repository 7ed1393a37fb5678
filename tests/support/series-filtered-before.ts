/**
 * The overview's series per day for a campaign or pillar as it was read before it was driven from
 * the filter's posts (commit 81a6979, electron/core/analytics/overview-sql.ts): every copy's daily
 * rows of the range, by day, each joined to its copy and post and then filtered. Kept as the
 * reference the posts-driven statement must agree with (analytics-overview-filtered.test.ts).
 */
import type { Db } from '../../electron/core/store/open';
import { engagementSql, FILTER_SQL, reachSql } from '../../electron/core/analytics/scope';

export const SERIES_FILTERED_BEFORE_SQL = `WITH d AS (
    SELECT md.target_id, md.day, ${reachSql('md')} AS r, ${engagementSql('md')} AS e
    FROM metric_daily md JOIN targets t ON t.id = md.target_id JOIN posts p ON p.id = t.post_id
    WHERE md.day BETWEEN @startDay AND @endDay AND ${FILTER_SQL}),
  inc AS MATERIALIZED (SELECT day,
      CASE WHEN r IS NOT NULL THEN r - coalesce((SELECT ${reachSql('x')} FROM metric_daily x
        WHERE x.target_id = d.target_id AND x.day < d.day AND ${reachSql('x')} IS NOT NULL ORDER BY x.day DESC LIMIT 1), 0) END AS dr,
      CASE WHEN e IS NOT NULL THEN e - coalesce((SELECT ${engagementSql('x')} FROM metric_daily x
        WHERE x.target_id = d.target_id AND x.day < d.day AND ${engagementSql('x')} IS NOT NULL ORDER BY x.day DESC LIMIT 1), 0) END AS de
    FROM d)
  SELECT day, sum(dr) AS views, sum(de) AS eng,
    sum(CASE WHEN dr > 0 AND de IS NOT NULL THEN de END) AS re, sum(CASE WHEN dr > 0 AND de IS NOT NULL THEN dr END) AS rr
  FROM inc GROUP BY day ORDER BY day`;

export type SeriesRow = { day: number; views: number | null; eng: number | null; re: number | null; rr: number | null };

export function createSeriesFilteredBefore(db: Db) {
  const s = db.prepare(SERIES_FILTERED_BEFORE_SQL);
  return (p: Record<string, unknown>) => s.all(p) as SeriesRow[];
}
