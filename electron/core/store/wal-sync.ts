import { open } from 'node:fs/promises';

/**
 * Makes commits durable without holding the main thread on the disk. A commit made with
 * `synchronous = NORMAL` in WAL mode has written its frames to the -wal file but not flushed
 * them; flushing that file (fdatasync, in libuv's thread pool) makes them as durable as a
 * `synchronous = FULL` commit, whose only extra step is the same flush of the same file. A
 * claim is answered once the flush that began after its commit is done, so the request it
 * allows still leaves only once the claim is on disk; meanwhile the event loop serves the other
 * lanes' answers, the screens and the RPC, instead of waiting about a millisecond per commit.
 */
export interface WalSync {
  /** Resolves once everything committed before this call is on disk. */
  sync(): Promise<void>;
}

export interface WalSyncIo {
  /** Flushes one file's data to disk (open, fdatasync, close). */
  flush(path: string): Promise<void>;
}

const nodeIo: WalSyncIo = {
  async flush(path) {
    // r+: Windows flushes only a handle opened for writing. SQLite keeps the file open and shares it.
    const file = await open(path, 'r+');
    try {
      await file.datasync();
    } finally {
      await file.close();
    }
  },
};

/**
 * Flushes of `${databasePath}-wal`, coalesced: one at a time, and callers that arrive while one
 * runs share the next, which begins only after they called (a flush that began earlier may have
 * missed their frames).
 */
export function createWalSync(databasePath: string, io: WalSyncIo = nodeIo): WalSync {
  const wal = `${databasePath}-wal`;
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const begin = (): Promise<void> => {
    const flush = io.flush(wal).finally(() => {
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
  };
}
