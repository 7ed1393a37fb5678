/**
 * Where a read narrowed by a campaign or pillar starts: from the filter's posts (each post's
 * copies by post, each copy's days by key), or from the range (every copy of the range, or every
 * daily row of its days, each with its post, keeping the filter's). A campaign has a few dozen
 * posts and its posts are the far smaller read; a content pillar can hold a quarter of a history,
 * and over a week its 25,000 posts are more to seek than the week's few hundred copies. So the
 * filter's posts are counted (an index count on posts_campaign or posts_pillar) against what the
 * range holds, counted only up to that number, and the smaller one is read. Either way the
 * figures are the same (analytics-overview-filtered.test.ts).
 */
import type { Db } from '../store/open';

/** From the filter's posts, or from the range with each copy's post joined. */
export type NarrowedRead = 'posts' | 'range';

/** The counts the choice is made on; exported for the plan test. */
export const NARROWED_COUNT_SQL = {
  // FILTERED_POSTS_SQL counted: a pillar's on its index alone, a campaign's (few) with each post's pillar.
  posts: `SELECT (SELECT count(*) FROM posts WHERE campaign_id = @campaignId AND (@pillarId IS NULL OR pillar_id = @pillarId))
    + (SELECT count(*) FROM posts WHERE @campaignId IS NULL AND pillar_id = @pillarId)`,
  copies: `SELECT count(*) FROM (SELECT 1 FROM targets WHERE state = 'published' AND published_at >= @start AND published_at < @end LIMIT @cap)`,
  days: `SELECT count(*) FROM (SELECT 1 FROM metric_daily WHERE day BETWEEN @startDay AND @endDay LIMIT @cap)`,
};

/**
 * The read for a campaign's or pillar's copies (`copies`: the range's published copies) or daily
 * rows (`days`: the range's days); `force` fixes it (tests compare both reads).
 */
export function createNarrowedRead(db: Db, force?: NarrowedRead) {
  const s = { posts: db.prepare(NARROWED_COUNT_SQL.posts).pluck(), copies: db.prepare(NARROWED_COUNT_SQL.copies).pluck(), days: db.prepare(NARROWED_COUNT_SQL.days).pluck() };
  /** From the posts when they are no more than the range holds (`inRange`, counted up to one past them). */
  const choose = (p: Record<string, unknown>, inRange: (cap: number) => number): NarrowedRead => {
    if (force) return force;
    const posts = s.posts.get({ campaignId: p.campaignId ?? null, pillarId: p.pillarId ?? null }) as number;
    return posts <= inRange(posts + 1) ? 'posts' : 'range';
  };
  return {
    copies: (p: Record<string, unknown>) => choose(p, (cap) => s.copies.get({ start: p.start, end: p.end, cap }) as number),
    days: (p: Record<string, unknown>) => choose(p, (cap) => s.days.get({ startDay: p.startDay, endDay: p.endDay, cap }) as number),
  };
}
