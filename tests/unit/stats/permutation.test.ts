import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../electron/core/analytics/stats/rng';
import { permutationTest } from '../../../electron/core/analytics/stats/permutation';
import { exactPermutationP } from './helpers';

// Efron & Tibshirani, An Introduction to the Bootstrap (1993), Table 2.1: survival days of mice.
// The classic permutation-test example (ch. 15): is the treatment mean (86.86) above control (56.22)?
const MICE_TREATMENT = [94, 197, 16, 38, 99, 141, 23];
const MICE_CONTROL = [52, 104, 146, 10, 51, 30, 40, 27, 46];

describe('permutationTest', () => {
  it('mouse data, one-sided: agrees with the exact enumeration over all C(16, 7) = 11 440 splits', () => {
    const exact = exactPermutationP(MICE_TREATMENT, MICE_CONTROL, 'greater');
    expect(exact).toBeCloseTo(1613 / 11440, 12); // 0.141, the value full enumeration gives
    const p = permutationTest(MICE_TREATMENT, MICE_CONTROL, { random: seededRandom(1), k: 20000, alternative: 'greater' });
    // Monte Carlo SE at k = 20 000 is ~0.0025; 0.01 is four of them.
    expect(Math.abs(p - exact)).toBeLessThan(0.01);
  });

  it('mouse data, two-sided and "less" (unequal group sizes, 7 vs 9)', () => {
    const exact = exactPermutationP(MICE_TREATMENT, MICE_CONTROL, 'two_sided');
    expect(exact).toBeCloseTo(3184 / 11440, 12);
    const p = permutationTest(MICE_TREATMENT, MICE_CONTROL, { random: seededRandom(2), k: 20000 });
    expect(Math.abs(p - exact)).toBeLessThan(0.012);
    const less = permutationTest(MICE_CONTROL, MICE_TREATMENT, { random: seededRandom(3), k: 20000, alternative: 'less' });
    expect(Math.abs(less - 1613 / 11440)).toBeLessThan(0.01);
  });

  it("simple-statistics' documented example (~0.1324) against its exact value 460/3432", () => {
    const control = [2, 5, 3, 6, 7, 2, 5];
    const treatment = [20, 5, 13, 12, 7, 2, 2];
    expect(exactPermutationP(control, treatment, 'two_sided')).toBeCloseTo(460 / 3432, 12);
    const p = permutationTest(control, treatment, { random: seededRandom(4), k: 20000 });
    expect(Math.abs(p - 460 / 3432)).toBeLessThan(0.01);
  });

  it('perfect separation at 5 vs 5 reaches the exact minimum 2/252', () => {
    const a = [10, 11, 12, 13, 14];
    const b = [1, 2, 3, 4, 5];
    const p = permutationTest(a, b, { random: seededRandom(5), k: 20000 });
    expect(exactPermutationP(a, b, 'two_sided')).toBeCloseTo(2 / 252, 12);
    expect(Math.abs(p - 2 / 252)).toBeLessThan(0.003);
    expect(p).toBeGreaterThan(0); // (count + 1) / (k + 1): never exactly 0
  });

  it('is deterministic for a seed; identical samples give p = 1; empty gives NaN', () => {
    const a = [1, 3, 2, 5];
    const b = [2, 2, 4, 1];
    expect(permutationTest(a, b, { random: seededRandom(9), k: 500 })).toBe(permutationTest(a, b, { random: seededRandom(9), k: 500 }));
    expect(permutationTest([2, 2, 2], [2, 2, 2], { random: seededRandom(9), k: 200 })).toBe(1);
    expect(permutationTest([], b, { random: seededRandom(9) })).toBeNaN();
  });

  it('does not shuffle the caller’s arrays', () => {
    const a = [1, 2, 3];
    const b = [4, 5, 6];
    permutationTest(a, b, { random: seededRandom(10), k: 100 });
    expect([a, b]).toEqual([[1, 2, 3], [4, 5, 6]]);
  });
});
