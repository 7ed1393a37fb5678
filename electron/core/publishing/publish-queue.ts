import type { Platform } from '../../../shared/domain/platforms';
import type { TargetState } from '../../../shared/domain/states';
import type { Db } from '../store/open';
import { webLink } from './web-link';

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
  /** `publishing` while an attempt is in flight, or its answer was lost and it is to be checked. */
  state: 'pending' | 'publishing' | 'published' | 'failed' | 'unconfirmed';
  platform_post_id: string | null;
  /** Its web link once out, when the platform gave one (migration 0019). */
  platform_url: string | null;
  /** When the attempt whose outcome is open began (a platform's dedupe window counts from it). */
  attempt_started_at: number | null;
  attempts: number;
  /** Not before this instant: a retry's or a check's time (migration 0018); null when not waiting. */
  next_attempt_at: number | null;
}

// Accounts that can publish now. A rate-limited account waits in `rate_limited_until`.
const READY_ACCOUNT = `a.status IN ('connected','rate_limited')`;
const TARGET_COLUMNS = `t.id, t.post_id, t.platform, t.account_id, t.scheduled_at, t.next_attempt_at, t.attempt_started_at, t.attempts, t.state, t.platform_post_id, t.attempt_marker,
  coalesce(t.text_override, (SELECT text FROM post_versions v WHERE v.post_id = t.post_id ORDER BY number DESC LIMIT 1)) AS text`;
/**
 * When a copy may next go out: a retry's time, else its scheduled time. Written exactly as in the
 * index targets_account_due (migration 0012), so the reads below seek instead of scanning.
 */
const DUE = `coalesce(t.next_attempt_at, t.scheduled_at)`;
const NOT_RUNNING = `a.id NOT IN (SELECT value FROM json_each(@except))`;
/**
 * A part waiting for its time, as chainsDueFor reads it: the wake and the lanes must agree on
 * what waits, or a lane would start, find nothing and the timer fire again at once.
 */
const PART_WAITS = `p.state IN ('pending','publishing') AND +t.state = 'published'`;

/**
 * The scheduler's reads that run on every wake and every lane round: each must seek through an
 * index (tests/integration/query-plans-publishing.test.ts reads their plans).
 */
export const SCHEDULER_READS = {
  // Per account (a handful of rows), the earliest of its copies through the index; accounts
  // whose lane is already running are left out: they look again themselves. The unbound copies'
  // min() takes a unary + so SQLite seeks targets_account_due (account_id IS NULL, scheduled)
  // instead of walking targets_due in time order over every scheduled copy looking for one with
  // no account (about 45 ms at 100,000 posts, on every wake, so after every create).
  nextWake: `SELECT min(at) AS at FROM (
    SELECT max((SELECT ${DUE} FROM targets t WHERE t.account_id = a.id AND t.state = 'scheduled' ORDER BY ${DUE} LIMIT 1), coalesce(a.rate_limited_until, 0)) AS at
      FROM accounts a WHERE ${READY_ACCOUNT} AND ${NOT_RUNNING}
    UNION ALL
    SELECT max((SELECT ${DUE} FROM targets t WHERE t.account_id = a.id AND t.state = 'publishing' AND t.next_attempt_at IS NOT NULL ORDER BY ${DUE} LIMIT 1), coalesce(a.rate_limited_until, 0))
      FROM accounts a WHERE ${NOT_RUNNING}
    UNION ALL
    SELECT max((SELECT min(p.next_attempt_at) FROM target_parts p CROSS JOIN targets t ON t.id = p.target_id
        WHERE p.next_attempt_at IS NOT NULL AND ${PART_WAITS} AND +t.account_id = a.id), coalesce(a.rate_limited_until, 0))
      FROM accounts a WHERE ${READY_ACCOUNT} AND ${NOT_RUNNING}
    UNION ALL
    SELECT min(+t.scheduled_at) FROM targets t WHERE t.account_id IS NULL AND t.state = 'scheduled')`,
  unboundDue: `SELECT ${TARGET_COLUMNS} FROM targets t WHERE t.account_id IS NULL AND t.state = 'scheduled' AND t.scheduled_at <= ? LIMIT ?`,
  accountsWithWork: `SELECT a.id FROM accounts a
    WHERE (${READY_ACCOUNT} AND coalesce(a.rate_limited_until, 0) <= @now
        AND EXISTS (SELECT 1 FROM targets t WHERE t.account_id = a.id AND t.state = 'scheduled' AND ${DUE} <= @now))
      OR EXISTS (SELECT 1 FROM targets t WHERE t.account_id = a.id AND t.state = 'publishing' AND t.next_attempt_at IS NOT NULL AND ${DUE} <= @now)
      OR (${READY_ACCOUNT} AND coalesce(a.rate_limited_until, 0) <= @now
        AND EXISTS (SELECT 1 FROM target_parts p CROSS JOIN targets t ON t.id = p.target_id
          WHERE p.next_attempt_at IS NOT NULL AND p.next_attempt_at <= @now AND ${PART_WAITS} AND +t.account_id = a.id))`,
  dueFor: `SELECT ${TARGET_COLUMNS} FROM targets t JOIN accounts a ON a.id = t.account_id
    WHERE t.account_id = @account AND t.state = 'scheduled' AND ${DUE} <= @now AND ${READY_ACCOUNT} AND coalesce(a.rate_limited_until, 0) <= @now
    ORDER BY ${DUE}, t.created_at LIMIT @limit`,
  reconcileDueFor: `SELECT ${TARGET_COLUMNS} FROM targets t
    WHERE t.account_id = @account AND t.state = 'publishing' AND t.next_attempt_at IS NOT NULL AND ${DUE} <= @now ORDER BY ${DUE} LIMIT @limit`,
  // Published copies of one account whose thread waits for a part's retry or check time. Driven by
  // target_parts_retry, which holds only the waiting parts (here, in nextWake and accountsWithWork):
  // the unary + and CROSS JOIN keep the planner off the account's index, which would walk every
  // copy the account ever had.
  chainsDueFor: `SELECT ${TARGET_COLUMNS} FROM targets t JOIN accounts a ON a.id = t.account_id
    WHERE t.id IN (SELECT p.target_id FROM target_parts p WHERE p.next_attempt_at IS NOT NULL AND p.next_attempt_at <= @now AND p.state IN ('pending','publishing'))
      AND +t.account_id = @account AND +t.state = 'published' AND ${READY_ACCOUNT} AND coalesce(a.rate_limited_until, 0) <= @now
    LIMIT @limit`,
  // Driven by the parts not yet out (few), not by every published copy (many): the unary + keeps
  // the planner off the index on state, which would walk every published copy.
  unfinishedChains: `SELECT ${TARGET_COLUMNS} FROM targets t
    WHERE t.id IN (SELECT p.target_id FROM target_parts p WHERE p.state IN ('pending','publishing'))
      AND +t.state = 'published' AND t.account_id IS NOT NULL`,
  inFlight: `SELECT ${TARGET_COLUMNS} FROM targets t WHERE t.state = 'publishing' AND t.account_id IS NOT NULL`,
} as const;

/**
 * What the scheduler reads: due copies, checks to make, chains to finish, and the parts of a
 * thread as it publishes them. A target's own state is written only by posts/targets.ts, whose
 * moves are conditional on the state expected, so two processes can never both claim a target.
 */
export function createPublishQueue(db: Db) {
  const s = {
    nextWake: db.prepare(SCHEDULER_READS.nextWake),
    unboundDue: db.prepare(SCHEDULER_READS.unboundDue),
    accountsWithWork: db.prepare(SCHEDULER_READS.accountsWithWork),
    dueFor: db.prepare(SCHEDULER_READS.dueFor),
    reconcileDueFor: db.prepare(SCHEDULER_READS.reconcileDueFor),
    unfinishedChains: db.prepare(SCHEDULER_READS.unfinishedChains),
    chainsDueFor: db.prepare(SCHEDULER_READS.chainsDueFor),
    inFlight: db.prepare(SCHEDULER_READS.inFlight),
    get: db.prepare(`SELECT ${TARGET_COLUMNS} FROM targets t WHERE t.id = ?`),
    parts: db.prepare(`SELECT target_id, position, kind, text, state, platform_post_id, platform_url, attempt_started_at, attempts, next_attempt_at FROM target_parts WHERE target_id = ? ORDER BY position`),
    hasParts: db.prepare(`SELECT 1 FROM target_parts WHERE target_id = ? LIMIT 1`).pluck(),
    // Only after a check found a post (rare), so no index of its own kept up on every publish: the
    // account's published copies through targets_account_due, and their parts by their copy.
    recordedElsewhere: db.prepare(`SELECT 1 FROM targets WHERE account_id = @account AND state = 'published' AND platform_post_id = @post AND id <> @target
      UNION ALL SELECT 1 FROM targets t JOIN target_parts p ON p.target_id = t.id WHERE t.account_id = @account AND t.state = 'published' AND p.platform_post_id = @post
      LIMIT 1`).pluck(),
    noteOf: db.prepare(`SELECT last_error FROM targets WHERE id = ?`).pluck(),
    // A send again after an unanswered attempt keeps that attempt's start: the dedupe window is its.
    claimPart: db.prepare(`UPDATE target_parts SET state = 'publishing', next_attempt_at = NULL,
        attempt_started_at = CASE WHEN state = 'publishing' AND attempt_started_at IS NOT NULL THEN attempt_started_at ELSE @now END
      WHERE target_id = @target AND position = @position AND state IN ('pending','publishing')`),
    settlePart: db.prepare(`UPDATE target_parts SET state = ?, platform_post_id = ?, platform_url = ?, last_error = ?, next_attempt_at = NULL WHERE target_id = ? AND position = ?`),
    waitPart: db.prepare(`UPDATE target_parts SET state = @state, attempts = attempts + @counted, next_attempt_at = @at, last_error = @error,
        attempt_started_at = CASE WHEN @state = 'pending' THEN NULL ELSE attempt_started_at END
      WHERE target_id = @target AND position = @position AND state IN ('pending','publishing')`),
    account: db.prepare(`SELECT id, platform, handle, server_url, platform_user_id, status, rate_limited_until, last_error FROM accounts WHERE id = ?`),
    partsOfPost: db.prepare(`SELECT p.target_id, p.position, p.kind, p.state, p.last_error, p.next_attempt_at, p.platform_url
      FROM targets t JOIN target_parts p ON p.target_id = t.id WHERE t.post_id = ? ORDER BY t.rowid, p.position`),
    // The creator's answers for a stopped part (features/publishing/threads.ts).
    restartPart: db.prepare(`UPDATE target_parts SET state = 'pending', attempts = 0, next_attempt_at = @now, last_error = NULL, attempt_started_at = NULL
      WHERE target_id = @target AND position = @position AND state IN ('failed','unconfirmed')`),
    confirmPart: db.prepare(`UPDATE target_parts SET state = 'published', platform_post_id = @id, platform_url = @url, last_error = NULL, next_attempt_at = NULL
      WHERE target_id = @target AND position = @position AND state = 'unconfirmed'`),
    wakeNextPart: db.prepare(`UPDATE target_parts SET next_attempt_at = @now
      WHERE target_id = @target AND position = (SELECT min(position) FROM target_parts WHERE target_id = @target AND state = 'pending')`),
  };

  return {
    /** The next instant anything falls due, leaving out the accounts named (their lanes are running). */
    nextWake: (exceptAccounts: readonly string[] = []): number | null => (s.nextWake.get({ except: JSON.stringify(exceptAccounts) }) as { at: number | null }).at,
    /** Accounts with a copy to send or an outcome to check now: one publishing lane each. */
    accountsWithWork: (now: number) => (s.accountsWithWork.all({ now }) as { id: string }[]).map((r) => r.id),
    /** One account's due copies, oldest first. */
    dueFor: (accountId: string, now: number, limit: number) => s.dueFor.all({ account: accountId, now, limit }) as DueTarget[],
    /** One account's copies whose outcome is due to be checked. */
    reconcileDueFor: (accountId: string, now: number, limit: number) => s.reconcileDueFor.all({ account: accountId, now, limit }) as DueTarget[],
    inFlight: () => s.inFlight.all() as DueTarget[],
    /** Due targets of a platform with no connected account: they cannot go out. */
    unboundDue: (now: number, limit: number) => s.unboundDue.all(now, limit) as (Omit<DueTarget, 'account_id'> & { account_id: null })[],
    unfinishedChains: () => s.unfinishedChains.all() as DueTarget[],
    /** One account's published copies whose thread has a part due to be tried or checked again. */
    chainsDueFor: (accountId: string, now: number, limit: number) => s.chainsDueFor.all({ account: accountId, now, limit }) as DueTarget[],
    get: (id: string) => s.get.get(id) as DueTarget | undefined,
    parts: (targetId: string) => s.parts.all(targetId) as PartRow[],
    /** The note on a copy (its last error, or what it waits for). */
    noteOf: (targetId: string) => (s.noteOf.get(targetId) as string | null | undefined) ?? null,
    /** Whether a post found on the platform is already recorded as another copy (or a part of one). */
    recordedElsewhere: (accountId: string, platformPostId: string, targetId: string) => s.recordedElsewhere.get({ account: accountId, post: platformPostId, target: targetId }) !== undefined,
    /** Whether a copy has a thread or first comment to follow it. */
    hasParts: (targetId: string) => s.hasParts.get(targetId) !== undefined,
    /** Marks a part in flight before it is sent (a resend keeps the open attempt's start). */
    claimPart: (targetId: string, position: number, now: number) => s.claimPart.run({ now, target: targetId, position }).changes === 1,
    /**
     * A part's last word: out (with its id and, when the platform gave a web link, its link),
     * failed or unconfirmed; it no longer waits for anything.
     */
    settlePart: (targetId: string, position: number, state: PartRow['state'], platformPostId: string | null, error: string | null, url: string | null = null) =>
      s.settlePart.run(state, platformPostId, webLink(url), error, targetId, position),
    /**
     * A part that waits until `at`: `pending` to be sent again (it did not go out), or
     * `publishing` to be checked first (its answer was lost). `counted`: the attempt counts
     * towards the limit (a wait the platform asked for does not).
     */
    waitPart: (targetId: string, position: number, state: 'pending' | 'publishing', at: number, counted: boolean, error: string) =>
      s.waitPart.run({ target: targetId, position, state, at, counted: counted ? 1 : 0, error }).changes === 1,
    /** Every part of a post's copies, copy by copy: what the post panel shows of a thread. */
    partsOfPost: (postId: string) =>
      s.partsOfPost.all(postId) as (Pick<PartRow, 'target_id' | 'position' | 'kind' | 'state' | 'next_attempt_at' | 'platform_url'> & { last_error: string | null })[],
    /** A stopped part goes again now, with a fresh count of attempts (the creator asked). */
    restartPart: (targetId: string, position: number, now: number) => s.restartPart.run({ target: targetId, position, now }).changes === 1,
    /** An unconfirmed part the creator found, with its id and link; the part after it goes now. */
    confirmPart: (targetId: string, position: number, platformPostId: string, url: string, now: number) => {
      if (s.confirmPart.run({ target: targetId, position, id: platformPostId, url: webLink(url) }).changes !== 1) return false;
      s.wakeNextPart.run({ target: targetId, now });
      return true;
    },
    account: (id: string) =>
      s.account.get(id) as
        | { id: string; platform: Platform; handle: string; server_url: string | null; platform_user_id: string | null; status: string; rate_limited_until: number | null; last_error: string | null }
        | undefined,
  };
}

export type PublishQueue = ReturnType<typeof createPublishQueue>;
