/**
 * The overview's reads of a range as they were before it read the range's copies once (commit
 * be71df1, electron/core/analytics/overview-sql.ts): each a read of the range on its own
 * (per-platform totals, totals, top, lowest, without the number), posts always joined. Kept as
 * the reference the one-read statement must agree with (analytics-overview-once.test.ts).
 */
import type { Db } from '../../electron/core/store/open';
import { METRIC_FIELDS } from '../../electron/core/analytics/engagement';
import type { CopySqlRow, SortKey, TotalsRow } from '../../electron/core/analytics/overview-sql';
import { engagementSql, reachSql, SCOPE_SQL } from '../../electron/core/analytics/scope';

const COPIES = `SELECT t.id, t.post_id, t.platform, a.handle AS account, t.published_at, t.platform_url AS url, m.at,
    ${reachSql('m')} AS r, ${engagementSql('m')} AS e, ${METRIC_FIELDS.map((f) => `m.${f}`).join(', ')}
  FROM targets t JOIN posts p ON p.id = t.post_id LEFT JOIN accounts a ON a.id = t.account_id LEFT JOIN metric_latest m ON m.target_id = t.id
  WHERE ${SCOPE_SQL}`;

const TOTALS = `count(*) AS posts, sum(r) AS views, count(r) AS viewsReported, sum(e) AS engagements, count(e) AS engagementsReported,
  sum(CASE WHEN r > 0 AND e IS NOT NULL THEN e END) AS re, sum(CASE WHEN r > 0 AND e IS NOT NULL THEN r END) AS rr,
  count(CASE WHEN r > 0 AND e IS NOT NULL THEN 1 END) AS rateReported, max(at) AS newest`;

/** How many copies of a scope have the key's number: the count TOTALS keeps for it. */
const rankedBy = (t: TotalsRow, key: SortKey): number => (key === 'views' ? t.viewsReported : key === 'engagements' ? t.engagementsReported : t.rateReported);

const KEYS: Record<SortKey, string> = { views: 'r', engagements: 'e', rate: '(CASE WHEN r > 0 AND e IS NOT NULL THEN e * 1.0 / r END)' };

export function createOverviewSqlBefore(db: Db) {
  const ranked = (key: SortKey, dir: 'DESC' | 'ASC') =>
    db.prepare(`SELECT * FROM (${COPIES}) WHERE ${KEYS[key]} IS NOT NULL ORDER BY ${KEYS[key]} ${dir}, published_at ${dir} LIMIT @limit`);
  const by = <T>(make: (k: SortKey) => T): Record<SortKey, T> => ({ views: make('views'), engagements: make('engagements'), rate: make('rate') });
  const s = {
    totals: db.prepare(`SELECT ${TOTALS} FROM (${COPIES})`),
    byPlatform: db.prepare(`SELECT platform, ${TOTALS}, max(checked) AS checked
      FROM (SELECT x.*, (SELECT c.checked_at FROM metric_checks c WHERE c.target_id = x.id) AS checked FROM (${COPIES}) x) GROUP BY platform`),
    top: by((k) => ranked(k, 'DESC')),
    lowest: by((k) => ranked(k, 'ASC')),
    unranked: by((k) => db.prepare(`SELECT * FROM (${COPIES}) WHERE ${KEYS[k]} IS NULL ORDER BY published_at DESC LIMIT @limit`)),
  };
  return {
    totals: (p: Record<string, unknown>) => s.totals.get(p) as TotalsRow,
    byPlatform: (p: Record<string, unknown>) => s.byPlatform.all(p) as (TotalsRow & { platform: string; checked: number | null })[],
    rank(p: Record<string, unknown>, key: SortKey, limit: number, totals: TotalsRow): { top: CopySqlRow[]; bottom: CopySqlRow[] } {
      const top = s.top[key].all({ ...p, limit }) as CopySqlRow[];
      const n = rankedBy(totals, key);
      const low = s.lowest[key].all({ ...p, limit: Math.min(limit, Math.max(0, n - limit)) }) as CopySqlRow[];
      const rest = low.length < limit ? (s.unranked[key].all({ ...p, limit: limit - low.length }) as CopySqlRow[]) : [];
      return { top, bottom: [...low, ...rest] };
    },
  };
}
