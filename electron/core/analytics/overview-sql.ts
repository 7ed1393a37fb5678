/**
 * The overview's statements, aggregated in SQL so a year of ten accounts stays fast: totals and
 * per-platform totals over each copy's newest numbers, the top and bottom copies by a key with a
 * LIMIT, and the series per day from the per-account daily rollup (falling back to each copy's
 * days when a campaign or pillar narrows the copies, which that rollup does not know).
 */
import type { Db } from '../store/open';
import { METRIC_FIELDS } from './engagement';
import { engagementSql, FILTER_SQL, reachSql, SCOPE_SQL } from './scope';

export type SortKey = 'views' | 'engagements' | 'rate';

/** Each copy in scope with its newest numbers: r = views (or impressions), e = engagements. */
const COPIES = `SELECT t.id, t.post_id, t.platform, a.handle AS account, t.published_at, t.platform_url AS url, m.at,
    ${reachSql('m')} AS r, ${engagementSql('m')} AS e, ${METRIC_FIELDS.map((f) => `m.${f}`).join(', ')}
  FROM targets t JOIN posts p ON p.id = t.post_id LEFT JOIN accounts a ON a.id = t.account_id LEFT JOIN metric_latest m ON m.target_id = t.id
  WHERE ${SCOPE_SQL}`;

const TOTALS = `count(*) AS posts, sum(r) AS views, count(r) AS viewsReported, sum(e) AS engagements, count(e) AS engagementsReported,
  sum(CASE WHEN r > 0 AND e IS NOT NULL THEN e END) AS re, sum(CASE WHEN r > 0 AND e IS NOT NULL THEN r END) AS rr,
  count(CASE WHEN r > 0 AND e IS NOT NULL THEN 1 END) AS rateReported, max(at) AS newest`;

const KEYS: Record<SortKey, string> = { views: 'r', engagements: 'e', rate: '(CASE WHEN r > 0 AND e IS NOT NULL THEN e * 1.0 / r END)' };

export interface TotalsRow {
  posts: number;
  views: number | null;
  viewsReported: number;
  engagements: number | null;
  engagementsReported: number;
  re: number | null;
  rr: number | null;
  rateReported: number;
  newest: number | null;
}

export interface CopySqlRow {
  id: string;
  post_id: string;
  platform: string;
  account: string | null;
  published_at: number;
  url: string | null;
  at: number | null;
  r: number | null;
  e: number | null;
  [field: string]: unknown;
}

/** How many copies of a scope have the key's number: the count TOTALS keeps for it. */
export const rankedBy = (t: TotalsRow, key: SortKey): number => (key === 'views' ? t.viewsReported : key === 'engagements' ? t.engagementsReported : t.rateReported);

const sumOrNull = (xs: (number | null)[]): number | null => (xs.some((x) => x !== null) ? xs.reduce<number>((a, x) => a + (x ?? 0), 0) : null);

/**
 * The scope's totals from its per-platform totals: every figure of TOTALS is a sum, a count or a
 * maximum, so the platforms add up to the whole (SQL's sum() of nothing is NULL, and so is this).
 */
export function totalsOf(rows: readonly TotalsRow[]): TotalsRow {
  const newest = rows.map((r) => r.newest).filter((x): x is number => x !== null);
  return {
    posts: rows.reduce((a, r) => a + r.posts, 0),
    views: sumOrNull(rows.map((r) => r.views)),
    viewsReported: rows.reduce((a, r) => a + r.viewsReported, 0),
    engagements: sumOrNull(rows.map((r) => r.engagements)),
    engagementsReported: rows.reduce((a, r) => a + r.engagementsReported, 0),
    re: sumOrNull(rows.map((r) => r.re)),
    rr: sumOrNull(rows.map((r) => r.rr)),
    rateReported: rows.reduce((a, r) => a + r.rateReported, 0),
    newest: newest.length > 0 ? Math.max(...newest) : null,
  };
}

export function createOverviewSql(db: Db) {
  const ranked = (key: SortKey, dir: 'DESC' | 'ASC') =>
    db.prepare(`SELECT * FROM (${COPIES}) WHERE ${KEYS[key]} IS NOT NULL ORDER BY ${KEYS[key]} ${dir}, published_at ${dir} LIMIT @limit`);
  const by = <T>(make: (k: SortKey) => T): Record<SortKey, T> => ({ views: make('views'), engagements: make('engagements'), rate: make('rate') });
  const s = {
    totals: db.prepare(`SELECT ${TOTALS} FROM (${COPIES})`),
    // With when each platform was last asked for the scope's numbers (metric_checks, by copy).
    byPlatform: db.prepare(`SELECT platform, ${TOTALS}, max(checked) AS checked
      FROM (SELECT x.*, (SELECT c.checked_at FROM metric_checks c WHERE c.target_id = x.id) AS checked FROM (${COPIES}) x) GROUP BY platform`),
    top: by((k) => ranked(k, 'DESC')),
    lowest: by((k) => ranked(k, 'ASC')),
    unranked: by((k) => db.prepare(`SELECT * FROM (${COPIES}) WHERE ${KEYS[k]} IS NULL ORDER BY published_at DESC LIMIT @limit`)),
    seriesAccounts: db.prepare(`SELECT day, CASE WHEN sum(reach_n) > 0 THEN sum(reach) END AS views, CASE WHEN sum(eng_n) > 0 THEN sum(eng) END AS eng,
        sum(rate_e) AS re, sum(rate_r) AS rr
      FROM metric_account_daily
      WHERE day BETWEEN @startDay AND @endDay AND (@accountId IS NULL OR account_id = @accountId) AND (@platform IS NULL OR platform = @platform)
      GROUP BY day`),
    // What came in each day over every copy matching the filters, for filters the per-account
    // rollup can't answer (campaign, pillar): each copy's day minus the last day before it that
    // reported the number (by the primary key, only where this day reports it). A day that does
    // not report a number adds nothing, and the next that does adds only what it gained since
    // the last that did: a gap neither drops to 0 nor counts the whole total again (as rollups.ts).
    // `inc` is MATERIALIZED so each look-up runs once per copy and day, not once per use below.
    seriesCopies: db.prepare(`WITH d AS (
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
      FROM inc GROUP BY day ORDER BY day`),
  };

  return {
    totals: (p: Record<string, unknown>) => s.totals.get(p) as TotalsRow,
    byPlatform: (p: Record<string, unknown>) => s.byPlatform.all(p) as (TotalsRow & { platform: string; checked: number | null })[],
    /**
     * The best `limit` copies by `key`, and the bottom: the lowest ranked ones not already in the
     * top (lowest first), then those without the number (newest first), `limit` in all. `totals`
     * are the scope's own: how many copies have the key is one of them (rankedBy).
     */
    rank(p: Record<string, unknown>, key: SortKey, limit: number, totals: TotalsRow): { top: CopySqlRow[]; bottom: CopySqlRow[] } {
      const top = s.top[key].all({ ...p, limit }) as CopySqlRow[];
      const n = rankedBy(totals, key);
      const low = (s.lowest[key].all({ ...p, limit: Math.min(limit, Math.max(0, n - limit)) }) as CopySqlRow[]);
      const rest = low.length < limit ? (s.unranked[key].all({ ...p, limit: limit - low.length }) as CopySqlRow[]) : [];
      return { top, bottom: [...low, ...rest] };
    },
    series(p: Record<string, unknown>, narrowed: boolean) {
      return (narrowed ? s.seriesCopies : s.seriesAccounts).all(p) as { day: number; views: number | null; eng: number | null; re: number | null; rr: number | null }[];
    },
  };
}
