import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../electron/core/analytics/stats/rng';
import { lift } from '../../../electron/core/analytics/stats/lift';
import { heatmap, recommendTimes, type HeatPost } from '../../../electron/core/analytics/stats/heatmap';
import { bestTimesMeasure } from '../../../electron/core/analytics/best-times';

describe('lift', () => {
  const baseline = [0.02, 0.03, 0.025, 0.04, 0.03, 0.035, 0.02, 0.03, 0.028, 0.032];
  it('is null below 5 posts in the group, or when the baseline median is 0 or absent', () => {
    expect(lift([0.05, 0.06, 0.07, 0.08], baseline, { random: seededRandom(1) })).toBeNull();
    expect(lift([0.05, 0.06, 0.07, 0.08, NaN], baseline, { random: seededRandom(1) })).toBeNull();
    expect(lift([0.05, 0.06, 0.07, 0.08, 0.09], [0, 0, 0, 0.01], { random: seededRandom(1) })).toBeNull();
    expect(lift([0.05, 0.06, 0.07, 0.08, 0.09], [], { random: seededRandom(1) })).toBeNull();
  });
  it('at n = 5: median ratio with a bootstrap interval around it, deterministic for a seed', () => {
    const group = [0.05, 0.06, 0.07, 0.08, 0.09];
    const l = lift(group, baseline, { random: seededRandom(3) });
    expect(l).not.toBeNull();
    expect(l?.n).toBe(5);
    expect(l?.groupMedian).toBe(0.07);
    expect(l?.baselineMedian).toBe(0.03);
    expect(l?.lift).toBeCloseTo(0.07 / 0.03, 12);
    expect(l?.interval.level).toBe(0.95);
    expect(l?.interval.low).toBeGreaterThan(1); // every group post beats the baseline median
    expect(l?.interval.low).toBeLessThanOrEqual(l?.lift as number);
    expect(l?.interval.high).toBeGreaterThanOrEqual(l?.lift as number);
    expect(lift(group, baseline, { random: seededRandom(3) })).toEqual(l);
  });
  it('a group like the baseline has an interval containing 1', () => {
    const l = lift(baseline.slice(0, 6), baseline, { random: seededRandom(4) });
    expect(l?.interval.low).toBeLessThan(1);
    expect(l?.interval.high).toBeGreaterThan(1);
  });
});

const ZONE = 'Europe/Berlin';
const post = (utc: number, rate: number | null = 0.05, engagements: number | null = 10): HeatPost => ({ publishedAt: utc, rate, engagements });
const cell = (cells: ReturnType<typeof heatmap>, weekday: number, hour: number) => cells[weekday * 24 + hour];

describe('heatmap', () => {
  it('has 168 cells, Monday 00 first, Sunday 23 last', () => {
    const cells = heatmap([], ZONE);
    expect(cells).toHaveLength(168);
    expect(cells[0]).toMatchObject({ weekday: 0, hour: 0, n: 0, medianRate: null, greyed: true });
    expect(cells[167]).toMatchObject({ weekday: 6, hour: 23 });
  });

  it('buckets by local weekday and hour across both 2024 DST changes in Europe/Berlin', () => {
    const cells = heatmap([
      post(Date.UTC(2024, 2, 30, 1, 30)), // Sat 30 Mar 02:30 CET (+01), the day before spring forward
      post(Date.UTC(2024, 2, 31, 0, 30)), // Sun 31 Mar 01:30 CET
      post(Date.UTC(2024, 2, 31, 1, 30)), // Sun 31 Mar 03:30 CEST: 02:xx does not exist that day
      post(Date.UTC(2024, 3, 1, 0, 30)), // Mon 1 Apr 02:30 CEST (+02): a fixed +1 offset would say 01:30
      post(Date.UTC(2024, 9, 27, 0, 30)), // Sun 27 Oct 02:30 CEST, first pass
      post(Date.UTC(2024, 9, 27, 1, 30)), // Sun 27 Oct 02:30 CET, second pass of the repeated hour
      post(Date.UTC(2024, 0, 15, 8, 0)), // Mon 15 Jan 09:00 CET
      post(Date.UTC(2024, 6, 15, 8, 0)), // Mon 15 Jul 10:00 CEST
      post(Date.UTC(2024, 6, 14, 22, 30)), // Sun 14 Jul 22:30 UTC = Mon 15 Jul 00:30 local: the weekday turns too
    ], ZONE);
    expect(cell(cells, 5, 2)?.n).toBe(1);
    expect(cell(cells, 6, 1)?.n).toBe(1);
    expect(cell(cells, 6, 3)?.n).toBe(1);
    expect(cell(cells, 0, 2)?.n).toBe(1);
    expect(cell(cells, 0, 1)?.n).toBe(0);
    expect(cell(cells, 6, 2)?.n).toBe(2); // both 02:30s of 27 Oct; none from 31 Mar
    expect(cell(cells, 0, 9)?.n).toBe(1);
    expect(cell(cells, 0, 10)?.n).toBe(1);
    expect(cell(cells, 0, 0)?.n).toBe(1);
    expect(cell(cells, 6, 22)?.n).toBe(0);
    expect(cells.reduce((s, c) => s + c.n, 0)).toBe(9);
  });

  it('medians per cell; missing rates are not zeros; greyed below 3', () => {
    const tue9 = Date.UTC(2024, 0, 16, 8, 0); // Tue 09:00 Berlin
    const cells = heatmap([post(tue9, 0.02, 4), post(tue9 + 60_000, 0.08, 12), post(tue9 + 120_000, null, 6), post(tue9 + 180_000, 0.05, null)], ZONE);
    // n counts the posts the ranked median rests on: three rates here, three engagement counts.
    expect(cell(cells, 1, 9)).toEqual({ weekday: 1, hour: 9, n: 3, medianRate: 0.05, medianEngagements: 6, greyed: false });
    expect(cell(heatmap([post(tue9, 0.02, 4), post(tue9 + 60_000, null, 12)], ZONE, 'engagements'), 1, 9)?.n).toBe(2);
    expect(() => heatmap([], 'Mars/Olympus')).toThrow(RangeError);
  });

  it('counts only posts that have the measure ranked: in n, the grey flag, the 3-post cell check and the 10-post floor', () => {
    const mon9 = Date.UTC(2024, 0, 15, 8, 0); // Mon 09:00 Berlin
    const week = 7 * 86_400_000;
    // Three posts at Monday 09, only one with a rate (X copies whose impressions were not reported).
    const few = [post(mon9, 0.09, 9), post(mon9 + week, null, 1), post(mon9 + 2 * week, null, 0)];
    expect(cell(heatmap(few, ZONE), 0, 9)).toMatchObject({ n: 1, greyed: true });
    expect(cell(heatmap(few, ZONE, 'engagements'), 0, 9)).toMatchObject({ n: 3, greyed: false });
    // Twelve posts in the window, three of them rated: below the floor of 10 rated posts.
    const many = [...few, ...Array.from({ length: 9 }, (_, i) => post(mon9 + (i % 3) * week + 3 * 3_600_000, i < 2 ? 0.02 : null, 2))];
    const r = recommendTimes(heatmap(many, ZONE), { by: 'rate' });
    expect(r.basedOn).toBe(3);
    expect(r.recommended).toEqual([]);
    expect(r.reason).toBe('Only 3 posts with an engagement rate in this window; best times need at least 10.');
    // With a floor the rated posts pass, a cell with one rate is still never recommended.
    const low = recommendTimes(heatmap(many, ZONE), { by: 'rate', minPosts: 1 });
    expect(low.recommended).toEqual([]);
    expect(low.reason).toMatch(/No hour has 3 or more posts with an engagement rate/);
  });
});

describe('bestTimesMeasure', () => {
  const p = (rate: number | null, engagements: number | null): HeatPost => ({ publishedAt: 0, rate, engagements });
  it('ranks by rate only when enough posts have one', () => {
    expect(bestTimesMeasure(Array.from({ length: 12 }, () => p(null, 5)))).toBe('engagements'); // Bluesky, Mastodon
    // One rated copy among eleven without must not switch the ranking to rates.
    expect(bestTimesMeasure([p(0.3, 3), ...Array.from({ length: 11 }, () => p(null, 5))])).toBe('engagements');
    expect(bestTimesMeasure([...Array.from({ length: 10 }, () => p(0.02, 2)), ...Array.from({ length: 20 }, () => p(null, 5))])).toBe('rate');
    expect(bestTimesMeasure([p(0.02, 2), p(null, null)])).toBe('rate');
    expect(bestTimesMeasure([])).toBe('rate');
  });
});

describe('recommendTimes', () => {
  const at = (day: number, hour: number) => Date.UTC(2024, 0, day, hour - 1, 0); // January: Berlin = UTC+1
  const posts = [
    ...[0.05, 0.04, 0.06, 0.05].map((r, i) => post(at(16 + 7 * i, 9), r)), // Tue 09: n 4, median 0.05
    ...[0.08, 0.07, 0.09].map((r, i) => post(at(17 + 7 * i, 18), r)), // Wed 18: n 3, median 0.08
    ...[0.3, 0.2].map((r, i) => post(at(19 + 7 * i, 12), r)), // Fri 12: n 2, greyed, never recommended
  ];
  it('9 posts: nothing recommended, and says why', () => {
    const r = recommendTimes(heatmap(posts, ZONE));
    expect(r.basedOn).toBe(9);
    expect(r.recommended).toEqual([]);
    expect(r.reason).toMatch(/Only 9 posts.*at least 10/);
  });
  it('10 posts: the best cells with n ≥ 3, best first', () => {
    const r = recommendTimes(heatmap([...posts, post(at(20, 7), 0.01)], ZONE));
    expect(r.basedOn).toBe(10);
    expect(r.reason).toBeNull();
    expect(r.recommended).toEqual([
      { weekday: 2, hour: 18, n: 3, value: 0.08 },
      { weekday: 1, hour: 9, n: 4, value: 0.05 },
    ]);
    expect(recommendTimes(heatmap([...posts, post(at(20, 7))], ZONE), { top: 1 }).recommended).toHaveLength(1);
  });
  it('by engagements, and a reason when no cell reaches 3 posts', () => {
    const spread = Array.from({ length: 12 }, (_, i) => post(at(1 + i, 8 + i), 0.05, i));
    const r = recommendTimes(heatmap(spread, ZONE), { by: 'engagements' });
    expect(r.recommended).toEqual([]);
    expect(r.reason).toMatch(/No hour has 3 or more posts/);
    const e = recommendTimes(heatmap([...posts, post(at(20, 7))], ZONE), { by: 'engagements', top: 5 });
    expect(e.recommended.map((c) => c.value)).toEqual([10, 10]);
    expect(e.recommended[0]).toMatchObject({ weekday: 1, hour: 9, n: 4 }); // tie broken by n
  });
});
