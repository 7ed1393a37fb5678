import type { Clock, Logger } from '../deps';
import type { Targets } from '../posts/targets';
import type { WalSync } from '../store/wal-sync';
import { ALREADY_ON_DISK, type SendBarrier } from './send-barrier';

/** A claimed copy: when its attempt started, and what its request must pass before it leaves. */
export interface Claimed {
  startedAt: number;
  barrier: SendBarrier;
}

interface Claim {
  id: string;
  resolve(claimed: Claimed | null): void;
  reject(err: unknown): void;
}

interface Outcome {
  write(): boolean;
  resolve(moved: boolean): void;
  reject(err: unknown): void;
}

/**
 * Publishing's writes, committed together once per turn of the event loop: every lane that is
 * ready to send, and every answer that came in meanwhile, share one transaction (one fsync when
 * it holds a claim). So a lane's outcome for one copy and its claim of the next are one commit,
 * ten accounts publishing at once pay for one fsync rather than twenty commits, and the screens
 * hear one `posts:changed` per batch instead of two per copy.
 *
 * Exactly-once is unchanged: a claim is committed and on disk before its copy's request leaves; an
 * outcome is committed after its answer, in the next batch (until then, and after a power cut
 * before it, the copy reads `publishing` and a restart checks with the platform first).
 *
 * With `walSync` (a database file in WAL mode) a batch holding claims commits without the fsync
 * and its claims are answered at once, each with the barrier its requests pass first: the flush
 * of the -wal file, made by the network worker just before it sends or waited for on this thread
 * (publishing/send-barrier.ts). Without it the commit itself is fsync'd.
 */
export function createCommits(d: {
  targets: Pick<Targets, 'transition' | 'atomically'>;
  clock: Pick<Clock, 'now'>;
  log: Pick<Logger, 'error'>;
  walSync?: Pick<WalSync, 'sync' | 'descriptor'>;
}) {
  let claims: Claim[] = [];
  /** Commits holding claims so far: the worker flushes once for every claim up to the one it sees. */
  let seq = 0;
  let outcomes: Outcome[] = [];
  let planned: Promise<void> | null = null;

  const flush = () => {
    planned = null;
    const [cs, os] = [claims, outcomes];
    claims = [];
    outcomes = [];
    const startedAt = d.clock.now();
    const done: (() => void)[] = [];
    const claimed: ((barrier: SendBarrier) => void)[] = [];
    try {
      // Flushed when it holds a claim (here, or before its first request leaves); outcomes alone are recoverable (see above).
      d.targets.atomically(
        () => {
          // Each write in its own savepoint: one that throws is undone alone and rejected alone.
          for (const o of os) {
            try {
              const moved = o.write();
              done.push(() => o.resolve(moved));
            } catch (err) {
              done.push(() => o.reject(err));
            }
          }
          if (cs.length === 0) return;
          try {
            // The gates ran just before; the scheduler plans its own next wake.
            const moved = new Set(
              d.targets.transition(cs.map((c) => c.id), 'scheduled', 'publishing', 'publish.claim', { attempts: 'increment', attemptStartedAt: startedAt, nextAttemptAt: null }, { gate: false, wake: false }),
            );
            for (const c of cs) claimed.push((barrier) => c.resolve(moved.has(c.id) ? { startedAt, barrier } : null));
          } catch (err) {
            for (const c of cs) done.push(() => c.reject(err));
          }
        },
        'deferred',
        cs.length > 0 && !d.walSync,
      );
    } catch (err) {
      // The commit itself failed: nothing of the batch is written.
      for (const o of os) o.reject(err);
      for (const c of cs) c.reject(err);
      return;
    }
    for (const settle of done) settle();
    if (claimed.length === 0) return;
    const barrier = d.walSync ? afterCommit(d.walSync) : ALREADY_ON_DISK;
    for (const settle of claimed) settle(barrier);
  };

  /** The barrier of the batch just committed: its claims are in the WAL, not yet flushed. */
  const afterCommit = (walSync: Pick<WalSync, 'sync' | 'descriptor'>): SendBarrier => {
    seq++;
    const fd = walSync.descriptor();
    let flushed: Promise<void> | null = null;
    // Begun by the first request sent from this thread, and shared by the rest of the batch.
    return { wal: fd === null ? null : { fd, seq }, wait: () => (flushed ??= walSync.sync()) };
  };

  const plan = (): Promise<void> => {
    if (!planned) {
      planned = new Promise<void>((resolve) => {
        // After the I/O callbacks already waiting, so the lanes and answers they free join this batch.
        setImmediate(() => {
          try {
            flush();
          } catch (err) {
            d.log.error('committing publishing writes failed', { error: err as Error });
          } finally {
            resolve();
          }
        });
      });
    }
    return planned;
  };

  return {
    /**
     * Moves a due copy from `scheduled` to `publishing`, committed. Resolves with the instant its
     * attempt started and the barrier its requests pass first (the claim on disk), or null when
     * it was no longer scheduled (cancelled, moved, claimed elsewhere).
     */
    claim(id: string): Promise<Claimed | null> {
      return new Promise<Claimed | null>((resolve, reject) => {
        claims.push({ id, resolve, reject });
        void plan();
      });
    },
    /** An outcome's write (a move out of `publishing`), committed with the next batch; resolves with what it returned. */
    outcome(write: () => boolean): Promise<boolean> {
      return new Promise<boolean>((resolve, reject) => {
        outcomes.push({ write, resolve, reject });
        void plan();
      });
    },
    /** Resolves once everything queued so far is committed (at once when nothing is). */
    settled: (): Promise<void> => planned ?? Promise.resolve(),
  };
}

export type Commits = ReturnType<typeof createCommits>;
