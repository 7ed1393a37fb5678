/**
 * Best times from the creator's own posts: each published copy of the range placed by its local
 * weekday and hour, with its newest rate and engagements. Nothing is recommended under 10 posts
 * that have the measure ranked, and the answer says which measure that is.
 */
import type { AnalyticsQueries } from './queries';
import type { AnalyticsFilters } from './scope';
import { heatmap, MIN_TOTAL_POSTS, recommendTimes, type HeatMeasure, type HeatPost } from './stats/heatmap';

/**
 * Rank by rate when enough copies have one to reach the floor, or when rates are at least as
 * common as engagements; otherwise (mostly Bluesky, Mastodon: no views) by engagements. One
 * rated copy among many without must not turn the ranking to rates that rest on nothing.
 */
export function bestTimesMeasure(posts: readonly HeatPost[]): HeatMeasure {
  const rated = posts.filter((p) => p.rate !== null && Number.isFinite(p.rate)).length;
  const engaged = posts.filter((p) => p.engagements !== null && Number.isFinite(p.engagements)).length;
  return rated >= MIN_TOTAL_POSTS || rated >= engaged ? 'rate' : 'engagements';
}

export function bestTimes(queries: AnalyticsQueries, f: AnalyticsFilters, zone: string) {
  const copies = queries.copies(f);
  const posts = copies.map((c) => ({ publishedAt: c.publishedAt, rate: c.rate, engagements: c.engagements }));
  const by = bestTimesMeasure(posts);
  const cells = heatmap(posts, zone, by);
  const r = recommendTimes(cells, { minPosts: MIN_TOTAL_POSTS, top: 3, by });
  return { zone, posts: copies.length, by, cells, recommended: r.recommended, basedOn: r.basedOn, reason: r.reason };
}
