/**
 * Arm assignment over matched slots: each round has every arm once, and no arm gets a matched
 * slot or a weekday more than once more than any other arm (day-of-week confounding). Which arm
 * goes where is drawn from the random given, so a seeded stream gives the same plan every time.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../electron/core/analytics/stats/rng';
import { rotate, type Assignment } from '../../../electron/core/features/experiments/assign';

/** The largest gap between two arms' counts of any one group (slot or weekday). */
function spread(arms: number, plan: Assignment[], groupOf: (n: number) => number | null): number {
  const rows = new Map<number, number[]>();
  for (const p of plan) {
    const g = groupOf(p.n);
    if (g === null) continue;
    const row = rows.get(g) ?? new Array<number>(arms).fill(0);
    row[p.arm]!++;
    rows.set(g, row);
  }
  return Math.max(0, ...[...rows.values()].map((row) => Math.max(...row) - Math.min(...row)));
}

describe('rotate', () => {
  it('gives neither of two arms both Mondays of a Mon, Wed, Fri cycle', () => {
    const weekdays = [1, 3, 5];
    const plan = rotate(2, 3, (n) => n % 3, { dayOf: (n) => weekdays[n % 3]!, random: seededRandom(1) });
    expect(spread(2, plan, (n) => weekdays[n % 3]!)).toBe(0);
  });

  it('balances weekdays, not only weekly times, when a day has two posting times', () => {
    // Mon 09:00, Mon 18:00, Wed 12:00: each arm gets two of the four Monday posts.
    const weekdays = [1, 1, 3];
    const plan = rotate(2, 3, (n) => n % 3, { dayOf: (n) => weekdays[n % 3]!, random: seededRandom(5) });
    expect(spread(2, plan, (n) => weekdays[n % 3]!)).toBe(0);
    expect(spread(2, plan, (n) => n % 3)).toBeLessThanOrEqual(1);
  });

  it('keeps every arm within one of the others on every slot and weekday, over many weekly schedules', () => {
    const pick = seededRandom(2026);
    for (let trial = 0; trial < 300; trial++) {
      const arms = 2 + Math.floor(pick() * 4);
      const cycle = 1 + Math.floor(pick() * 9);
      const weekdays = Array.from({ length: cycle }, () => 1 + Math.floor(pick() * 7)).sort();
      const postsPerArm = 2 + Math.floor(pick() * 10);
      const plan = rotate(arms, postsPerArm, (n) => n % cycle, { dayOf: (n) => weekdays[n % cycle]!, random: seededRandom(trial + 1) });
      const what = `${arms} arms, weekdays ${weekdays.join(',')}, ${postsPerArm} per arm`;
      expect(plan.map((p) => p.n), what).toEqual(plan.map((_, n) => n));
      for (let round = 0; round < postsPerArm; round++) {
        expect(plan.slice(round * arms, (round + 1) * arms).map((p) => p.arm).sort(), what).toEqual(Array.from({ length: arms }, (_, i) => i));
      }
      expect(spread(arms, plan, (n) => n % cycle), `${what}: slots`).toBeLessThanOrEqual(1);
      expect(spread(arms, plan, (n) => weekdays[n % cycle]!), `${what}: weekdays`).toBeLessThanOrEqual(1);
    }
  });

  it('draws the order at random: the same seed gives the same plan, other seeds other plans', () => {
    const arms = (seed: number) => rotate(3, 6, (n) => n % 5, { dayOf: (n) => n % 5, random: seededRandom(seed) }).map((p) => p.arm).join('');
    expect(arms(42)).toBe(arms(42));
    const firstRounds = new Set(Array.from({ length: 30 }, (_, s) => arms(s + 1).slice(0, 3)));
    expect(firstRounds.size).toBeGreaterThan(2);
  });

  it('plans the largest experiment (5 versions of 100 posts) balanced', () => {
    const plan = rotate(5, 100, (n) => n % 13, { dayOf: (n) => (n % 13) % 7, random: seededRandom(9) });
    expect(plan).toHaveLength(500);
    expect(spread(5, plan, (n) => (n % 13) % 7)).toBeLessThanOrEqual(1);
  });
});
