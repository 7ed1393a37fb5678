/**
 * Best times from the creator's own posts: each published copy of the range placed by its local
 * weekday and hour, with its rate and engagements as they stood one fixed age after it went out
 * (at-age.ts), never its newest ones: those set a post a month out beside one out an hour, and
 * the hours posted at long ago would win on age alone. Copies not that old yet, or without a look
 * near that age, are left out, and the answer says how many. Nothing is recommended under 10
 * posts that have the measure ranked, and the answer says which measure that is.
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

export function bestTimes(queries: Pick<AnalyticsQueries, 'aged'>, f: AnalyticsFilters, zone: string, now: number) {
  const { copies, aged } = queries.aged(f, now);
  const posts = aged.counted.map((c) => ({ publishedAt: c.publishedAt, rate: c.rate, engagements: c.engagements }));
  const by = bestTimesMeasure(posts);
  const cells = heatmap(posts, zone, by);
  const r = recommendTimes(cells, { minPosts: MIN_TOTAL_POSTS, top: 3, by });
  return { zone, posts: copies.length, by, cells, recommended: r.recommended, basedOn: r.basedOn, reason: r.reason, age: aged.words };
}
