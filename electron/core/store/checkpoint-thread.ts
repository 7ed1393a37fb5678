// Checkpoints on a thread of their own. SQLite moves the -wal file's pages into the database file
// (a checkpoint) when a commit finds more than 1,000 pages waiting: inside that commit, on the
// thread that commits, with the database file's flush. In a burst of publishing that was every
// twentieth batch or so, each copying megabytes while every lane waited for the main thread; on a
// laptop's disk the flush alone can take tens of milliseconds.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../deps';
import type { Db } from './open';

/** SQLite's own threshold: what the app's connection goes back to when the thread is not there. */
export const SQLITE_AUTOCHECKPOINT_PAGES = 1_000;
/**
 * Past this many waiting pages the app's connection checkpoints itself after all (64 MB of 4 KB
 * pages): only when the thread cannot keep up or has stopped. A burst of 1,000 posts writes far less.
 */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 16_384;
const INTERVAL_MS = 1_000;
/** While commits keep coming, a checkpoint waits at most this many ticks (4 s) for a quiet one. */
const MAX_WAIT_TICKS = 4;

/**
 * Runs in the worker (CommonJS, evaluated): its own connection to the database and, once the
 * -wal file has been written and then left alone for a tick (`intervalMs`), a PASSIVE checkpoint,
 * which copies what no reader still needs and never waits for, or holds up, the app's writes and
 * reads. It writes nothing else. `synchronous = FULL`: the database file is flushed before the
 * -wal file may be reused, as the app's own checkpoints do.
 */
const WORKER_SOURCE = `
const { parentPort, workerData: w } = require('node:worker_threads');
let db;
try {
  const Database = require(w.module);
  db = new Database(w.path, { fileMustExist: true, nativeBinding: w.nativeBinding });
  db.pragma('synchronous = FULL');
} catch (err) {
  parentPort.postMessage({ failed: String((err && err.message) || err) });
  db = null;
}
if (db) {
  const { statSync } = require('node:fs');
  // A failure is reported once, not every tick while it lasts (a full disk would fill the log).
  let failing = null;
  const checkpoint = () => {
    try {
      const [r] = db.pragma('wal_checkpoint(PASSIVE)');
      failing = null;
      if (w.report) parentPort.postMessage({ checkpointed: r });
    } catch (err) {
      // Busy (another checkpoint runs) is the next tick's to try again; anything else is reported.
      if (err && err.code === 'SQLITE_BUSY') return;
      const message = String((err && err.message) || err);
      if (message !== failing) parentPort.postMessage({ error: message });
      failing = message;
    }
  };
  // The -wal file as the last tick saw it: while commits keep writing it (a burst of publishing,
  // an import), the checkpoint waits for a quiet tick, up to w.maxWaitTicks, so that it does not
  // take a core from the work it would only have to copy again.
  let seen = null;
  let waited = 0;
  const tick = () => {
    let now;
    try {
      const st = statSync(w.path + '-wal', { bigint: true });
      now = st.mtimeNs + ':' + st.size;
    } catch {
      // No -wal file yet (or a moment without one): nothing to copy.
      return;
    }
    if (now === seen && waited === 0) return;
    if (now !== seen && waited < w.maxWaitTicks) {
      seen = now;
      waited++;
      return;
    }
    seen = now;
    waited = 0;
    checkpoint();
  };
  const timer = setInterval(tick, w.intervalMs);
  parentPort.on('message', (m) => {
    if (m === 'now') return checkpoint();
    if (m !== 'stop') return;
    clearInterval(timer);
    db.close();
    parentPort.postMessage({ stopped: true });
    parentPort.close();
  });
  parentPort.postMessage({ started: true });
}`;

export interface CheckpointThread {
  /** Checkpoints at once (tests; the thread looks every second whether to). */
  now(): void;
  /** Stops the thread and closes its connection (before the app's connection closes). */
  close(): Promise<void>;
}

export interface CheckpointThreadOptions {
  nativeBinding?: string | undefined;
  /** The module the worker loads SQLite from; better-sqlite3's own unless a test says otherwise. */
  sqliteModule?: string;
  intervalMs?: number;
  /** While commits keep coming, how many ticks a checkpoint waits for a quiet one (tests). */
  maxWaitTicks?: number;
  /** Each checkpoint's result, as SQLite's pragma gives it (tests). */
  onCheckpoint?: (r: { busy: number; log: number; checkpointed: number }) => void;
}

/**
 * Starts the checkpoint thread for `db`, open at `path`, and leaves checkpoints to it: the app's
 * connection checkpoints only past FALLBACK_AUTOCHECKPOINT_PAGES. When the thread cannot open the
 * database, fails or stops, the connection goes back to checkpointing as SQLite does by default,
 * so the -wal file never grows unchecked.
 */
export function startCheckpointThread(db: Db, path: string, log: Pick<Logger, 'warn'>, opts: CheckpointThreadOptions = {}): CheckpointThread {
  let fellBack = false;
  const fallBack = (why: string) => {
    if (fellBack || !db.open) return;
    fellBack = true;
    db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
    log.warn('checkpoints are back on the main thread', { why });
  };
  let worker: Worker | null;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      name: 'loomcast-checkpoint',
      workerData: { module: opts.sqliteModule ?? createRequire(import.meta.url).resolve('better-sqlite3'), path, nativeBinding: opts.nativeBinding, intervalMs: opts.intervalMs ?? INTERVAL_MS, maxWaitTicks: opts.maxWaitTicks ?? MAX_WAIT_TICKS, report: opts.onCheckpoint !== undefined },
    });
  } catch (err) {
    fallBack((err as Error).message);
    return { now() {}, close: async () => {} };
  }
  // Handed over only now: until the thread runs, SQLite's own threshold stands.
  db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  worker.unref();
  let closing = false;
  let stopped: (() => void) | null = null;
  worker.on('message', (m: { failed?: string; error?: string; checkpointed?: { busy: number; log: number; checkpointed: number }; stopped?: true }) => {
    if (m.failed !== undefined) fallBack(`the checkpoint thread could not open the database: ${m.failed}`);
    else if (m.error !== undefined) log.warn('a checkpoint failed', { error: m.error });
    else if (m.checkpointed) opts.onCheckpoint?.(m.checkpointed);
    else if (m.stopped) stopped?.();
  });
  worker.on('error', (err) => fallBack(`the checkpoint thread failed: ${err.message}`));
  worker.on('exit', () => {
    const w = worker;
    worker = null;
    if (w && !closing) fallBack('the checkpoint thread stopped');
  });
  return {
    now() {
      worker?.postMessage('now');
    },
    async close() {
      closing = true;
      const w = worker;
      if (!w) return;
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      // The connection closes in the thread, so the app's close can remove the -wal file after it.
      const done = new Promise<void>((resolve) => (stopped = resolve));
      w.postMessage('stop');
      await Promise.race([done, exited]);
      await w.terminate();
      worker = null;
    },
  };
}
