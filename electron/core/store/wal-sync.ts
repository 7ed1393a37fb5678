import { closeSync, fdatasync, openSync } from 'node:fs';

/**
 * Makes commits durable without holding the main thread on the disk. A commit made with
 * `synchronous = NORMAL` in WAL mode has written its frames to the -wal file but not flushed
 * them; flushing that file (fdatasync) makes them as durable as a `synchronous = FULL` commit,
 * whose only extra step is the same flush of the same file.
 *
 * Publishing uses it as a barrier before a request leaves (publishing/send-barrier.ts): the
 * network worker flushes the file itself just before it sends (through `descriptor()`), and a
 * request sent from the main thread waits for `sync()`, which flushes in libuv's thread pool. So
 * a claimed copy's request still leaves only once the claim is on disk, while the event loop
 * serves the other lanes' answers, the screens and the RPC.
 */
export interface WalSync {
  /** Resolves once everything committed before this call is on disk. */
  sync(): Promise<void>;
  /**
   * The -wal file, opened once and kept (SQLite keeps it for as long as the database is open and
   * only truncates it), for a flush on another thread; null when there is no such file or the
   * flush is a test's.
   */
  descriptor(): number | null;
  /** Lets go of the -wal file (before the database closes, which removes it). */
  close(): Promise<void>;
}

export interface WalSyncIo {
  /** Flushes one file's data to disk. */
  flush(path: string): Promise<void>;
}

/**
 * Flushes of `${databasePath}-wal`, coalesced: one at a time, and callers that arrive while one
 * runs share the next, which begins only after they called (a flush that began earlier may have
 * missed their frames). `io`: a test's flush; by default the kept descriptor is flushed, one trip
 * to the thread pool each.
 */
export function createWalSync(databasePath: string, io?: WalSyncIo): WalSync {
  const wal = `${databasePath}-wal`;
  let fd: number | null = null;
  // r+: Windows flushes only a handle opened for writing. SQLite keeps the file open and shares it.
  const opened = (): number => (fd ??= openSync(wal, 'r+'));
  const drop = () => {
    if (fd !== null) closeSync(fd);
    fd = null;
  };
  const flushKept = () =>
    new Promise<void>((resolve, reject) => {
      let f: number;
      try {
        f = opened();
      } catch (err) {
        reject(err);
        return;
      }
      fdatasync(f, (err) => {
        if (!err) return resolve();
        // The next flush opens the file again.
        if (fd === f) drop();
        reject(err);
      });
    });
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const begin = (): Promise<void> => {
    const flush = (io ? io.flush(wal) : flushKept()).finally(() => {
      if (running === flush) running = null;
    });
    running = flush;
    return flush;
  };
  return {
    sync() {
      if (!running) return begin();
      next ??= running
        .then(
          () => undefined,
          () => undefined,
        )
        .then(() => {
          next = null;
          return begin();
        });
      return next;
    },
    descriptor() {
      if (io) return null;
      try {
        return opened();
      } catch {
        return null;
      }
    },
    async close() {
      await running?.catch(() => undefined);
      await next?.catch(() => undefined);
      drop();
    },
  };
}
