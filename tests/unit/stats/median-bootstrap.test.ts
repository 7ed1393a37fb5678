import { describe, expect, it } from 'vitest';
import { bootstrapPair } from '../../../electron/core/analytics/stats/bootstrap';
import { median, quantileSorted } from '../../../electron/core/analytics/stats/describe';
import { lift } from '../../../electron/core/analytics/stats/lift';
import { bootstrapMedianRatio, resampledMedian } from '../../../electron/core/analytics/stats/median-bootstrap';
import { seededRandom } from '../../../electron/core/analytics/stats/rng';

/** A seeded generator that counts its draws. */
function counting(seed: number) {
  const random = seededRandom(seed);
  const c = { draws: 0, random: () => (c.draws++, random()) };
  return c;
}

const rates = (n: number, seed: number) => {
  const r = seededRandom(seed);
  return Array.from({ length: n }, () => 0.01 + 0.08 * r() * r());
};

describe('the bootstrap of a median', () => {
  it("what works' lift over a year of posts draws as many random numbers as over a week's (the work does not grow with the posts)", () => {
    const few = counting(7);
    const many = counting(7);
    lift(rates(20, 1), rates(60, 2), { random: few.random });
    lift(rates(5_000, 1), rates(15_000, 2), { random: many.random });
    // Resampling each time drew 2,000 × (5,000 + 15,000) numbers; drawn medians take a handful each.
    expect(many.draws).toBeLessThan(2000 * 40);
    expect(many.draws).toBeLessThan(few.draws * 2);
  });

  it('a drawn median has the distribution of the median of a resample (odd and even counts)', () => {
    for (const n of [5, 6, 41, 100]) {
      const xs = rates(n, n).sort((a, b) => a - b);
      const random = seededRandom(11);
      const drawn: number[] = [];
      const resampled: number[] = [];
      for (let i = 0; i < 20_000; i++) {
        drawn.push(resampledMedian(xs, random));
        resampled.push(median(Array.from({ length: n }, () => xs[Math.floor(random() * n)]!)));
      }
      drawn.sort((a, b) => a - b);
      resampled.sort((a, b) => a - b);
      const spread = xs[n - 1]! - xs[0]!;
      for (const p of [0.025, 0.25, 0.5, 0.75, 0.975]) {
        expect(Math.abs(quantileSorted(drawn, p) - quantileSorted(resampled, p))).toBeLessThan(spread * 0.03);
      }
      // Every drawn median is one of the values, or the mean of two of them.
      expect(drawn[0]).toBeGreaterThanOrEqual(xs[0]!);
      expect(drawn.at(-1)).toBeLessThanOrEqual(xs[n - 1]!);
    }
  });

  it('gives the interval resampling gives, within the noise of 2,000 resamples', () => {
    const group = rates(30, 3).map((r) => r * 1.3);
    const baseline = rates(300, 4);
    const drawn = bootstrapMedianRatio(group, baseline, { random: seededRandom(5) });
    const resampled = bootstrapPair(group, baseline, (g, b) => median(g) / median(b), { random: seededRandom(5) });
    expect(drawn.level).toBe(0.95);
    expect(Math.abs(drawn.low - resampled.low)).toBeLessThan(0.1);
    expect(Math.abs(drawn.high - resampled.high)).toBeLessThan(0.1);
    expect(bootstrapMedianRatio(group, baseline, { random: seededRandom(5) })).toEqual(drawn);
  });

  it('has NaN bounds for an empty side, and refuses a nonsense level or count', () => {
    expect(bootstrapMedianRatio([], [1], { random: seededRandom(1) }).low).toBeNaN();
    expect(() => bootstrapMedianRatio([1], [1], { random: seededRandom(1), level: 1 })).toThrow(RangeError);
    expect(() => bootstrapMedianRatio([1], [1], { random: seededRandom(1), resamples: 0 })).toThrow(RangeError);
  });
});
