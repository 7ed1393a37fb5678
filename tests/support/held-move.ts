import { readFileSync } from 'node:fs';
import { copyFileDurably, type CopyIo } from '../../electron/core/data-folder-copy';

/**
 * A copy whose `nth` file waits until the test lets it go: a disk slow enough to look at the app
 * while it is being moved. `fail`: once let go, that file fails to copy (a disk error).
 */
export function slowDisk(nth: number, o: { fail?: boolean } = {}) {
  let reached!: () => void;
  let release!: () => void;
  const atSlowFile = new Promise<void>((r) => (reached = r));
  const go = new Promise<void>((r) => (release = r));
  let n = 0;
  const io: Partial<CopyIo> = {
    async copyFile(from, to, copied) {
      if (++n === nth) {
        reached();
        await go;
        if (o.fail) throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
      }
      return copyFileDurably(from, to, copied);
    },
  };
  return { io, atSlowFile, release };
}

/** How a move ended: its value, or the typed error it was refused with. */
export const endOf = (moving: Promise<unknown>): Promise<{ ok: true; value: unknown } | { ok: false; code: string; message: string }> =>
  moving.then(
    (value) => ({ ok: true as const, value }),
    (err: { code: string; message: string }) => ({ ok: false as const, code: err.code, message: err.message }),
  );

/** Lines of the core's log about a write refused by the read-only connection: background work that wrote during a move. */
export const readonlyWrites = (logFile: string): string[] =>
  readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((l) => /readonly|read-only database/i.test(l));

/** Lets timers of the real clock and pending I/O run (the model's fake server, the file copy). */
export const settle = (ms = 30) => new Promise((r) => setTimeout(r, ms));
