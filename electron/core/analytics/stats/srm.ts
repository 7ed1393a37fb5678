/**
 * Sample-ratio check: did each arm get the share of posts it was planned to? Pearson's
 * chi-square goodness of fit (@stdlib/stats-chi2gof) of observed counts against the planned
 * shares; a p-value under 0.01 means the assignment is probably broken.
 */
import type chi2gofModule from '@stdlib/stats-chi2gof';
import { lazyRequire } from '../../lazy-require';

// Loaded on first use (see lazy-require.ts).
const loadChi2gof = lazyRequire<typeof chi2gofModule>('@stdlib/stats-chi2gof');

export const SRM_ALPHA = 0.01;

/**
 * observed: posts per arm (non-negative integers); plannedShares: any non-negative weights (they
 * are normalised). With no observations at all there is nothing to check: p = 1, ok.
 */
export function sampleRatioCheck(
  observed: readonly number[],
  plannedShares: readonly number[],
): { pValue: number; expected: number[]; ok: boolean } {
  if (observed.length !== plannedShares.length) {
    throw new RangeError(`sampleRatioCheck: ${observed.length} counts but ${plannedShares.length} planned shares`);
  }
  if (observed.some((o) => !Number.isInteger(o) || o < 0)) {
    throw new RangeError('sampleRatioCheck: observed counts must be non-negative integers');
  }
  const shareSum = plannedShares.reduce((s, v) => s + v, 0);
  if (plannedShares.some((s) => !(s >= 0)) || !(shareSum > 0)) {
    throw new RangeError('sampleRatioCheck: planned shares must be non-negative with a positive sum');
  }
  const total = observed.reduce((s, v) => s + v, 0);
  const probs = plannedShares.map((s) => s / shareSum);
  const expected = probs.map((p) => p * total);
  if (total === 0 || observed.length < 2) return { pValue: 1, expected, ok: true };
  // An arm planned at 0 % that received posts is a broken assignment outright.
  if (observed.some((o, i) => o > 0 && probs[i] === 0)) return { pValue: 0, expected, ok: false };
  // Arms planned at 0 % with no posts carry no information (and 0/0 terms); leave them out.
  const keep = probs.map((p) => p > 0);
  const obs = observed.filter((_, i) => keep[i]);
  const exp = expected.filter((_, i) => keep[i]);
  if (obs.length < 2) return { pValue: 1, expected, ok: true };
  const { pValue } = loadChi2gof()(obs, exp);
  return { pValue, expected, ok: pValue >= SRM_ALPHA };
}
