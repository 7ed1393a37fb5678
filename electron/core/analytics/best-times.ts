/**
 * Best times from the creator's own posts: each published copy of the range placed by its local
 * weekday and hour, with its newest rate and engagements. Nothing is recommended under 10 posts.
 */
import type { AnalyticsQueries } from './queries';
import type { AnalyticsFilters } from './scope';
import { heatmap, recommendTimes } from './stats/heatmap';

export function bestTimes(queries: AnalyticsQueries, f: AnalyticsFilters, zone: string) {
  const copies = queries.copies(f);
  const cells = heatmap(
    copies.map((c) => ({ publishedAt: c.publishedAt, rate: c.rate, engagements: c.engagements })),
    zone,
  );
  // Where no copy has a rate (Bluesky, Mastodon), rank by engagements instead.
  const by = copies.some((c) => c.rate !== null) ? 'rate' : 'engagements';
  const r = recommendTimes(cells, { minPosts: 10, top: 3, by });
  return { zone, posts: copies.length, cells, recommended: r.recommended, basedOn: r.basedOn, reason: r.reason };
}
