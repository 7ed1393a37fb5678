/**
 * The one place that knows all the work Loomcast does on its own, outside any request: timers,
 * queues and loops (publishing, the numbers, backups, alerts and webhooks, generation jobs,
 * repeating posts, the campaign guard, the search index, the backfills after a start). Each
 * registers here when it is made, so the data folder's move (data-folder-move.ts) pauses all of
 * it before the database goes read-only, and no new worker can be left out of a hand-kept list.
 *
 * A paused worker loses nothing: it starts nothing new, waits for (or puts back) what it had
 * under way, and on `resume` does what waited or became due meanwhile.
 */
import type { Logger } from './deps';

export interface BackgroundWorker {
  /** Starts nothing new; resolves once what was under way has ended or been put back. */
  pause(): Promise<void>;
  /** Goes on: what waited, or became due while paused, is done now. */
  resume(): void;
}

export interface RegisterOptions {
  /**
   * Paused before (and resumed after) the others, one after another in the order registered:
   * publishing, whose last posts sent are recorded (and heard by the others) before they pause.
   */
  first?: boolean;
}

/** A loop's way through (backfills): awaited between batches, it waits while the work is paused. */
export interface BackgroundGate {
  /** Resolves at once, or once the pause is over, or when `signal` aborts (the core closing). */
  pass(signal?: AbortSignal): Promise<void>;
  /** The loop ended: nothing is left to pause. */
  done(): void;
}

interface Entry {
  name: string;
  worker: BackgroundWorker;
  first: boolean;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Something started again: a throw is logged, never thrown at the one resuming (the others go on). */
function resumeEach(entries: readonly Entry[], log: Pick<Logger, 'error'>): void {
  for (const e of entries) {
    try {
      e.worker.resume();
    } catch (err) {
      log.error('background work could not go on after a pause', { worker: e.name, error: err as Error });
    }
  }
}

export function createBackground(log: Pick<Logger, 'error' | 'info'>) {
  const entries: Entry[] = [];
  let paused = false;

  function register(name: string, worker: BackgroundWorker, o: RegisterOptions = {}): () => void {
    const entry: Entry = { name, worker, first: o.first === true };
    entries.push(entry);
    // Made during a pause (nothing does today): it starts paused, and goes on with the others.
    if (paused) void worker.pause().catch((err: unknown) => log.error('background work could not pause', { worker: name, error: err as Error }));
    return () => {
      const i = entries.indexOf(entry);
      if (i >= 0) entries.splice(i, 1);
    };
  }

  return {
    register,
    /** Whether the work is paused now. */
    isPaused: (): boolean => paused,
    /** The names of the work registered (tests and the log). */
    names: (): string[] => entries.map((e) => e.name),

    /** For a loop working through batches: a worker whose pause takes effect between two batches. */
    gate(name: string): BackgroundGate {
      let held: { promise: Promise<void>; release: () => void } | null = null;
      const unregister = register(name, {
        async pause() {
          let release!: () => void;
          const promise = new Promise<void>((r) => (release = r));
          held ??= { promise, release };
          // A batch is synchronous: one whose gate opened before the pause has run by the next turn.
          await nextTurn();
        },
        resume() {
          const h = held;
          held = null;
          h?.release();
        },
      });
      return {
        async pass(signal?: AbortSignal): Promise<void> {
          while (held && !signal?.aborted) {
            const { promise } = held;
            await new Promise<void>((resolve) => {
              signal?.addEventListener('abort', () => resolve(), { once: true });
              void promise.then(resolve);
            });
          }
        },
        done: unregister,
      };
    },

    /**
     * Pauses every worker (those registered `first` first, one by one; then the rest together)
     * and resolves with what resumes them, once. A worker that fails to pause has the others
     * resumed and the failure thrown: nothing stays paused for a move that does not happen.
     */
    async pauseAll(): Promise<() => void> {
      if (paused) throw new Error('The background work is already paused.');
      paused = true;
      const done: Entry[] = [];
      const pauseOne = async (e: Entry) => {
        await e.worker.pause();
        done.push(e);
      };
      try {
        for (const e of entries.filter((x) => x.first)) await pauseOne(e);
        const rest = entries.filter((x) => !x.first);
        const results = await Promise.allSettled(rest.map(pauseOne));
        const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) throw failed.reason;
      } catch (err) {
        paused = false;
        resumeEach([...done.filter((e) => !e.first), ...done.filter((e) => e.first).reverse()], log);
        throw err;
      }
      log.info('background work paused', { workers: done.map((e) => e.name) });
      let resumed = false;
      return () => {
        if (resumed) return;
        resumed = true;
        paused = false;
        // What is paused now (one made meanwhile too): the rest first, publishing last.
        resumeEach([...entries.filter((e) => !e.first), ...entries.filter((e) => e.first).reverse()], log);
        log.info('background work resumed', { workers: entries.length });
      };
    },
  };
}

export type Background = ReturnType<typeof createBackground>;

/**
 * A worker that is started and stopped (the scheduler, the numbers' collector, backups): the
 * pause stops it (it waits for what it has under way); the resume starts it again if it ran.
 */
export function startStopWorker(name: string, w: { start(): unknown; stop(): Promise<void>; isRunning?(): boolean }, log: Pick<Logger, 'error'>): BackgroundWorker {
  let wasRunning = false;
  return {
    async pause() {
      wasRunning = w.isRunning ? w.isRunning() : true;
      await w.stop();
    },
    resume() {
      if (!wasRunning) return;
      const failed = (err: unknown) => log.error('background work failed to start again after a pause', { worker: name, error: err as Error });
      try {
        Promise.resolve(w.start()).catch(failed);
      } catch (err) {
        failed(err);
      }
    },
  };
}
