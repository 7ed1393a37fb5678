import type { BestTimesDto, WhatWorksDto } from '../../../../shared/contract/features/analytics';
import { plural } from '../../lib/format';

/*
 * What Best times and What works need before they can say anything, and what they have, in words:
 * their empty states teach from these. The floors are the core's (electron/core/analytics/stats:
 * MIN_TOTAL_POSTS, MIN_CELL_POSTS in heatmap.ts, MIN_GROUP_POSTS in lift.ts); a unit test keeps
 * them equal.
 */

/** Posts with the measure ranked, in the whole range, before any time is recommended. */
export const BEST_TIMES_MIN_POSTS = 10;
/** Posts with the measure ranked in one weekday and hour before that hour can be recommended. */
export const BEST_TIMES_MIN_HOUR_POSTS = 3;
/** Posts with a rate in a group before What works shows the group. */
export const WHAT_WORKS_MIN_GROUP_POSTS = 5;

export interface EmptyWords {
  /** range: nothing went out in the range; few: too few measured posts; hours: no hour with enough. */
  reason: 'range' | 'few' | 'hours';
  heading: string;
  /** What the view needs, and how much of it the range has. */
  needs: string;
}

type BestTimesHave = Pick<BestTimesDto, 'posts' | 'by' | 'cells' | 'basedOn'>;

/** Why Best times recommends nothing: what it needs and what it has. */
export function bestTimesNeeds(b: BestTimesHave): EmptyWords {
  const measured = b.by === 'rate' ? 'with an engagement rate' : 'with engagements reported';
  const floor = `Best times needs at least ${BEST_TIMES_MIN_POSTS} posts ${measured}, ${BEST_TIMES_MIN_HOUR_POSTS} of them in the same weekday and hour, to recommend a time.`;
  const busiest = Math.max(0, ...b.cells.map((c) => c.n));
  const inOneHour = busiest > 0 ? `, at most ${busiest} in one hour` : '';
  if (b.posts === 0) return { reason: 'range', heading: 'Nothing went out in this range', needs: `${floor} This range has no posts.` };
  if (b.basedOn < BEST_TIMES_MIN_POSTS) {
    return {
      reason: 'few',
      heading: 'Not enough measured posts for best times yet',
      needs: `${floor} This range has ${b.basedOn} of ${plural(b.posts, 'post')} measured so far${inOneHour}.`,
    };
  }
  return {
    reason: 'hours',
    heading: 'No hour has enough measured posts yet',
    needs: `Best times needs ${BEST_TIMES_MIN_HOUR_POSTS} posts ${measured} in the same weekday and hour to recommend it. This range has ${b.basedOn} measured posts${inOneHour}: post at a few regular times to build a picture.`,
  };
}

/** Whether What works has no group to show in any of its dimensions. */
export const whatWorksEmpty = (w: WhatWorksDto) => w.dimensions.every((d) => d.groups.length === 0);

/** Why What works shows no group: what it needs and what it has. */
export function whatWorksNeeds(w: Pick<WhatWorksDto, 'baseline'>): EmptyWords {
  const n = w.baseline.n;
  const floor = `What works compares groups of posts (hashtags, templates, length, time of day, …) by engagement rate, and needs at least ${WHAT_WORKS_MIN_GROUP_POSTS} posts with a rate in a group.`;
  if (n === 0) return { reason: 'few', heading: 'No post in this range has an engagement rate yet', needs: `${floor} This range has none yet: a rate needs views and engagements from the platform.` };
  return {
    reason: 'few',
    heading: 'Not enough posts with numbers to compare yet',
    needs: `${floor} This range has ${plural(n, 'post')} with a rate; no group has ${WHAT_WORKS_MIN_GROUP_POSTS} yet.`,
  };
}

/**
 * What a What works card with no group to show needs, and how the creator gets there: each
 * dimension's groups come from something the creator does (a pillar picked, a template used).
 */
export const WHAT_WORKS_GROUP_NEEDS: Readonly<Record<WhatWorksDto['dimensions'][number]['dimension'], string>> = {
  hashtags: `A hashtag shows here once ${WHAT_WORKS_MIN_GROUP_POSTS} posts that use it have a rate.`,
  templates: `A template shows here once ${WHAT_WORKS_MIN_GROUP_POSTS} posts made from it have a rate: start posts from the Library’s templates to compare them.`,
  pillars: `A pillar shows here once ${WHAT_WORKS_MIN_GROUP_POSTS} of its posts have a rate: give posts a pillar in the composer to compare your themes.`,
  voices: `A voice shows here once ${WHAT_WORKS_MIN_GROUP_POSTS} posts written in it have a rate: pick a voice when you write with a model or a template.`,
  media: `Posts with media, and text-only posts, each show here once ${WHAT_WORKS_MIN_GROUP_POSTS} of them have a rate.`,
  length: `A length (under 100 characters, 100–279, and so on) shows here once ${WHAT_WORKS_MIN_GROUP_POSTS} posts of that length have a rate.`,
  hour: `A time of day (night, morning, afternoon, evening) shows here once ${WHAT_WORKS_MIN_GROUP_POSTS} posts that went out then have a rate.`,
};
