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
});
