/**
 * metric_checks and metric_check_log: which published targets are due a look, and how each look
 * went. Numbers themselves are written only by ../rollups.ts.
 */
import type { Platform } from '../../../../shared/domain/platforms';
import type { Db } from '../../store/open';
import { METRIC_FIELDS, type MetricValues } from '../engagement';

export const CHECK_STATUSES = ['ok', 'pending', 'unsupported', 'permission_required', 'rate_limited', 'not_found', 'failed'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export interface DueCheck {
  target_id: string;
  /** The post the copy belongs to (what an alert about the copy is about). */
  post_id: string;
  account_id: string;
  platform: Platform;
  platform_post_id: string;
  /** The copy's notice (targets.last_error): why a TikTok copy has no public id yet, say. */
  notice: string | null;
  published_at: number;
  checks: number;
  unchanged: number;
  /** When its band says to look (null: measuring is over); a check may be due by a request alone. */
  next_check_at: number | null;
  requested_at: number | null;
}

/** A check the creator asked to be looked at; `measurable`: a sweep can look at it (published, with its account). */
export interface RequestedCheck {
  target_id: string;
  requested_at: number;
  measurable: boolean;
}

const PUBLISHED = `t.state = 'published' AND t.platform_post_id IS NOT NULL AND t.published_at IS NOT NULL AND t.account_id IS NOT NULL`;

/** Copies read per stretch of a whole pass: ~10 ms at a time, so publishing keeps its turns. */
export const ENSURE_STRETCH = 5_000;

type MissingRow = { id: string; published_at: number };

export function createChecksRepo(db: Db) {
  const s = {
    missingIn: db.prepare(`SELECT t.id, t.published_at FROM targets t NOT INDEXED WHERE t.rowid > @after AND t.rowid <= @upto AND ${PUBLISHED}
      AND NOT EXISTS (SELECT 1 FROM metric_checks c WHERE c.target_id = t.id)`),
    lastRowid: db.prepare('SELECT max(rowid) FROM targets').pluck(),
    missingSince: db.prepare(`SELECT t.id, t.published_at FROM targets t INDEXED BY targets_published_updated
      WHERE ${PUBLISHED} AND t.updated_at >= @since AND NOT EXISTS (SELECT 1 FROM metric_checks c WHERE c.target_id = t.id)`),
    insert: db.prepare(`INSERT OR IGNORE INTO metric_checks (target_id, published_at, next_check_at) VALUES (?, ?, ?)`),
    // A "Refresh now" waits while its account is held by a rate limit: the account's other
    // checks were only postponed (holdAccount), so the limited check's own row tells the hold.
    due: db.prepare(`WITH held AS (SELECT DISTINCT ht.account_id FROM metric_checks h JOIN targets ht ON ht.id = h.target_id
        WHERE h.next_check_at > @now AND h.status = 'rate_limited')
      SELECT c.target_id, t.post_id, t.account_id, t.platform, t.platform_post_id, t.last_error AS notice, c.published_at, c.checks, c.unchanged, c.next_check_at, c.requested_at
      FROM metric_checks c JOIN targets t ON t.id = c.target_id
      WHERE ${PUBLISHED} AND (
        (c.next_check_at IS NOT NULL AND c.next_check_at <= @now)
        OR (c.requested_at IS NOT NULL AND c.status IS NOT 'not_found' AND t.account_id NOT IN held))
      ORDER BY coalesce(c.requested_at, c.next_check_at) LIMIT @limit`),
    latest: db.prepare(`SELECT ${METRIC_FIELDS.join(', ')} FROM metric_latest WHERE target_id = ?`),
    settle: db.prepare(`UPDATE metric_checks SET status = @status, status_detail = @detail, checked_at = @now, next_check_at = @next,
      checks = checks + @counted, unchanged = @unchanged, requested_at = NULL WHERE target_id = @targetId`),
    log: db.prepare(`INSERT INTO metric_check_log (target_id, account_id, at, status, detail) VALUES (?, ?, ?, ?, ?)`),
    holdAccount: db.prepare(`UPDATE metric_checks SET next_check_at = @until
      WHERE next_check_at IS NOT NULL AND next_check_at < @until AND target_id IN (SELECT id FROM targets WHERE account_id = @accountId)`),
    request: db.prepare(`UPDATE metric_checks SET requested_at = @now WHERE target_id = @targetId AND status IS NOT 'not_found'`),
    requested: db.prepare(`SELECT c.target_id, c.requested_at, (${PUBLISHED} AND c.status IS NOT 'not_found') AS measurable FROM metric_checks c JOIN targets t ON t.id = c.target_id
      WHERE c.requested_at IS NOT NULL`),
    unrequest: db.prepare(`UPDATE metric_checks SET requested_at = NULL WHERE requested_at IS NOT NULL`),
    activeTargets: db.prepare(`SELECT target_id FROM metric_checks WHERE next_check_at IS NOT NULL`),
    targetsOfPost: db.prepare(`SELECT id FROM targets WHERE post_id = ?`),
    lastFollowers: db.prepare(`SELECT max(at) AS at FROM follower_snapshots WHERE account_id = ?`),
    addFollowers: db.prepare(`INSERT OR IGNORE INTO follower_snapshots (account_id, at, followers) VALUES (?, ?, ?)`),
    followerAccounts: db.prepare(`SELECT id, platform FROM accounts WHERE status IN ('connected','rate_limited')`),
  };

  const add = (rows: MissingRow[], next: (publishedAt: number) => number | null): number => {
    if (rows.length === 0) return 0;
    db.transaction(() => {
      for (const r of rows) s.insert.run(r.id, r.published_at, next(r.published_at));
    })();
    return rows.length;
  };

  return {
    /**
     * Gives the published targets changed since `since` (targets_published_updated) a check row:
     * the first band, or at once for one found late.
     */
    ensure(next: (publishedAt: number) => number | null, since: number): number {
      return add(s.missingSince.all({ since }) as MissingRow[], next);
    },
    /**
     * Gives every published target a check row, a stretch of the copies' table at a time;
     * `between` runs between two stretches and stops the walk by answering false.
     */
    async ensureAll(next: (publishedAt: number) => number | null, between: () => Promise<boolean>): Promise<number> {
      const last = (s.lastRowid.get() as number | null) ?? 0;
      let added = 0;
      for (let after = 0; after < last; after += ENSURE_STRETCH) {
        if (after > 0 && !(await between())) break;
        added += add(s.missingIn.all({ after, upto: after + ENSURE_STRETCH }) as MissingRow[], next);
      }
      return added;
    },
    due: (now: number, limit: number) => s.due.all({ now, limit }) as DueCheck[],
    latest: (targetId: string) => (s.latest.get(targetId) as MetricValues | undefined) ?? null,
    /**
     * One look's outcome: the check row and a log line, together. `lookAt`: when the pass over
     * the account began, the log line's time (the lines of one pass share it; see the alerts).
     */
    settle(c: { targetId: string; accountId: string | null; status: CheckStatus; detail: string | null; now: number; lookAt?: number; next: number | null; counted: boolean; unchanged: number }): void {
      db.transaction(() => {
        s.settle.run({ targetId: c.targetId, status: c.status, detail: c.detail, now: c.now, next: c.next, counted: c.counted ? 1 : 0, unchanged: c.unchanged });
        s.log.run(c.targetId, c.accountId, c.lookAt ?? c.now, c.status, c.detail);
      })();
    },
    /** A rate limit: nothing of this account's is looked at before `until`. */
    holdAccount: (accountId: string, until: number) => void s.holdAccount.run({ accountId, until }),
    /** "Refresh now": the next sweep looks at these, whatever their band says; returns those marked. */
    request(targetIds: string[] | null, now: number): string[] {
      const ids = targetIds ?? (s.activeTargets.all() as { target_id: string }[]).map((r) => r.target_id);
      const marked: string[] = [];
      db.transaction(() => {
        for (const id of ids) if (s.request.run({ targetId: id, now }).changes > 0) marked.push(id);
      })();
      return marked;
    },
    /** The checks asked for and not looked at yet. */
    requested: () => (s.requested.all() as (Omit<RequestedCheck, 'measurable'> & { measurable: 0 | 1 })[]).map((r) => ({ ...r, measurable: r.measurable === 1 })),
    /** A refresh stopped: what was still asked for goes back to its band (next_check_at is untouched). */
    unrequestAll: (): number => s.unrequest.run().changes,
    targetsOfPost: (postId: string) => (s.targetsOfPost.all(postId) as { id: string }[]).map((r) => r.id),
    followerAccounts: () => s.followerAccounts.all() as { id: string; platform: Platform }[],
    lastFollowersAt: (accountId: string) => (s.lastFollowers.get(accountId) as { at: number | null }).at,
    addFollowers: (accountId: string, at: number, followers: number) => void s.addFollowers.run(accountId, at, followers),
  };
}

export type ChecksRepo = ReturnType<typeof createChecksRepo>;
