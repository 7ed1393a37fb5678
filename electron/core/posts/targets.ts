import { AppError } from '../../../shared/contract';
import { PLATFORM_NAMES, type Platform } from '../../../shared/domain/platforms';
import { canTransition, GATED_STATES, STATE_LABELS, type TargetState } from '../../../shared/domain/states';
import type { Clock, Logger } from '../deps';
import type { EventBus } from '../events';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/open';
import { insertStoredRow, type StoredRow } from '../store/row-copy';
import type { Gates } from './gates';
import { createAgentReview } from './agent-review';

/** Columns a move may set besides the state. `attempts: 'increment'` counts one more attempt; 'reset' starts the count again. */
export interface TargetPatch {
  scheduledAt?: number | null;
  zone?: string | null;
  accountId?: string | null;
  lastError?: string | null;
  lastErrorDetails?: string | null;
  nextAttemptAt?: number | null;
  attemptStartedAt?: number | null;
  attemptMarker?: string | null;
  platformPostId?: string | null;
  platformUrl?: string | null;
  publishedAt?: number | null;
  textOverride?: string | null;
  attempts?: 'increment' | 'reset';
}

const COLUMNS: Record<Exclude<keyof TargetPatch, 'attempts'>, string> = {
  scheduledAt: 'scheduled_at',
  zone: 'zone',
  accountId: 'account_id',
  lastError: 'last_error',
  lastErrorDetails: 'last_error_details',
  nextAttemptAt: 'next_attempt_at',
  attemptStartedAt: 'attempt_started_at',
  attemptMarker: 'attempt_marker',
  platformPostId: 'platform_post_id',
  platformUrl: 'platform_url',
  publishedAt: 'published_at',
  textOverride: 'text_override',
};

export interface NewTarget {
  id: string;
  postId: string;
  platform: Platform;
  accountId: string | null;
  state: TargetState;
  scheduledAt: number | null;
  zone: string | null;
  textOverride?: string | null;
  /** The duplicate guard's fingerprint of its words and media when the writer already has it (guard-prints.ts); '' leaves it to be worked out. */
  guardPrint?: string;
}

interface Row {
  id: string;
  post_id: string;
  platform: Platform;
  state: TargetState;
  scheduled_at: number | null;
  account_id: string | null;
}

export interface MoveOptions {
  /** Skip the pre-flight gates: only for moves that don't make a post go out as it is (none today but the publisher's own). */
  gate?: boolean;
  /** The publisher settles its own work; its moves need not wake the scheduler. */
  wake?: boolean;
  /**
   * False: the commit survives the app crashing but not the machine losing power (no fsync).
   * Only for an outcome that a check with the platform can recover after a restart: the copy
   * then still reads `publishing` and is reconciled. Never for a claim.
   */
  durable?: boolean;
}

type PostsChangedReason = 'created' | 'updated' | 'deleted' | 'state';

/**
 * The one owner of a target's life: the only code that inserts targets, deletes them, or writes
 * their state or due time. Every move goes through `transition` over the state machine in
 * shared/domain/states.ts; moves into approved or scheduled pass the pre-flight gates; a move
 * into `scheduled` or a new due time wakes the scheduler. Events are derived from what was
 * written and emitted only after the outermost transaction commits.
 */
export function createTargets({ db, clock, events, gates, log }: { db: Db; clock: Clock; events: EventBus; gates: Gates; log: Logger }) {
  const s = {
    get: db.prepare('SELECT id, post_id, platform, state, scheduled_at, account_id FROM targets WHERE id = ?'),
    ofPost: db.prepare('SELECT id, post_id, platform, state, scheduled_at, account_id FROM targets WHERE post_id = ? ORDER BY rowid'),
    insert: db.prepare(`INSERT INTO targets (id, post_id, platform, account_id, text_override, scheduled_at, zone, state, created_at, updated_at, guard_print)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    remove: db.prepare('DELETE FROM targets WHERE id = ?'),
    note: db.prepare('UPDATE targets SET last_error = ?, last_error_details = ?, updated_at = ? WHERE id = ?'),
    remember: db.prepare(`UPDATE targets SET attempt_marker = ? WHERE id = ? AND state = 'publishing'`),
    touchPost: db.prepare('UPDATE posts SET updated_at = ? WHERE id = ?'),
  };
  // An agent's request never puts an unapproved copy on its way out (posts/agent-review.ts).
  const agentReview = createAgentReview(db);
  /**
   * States whose words nobody may have approved: never approved (draft, in review), or editable
   * again after they stopped (failed, missed, cancelled: an agent may have changed the words since).
   * An unconfirmed copy cannot be edited; its words went out as approved.
   */
  const UNAPPROVED: readonly TargetState[] = ['draft', 'in_review', 'failed', 'missed', 'cancelled'];
  const ON_ITS_WAY: readonly TargetState[] = ['approved', 'scheduled', 'publishing'];
  const forAgent = (from: TargetState | null, to: TargetState): TargetState => {
    if (!ON_ITS_WAY.includes(to) || (from !== null && !UNAPPROVED.includes(from)) || !agentReview.applies()) return to;
    if (from === 'in_review' || to === 'publishing') agentReview.refuse(to === 'publishing' ? 'publish a post nobody approved' : 'approve posts');
    return 'in_review';
  };
  const updates = new Map<string, ReturnType<Db['prepare']>>();
  const updateFor = (keys: (keyof TargetPatch)[], attempts: TargetPatch['attempts']) => {
    const sig = `${keys.join(',')}:${attempts ?? ''}`;
    let stmt = updates.get(sig);
    if (!stmt) {
      const sets = keys.map((k) => (k === 'attempts' ? (attempts === 'reset' ? 'attempts = 0' : 'attempts = attempts + 1') : `${COLUMNS[k]} = @${k}`));
      stmt = db.prepare(`UPDATE targets SET state = @to, ${[...sets, 'updated_at = @now'].join(', ')} WHERE id = @id AND state = @from`);
      updates.set(sig, stmt);
    }
    return stmt;
  };

  // The unit of work: what the current (outermost) transaction wrote, announced after commit.
  let depth = 0;
  type Pending = { posts: Map<string, PostsChangedReason>; at: Set<number>; unknownAt: boolean; wake: boolean };
  const fresh = (): Pending => ({ posts: new Map(), at: new Set(), unknownAt: false, wake: false });
  let pending: Pending = fresh();
  let onDue: () => void = () => {};
  /**
   * What the innermost savepoint (a nested unit) added to `pending`, each post with the reason it
   * had before: when the savepoint throws, its writes are undone and so are its notes, so a post
   * whose move was refused is not announced as changed.
   */
  type Journal = { posts: [string, PostsChangedReason | undefined][]; at: number[]; unknownAt: boolean; wake: boolean };
  let journal: Journal | null = null;
  const takeBack = (j: Journal) => {
    for (let i = j.posts.length - 1; i >= 0; i--) {
      const [postId, had] = j.posts[i]!;
      if (had === undefined) pending.posts.delete(postId);
      else pending.posts.set(postId, had);
    }
    for (const t of j.at) pending.at.delete(t);
    // Both only ever turn true within a unit: what they were when the savepoint began.
    pending.unknownAt = j.unknownAt;
    pending.wake = j.wake;
  };

  /**
   * `at`: the instants the post's copies were and now are due, so a screen showing other days
   * can skip the change; left out when the change may touch any day (the post's text, a delete).
   */
  const note = (postId: string, reason: PostsChangedReason, at?: readonly (number | null | undefined)[]) => {
    if (at === undefined) pending.unknownAt = true;
    else
      for (const t of at) {
        if (typeof t !== 'number' || pending.at.has(t)) continue;
        pending.at.add(t);
        journal?.at.push(t);
      }
    const had = pending.posts.get(postId);
    // 'created' and 'deleted' say more than 'updated', which says more than 'state'.
    const rank = { state: 0, updated: 1, created: 2, deleted: 2 } as const;
    if (!had || rank[reason] > rank[had]) {
      journal?.posts.push([postId, had]);
      pending.posts.set(postId, reason);
    }
  };

  const flush = () => {
    const done = pending;
    pending = fresh();
    // One event per unit of work, naming every post it touched and the strongest reason
    // (deleted, then created, updated, state): a listener waiting for deletes still hears them.
    if (done.posts.size > 0) {
      const reasons = new Set(done.posts.values());
      const reason = (['deleted', 'created', 'updated', 'state'] as const).find((r) => reasons.has(r))!;
      events.emit('posts:changed', { ids: [...done.posts.keys()], reason, ...(done.unknownAt ? {} : { at: [...done.at].sort((a, b) => a - b) }) });
    }
    if (done.wake) onDue();
  };

  /** Runs `fn` in one transaction; what it wrote is announced once, after it commits. */
  function atomically<T>(fn: () => T, mode: 'deferred' | 'immediate' = 'deferred', durable = true): T {
    if (depth === 0 && db.inTransaction) {
      throw new AppError('internal', 'Targets were written inside a transaction the posts owner did not open; use targets.atomically.');
    }
    // A nested unit is a savepoint, with its own journal of notes (see `journal`).
    const outer = journal;
    const mine: Journal | null = depth > 0 ? { posts: [], at: [], unknownAt: pending.unknownAt, wake: pending.wake } : null;
    journal = mine;
    depth++;
    // WAL with synchronous=NORMAL: the commit is not fsync'd; the next full commit syncs it too.
    const relaxed = depth === 1 && !durable ? (db.pragma('synchronous', { simple: true }) as number) : null;
    if (relaxed !== null) db.pragma('synchronous = NORMAL');
    let result: T;
    try {
      const tx = db.transaction(fn);
      result = depth === 1 && mode === 'immediate' ? tx.immediate() : tx();
    } catch (err) {
      depth--;
      journal = outer;
      if (mine) takeBack(mine);
      else pending = fresh();
      throw err;
    } finally {
      if (relaxed !== null) db.pragma(`synchronous = ${relaxed}`);
    }
    depth--;
    journal = outer;
    // Kept by the enclosing savepoint, which may still be undone.
    if (mine && outer) {
      for (const e of mine.posts) outer.posts.push(e);
      for (const t of mine.at) outer.at.push(t);
    }
    if (depth === 0) flush();
    return result;
  }

  const illegal = (row: Row, to: TargetState) =>
    new AppError(
      'illegal_transition',
      `The ${PLATFORM_NAMES[row.platform]} copy is ${STATE_LABELS[row.state].toLowerCase()}, so it can't become ${STATE_LABELS[to].toLowerCase()}.`,
    );

  const write = (row: Row, to: TargetState, patch: TargetPatch, wake: boolean): boolean => {
    const keys = (Object.keys(patch) as (keyof TargetPatch)[]).filter((k) => patch[k] !== undefined);
    const params: Record<string, unknown> = { id: row.id, from: row.state, to, now: clock.now() };
    for (const k of keys) if (k !== 'attempts') params[k] = patch[k];
    if (updateFor(keys, patch.attempts).run(params).changes !== 1) return false;
    const newTime = patch.scheduledAt !== undefined && patch.scheduledAt !== row.scheduled_at;
    note(row.post_id, 'state', newTime ? [row.scheduled_at, patch.scheduledAt] : [row.scheduled_at]);
    if (wake && to === 'scheduled' && (row.state !== 'scheduled' || newTime || patch.accountId !== undefined)) pending.wake = true;
    return true;
  };

  return {
    atomically,
    /** The scheduler's wake-up; set once the scheduler exists. */
    onDue(fn: () => void) {
      onDue = fn;
    },

    ofPost: (postId: string) => s.ofPost.all(postId) as Row[],

    insert(given: NewTarget, reason: PostsChangedReason = 'updated', opts: MoveOptions = {}): void {
      const t = { ...given, state: forAgent(null, given.state) };
      atomically(() => {
        s.insert.run(t.id, t.postId, t.platform, t.accountId, t.textOverride ?? null, t.scheduledAt, t.zone, t.state, clock.now(), clock.now(), t.guardPrint ?? '');
        note(t.postId, reason, [t.scheduledAt]);
        if (GATED_STATES.includes(t.state) && opts.gate !== false) gates.assert([t.id]);
        if (t.state === 'scheduled' && opts.wake !== false) pending.wake = true;
      });
    },

    /**
     * Many new targets in one statement loop and one unit of work (a bulk import), with the gates
     * run once over all of them at the end, after `then` has added what they read (parts, media).
     */
    insertMany(given: readonly NewTarget[], reason: PostsChangedReason, then: () => void = () => {}): void {
      const ts = given.map((t) => ({ ...t, state: forAgent(null, t.state) }));
      atomically(() => {
        const now = clock.now();
        const gated: string[] = [];
        for (const t of ts) {
          s.insert.run(t.id, t.postId, t.platform, t.accountId, t.textOverride ?? null, t.scheduledAt, t.zone, t.state, now, now, t.guardPrint ?? '');
          note(t.postId, reason, [t.scheduledAt]);
          if (GATED_STATES.includes(t.state)) gated.push(t.id);
          if (t.state === 'scheduled') pending.wake = true;
        }
        then();
        gates.assert(gated);
      });
    },

    remove(id: string): void {
      atomically(() => {
        const row = s.get.get(id) as Row | undefined;
        if (!row) return;
        if (row.state === 'publishing') throw illegal(row, 'cancelled');
        s.remove.run(id);
        note(row.post_id, 'updated', [row.scheduled_at]);
      });
    },

    /**
     * Moves the given targets that are in one of `from` to `to` (a state, or one chosen per row),
     * setting `patch` with it. Targets in another state are left alone; an illegal edge is a
     * typed error, and a failed gate refuses the whole move. Returns the ids that moved.
     */
    transition(ids: readonly string[], from: readonly TargetState[] | TargetState, to: TargetState | ((row: Row) => TargetState), why: string, patch: TargetPatch = {}, opts: MoveOptions = {}): string[] {
      const froms = typeof from === 'string' ? [from] : from;
      return atomically(() => {
        const moved: string[] = [];
        const gated: string[] = [];
        for (const id of ids) {
          const row = s.get.get(id) as Row | undefined;
          if (!row || !froms.includes(row.state)) continue;
          const next = forAgent(row.state, typeof to === 'function' ? to(row) : to);
          if (!canTransition(row.state, next)) throw illegal(row, next);
          if (!write(row, next, patch, opts.wake !== false)) continue;
          moved.push(id);
          if (GATED_STATES.includes(next) && row.state !== 'publishing' && opts.gate !== false) gated.push(id);
        }
        // Gates read the row as written (its new account, time and text), inside the same transaction.
        gates.assert(gated);
        if (moved.length > 0) log.debug('targets moved', { why, count: moved.length, to: typeof to === 'function' ? 'per target' : to });
        return moved;
      }, 'deferred', opts.durable !== false);
    },

    /** A note on a copy that changes neither its state nor its time ("the thread stopped at part 3"); null takes it away. */
    note(id: string, reason: string | null, details: string | null): void {
      atomically(() => {
        const row = s.get.get(id) as Row | undefined;
        if (row && s.note.run(reason, details, clock.now(), id).changes === 1) note(row.post_id, 'state', [row.scheduled_at]);
      });
    },

    /** The platform's own handle for an attempt in flight (an upload session), kept before the creating step. */
    remember(id: string, marker: string): void {
      s.remember.run(marker, id);
    },

    /**
     * A copy brought back whole from the bin (posts/post-bin.ts), every column as it was kept:
     * announced as created; a scheduled one wakes the scheduler.
     */
    restore(row: StoredRow): void {
      atomically(() => {
        insertStoredRow(db, 'targets', row);
        note(String(row.post_id), 'created', [row.scheduled_at as number | null]);
        if (row.state === 'scheduled') pending.wake = true;
      });
    },

    /** Marks posts as changed in the current unit of work (their text, media or parts changed). */
    touched(postId: string, reason: PostsChangedReason = 'updated'): void {
      atomically(() => {
        s.touchPost.run(clock.now(), postId);
        note(postId, reason);
      });
    },

    /** Re-runs the gates over a post's copies that are on their way out (after its text or media changed). */
    regate(postId: string): void {
      const waiting = (s.ofPost.all(postId) as Row[]).filter((r) => GATED_STATES.includes(r.state)).map((r) => r.id);
      gates.assert(waiting);
    },

    /**
     * New words from someone whose posts wait for the creator (an agent with the rule on, a
     * drafts-only token): the post's approved and scheduled copies go back to Review, so what
     * goes out is always words the creator approved. Anyone else's edit leaves them as they are.
     */
    reviewAgain(postId: string, why: string): string[] {
      if (!agentReview.applies()) return [];
      const onTheirWay = (s.ofPost.all(postId) as Row[]).filter((r) => r.state === 'approved' || r.state === 'scheduled').map((r) => r.id);
      return onTheirWay.length === 0 ? [] : this.transition(onTheirWay, ['approved', 'scheduled'], 'in_review', why);
    },
  };
}

export type Targets = ReturnType<typeof createTargets>;

/**
 * The duplicate guard's cached fingerprints (targets.guard_print, see guard-prints.ts): derived
 * from a copy's words and media, never its state, but written here so that this module stays the
 * only writer of the targets table.
 */
const printWriters = new WeakMap<Db, { one: Statement; ofPost: Statement }>();
function printWritersOf(db: Db) {
  let w = printWriters.get(db);
  if (!w) {
    w = {
      one: db.prepare(`UPDATE targets SET guard_print = ? WHERE id = ? AND guard_print = ''`),
      ofPost: db.prepare(`UPDATE targets SET guard_print = ? WHERE post_id = ? AND text_override IS NULL`),
    };
    printWriters.set(db, w);
  }
  return w;
}

/** Stores worked-out fingerprints of copies that had none, in one transaction. */
export function storeGuardPrints(db: Db, prints: readonly (readonly [print: string, targetId: string])[]): void {
  const { one } = printWritersOf(db);
  db.transaction(() => {
    for (const [p, id] of prints) one.run(p, id);
  })();
}

/** Stores the fingerprint of a post's copies that use the post's own words. */
export function storePostGuardPrint(db: Db, postId: string, print: string): void {
  printWritersOf(db).ofPost.run(print, postId);
}

const amenders = new WeakMap<Db, Statement>();

/**
 * A published copy's post id, link and notice, learned after it went out: TikTok lists a public
 * post's id only once its review passes, so until then the copy holds the publish id (see
 * platforms/tiktok/pending.ts). For the metrics collector, which has no targets service. Written
 * only while the copy is still published under `was` (a copy changed meanwhile is left as it is),
 * and announced like a note on the copy, at once: call it outside any transaction. Returns
 * whether it was written.
 */
export function amendPublishedCopy(
  db: Db,
  events: EventBus,
  now: number,
  c: { targetId: string; was: string; platformPostId: string; platformUrl: string | null; notice: string | null },
): boolean {
  let amend = amenders.get(db);
  if (!amend) {
    amend = db.prepare(`UPDATE targets SET platform_post_id = @platformPostId, platform_url = @platformUrl, last_error = @notice, updated_at = @now
      WHERE id = @targetId AND state = 'published' AND platform_post_id = @was RETURNING post_id, scheduled_at`);
    amenders.set(db, amend);
  }
  const row = amend.get({ ...c, now }) as { post_id: string; scheduled_at: number | null } | undefined;
  if (!row) return false;
  events.emit('posts:changed', { ids: [row.post_id], reason: 'state', ...(row.scheduled_at !== null ? { at: [row.scheduled_at] } : {}) });
  return true;
}
