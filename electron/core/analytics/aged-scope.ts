/**
 * The published copies of a range (scope.ts) with their numbers at one age (at-age.ts), read in
 * one statement with each copy's kept reading (metric_at_age, by primary key) for best times and
 * what works. Not the copies' newest numbers (metric_latest), which neither uses, posts only when
 * a campaign or pillar narrows the copies, and the accounts' handles once, not joined per copy: at
 * 100,000 posts a year is ~25,000 copies, and each join per copy cost about 50 ms.
 */
import type { Platform } from '../../../shared/domain/platforms';
import type { Db } from '../store/open';
import { createAtAge, type AtAge } from './at-age';
import { READING_COLUMNS } from './at-age-store';
import { POST_FILTER_SQL, resolveRange, TARGET_FILTER_SQL, type AnalyticsFilters } from './scope';

export interface ScopeCopy {
  targetId: string;
  platform: Platform;
  publishedAt: number;
  account: string | null;
  /** The copy's rowid in targets, to read more of it by primary key. */
  row: number;
}

/**
 * The scope's copies in the order of the copies statement (queries.ts: targets_published, by
 * publish time and row): what works resamples them in that order. Exported for the plan test.
 */
export const agedScopeSql = (posts: boolean): string => `SELECT t.id, t.platform, t.published_at, t.account_id, t.rowid, ${READING_COLUMNS.map((c) => `g.${c}`).join(', ')}
  FROM targets t ${posts ? 'JOIN posts p ON p.id = t.post_id ' : ''}LEFT JOIN metric_at_age g ON g.target_id = t.id
  WHERE t.state = 'published' AND t.published_at >= @start AND t.published_at < @end AND ${TARGET_FILTER_SQL}${posts ? `\n  AND ${POST_FILTER_SQL}` : ''}
  ORDER BY t.published_at, t.rowid`;

/** A raw row: id, platform, published_at, account id, rowid, then the kept reading (READING_COLUMNS, at DUE). */
type Row = [string, Platform, number, string | null, number, ...unknown[]];
const DUE = 5;

export function createAgedScope(db: Db, zone: () => string) {
  const atAge = createAtAge(db);
  // Raw rows: ~25,000 copies a year, as objects, took longer than the read.
  const s = {
    copies: db.prepare(agedScopeSql(false)).raw(true),
    withPosts: db.prepare(agedScopeSql(true)).raw(true),
    // A creator's few accounts by id, once per read rather than joined to every copy.
    handles: db.prepare('SELECT id, handle FROM accounts').raw(true),
  };
  return function agedScope(f: AnalyticsFilters, now: number): { copies: ScopeCopy[]; aged: AtAge } {
    const r = resolveRange(f.from, f.to, zone());
    const byCopy = { start: r.start, end: r.end, accountId: f.accountId ?? null, platform: f.platform ?? null };
    const posts = (f.campaignId ?? null) !== null || (f.pillarId ?? null) !== null;
    const rows = (posts ? s.withPosts.all({ ...byCopy, campaignId: f.campaignId ?? null, pillarId: f.pillarId ?? null }) : s.copies.all(byCopy)) as Row[];
    const handles = new Map(s.handles.all() as [string, string][]);
    const copies = rows.map((row) => ({ targetId: row[0], platform: row[1], publishedAt: row[2], account: row[3] === null ? null : (handles.get(row[3]) ?? null), row: row[4] }));
    return { copies, aged: atAge.withRows(copies, (_, i) => rows[i], DUE, now) };
  };
}
