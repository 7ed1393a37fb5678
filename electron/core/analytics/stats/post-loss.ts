/**
 * Expected loss with the post as the unit: E[max_j m_j − m_i], where m_i is arm i's mean per-post
 * rate in a bootstrap resample of its posts (each arm resampled on its own, with the injected
 * random source). Unlike the Beta posteriors on pooled views (bayes.ts), one post with many views
 * weighs no more than any other post, so it cannot carry an arm on its own.
 */
import { resample } from './bootstrap';
import { mean } from './describe';

const DEFAULT_RESAMPLES = 2000;

/** Per-arm expected loss over `resamples` joint resamples (default 2000); NaN for an arm with no posts. */
export function postExpectedLoss(rates: readonly (readonly number[])[], opts: { random: () => number; resamples?: number }): number[] {
  const resamples = Math.floor(opts.resamples ?? DEFAULT_RESAMPLES);
  if (!(resamples >= 1)) throw new RangeError(`postExpectedLoss: resamples must be at least 1, got ${opts.resamples}`);
  if (rates.some((r) => r.length === 0)) return rates.map(() => NaN);
  const loss = rates.map(() => 0);
  const m = rates.map(() => 0);
  for (let r = 0; r < resamples; r++) {
    let best = -Infinity;
    for (let i = 0; i < rates.length; i++) {
      m[i] = mean(resample(rates[i] as number[], opts.random));
      if ((m[i] as number) > best) best = m[i] as number;
    }
    for (let i = 0; i < m.length; i++) loss[i] = (loss[i] as number) + best - (m[i] as number);
  }
  return loss.map((l) => l / resamples);
}

/** n choose k, exactly for the small counts an experiment has (Infinity past 2^53). */
function choose(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return Math.round(c);
}

/**
 * The smallest two-sided p-value an exact permutation test of groups of a and b posts can give:
 * the most extreme split out of C(a + b, a), and with equal groups its mirror too. At 2 and 2 posts
 * that is 2/6 = 0.33, so no amount of difference reaches 0.05.
 */
export function smallestPermutationP(a: number, b: number): number {
  if (a < 1 || b < 1) return 1;
  return Math.min(1, (a === b ? 2 : 1) / choose(a + b, a));
}
