import { describe, expect, it } from 'vitest';
import { jStat } from 'jstat';
import { sampleRatioCheck } from '../../../electron/core/analytics/stats/srm';

describe('sampleRatioCheck', () => {
  it('Wikipedia, "Pearson\'s chi-squared test": 44 men and 56 women against 50/50 gives χ² = 1.44, p ≈ 0.23', () => {
    const r = sampleRatioCheck([44, 56], [0.5, 0.5]);
    expect(r.expected).toEqual([50, 50]);
    expect(r.pValue).toBeCloseTo(0.23, 2);
    expect(r.pValue).toBeCloseTo(1 - jStat.chisquare.cdf(1.44, 1), 10);
    expect(r.ok).toBe(true);
  });

  it('five categories (the @stdlib chi2gof example, χ² ≈ 9.99 on 4 df, p ≈ 0.0406) against jstat', () => {
    const observed = [89, 37, 30, 28, 2];
    const shares = [0.4, 0.2, 0.2, 0.15, 0.05];
    const r = sampleRatioCheck(observed, shares);
    const chi2 = observed.reduce((s, o, i) => s + (o - (r.expected[i] as number)) ** 2 / (r.expected[i] as number), 0);
    expect(chi2).toBeCloseTo(9.9901, 3);
    expect(r.pValue).toBeCloseTo(1 - jStat.chisquare.cdf(chi2, 4), 10);
    expect(r.pValue).toBeCloseTo(0.0406, 4);
    expect(r.ok).toBe(true); // 0.04 ≥ 0.01: not an SRM at our threshold
  });

  it('flags a broken 50/50 split (30 vs 6 posts) and accepts unnormalised weights', () => {
    const r = sampleRatioCheck([30, 6], [1, 1]);
    expect(r.expected).toEqual([18, 18]);
    expect(r.pValue).toBeCloseTo(1 - jStat.chisquare.cdf(16, 1), 10);
    expect(r.ok).toBe(false);
    expect(sampleRatioCheck([20, 10], [2, 1]).pValue).toBeCloseTo(1, 10);
  });

  it('edge cases: nothing observed, arms planned at 0 %, mismatched lengths', () => {
    expect(sampleRatioCheck([0, 0], [0.5, 0.5])).toEqual({ pValue: 1, expected: [0, 0], ok: true });
    expect(sampleRatioCheck([3, 0, 1], [0.5, 0, 0.5]).ok).toBe(true);
    expect(sampleRatioCheck([3, 2, 1], [0.5, 0, 0.5]).ok).toBe(false);
    expect(() => sampleRatioCheck([1, 2], [1])).toThrow(RangeError);
    expect(() => sampleRatioCheck([1.5, 2], [1, 1])).toThrow(RangeError);
  });
});
