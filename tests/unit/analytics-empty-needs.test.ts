import { describe, expect, it } from 'vitest';
import { MIN_CELL_POSTS, MIN_TOTAL_POSTS } from '../../electron/core/analytics/stats/heatmap';
import { MIN_GROUP_POSTS } from '../../electron/core/analytics/stats/lift';
import {
  BEST_TIMES_MIN_HOUR_POSTS,
  BEST_TIMES_MIN_POSTS,
  bestTimesNeeds,
  WHAT_WORKS_MIN_GROUP_POSTS,
  whatWorksEmpty,
  whatWorksNeeds,
} from '../../renderer/src/features/analytics/empty-needs';

/** A heatmap whose cells hold these counts (the rest empty). */
const cells = (...ns: number[]) => Array.from({ length: 168 }, (_, i) => ({ weekday: Math.floor(i / 24), hour: i % 24, n: ns[i] ?? 0, medianRate: null, medianEngagements: null, greyed: (ns[i] ?? 0) < 3 }));

describe('what the empty Best times and What works views say they need', () => {
  it('names the floors the core applies', () => {
    expect(BEST_TIMES_MIN_POSTS).toBe(MIN_TOTAL_POSTS);
    expect(BEST_TIMES_MIN_HOUR_POSTS).toBe(MIN_CELL_POSTS);
    expect(WHAT_WORKS_MIN_GROUP_POSTS).toBe(MIN_GROUP_POSTS);
  });

  it('Best times: nothing in the range', () => {
    const w = bestTimesNeeds({ posts: 0, by: 'rate', cells: cells(), basedOn: 0 });
    expect(w.reason).toBe('range');
    expect(w.needs).toBe('Best times needs at least 10 posts with an engagement rate, 3 of them in the same weekday and hour, to recommend a time. This range has no posts.');
  });

  it('Best times: how many measured posts it has, of how many, and the most in one hour', () => {
    const w = bestTimesNeeds({ posts: 6, by: 'engagements', cells: cells(2, 0, 1), basedOn: 3 });
    expect(w).toEqual({
      reason: 'few',
      heading: 'Not enough measured posts for best times yet',
      needs: 'Best times needs at least 10 posts with engagements reported, 3 of them in the same weekday and hour, to recommend a time. This range has 3 of 6 posts measured so far, at most 2 in one hour.',
    });
    expect(bestTimesNeeds({ posts: 1, by: 'rate', cells: cells(), basedOn: 0 }).needs).toContain('This range has 0 of 1 post measured so far.');
  });

  it('Best times: enough posts, but no hour with 3', () => {
    const w = bestTimesNeeds({ posts: 12, by: 'rate', cells: cells(2, 2, 2, 2, 2, 2), basedOn: 12 });
    expect(w.reason).toBe('hours');
    expect(w.needs).toBe('Best times needs 3 posts with an engagement rate in the same weekday and hour to recommend it. This range has 12 measured posts, at most 2 in one hour: post at a few regular times to build a picture.');
  });

  it('What works: how many posts with a rate the range has, and what a group needs', () => {
    expect(whatWorksNeeds({ baseline: { n: 0, median: null, label: '' } }).heading).toBe('No post in this range has an engagement rate yet');
    expect(whatWorksNeeds({ baseline: { n: 1, median: 0.02, label: '' } }).needs).toContain('at least 5 posts with a rate in a group. This range has 1 post with a rate; no group has 5 yet.');
    const dim = (groups: number) => ({ dimension: 'media' as const, label: 'Media or text', hidden: 0, groups: Array.from({ length: groups }, (_, i) => ({ key: `${i}`, label: `${i}`, n: 5, lift: 1, low: 0.9, high: 1.1, level: 0.95, groupMedian: 0.02 })) });
    expect(whatWorksEmpty({ baseline: { n: 3, median: 0.02, label: '' }, dimensions: [dim(0), dim(0)] })).toBe(true);
    expect(whatWorksEmpty({ baseline: { n: 9, median: 0.02, label: '' }, dimensions: [dim(0), dim(1)] })).toBe(false);
  });
});
