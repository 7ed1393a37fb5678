import { describe, expect, it } from 'vitest';
import { jStat } from 'jstat';
import betaCdf from '@stdlib/stats-base-dists-beta-cdf';
import betaPdf from '@stdlib/stats-base-dists-beta-pdf';
import { seededRandom } from '../../../electron/core/analytics/stats/rng';
import { betaDraw, expectedLoss, probabilityBest } from '../../../electron/core/analytics/stats/bayes';
import { avg } from './helpers';

/**
 * Evan Miller, "Formulas for Bayesian A/B Testing" (2015): for pA ~ Beta(αA, βA), pB ~ Beta(αB, βB)
 * with integer αB, P(pB > pA) = Σ_{i=0}^{αB−1} B(αA+i, βA+βB) / ((βB+i) · B(1+i, βB) · B(αA, βA)).
 */
function millerPBbeatsA(aA: number, bA: number, aB: number, bB: number): number {
  let total = 0;
  for (let i = 0; i < aB; i++) {
    total += Math.exp(jStat.betaln(aA + i, bA + bB) - Math.log(bB + i) - jStat.betaln(1 + i, bB) - jStat.betaln(aA, bA));
  }
  return total;
}

/** E[(pB − pA)+] by Simpson's rule over pA, with the inner integral in closed form via the beta CDF (jstat). */
function lossOfA(aA: number, bA: number, aB: number, bB: number): number {
  const meanB = aB / (aB + bB);
  const inner = (x: number): number => meanB * (1 - jStat.beta.cdf(x, aB + 1, bB)) - x * (1 - jStat.beta.cdf(x, aB, bB));
  const n = 4000;
  let s = 0;
  for (let k = 0; k <= n; k++) {
    const x = k / n;
    const w = k === 0 || k === n ? 1 : k % 2 ? 4 : 2;
    s += w * jStat.beta.pdf(x, aA, bA) * inner(x);
  }
  return (s / (3 * n));
}

describe('@stdlib beta distribution against jstat', () => {
  it.each([
    [0.1, 2, 5], [0.35, 11, 91], [0.5, 1, 1], [0.02, 3, 400], [0.9, 50, 8], [0.011, 1001, 99001],
  ])('pdf and cdf at x = %f, Beta(%d, %d)', (x, a, b) => {
    expect(betaPdf(x, a, b)).toBeCloseTo(jStat.beta.pdf(x, a, b), 6);
    expect(betaCdf(x, a, b)).toBeCloseTo(jStat.beta.cdf(x, a, b), 7); // jstat's continued fraction stops near 1e-9
  });
});

describe('probabilityBest', () => {
  it('two arms: matches Evan Miller’s closed form (20/100 vs 30/100)', () => {
    const [pA, pB] = probabilityBest([{ successes: 20, trials: 100 }, { successes: 30, trials: 100 }]);
    const miller = millerPBbeatsA(21, 81, 31, 71);
    expect(miller).toBeGreaterThan(0.9); // sanity of the second method itself
    expect(pB).toBeCloseTo(miller, 5);
    expect((pA as number) + (pB as number)).toBeCloseTo(1, 12);
  });

  it('two arms with many views (narrow posteriors): 1000/100k vs 1100/100k', () => {
    const [, pB] = probabilityBest([{ successes: 1000, trials: 100000 }, { successes: 1100, trials: 100000 }]);
    expect(pB).toBeCloseTo(millerPBbeatsA(1001, 99001, 1101, 98901), 5);
  });

  it('two arms far apart with very different widths: 5/10 vs 100/100000', () => {
    const [pA, pB] = probabilityBest([{ successes: 5, trials: 10 }, { successes: 100, trials: 100000 }]);
    expect(pB).toBeCloseTo(millerPBbeatsA(6, 6, 101, 99901), 6);
    expect(pA).toBeGreaterThan(0.999);
  });

  it('symmetric arms are equally likely best; three arms sum to 1 and order by rate', () => {
    const same = probabilityBest([{ successes: 7, trials: 50 }, { successes: 7, trials: 50 }, { successes: 7, trials: 50 }]);
    for (const p of same) expect(p).toBeCloseTo(1 / 3, 6);
    const three = probabilityBest([{ successes: 5, trials: 100 }, { successes: 9, trials: 100 }, { successes: 7, trials: 100 }]);
    expect(three.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(three[1]).toBeGreaterThan(three[2] as number);
    expect(three[2]).toBeGreaterThan(three[0] as number);
  });

  it('three arms against a Monte Carlo estimate with the Beta sampler', () => {
    const arms = [{ successes: 5, trials: 100 }, { successes: 9, trials: 100 }, { successes: 7, trials: 100 }];
    const random = seededRandom(31);
    const wins = [0, 0, 0];
    const n = 40000;
    for (let d = 0; d < n; d++) {
      const draws = arms.map((a) => betaDraw(1 + a.successes, 1 + a.trials - a.successes, random));
      const best = draws.indexOf(Math.max(...draws));
      wins[best] = (wins[best] as number) + 1;
    }
    probabilityBest(arms).forEach((p, i) => expect(Math.abs(p - (wins[i] as number) / n)).toBeLessThan(0.01));
  });
});

describe('Beta sampler (Marsaglia–Tsang gamma)', () => {
  it.each([[2.5, 7], [0.5, 0.5], [31, 71]])('Beta(%f, %f): mean, variance and CDF at quartiles match', (a, b) => {
    const random = seededRandom(17);
    const xs = Array.from({ length: 40000 }, () => betaDraw(a, b, random));
    const m = a / (a + b);
    const v = (a * b) / ((a + b) ** 2 * (a + b + 1));
    expect(Math.abs(avg(xs) - m)).toBeLessThan(5 * Math.sqrt(v / xs.length));
    expect(avg(xs.map((x) => (x - m) ** 2)) / v).toBeGreaterThan(0.95);
    expect(avg(xs.map((x) => (x - m) ** 2)) / v).toBeLessThan(1.05);
    for (const q of [0.25, 0.5, 0.75]) {
      const x = xs.slice().sort((s, t) => s - t)[Math.floor(q * xs.length)] as number;
      expect(Math.abs(jStat.beta.cdf(x, a, b) - q)).toBeLessThan(0.01);
    }
  });
});

describe('expectedLoss', () => {
  it('two arms: Monte Carlo matches the integral of E[(pB − pA)+] (and the reverse)', () => {
    const arms = [{ successes: 3, trials: 40 }, { successes: 6, trials: 40 }];
    const [lA, lB] = expectedLoss(arms, { random: seededRandom(8), draws: 40000 });
    expect(Math.abs((lA as number) - lossOfA(4, 38, 7, 35))).toBeLessThan(0.0012);
    expect(Math.abs((lB as number) - lossOfA(7, 35, 4, 38))).toBeLessThan(0.0008);
    expect(lA).toBeGreaterThan(lB as number);
  });

  it('is deterministic given the seed, non-negative, tiny for a clear winner', () => {
    const arms = [{ successes: 500, trials: 10000 }, { successes: 300, trials: 10000 }];
    const a = expectedLoss(arms, { random: seededRandom(1), draws: 5000 });
    expect(a).toEqual(expectedLoss(arms, { random: seededRandom(1), draws: 5000 }));
    expect(a[0]).toBeLessThan(1e-6);
    expect(a[1]).toBeCloseTo(0.02, 2);
    expect(a.every((v) => v >= 0)).toBe(true);
  });
});
