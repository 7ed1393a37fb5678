/**
 * Every snapshot of the range's published copies as CSV, oldest first. An empty cell is a number
 * the platform did not report; a 0 is a zero.
 */
import type { Db } from '../store/open';
import { METRIC_FIELDS } from './engagement';
import { filterParams, resolveRange, SCOPE_SQL, type AnalyticsFilters } from './scope';

const cell = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const text = String(v);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function exportSnapshotsCsv(db: Db, f: AnalyticsFilters, zone: string): { filename: string; csv: string; rows: number } {
  const r = resolveRange(f.from, f.to, zone);
  const rows = db
    .prepare(
      `SELECT s.at, s.target_id, t.post_id, t.platform, a.handle AS account, t.published_at, t.platform_url, ${METRIC_FIELDS.map((m) => `s.${m}`).join(', ')}
       FROM metric_snapshots s JOIN targets t ON t.id = s.target_id JOIN posts p ON p.id = t.post_id LEFT JOIN accounts a ON a.id = t.account_id
       WHERE ${SCOPE_SQL} ORDER BY s.at, s.id`,
    )
    .all({ ...filterParams(f), start: r.start, end: r.end }) as Record<string, unknown>[];
  const head = ['taken_at', 'target_id', 'post_id', 'platform', 'account', 'published_at', 'url', ...METRIC_FIELDS];
  const iso = (ms: unknown) => (typeof ms === 'number' ? new Date(ms).toISOString() : '');
  const lines = rows.map((x) =>
    [iso(x.at), x.target_id, x.post_id, x.platform, x.account, iso(x.published_at), x.platform_url, ...METRIC_FIELDS.map((m) => x[m])].map(cell).join(','),
  );
  return { filename: `loomcast-metrics-${f.from}-to-${f.to}.csv`, csv: [head.join(','), ...lines].join('\r\n') + '\r\n', rows: rows.length };
}
