import type { Platform } from '../../../shared/domain/platforms';
import type { TargetState } from '../../../shared/domain/states';
import type { Db } from '../store/open';

export interface DueTarget {
  id: string;
  post_id: string;
  platform: Platform;
  account_id: string;
  text: string;
  scheduled_at: number;
  next_attempt_at: number | null;
  attempt_started_at: number | null;
  attempts: number;
  state: TargetState;
  platform_post_id: string | null;
  attempt_marker: string | null;
}

export interface PartRow {
  target_id: string;
  position: number;
  kind: 'thread' | 'comment';
  text: string;
  state: 'pending' | 'publishing' | 'published' | 'failed' | 'unconfirmed';
  platform_post_id: string | null;
}

// Accounts that can publish now. A rate-limited account waits in `rate_limited_until`.
const READY_ACCOUNT = `a.status IN ('connected','rate_limited')`;
const TARGET_COLUMNS = `t.id, t.post_id, t.platform, t.account_id, t.scheduled_at, t.next_attempt_at, t.attempt_started_at, t.attempts, t.state, t.platform_post_id, t.attempt_marker,
  coalesce(t.text_override, (SELECT text FROM post_versions v WHERE v.post_id = t.post_id ORDER BY number DESC LIMIT 1)) AS text`;
const WAKE_AT = `max(coalesce(t.next_attempt_at, t.scheduled_at), coalesce(a.rate_limited_until, 0))`;

/**
 * What the scheduler reads: due copies, checks to make, chains to finish, and the parts of a
 * thread as it publishes them. A target's own state is written only by posts/targets.ts, whose
 * moves are conditional on the state expected, so two processes can never both claim a target.
 */
export function createPublishQueue(db: Db) {
  const s = {
    // Accounts whose lane is already running are left out: they look again themselves.
    nextWake: db.prepare(`SELECT min(at) AS at FROM (
      SELECT ${WAKE_AT} AS at FROM targets t JOIN accounts a ON a.id = t.account_id
        WHERE ((t.state = 'scheduled' AND ${READY_ACCOUNT}) OR (t.state = 'publishing' AND t.next_attempt_at IS NOT NULL))
          AND t.account_id NOT IN (SELECT value FROM json_each(?))
      UNION ALL
      SELECT min(scheduled_at) FROM targets WHERE state = 'scheduled' AND account_id IS NULL)`),
    unboundDue: db.prepare(`SELECT ${TARGET_COLUMNS} FROM targets t WHERE t.state = 'scheduled' AND t.account_id IS NULL AND t.scheduled_at <= ? LIMIT ?`),
    accountsWithWork: db.prepare(`SELECT DISTINCT t.account_id AS id FROM targets t JOIN accounts a ON a.id = t.account_id
      WHERE (t.state = 'scheduled' AND ${READY_ACCOUNT} AND ${WAKE_AT} <= ?)
         OR (t.state = 'publishing' AND t.next_attempt_at IS NOT NULL AND t.next_attempt_at <= ?)`),
    dueFor: db.prepare(`SELECT ${TARGET_COLUMNS} FROM targets t JOIN accounts a ON a.id = t.account_id
      WHERE t.account_id = ? AND t.state = 'scheduled' AND ${READY_ACCOUNT} AND ${WAKE_AT} <= ? ORDER BY ${WAKE_AT}, t.created_at LIMIT ?`),
    reconcileDueFor: db.prepare(`SELECT ${TARGET_COLUMNS} FROM targets t
      WHERE t.account_id = ? AND t.state = 'publishing' AND t.next_attempt_at IS NOT NULL AND t.next_attempt_at <= ? LIMIT ?`),
    unfinishedChains: db.prepare(`SELECT ${TARGET_COLUMNS} FROM targets t WHERE t.state = 'published' AND t.account_id IS NOT NULL
      AND EXISTS (SELECT 1 FROM target_parts p WHERE p.target_id = t.id AND p.state IN ('pending','publishing'))`),
    inFlight: db.prepare(`SELECT ${TARGET_COLUMNS} FROM targets t WHERE t.state = 'publishing' AND t.account_id IS NOT NULL`),
    get: db.prepare(`SELECT ${TARGET_COLUMNS} FROM targets t WHERE t.id = ?`),
    parts: db.prepare(`SELECT target_id, position, kind, text, state, platform_post_id FROM target_parts WHERE target_id = ? ORDER BY position`),
    claimPart: db.prepare(`UPDATE target_parts SET state = 'publishing', attempt_started_at = ? WHERE target_id = ? AND position = ? AND state IN ('pending','publishing')`),
    settlePart: db.prepare(`UPDATE target_parts SET state = ?, platform_post_id = ?, last_error = ? WHERE target_id = ? AND position = ?`),
    account: db.prepare(`SELECT id, platform, handle, server_url, platform_user_id, status, rate_limited_until FROM accounts WHERE id = ?`),
  };

  return {
    /** The next instant anything falls due, leaving out the accounts named (their lanes are running). */
    nextWake: (exceptAccounts: readonly string[] = []): number | null => (s.nextWake.get(JSON.stringify(exceptAccounts)) as { at: number | null }).at,
    /** Accounts with a copy to send or an outcome to check now: one publishing lane each. */
    accountsWithWork: (now: number) => (s.accountsWithWork.all(now, now) as { id: string }[]).map((r) => r.id),
    /** One account's due copies, oldest first. */
    dueFor: (accountId: string, now: number, limit: number) => s.dueFor.all(accountId, now, limit) as DueTarget[],
    /** One account's copies whose outcome is due to be checked. */
    reconcileDueFor: (accountId: string, now: number, limit: number) => s.reconcileDueFor.all(accountId, now, limit) as DueTarget[],
    inFlight: () => s.inFlight.all() as DueTarget[],
    /** Due targets of a platform with no connected account: they cannot go out. */
    unboundDue: (now: number, limit: number) => s.unboundDue.all(now, limit) as (Omit<DueTarget, 'account_id'> & { account_id: null })[],
    unfinishedChains: () => s.unfinishedChains.all() as DueTarget[],
    get: (id: string) => s.get.get(id) as DueTarget | undefined,
    parts: (targetId: string) => s.parts.all(targetId) as PartRow[],
    claimPart: (targetId: string, position: number, now: number) => s.claimPart.run(now, targetId, position).changes === 1,
    settlePart: (targetId: string, position: number, state: PartRow['state'], platformPostId: string | null, error: string | null) =>
      s.settlePart.run(state, platformPostId, error, targetId, position),
    account: (id: string) =>
      s.account.get(id) as
        | { id: string; platform: Platform; handle: string; server_url: string | null; platform_user_id: string | null; status: string; rate_limited_until: number | null }
        | undefined,
  };
}

export type PublishQueue = ReturnType<typeof createPublishQueue>;
