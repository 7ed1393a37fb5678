import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../electron/core/analytics/stats/rng';
import { median, quantileSorted } from '../../../electron/core/analytics/stats/describe';
import { bootstrapDifference, bootstrapInterval } from '../../../electron/core/analytics/stats/bootstrap';
import { avg, normalDraw } from './helpers';

describe('seededRandom', () => {
  it('is MT19937 with genrand_res53: matches the reference generator', () => {
    // Matsumoto & Nishimura's mt19937ar, init_genrand(5489), first output 3499211612; res53 keeps
    // its top 27 bits, so the first double agrees with 3499211612 / 2^32 to ~2^-27.
    expect(seededRandom(5489)()).toBeCloseTo(3499211612 / 2 ** 32, 7);
    // NumPy's legacy RandomState(42).random_sample(2) (the same init_genrand + res53): 0.3745401188473625, 0.9507143064099162.
    const r = seededRandom(42);
    expect([r(), r()]).toEqual([0.3745401188473625, 0.9507143064099162]);
  });
  it('repeats for a seed, differs across seeds, stays in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(c()).not.toBe(seededRandom(42)());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(avg(xs)).toBeGreaterThan(0.47);
    expect(avg(xs)).toBeLessThan(0.53);
  });
  it('accepts 0 and negative seeds, rejects non-finite ones', () => {
    expect(seededRandom(0)()).toBeGreaterThanOrEqual(0);
    expect(seededRandom(-7)()).toBeGreaterThanOrEqual(0);
    expect(() => seededRandom(NaN)).toThrow(RangeError);
  });
});

describe('median', () => {
  it('odd, even, unsorted, empty', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([10])).toBe(10);
    expect(median([])).toBeNaN();
  });
  it('does not reorder its input', () => {
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });
  it('quantileSorted interpolates like R type 7', () => {
    // R: quantile(c(1, 2, 3, 4), 0.1) = 1.3
    expect(quantileSorted([1, 2, 3, 4], 0.1)).toBeCloseTo(1.3, 12);
  });
});

describe('bootstrapInterval', () => {
  it('covers the true mean of N(10, 2) about 95 % of the time at n = 30', () => {
    const random = seededRandom(2024);
    let covered = 0;
    const trials = 200;
    for (let t = 0; t < trials; t++) {
      const xs = Array.from({ length: 30 }, () => normalDraw(random, 10, 2));
      const ci = bootstrapInterval(xs, avg, { random, resamples: 500 });
      if (ci.low <= 10 && 10 <= ci.high) covered += 1;
    }
    // Percentile intervals run a little short at n = 30 (~93 %); 0.88–0.99 is a loose, failing-capable band.
    expect(covered / trials).toBeGreaterThan(0.88);
    expect(covered / trials).toBeLessThan(0.99);
  });
  it('width shrinks like 1/sqrt(n) and matches ±1.96·σ/√n', () => {
    const random = seededRandom(7);
    const xs = Array.from({ length: 400 }, () => normalDraw(random, 0, 1));
    const ci = bootstrapInterval(xs, avg, { random, resamples: 2000, level: 0.95 });
    expect(ci.level).toBe(0.95);
    expect(ci.high - ci.low).toBeGreaterThan(0.8 * ((2 * 1.96) / 20));
    expect(ci.high - ci.low).toBeLessThan(1.2 * ((2 * 1.96) / 20));
  });
  it('is deterministic given the seed, NaN for empty data, rejects a bad level', () => {
    const xs = [1, 4, 2, 8, 5, 7];
    expect(bootstrapInterval(xs, median, { random: seededRandom(1) })).toEqual(bootstrapInterval(xs, median, { random: seededRandom(1) }));
    expect(bootstrapInterval([], median, { random: seededRandom(1) }).low).toBeNaN();
    expect(() => bootstrapInterval(xs, median, { random: seededRandom(1), level: 1 })).toThrow(RangeError);
  });
});

describe('bootstrapDifference', () => {
  it('estimates stat(a) − stat(b) and its interval brackets the true difference', () => {
    const random = seededRandom(99);
    const a = Array.from({ length: 200 }, () => normalDraw(random, 5, 1));
    const b = Array.from({ length: 200 }, () => normalDraw(random, 4, 1));
    const d = bootstrapDifference(a, b, avg, { random });
    expect(d.estimate).toBeCloseTo(avg(a) - avg(b), 12);
    expect(d.low).toBeLessThan(1);
    expect(d.high).toBeGreaterThan(1);
    expect(d.low).toBeGreaterThan(0.6);
  });
});
