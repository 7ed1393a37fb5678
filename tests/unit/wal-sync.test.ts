import { describe, expect, it } from 'vitest';
import { createWalSync } from '../../electron/core/store/wal-sync';

/** Flushes the test finishes by hand, in the order they began. */
function handIo() {
  const begun: { path: string; resolve(): void; reject(err: Error): void }[] = [];
  return { begun, io: { flush: (path: string) => new Promise<void>((resolve, reject) => begun.push({ path, resolve, reject })) } };
}
const turn = () => new Promise((r) => setImmediate(r));

describe('WAL flushes off the main thread', () => {
  it("flushes the database's -wal file", async () => {
    const h = handIo();
    const done = createWalSync('/data/loomcast.sqlite', h.io).sync();
    expect(h.begun.map((b) => b.path)).toEqual(['/data/loomcast.sqlite-wal']);
    h.begun[0]!.resolve();
    await expect(done).resolves.toBeUndefined();
  });

  it('answers a caller only with a flush that began after it called, and coalesces the callers meanwhile', async () => {
    const h = handIo();
    const w = createWalSync('/d/db', h.io);
    const order: string[] = [];
    void w.sync().then(() => order.push('first'));
    // Both commit while the first flush runs: it may have missed their frames.
    void w.sync().then(() => order.push('second'));
    void w.sync().then(() => order.push('third'));
    expect(h.begun).toHaveLength(1);
    h.begun[0]!.resolve();
    await turn();
    expect(order).toEqual(['first']);
    // One more flush for both, begun after the first ended.
    expect(h.begun).toHaveLength(2);
    h.begun[1]!.resolve();
    await turn();
    expect(order).toEqual(['first', 'second', 'third']);
    expect(h.begun).toHaveLength(2);
  });

  it("rejects the callers of a flush that failed, and the next caller's flush still runs", async () => {
    const h = handIo();
    const w = createWalSync('/d/db', h.io);
    const failed = w.sync();
    const waiting = w.sync();
    h.begun[0]!.reject(new Error('EIO'));
    await expect(failed).rejects.toThrow('EIO');
    await turn();
    h.begun[1]!.resolve();
    await expect(waiting).resolves.toBeUndefined();
  });
});
