/**
 * The overview's statements, aggregated in SQL so a year of ten accounts stays fast. The range's
 * copies are read once (overviewSql): each with its newest numbers and when it was last asked
 * for them, kept for the statement (MATERIALIZED), and from those the per-platform totals, the top
 * and bottom copies by a key and the copies without it, each with a LIMIT; only the copies shown
 * are then read whole, by rowid. At 100,000 posts a year is ~25,000 copies, and each read of them
 * was most of the overview's time (it read them four times). Posts are joined only when a campaign
 * or pillar narrows the copies. The previous period's totals are one more read, of its own range.
 * The series per day comes from the per-account daily rollup (falling back to each copy's days
 * when a campaign or pillar narrows the copies, which that rollup does not know).
 */
import type { Db } from '../store/open';
import { METRIC_FIELDS } from './engagement';
import { engagementSql, FILTER_SQL, POST_FILTER_SQL, reachSql, TARGET_FILTER_SQL } from './scope';

export type SortKey = 'views' | 'engagements' | 'rate';

/** The range's published copies matching the filters, over targets `t` (and posts `p` when `posts`). */
const scopeSql = (posts: boolean): string =>
  `t.state = 'published' AND t.published_at >= @start AND t.published_at < @end AND ${TARGET_FILTER_SQL}${posts ? `\n  AND ${POST_FILTER_SQL}` : ''}`;

/** Each copy in scope, narrow: its rowid, platform, publish time and newest numbers (r = views or impressions, e = engagements). */
const narrowCopies = (posts: boolean, checked: boolean): string => `SELECT t.rowid AS rid, t.platform, t.published_at, m.at,
    ${reachSql('m')} AS r, ${engagementSql('m')} AS e${checked ? ', k.checked_at AS checked' : ''}
  FROM targets t ${posts ? 'JOIN posts p ON p.id = t.post_id ' : ''}LEFT JOIN metric_latest m ON m.target_id = t.id${checked ? ' LEFT JOIN metric_checks k ON k.target_id = t.id' : ''}
  WHERE ${scopeSql(posts)}`;

const TOTALS = `count(*) AS posts, sum(r) AS views, count(r) AS viewsReported, sum(e) AS engagements, count(e) AS engagementsReported,
  sum(CASE WHEN r > 0 AND e IS NOT NULL THEN e END) AS re, sum(CASE WHEN r > 0 AND e IS NOT NULL THEN r END) AS rr,
  count(CASE WHEN r > 0 AND e IS NOT NULL THEN 1 END) AS rateReported, max(at) AS newest`;

const KEYS: Record<SortKey, string> = { views: 'r', engagements: 'e', rate: '(CASE WHEN r > 0 AND e IS NOT NULL THEN e * 1.0 / r END)' };
const TOTALS_COLUMNS = 9;

/**
 * The range's per-platform totals (part 0, with when the platform was last asked for the copies'
 * numbers, metric_checks) and, by `key`, the rowids of the best :limit copies (part 1), the lowest
 * ranked ones not among them, lowest first (part 2), then those without the number, newest first
 * (part 3), :limit in parts 2 and 3 together: all from one read of the copies. Ties go as the
 * separate reads before it left them: on the number and publish time the earlier row first, and
 * among those without the number the later row first (down targets_published). Exported for the
 * plan test.
 */
export const overviewSql = (key: SortKey, posts: boolean): string => {
  const k = KEYS[key];
  const blanks = (n: number) => Array.from({ length: n }, () => 'NULL').join(', ');
  const ranked = (part: number, where: string, order: string, limit: string) =>
    `SELECT ${part}, ${blanks(TOTALS_COLUMNS + 2)}, rid FROM (SELECT rid FROM c WHERE ${where} ORDER BY ${order} LIMIT ${limit})`;
  return `WITH c AS MATERIALIZED (${narrowCopies(posts, true)}),
    n AS (SELECT min(@limit, max(0, count(${k}) - @limit)) AS low FROM c)
  SELECT 0 AS part, platform, ${TOTALS}, max(checked) AS checked, NULL AS rid FROM c GROUP BY platform
  UNION ALL ${ranked(1, `${k} IS NOT NULL`, `${k} DESC, published_at DESC, rid`, '@limit')}
  UNION ALL ${ranked(2, `${k} IS NOT NULL`, `${k}, published_at, rid`, '(SELECT low FROM n)')}
  UNION ALL ${ranked(3, `${k} IS NULL`, 'published_at DESC, rid DESC', '@limit - (SELECT low FROM n)')}`;
};

/** Copies by rowid (a JSON array), whole, in the array's order. */
const COPIES_BY_ROWID = `SELECT t.id, t.post_id, t.platform, a.handle AS account, t.published_at, t.platform_url AS url, m.at,
    ${reachSql('m')} AS r, ${engagementSql('m')} AS e, ${METRIC_FIELDS.map((f) => `m.${f}`).join(', ')}
  FROM json_each(@rids) j JOIN targets t ON t.rowid = j.value LEFT JOIN accounts a ON a.id = t.account_id LEFT JOIN metric_latest m ON m.target_id = t.id
  ORDER BY j.key`;

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

export type PlatformTotalsRow = TotalsRow & { platform: string; checked: number | null };

type OverviewRow = PlatformTotalsRow & { part: 0 | 1 | 2 | 3; rid: number | null };

export function createOverviewSql(db: Db) {
  const both = (make: (posts: boolean) => string) => ({ copies: db.prepare(make(false)), posts: db.prepare(make(true)) });
  const byKey = { views: both((p) => overviewSql('views', p)), engagements: both((p) => overviewSql('engagements', p)), rate: both((p) => overviewSql('rate', p)) };
  const s = {
    totals: both((p) => `SELECT ${TOTALS} FROM (${narrowCopies(p, false)})`),
    byRowid: db.prepare(COPIES_BY_ROWID),
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
  const copiesOf = (rows: OverviewRow[], ...parts: number[]) =>
    s.byRowid.all({ rids: JSON.stringify(parts.flatMap((part) => rows.filter((r) => r.part === part).map((r) => r.rid))) }) as CopySqlRow[];

  return {
    /** The range's totals only (the previous period's), posts joined when `narrowed` (a campaign or pillar). */
    totals: (p: Record<string, unknown>, narrowed: boolean) => (narrowed ? s.totals.posts : s.totals.copies).get(p) as TotalsRow,
    /**
     * The range's per-platform totals, the best `limit` copies by `key`, and the bottom: the
     * lowest ranked ones not already in the top (lowest first), then those without the number
     * (newest first), `limit` in all. One read of the range's copies (overviewSql).
     */
    overview(p: Record<string, unknown>, key: SortKey, limit: number, narrowed: boolean): { platforms: PlatformTotalsRow[]; top: CopySqlRow[]; bottom: CopySqlRow[] } {
      const rows = (narrowed ? byKey[key].posts : byKey[key].copies).all({ ...p, limit }) as OverviewRow[];
      const platforms = rows.filter((r) => r.part === 0).map(({ part: _, rid: __, ...t }) => t);
      return { platforms, top: copiesOf(rows, 1), bottom: copiesOf(rows, 2, 3) };
    },
    series(p: Record<string, unknown>, narrowed: boolean) {
      return (narrowed ? s.seriesCopies : s.seriesAccounts).all(p) as { day: number; views: number | null; eng: number | null; re: number | null; rr: number | null }[];
    },
  };
}
