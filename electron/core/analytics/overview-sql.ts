/**
 * The overview's statements, aggregated in SQL so a year of ten accounts stays fast. The range's
 * copies are read once (overviewSql): each with its newest numbers and when it was last asked
 * for them, kept for the statement (MATERIALIZED), and from those the per-platform totals, the top
 * and bottom copies by a key and the copies without it, each with a LIMIT; only the copies shown
 * are then read whole, by rowid. At 100,000 posts a year is ~25,000 copies, and each read of them
 * was most of the overview's time (it read them four times). A campaign or pillar is read from its
 * posts, or from the range with posts joined when the range holds fewer copies (narrowed-read.ts).
 * The previous period's totals are one more read, of its own range. The series per day comes from
 * the per-account daily rollup, or the filter's copies' days (series-sql.ts).
 */
import type { Db } from '../store/open';
import { METRIC_FIELDS } from './engagement';
import { createNarrowedRead, type NarrowedRead } from './narrowed-read';
import { engagementSql, FILTERED_POSTS_SQL, POST_FILTER_SQL, reachSql, TARGET_FILTER_SQL } from './scope';
import { createSeriesSql } from './series-sql';

export type SortKey = 'views' | 'engagements' | 'rate';
/** How the range's copies are read: all of them (no campaign or pillar), or narrowed (narrowed-read.ts). */
export type CopiesRead = 'all' | NarrowedRead;

/**
 * The range's published copies matching the filters, over targets `t`: down targets_published
 * (with posts `p` joined for `range`), or of the filter's posts `fp`, sought by state and post
 * (targets_state_post), where the `+` keeps the range from being sought once per post.
 */
const scopeSql = (read: CopiesRead): string =>
  read === 'posts'
    ? `t.post_id = fp.id AND t.state = 'published' AND +t.published_at >= @start AND +t.published_at < @end AND ${TARGET_FILTER_SQL}`
    : `t.state = 'published' AND t.published_at >= @start AND t.published_at < @end AND ${TARGET_FILTER_SQL}${read === 'range' ? `\n  AND ${POST_FILTER_SQL}` : ''}`;
const FROM: Record<CopiesRead, string> = { all: 'targets t', range: 'targets t JOIN posts p ON p.id = t.post_id', posts: `(${FILTERED_POSTS_SQL}) fp CROSS JOIN targets t` };

/**
 * Each copy in scope, narrow: its rowid, platform, publish time and newest numbers (r = views or
 * impressions, e = engagements). Read from the filter's posts (`posts`), each post's published
 * ones are sought by post (the CROSS JOIN keeps that order), not every copy of the range with its post.
 */
const narrowCopies = (read: CopiesRead, checked: boolean): string => `SELECT t.rowid AS rid, t.platform, t.published_at, m.at,
    ${reachSql('m')} AS r, ${engagementSql('m')} AS e${checked ? ', k.checked_at AS checked' : ''}
  FROM ${FROM[read]} LEFT JOIN metric_latest m ON m.target_id = t.id${checked ? ' LEFT JOIN metric_checks k ON k.target_id = t.id' : ''}
  WHERE ${scopeSql(read)}`;

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
export const overviewSql = (key: SortKey, read: CopiesRead): string => {
  const k = KEYS[key];
  const blanks = (n: number) => Array.from({ length: n }, () => 'NULL').join(', ');
  const ranked = (part: number, where: string, order: string, limit: string) =>
    `SELECT ${part}, ${blanks(TOTALS_COLUMNS + 2)}, rid FROM (SELECT rid FROM c WHERE ${where} ORDER BY ${order} LIMIT ${limit})`;
  return `WITH c AS MATERIALIZED (${narrowCopies(read, true)}),
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

/** `read` fixes how a campaign's or pillar's copies and days are read (tests compare both); chosen per call when absent. */
export function createOverviewSql(db: Db, read?: NarrowedRead) {
  const narrowedRead = createNarrowedRead(db, read);
  const readOf = (p: Record<string, unknown>, narrowed: boolean): CopiesRead => (narrowed ? narrowedRead.copies(p) : 'all');
  const reads = (make: (read: CopiesRead) => string) => ({ all: db.prepare(make('all')), range: db.prepare(make('range')), posts: db.prepare(make('posts')) });
  const byKey = { views: reads((r) => overviewSql('views', r)), engagements: reads((r) => overviewSql('engagements', r)), rate: reads((r) => overviewSql('rate', r)) };
  const s = {
    totals: reads((r) => `SELECT ${TOTALS} FROM (${narrowCopies(r, false)})`),
    byRowid: db.prepare(COPIES_BY_ROWID),
  };
  const copiesOf = (rows: OverviewRow[], ...parts: number[]) =>
    s.byRowid.all({ rids: JSON.stringify(parts.flatMap((part) => rows.filter((r) => r.part === part).map((r) => r.rid))) }) as CopySqlRow[];

  return {
    /** The range's totals only (the previous period's), narrowed by a campaign or pillar when `narrowed`. */
    totals: (p: Record<string, unknown>, narrowed: boolean) => s.totals[readOf(p, narrowed)].get(p) as TotalsRow,
    /**
     * The range's per-platform totals, the best `limit` copies by `key`, and the bottom: the
     * lowest ranked ones not already in the top (lowest first), then those without the number
     * (newest first), `limit` in all. One read of the range's copies (overviewSql).
     */
    overview(p: Record<string, unknown>, key: SortKey, limit: number, narrowed: boolean): { platforms: PlatformTotalsRow[]; top: CopySqlRow[]; bottom: CopySqlRow[] } {
      const rows = byKey[key][readOf(p, narrowed)].all({ ...p, limit }) as OverviewRow[];
      const platforms = rows.filter((r) => r.part === 0).map(({ part: _, rid: __, ...t }) => t);
      return { platforms, top: copiesOf(rows, 1), bottom: copiesOf(rows, 2, 3) };
    },
    /** The range's series per day (series-sql.ts). */
    series: createSeriesSql(db, narrowedRead.days),
  };
}
