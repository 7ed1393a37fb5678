import { readFileSync } from 'node:fs';
import { copyFileDurably, type CopyIo } from '../../electron/core/data-folder-copy';
import type { Vault } from '../../electron/core/deps';
import { memoryVault } from './core';

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

/**
 * A keychain (in memory) whose next look at its status, or next write, waits until the test lets
 * it go: a sign-in caught between its check of the move and its save.
 */
export function slowKeychain() {
  const vault = memoryVault();
  let waiting: { step: 'status' | 'set'; reached(): void; go: Promise<void> } | null = null;
  const at = async (step: 'status' | 'set') => {
    if (waiting?.step !== step) return;
    const w = waiting;
    waiting = null;
    w.reached();
    await w.go;
  };
  const slow: Vault & { entries: Map<string, string> } = {
    entries: vault.entries,
    status: async () => (await at('status'), vault.status()),
    set: async (id, secret) => (await at('set'), vault.set(id, secret)),
    get: (id) => vault.get(id),
    delete: (id) => vault.delete(id),
  };
  return {
    vault: slow,
    /** The next `step` waits: `reached` once the core is there, `release` lets it go on. */
    holdNext(step: 'status' | 'set'): { reached: Promise<void>; release(): void } {
      let reached!: () => void;
      let release!: () => void;
      const r = new Promise<void>((res) => (reached = res));
      waiting = { step, reached, go: new Promise<void>((res) => (release = res)) };
      return { reached: r, release };
    },
  };
}
