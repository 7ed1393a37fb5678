import { describe, expect, it } from 'vitest';
import { createCommits } from '../../electron/core/publishing/commits';
import { ALREADY_ON_DISK } from '../../electron/core/publishing/send-barrier';

/** A stand-in for the targets' owner that records each transaction and what it held. */
function fakeTargets(scheduled: Set<string>) {
  const transactions: { durable: boolean; writes: string[] }[] = [];
  let current: string[] | null = null;
  return {
    transactions,
    targets: {
      atomically<T>(fn: () => T, _mode?: 'deferred' | 'immediate', durable = true): T {
        current = [];
        try {
          return fn();
        } finally {
          transactions.push({ durable, writes: current });
          current = null;
        }
      },
      transition(ids: readonly string[]): string[] {
        const moved = ids.filter((id) => scheduled.delete(id));
        current!.push(...moved.map((id) => `claim ${id}`));
        return moved;
      },
    },
    note: (what: string) => current!.push(what),
  };
}

describe('publishing commits', () => {
  const clock = { now: () => 1_000 };
  const log = { error() {} };

  it('commits the outcomes and claims of one turn in one durable transaction', async () => {
    const f = fakeTargets(new Set(['a', 'b']));
    const c = createCommits({ targets: f.targets as never, clock, log });
    const results = await Promise.all([
      c.outcome(() => (f.note('published x'), true)),
      c.claim('a'),
      c.claim('b'),
      c.claim('gone'),
    ]);
    // Committed with its own fsync: nothing left for a request to wait for.
    expect(results).toEqual([true, { startedAt: 1_000, barrier: ALREADY_ON_DISK }, { startedAt: 1_000, barrier: ALREADY_ON_DISK }, null]);
    expect(f.transactions).toEqual([{ durable: true, writes: ['published x', 'claim a', 'claim b'] }]);
  });

  it('commits outcomes alone without an fsync, and a failing one is rejected alone', async () => {
    const f = fakeTargets(new Set());
    const c = createCommits({ targets: f.targets as never, clock, log });
    const bad = c.outcome(() => {
      throw new Error('disk said no');
    });
    const good = c.outcome(() => (f.note('published y'), true));
    await expect(bad).rejects.toThrow('disk said no');
    await expect(good).resolves.toBe(true);
    expect(f.transactions).toEqual([{ durable: false, writes: ['published y'] }]);
  });

  it('settled() waits for what is queued and is immediate when nothing is', async () => {
    const f = fakeTargets(new Set(['a']));
    const c = createCommits({ targets: f.targets as never, clock, log });
    await c.settled();
    expect(f.transactions).toHaveLength(0);
    void c.outcome(() => true);
    await c.settled();
    expect(f.transactions).toHaveLength(1);
  });

  const turn = () => new Promise((r) => setImmediate(r));

  /** A WAL flush the test finishes by hand, counting how many began. */
  function handFlush(fd: number | null = 7) {
    const flushes: { resolve(): void; reject(err: Error): void }[] = [];
    return {
      flushes,
      walSync: { sync: () => new Promise<void>((resolve, reject) => flushes.push({ resolve, reject })), descriptor: () => fd },
    };
  }

  it('with a WAL flush, commits claims without the fsync and answers them at once with the barrier their requests pass', async () => {
    const f = fakeTargets(new Set(['a', 'b', 'c']));
    const w = handFlush();
    const c = createCommits({ targets: f.targets as never, clock, log, walSync: w.walSync });
    const outcome = c.outcome(() => (f.note('published x'), true));
    const [a, b] = await Promise.all([c.claim('a'), c.claim('b')]);
    await expect(outcome).resolves.toBe(true);
    expect(f.transactions).toEqual([{ durable: false, writes: ['published x', 'claim a', 'claim b'] }]);
    // One barrier for the batch: the worker flushes this descriptor with commit 1 in it.
    expect(a!.startedAt).toBe(1_000);
    expect(a!.barrier).toBe(b!.barrier);
    expect(a!.barrier.wal).toEqual({ fd: 7, seq: 1 });
    // Nothing flushed yet: that is for the first request sent from this thread, shared by the batch.
    expect(w.flushes).toHaveLength(0);
    let passed = 0;
    void a!.barrier.wait().then(() => passed++);
    void b!.barrier.wait().then(() => passed++);
    expect(w.flushes).toHaveLength(1);
    await turn();
    expect(passed).toBe(0);
    w.flushes[0]!.resolve();
    await turn();
    expect(passed).toBe(2);
    // The next batch names the next commit.
    const next = await c.claim('c');
    expect(next!.barrier.wal).toEqual({ fd: 7, seq: 2 });
  });

  it('without a descriptor for the worker, the barrier has only the flush on this thread', async () => {
    const f = fakeTargets(new Set(['a']));
    const w = handFlush(null);
    const c = createCommits({ targets: f.targets as never, clock, log, walSync: w.walSync });
    const claimed = await c.claim('a');
    expect(claimed!.barrier.wal).toBeNull();
    const waited = claimed!.barrier.wait();
    w.flushes[0]!.reject(new Error('EIO: i/o error, fdatasync'));
    await expect(waited).rejects.toThrow('EIO');
  });
});
