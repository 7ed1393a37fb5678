import type { Platform } from '../../../shared/domain/platforms';
import type { PostsSummaryDto } from '../../../shared/contract/features/calendar';
import type { Db } from '../store/open';
import { LIST_COUNTS_SQL } from './post-lists';

/** A scheduled copy this far past its time has not simply been picked up yet by the scheduler. */
export const OVERDUE_MS = 2 * 60_000;

/**
 * What the app shell shows on every screen (the status line and the Review badge), counted in
 * SQL instead of from every post. Each count reads one state's stretch of an index
 * (targets_state_post or targets_due, migration 0013), so its cost follows the posts in that
 * state (the plan ahead, the review queue, what needs attention), never the published history.
 * Exported so the plan test can check every statement.
 */
export const SUMMARY_SQL = {
  /** Posts with a copy waiting in Review. */
  review: `SELECT count(DISTINCT post_id) FROM targets WHERE state = 'in_review'`,
  /** Posts whose every copy is a draft: the list's own count of its drafts section. */
  drafts: LIST_COUNTS_SQL.drafts,
  /** Posts with a copy that failed, went unconfirmed or was missed. */
  attention: `SELECT count(DISTINCT post_id) FROM targets WHERE state IN ('failed', 'unconfirmed', 'missed')`,
  /** Posts with a scheduled copy still ahead. */
  scheduled: `SELECT count(DISTINCT post_id) FROM targets WHERE state = 'scheduled' AND scheduled_at > :now`,
  /** Posts whose scheduled copies are all behind, one of them by more than OVERDUE_MS. */
  overdue: `SELECT count(DISTINCT t.post_id) FROM targets t WHERE t.state = 'scheduled' AND t.scheduled_at < :overdue
    AND NOT EXISTS (SELECT 1 FROM targets u WHERE u.post_id = t.post_id AND u.state = 'scheduled' AND u.scheduled_at > :now)`,
  /**
   * Posts with a scheduled copy that has no account to go out on: seeked by account (none) and
   * state. Left to the planner it read every scheduled copy's row (~40 ms at 100,000 posts, on
   * each change).
   */
  unbound: `SELECT count(DISTINCT post_id) FROM targets INDEXED BY targets_account_due WHERE account_id IS NULL AND state = 'scheduled'`,
  /** The soonest scheduled copy ahead. */
  nextAt: `SELECT min(scheduled_at) FROM targets WHERE state = 'scheduled' AND scheduled_at > :now`,
  /**
   * The post that goes out then (the first in the upcoming list's order when two share the
   * instant), and the platforms of its copies due at that instant.
   */
  nextPlatforms: `WITH first AS (
      SELECT t.post_id FROM targets t JOIN posts p ON p.id = t.post_id
      WHERE t.state = 'scheduled' AND t.scheduled_at = :at
      ORDER BY (SELECT min(u.scheduled_at) FROM targets u WHERE u.post_id = t.post_id AND u.state IN ('in_review', 'approved', 'scheduled', 'publishing')), p.created_at, p.id
      LIMIT 1)
    SELECT t.platform FROM targets t JOIN first f ON f.post_id = t.post_id
    WHERE t.state = 'scheduled' AND t.scheduled_at = :at ORDER BY t.rowid`,
} as const;

export function createPostsSummary(db: Db, now: () => number) {
  const s = Object.fromEntries(Object.entries(SUMMARY_SQL).map(([k, sql]) => [k, db.prepare(sql)])) as Record<keyof typeof SUMMARY_SQL, ReturnType<Db['prepare']>>;
  const count = (k: keyof typeof SUMMARY_SQL, params: Record<string, number> = {}) => s[k].pluck().get(params) as number;
  return {
    read(): PostsSummaryDto {
      const at = now();
      // One read transaction: every count describes the same moment.
      return db.transaction((): PostsSummaryDto => {
        const nextAt = s.nextAt.pluck().get({ now: at }) as number | null;
        const platforms = nextAt === null ? [] : (s.nextPlatforms.pluck().all({ at: nextAt }) as Platform[]);
        return {
          review: count('review'),
          drafts: count('drafts'),
          attention: count('attention'),
          scheduled: count('scheduled', { now: at }),
          overdue: count('overdue', { now: at, overdue: at - OVERDUE_MS }),
          unbound: count('unbound'),
          next: nextAt === null ? null : { at: new Date(nextAt).toISOString(), platforms },
          asOf: new Date(at).toISOString(),
        };
      })();
    },
  };
}
