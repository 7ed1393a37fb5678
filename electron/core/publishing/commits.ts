import type { Clock, Logger } from '../deps';
import type { Targets } from '../posts/targets';
import type { WalSync } from '../store/wal-sync';

interface Claim {
  id: string;
  resolve(startedAt: number | null): void;
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
 * and its claims are answered once the WAL is flushed off the main thread (store/wal-sync.ts);
 * without it the commit itself is fsync'd.
 */
export function createCommits(d: {
  targets: Pick<Targets, 'transition' | 'atomically'>;
  clock: Pick<Clock, 'now'>;
  log: Pick<Logger, 'error'>;
  walSync?: WalSync;
  /** How long a claim handed back because its flush failed waits before it is tried again. */
  retryAfterMs?: number;
}) {
  let claims: Claim[] = [];
  let outcomes: Outcome[] = [];
  let planned: Promise<void> | null = null;

  const flush = () => {
    planned = null;
    const [cs, os] = [claims, outcomes];
    claims = [];
    outcomes = [];
    const startedAt = d.clock.now();
    const done: (() => void)[] = [];
    const claimed: (() => void)[] = [];
    let moved = new Set<string>();
    try {
      // Flushed when it holds a claim (here, or by walSync after it); outcomes alone are recoverable (see above).
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
            moved = new Set(
              d.targets.transition(cs.map((c) => c.id), 'scheduled', 'publishing', 'publish.claim', { attempts: 'increment', attemptStartedAt: startedAt, nextAttemptAt: null }, { gate: false, wake: false }),
            );
            for (const c of cs) claimed.push(() => c.resolve(moved.has(c.id) ? startedAt : null));
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
    if (!d.walSync) {
      for (const settle of claimed) settle();
      return;
    }
    // The next batch need not wait for this flush; these claims do.
    d.walSync.sync().then(
      () => {
        for (const settle of claimed) settle();
      },
      (err: unknown) => handBack(cs, [...moved], err),
    );
  };

  /**
   * The claims' flush failed: nothing was sent, but whether the claim is on disk is unknown. The
   * copies go back to `scheduled` (a durable commit) to be tried again in a while; if even that
   * fails they stay `publishing` and are checked with the platform after a restart.
   */
  const handBack = (cs: Claim[], ids: string[], err: unknown) => {
    d.log.error('flushing publishing claims to disk failed; handing the posts back', { error: err as Error });
    try {
      d.targets.transition(ids, 'publishing', 'scheduled', 'publish.settle', { lastError: 'Loomcast could not write to its database file, so nothing was sent; it tries again shortly.', nextAttemptAt: d.clock.now() + (d.retryAfterMs ?? 60_000) }, { gate: false, wake: true });
      for (const c of cs) c.resolve(null);
    } catch (again) {
      for (const c of cs) c.reject(again);
    }
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
     * Moves a due copy from `scheduled` to `publishing`, committed and fsync'd. Resolves with the
     * instant its attempt started, or null when it was no longer scheduled (cancelled, moved,
     * claimed elsewhere).
     */
    claim(id: string): Promise<number | null> {
      return new Promise<number | null>((resolve, reject) => {
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
