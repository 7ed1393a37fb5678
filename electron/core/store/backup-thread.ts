// A backup's copy and check on a worker thread, with its own read-only connection: at 100,000
// posts they take seconds (VACUUM INTO, then integrity_check of the copy), and on the main thread
// they held up publishing, the screens and every request for as long.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Runs in the worker (CommonJS, evaluated): copies the database at `source` into `temp` with
 * VACUUM INTO from a read-only connection (a consistent snapshot of what was committed; the app
 * goes on writing meanwhile), then checks the copy. Answers the check's problem, or null, worded
 * as `checkDatabaseFile` (store/backups.ts) words it: an evaluated worker cannot import that module.
 */
const WORKER_SOURCE = `
const { parentPort, workerData: w } = require('node:worker_threads');
try {
  const Database = require(w.module);
  const open = (path) => new Database(path, { readonly: true, fileMustExist: true, nativeBinding: w.nativeBinding });
  parentPort.postMessage({ started: true });
  const source = open(w.source);
  try {
    source.prepare('VACUUM INTO ?').run(w.temp);
  } finally {
    source.close();
  }
  let problem;
  try {
    const copy = open(w.temp);
    try {
      const lines = copy.pragma('integrity_check').map((r) => String(Object.values(r)[0]));
      problem = lines.length === 1 && lines[0] === 'ok' ? null : lines.slice(0, 3).join('; ');
    } finally {
      copy.close();
    }
  } catch (err) {
    problem = String((err && err.message) || err);
  }
  parentPort.postMessage({ done: true, problem });
} catch (err) {
  parentPort.postMessage({ failed: String((err && err.message) || err) });
}`;

const betterSqlite3 = () => createRequire(import.meta.url).resolve('better-sqlite3');

/** The worker could not run SQLite at all (nothing was copied): the caller may do it on its own thread. */
export class BackupThreadUnavailable extends Error {}

export interface CopyInThread {
  /** The database file to copy (the app's own, open in WAL mode). */
  source: string;
  /** The empty, owner-only file VACUUM INTO writes. */
  temp: string;
  nativeBinding?: string | undefined;
  /** The module the worker loads SQLite from; better-sqlite3's own unless a test says otherwise. */
  sqliteModule?: string;
}

/**
 * Copies and checks on a worker thread. Resolves with the check's problem (null: sound); rejects
 * with the copy's error, or with BackupThreadUnavailable when the worker could not load SQLite or
 * start at all.
 */
export function copyAndCheckInThread(req: CopyInThread): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let started = false;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { module: req.sqliteModule ?? betterSqlite3(), source: req.source, temp: req.temp, nativeBinding: req.nativeBinding },
      });
    } catch (err) {
      reject(new BackupThreadUnavailable((err as Error).message));
      return;
    }
    worker.on('message', (m: { started?: true; done?: true; problem?: string | null; failed?: string }) => {
      if (m.started) started = true;
      else if (m.done) settle(() => resolve(m.problem ?? null));
      else if (m.failed !== undefined) settle(() => reject(started ? new Error(m.failed) : new BackupThreadUnavailable(m.failed)));
    });
    worker.on('error', (err) => settle(() => reject(started ? err : new BackupThreadUnavailable(err.message))));
    worker.on('exit', (code) => settle(() => reject(new Error(`The backup thread stopped (exit code ${code}) before it finished.`))));
  });
}
