import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../electron/core/analytics/stats/rng';
import { experimentVerdict, type ArmData } from '../../../electron/core/analytics/stats/verdict';
import { postExpectedLoss, smallestPermutationP } from '../../../electron/core/analytics/stats/post-loss';
import { permutationTest } from '../../../electron/core/analytics/stats/permutation';
import { exactPermutationP } from './helpers';

/** An arm from per-post (rate, views) pairs, with the pooled counts they add up to. */
const arm = (i: number, posts: [rate: number, views: number][]): ArmData => ({
  arm: i,
  rates: posts.map(([r]) => r),
  views: posts.map(([, v]) => v),
  successes: posts.reduce((s, [r, v]) => s + Math.round(r * v), 0),
  trials: posts.reduce((s, [, v]) => s + v, 0),
  plannedShare: 0.5,
});
const each = (rates: number[], views = 1000): [number, number][] => rates.map((r) => [r, views]);
const lossRule = (min: number, seed = 7) => ({ minPostsPerArm: min, stopping: 'expected_loss' as const, random: seededRandom(seed) });

// The audit's two cases (tests/e2e seeding): B ahead on pooled views, not post by post.
const OUTLIER = [arm(0, each([0.02, 0.021, 0.019, 0.022, 0.02])), arm(1, [[0.1, 40000], ...each([0.01, 0.009, 0.011, 0.01])])];
const TWO_POSTS = [arm(0, each([0.02, 0.025])), arm(1, each([0.045, 0.06]))];

describe('expected-loss stopping, with the post as the unit', () => {
  it('one post with 40 000 views does not crown B: keep collecting, and say why', () => {
    const v = experimentVerdict(OUTLIER, lossRule(5));
    expect(v.pBest[1]).toBeGreaterThan(0.99); // pooled: optimistic, shown beside only
    expect(v.expectedLoss[1]).toBeLessThan(0.002); // the pooled rule alone would have named B
    expect(v.state).toBe('collecting');
    expect(v.winner).toBeNull();
    expect(v.pValue).toBe(1);
    expect(Math.min(...(v.postLoss as number[]))).toBeGreaterThan(0.002);
    expect(v.reason).toMatch(/^Keep collecting: B looks better pooled over views, but post by post the difference is not clear: one post with 40,000 views carries it\. /);
    expect(v.reason).toContain('P(best) is A 0 %, B 100 %');
    expect(v.reason).not.toMatch(/wins/);
  });

  it('2 posts per version: a per-post loss of 0 is not enough while p cannot go under 0.33', () => {
    const v = experimentVerdict(TWO_POSTS, lossRule(2));
    expect(v.postLoss?.[1]).toBe(0); // every resample of B beats every resample of A
    expect(v.pValue).toBeCloseTo(1 / 3, 2);
    expect(v.state).toBe('collecting');
    expect(v.winner).toBeNull();
    expect(v.reason).toMatch(/^Keep collecting: B looks better post by post \(expected loss 0 %, under the 0\.2 % threshold\), but the per-post test does not back it yet: 5\.3 % vs 2\.3 % \(\+133 %\); 95 % interval of the difference 2\.0 % to 4\.0 %; permutation p = 0\.3\d\./);
    expect(v.reason).toContain('with 2 and 2 posts the smallest p a permutation test can give is 0.33, so no winner can be named at this volume');
  });

  it('names a winner when the per-post loss is under the threshold and the per-post test agrees', () => {
    const v = experimentVerdict([arm(0, each([0.05, 0.052, 0.049, 0.051, 0.05])), arm(1, each([0.03, 0.031, 0.029, 0.03, 0.032]))], lossRule(5));
    expect(v.state).toBe('winner');
    expect(v.winner).toBe(0);
    expect(v.pValue).toBeLessThan(0.05);
    expect(v.reason).toMatch(/^A wins by expected loss: post by post, picking it costs (0 %|under 0\.01 %) in expected rate, under the 0\.2 % threshold; its posts average 5\.0 % against 3\.0 % for B/);
    expect(v.reason).toMatch(/Pooled over views \(optimistic\), P\(best\) is A 100 %, B 0 %\.$/);
  });

  it('the per-post expected loss is deterministic given the seed and weighs posts, not views', () => {
    const a = postExpectedLoss([[0.02, 0.021, 0.019, 0.022, 0.02], [0.1, 0.01, 0.009, 0.011, 0.01]], { random: seededRandom(3) });
    expect(a).toEqual(postExpectedLoss([[0.02, 0.021, 0.019, 0.022, 0.02], [0.1, 0.01, 0.009, 0.011, 0.01]], { random: seededRandom(3) }));
    // B misses its one big post in (4/5)^5 ≈ 33 % of resamples and then trails A by ~1 point.
    expect(a[1]).toBeGreaterThan(0.002);
    expect(a[0]).toBeGreaterThan(0.002);
    expect(smallestPermutationP(2, 2)).toBeCloseTo(1 / 3, 12);
    expect(smallestPermutationP(5, 5)).toBeCloseTo(2 / 252, 12);
  });
});

describe('the permutation p of the outlier case', () => {
  it('is exactly 1: B’s observed split is the least extreme of all 252', () => {
    const [a, b] = [OUTLIER[0]!.rates, OUTLIER[1]!.rates];
    expect(exactPermutationP(b, a, 'two_sided')).toBe(1);
    expect(permutationTest(b, a, { random: seededRandom(1) })).toBe(1);
    expect(exactPermutationP(TWO_POSTS[1]!.rates, TWO_POSTS[0]!.rates, 'two_sided')).toBeCloseTo(1 / 3, 12);
  });
});

describe('the verdict’s words write numbers as the card does', () => {
  // The audit's "Tiny gap" (fixed horizon): 0.036 vs 0.0336 and -0.0042 were fractions and a hyphen.
  const tiny = [arm(0, each([0.03, 0.042, 0.025, 0.038, 0.033])), arm(1, each([0.035, 0.04, 0.028, 0.041, 0.036]))];

  it('rates in percent with a real minus sign', () => {
    const v = experimentVerdict(tiny, { minPostsPerArm: 5, stopping: 'fixed_horizon', random: seededRandom(1) });
    expect(v.state).toBe('no_difference');
    expect(v.reason).toMatch(/^No clear difference between B and A: 3\.6 % vs 3\.4 % \(\+7 %\); 95 % interval of the difference −0\.\d % to 0\.\d %; permutation p = 0\.5\d\. /);
    expect(v.reason).not.toMatch(/0\.0\d{2}|-\d/);
  });

  it('in the creator’s locale', () => {
    const v = experimentVerdict(tiny, { minPostsPerArm: 5, stopping: 'fixed_horizon', random: seededRandom(1), locale: 'de-DE' });
    expect(v.reason).toMatch(/^No clear difference between B and A: 3,6 % vs 3,4 % \(\+7 %\); 95 % interval of the difference −0,\d % to 0,\d %; permutation p = 0,5\d\. /);
  });

  it('the loss threshold as a percentage, as the stopping rule reads', () => {
    const v = experimentVerdict(OUTLIER, lossRule(5));
    expect(v.reason).toContain('above the 0.2 % threshold');
    expect(v.reason).not.toContain('0.002');
  });

  it('plain engagements stay counts', () => {
    const v = experimentVerdict([arm(0, each([30, 42, 25, 38, 33], 0)), arm(1, each([35, 40, 28, 41, 36], 0))], { minPostsPerArm: 5, stopping: 'fixed_horizon', random: seededRandom(1), unit: 'count' });
    expect(v.reason).toMatch(/^No clear difference between B and A: 36 vs 33\.6 \(\+7 %\); 95 % interval of the difference −\d/);
  });
});
