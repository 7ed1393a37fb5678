/**
 * The drawn median against resampling by brute force on shapes the first suite does not cover:
 * one and two values, all-equal and heavily tied values, skewed and heavy-tailed rates, and the
 * Beta draw at a year's worth of posts (n = 50,000, Gamma shapes of 25,000).
 */
import { describe, expect, it } from 'vitest';
import { bootstrapPair } from '../../../electron/core/analytics/stats/bootstrap';
import { median } from '../../../electron/core/analytics/stats/describe';
import { bootstrapMedianRatio, resampledMedian } from '../../../electron/core/analytics/stats/median-bootstrap';
import { seededRandom } from '../../../electron/core/analytics/stats/rng';

const sample = (n: number, seed: number, draw: (r: () => number) => number) => {
  const r = seededRandom(seed);
  return Array.from({ length: n }, () => draw(r));
};
const lognormal = (r: () => number) => Math.exp(-3 + 1.2 * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r()));
const pareto = (r: () => number) => 0.01 / Math.pow(1 - r(), 1 / 1.2);
const tied = (r: () => number) => [0.01, 0.02, 0.02, 0.05][Math.floor(r() * 4)]!;

describe('the drawn median of a resample, by brute force', () => {
  it('of one value is that value; of two, one of them or their mean, each as often as resampling gives', () => {
    const random = seededRandom(3);
    for (let i = 0; i < 100; i++) expect(resampledMedian([0.4], random)).toBe(0.4);
    const counts = new Map<number, number>();
    for (let i = 0; i < 40_000; i++) {
      const m = resampledMedian([1, 3], random);
      counts.set(m, (counts.get(m) ?? 0) + 1);
    }
    // Resampling two values: (1,1) ¼, (3,3) ¼, a mix ½.
    expect([...counts.keys()].sort()).toEqual([1, 2, 3]);
    expect(counts.get(1)! / 40_000).toBeCloseTo(0.25, 1);
    expect(counts.get(2)! / 40_000).toBeCloseTo(0.5, 1);
    expect(counts.get(3)! / 40_000).toBeCloseTo(0.25, 1);
  });

  it('of all-equal values is that value, and the ratio interval a point', () => {
    const random = seededRandom(4);
    for (const n of [1, 2, 7, 50]) {
      for (let i = 0; i < 200; i++) expect(resampledMedian(Array(n).fill(0.03), random)).toBeCloseTo(0.03, 15);
    }
    const i = bootstrapMedianRatio(Array(9).fill(0.06), Array(40).fill(0.03), { random: seededRandom(5) });
    expect(i.low).toBeCloseTo(2, 12);
    expect(i.high).toBeCloseTo(2, 12);
  });

  it.each([
    ['skewed (log-normal)', lognormal, 7, 120],
    ['heavy-tailed (Pareto)', pareto, 12, 400],
    ['heavily tied', tied, 10, 61],
  ] as const)('gives the interval resampling gives on %s rates', (_name, draw, nGroup, nBase) => {
    const group = sample(nGroup, 21, draw);
    const baseline = sample(nBase, 22, draw);
    const drawn = bootstrapMedianRatio(group, baseline, { random: seededRandom(8), resamples: 4000 });
    const brute = bootstrapPair(group, baseline, (g, b) => median(g) / median(b), { random: seededRandom(9), resamples: 4000 });
    const scale = median(group) / median(baseline);
    // Two independent 4,000-resample runs of one distribution: their bounds differ by noise only
    // (with a handful of values, a bound can step to the neighbouring value: hence the slack).
    expect(Math.abs(drawn.low - brute.low) / scale).toBeLessThan(0.15);
    expect(Math.abs(drawn.high - brute.high) / scale).toBeLessThan(0.15);
  });

  it('picks each value of an odd count as often as the exact law of a resample’s median says', () => {
    // The median of n indices drawn uniformly from 0..n−1 is ≤ j when at least k = (n+1)/2 of them are.
    const binomAtLeast = (n: number, p: number, k: number) => {
      let sum = 0;
      for (let i = k; i <= n; i++) {
        let c = 1;
        for (let t = 0; t < i; t++) c = (c * (n - t)) / (t + 1);
        sum += c * p ** i * (1 - p) ** (n - i);
      }
      return sum;
    };
    for (const n of [3, 7, 15]) {
      const xs = Array.from({ length: n }, (_, i) => i);
      const random = seededRandom(40 + n);
      const draws = 60_000;
      const seen = new Array<number>(n).fill(0);
      for (let i = 0; i < draws; i++) seen[resampledMedian(xs, random)]!++;
      let below = 0;
      for (let j = 0; j < n; j++) {
        below += seen[j]!;
        // Cumulative frequencies against the exact law: 60,000 draws leave under 0.6 % of noise.
        expect(Math.abs(below / draws - binomAtLeast(n, (j + 1) / n, (n + 1) / 2))).toBeLessThan(0.006);
      }
    }
  });

  it('draws a median of 50,000 values with the order statistic’s mean and spread, in a few numbers each', () => {
    const n = 50_000;
    // Index i holds i: the drawn median is then the index the Beta draw picked.
    const xs = Array.from({ length: n }, (_, i) => i);
    let draws = 0;
    const base = seededRandom(12);
    const random = () => (draws++, base());
    const got = Array.from({ length: 4000 }, () => resampledMedian(xs, random));
    const mean = got.reduce((s, x) => s + x, 0) / got.length;
    const sd = Math.sqrt(got.reduce((s, x) => s + (x - mean) ** 2, 0) / (got.length - 1));
    // The median of n uniform indices on [0, n): mean ≈ n/2, sd ≈ n / (2√n).
    const expectedSd = n / (2 * Math.sqrt(n));
    expect(Math.abs(mean - (n - 1) / 2)).toBeLessThan(4 * (expectedSd / Math.sqrt(got.length)) + 1);
    expect(sd / expectedSd).toBeGreaterThan(0.93);
    expect(sd / expectedSd).toBeLessThan(1.07);
    expect(Math.min(...got)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...got)).toBeLessThanOrEqual(n - 1);
    // Marsaglia–Tsang accepts nearly every try at these shapes: a handful of numbers per median.
    expect(draws / got.length).toBeLessThan(12);
  });

  it('is the same for the same seed', () => {
    const xs = sample(33, 1, lognormal).sort((a, b) => a - b);
    const a = seededRandom(77);
    const b = seededRandom(77);
    for (let i = 0; i < 50; i++) expect(resampledMedian(xs, a)).toBe(resampledMedian(xs, b));
  });
});
