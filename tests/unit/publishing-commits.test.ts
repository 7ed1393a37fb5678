import { describe, expect, it } from 'vitest';
import { createCommits } from '../../electron/core/publishing/commits';

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
      transition(ids: readonly string[], from: string, to: string): string[] {
        if (from === 'publishing' && to === 'scheduled') {
          // A hand-back: its own (durable) transaction.
          transactions.push({ durable: true, writes: ids.map((id) => `hand back ${id}`) });
          return [...ids];
        }
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
    expect(results).toEqual([true, 1_000, 1_000, null]);
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

  /** A WAL flush the test finishes by hand, counting how many began. */
  function handFlush() {
    const flushes: { resolve(): void; reject(err: Error): void }[] = [];
    return {
      flushes,
      walSync: { sync: () => new Promise<void>((resolve, reject) => flushes.push({ resolve, reject })) },
    };
  }
  const turn = () => new Promise((r) => setImmediate(r));

  it('with a WAL flush, commits claims without the fsync and answers them only once the flush is done', async () => {
    const f = fakeTargets(new Set(['a', 'b']));
    const w = handFlush();
    const c = createCommits({ targets: f.targets as never, clock, log, walSync: w.walSync });
    let answered: (number | null)[] | null = null;
    const outcome = c.outcome(() => (f.note('published x'), true));
    void Promise.all([c.claim('a'), c.claim('b')]).then((r) => (answered = r));
    await expect(outcome).resolves.toBe(true);
    await c.settled();
    expect(f.transactions).toEqual([{ durable: false, writes: ['published x', 'claim a', 'claim b'] }]);
    expect(w.flushes).toHaveLength(1);
    await turn();
    // Committed, not yet on disk: no request may leave yet.
    expect(answered).toBeNull();
    // The next batch commits meanwhile; it does not wait for the first flush.
    const later = c.outcome(() => (f.note('published y'), true));
    await expect(later).resolves.toBe(true);
    expect(f.transactions).toHaveLength(2);
    w.flushes[0]!.resolve();
    await turn();
    expect(answered).toEqual([1_000, 1_000]);
  });

  it('hands the claims back when their flush fails, so nothing is sent on a claim that may not be on disk', async () => {
    const f = fakeTargets(new Set(['a']));
    const w = handFlush();
    const c = createCommits({ targets: f.targets as never, clock, log, walSync: w.walSync, retryAfterMs: 5_000 });
    const claim = c.claim('a');
    await c.settled();
    w.flushes[0]!.reject(new Error('EIO: i/o error, fdatasync'));
    await expect(claim).resolves.toBeNull();
    expect(f.transactions).toEqual([
      { durable: false, writes: ['claim a'] },
      { durable: true, writes: ['hand back a'] },
    ]);
  });
});
