/**
 * A two-sample permutation test on the difference in means, wrapping simple-statistics'
 * permutationTest with the injected random source (never Math.random).
 */
import { permutationTest as ssPermutationTest } from 'simple-statistics';

export type Alternative = 'two_sided' | 'greater' | 'less';

/**
 * The Monte Carlo p-value of mean(a) − mean(b) over k random relabellings. 'greater' tests
 * mean(a) > mean(b). The library's count/k is turned into (count + 1)/(k + 1) (Phipson & Smyth
 * 2010), so a p-value is never exactly 0 from a finite number of permutations. NaN when either
 * sample is empty.
 */
export function permutationTest(
  a: readonly number[],
  b: readonly number[],
  opts: { random: () => number; k?: number; alternative?: Alternative },
): number {
  if (a.length === 0 || b.length === 0) return NaN;
  const k = Math.floor(opts.k ?? 10000);
  if (!(k >= 1)) throw new RangeError(`permutationTest: k must be at least 1, got ${opts.k}`);
  const alternative = opts.alternative ?? 'two_sided';
  const ssAlt = alternative === 'two_sided' ? 'two_side' : alternative;
  const p = ssPermutationTest([...a], [...b], ssAlt, k, opts.random);
  const count = Math.round(p * k);
  return (count + 1) / (k + 1);
}
