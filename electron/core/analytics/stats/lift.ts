/**
 * Lift of a group of posts (a format, a weekday, a hashtag…) over the account: the group's
 * median engagement rate divided by the account's median, with a percentile bootstrap interval
 * from independent resamples of the group and the baseline. Groups under 5 posts get no lift.
 */
import type { Interval } from './bootstrap';
import { finite, median } from './describe';
import { bootstrapMedianRatio } from './median-bootstrap';

export interface Lift { lift: number; interval: Interval; n: number; groupMedian: number; baselineMedian: number }

export const MIN_GROUP_POSTS = 5;

/**
 * median(group) / median(baseline) with its bootstrap interval; null when the group has fewer than
 * 5 usable (finite) rates, or the baseline has none or its median is 0. Non-finite rates are
 * ignored (a rate the platform did not report is not a zero). A bootstrap resample whose baseline
 * median is 0 counts as +Infinity, so the upper bound can be Infinity for sparse baselines.
 */
export function lift(
  groupRates: readonly number[],
  baselineRates: readonly number[],
  opts: { random: () => number; resamples?: number },
): Lift | null {
  const group = finite(groupRates);
  const baseline = finite(baselineRates);
  if (group.length < MIN_GROUP_POSTS || baseline.length === 0) return null;
  const groupMedian = median(group);
  const baselineMedian = median(baseline);
  if (baselineMedian === 0) return null;
  // Each resample's medians are drawn, not sorted: the same distribution, flat in the posts' count.
  const boot = bootstrapMedianRatio(group, baseline, { random: opts.random, resamples: opts.resamples });
  return {
    lift: groupMedian / baselineMedian,
    interval: { low: boot.low, high: boot.high, level: boot.level },
    n: group.length,
    groupMedian,
    baselineMedian,
  };
}
