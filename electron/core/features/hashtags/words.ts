/**
 * Hashtag suggestions in words: each claim with how many posts it rests on, at what age, and by
 * which figure (the median), or why there is no claim yet.
 */

import { MIN_TOTAL_POSTS } from '../../analytics/stats/heatmap';
import { MIN_GROUP_POSTS } from '../../analytics/stats/lift';
import { percent } from '../../../../shared/domain/percent';

/** Fewest posts with numbers a tag's median rests on before it is ranked by it (analytics.md: groups only from 5, as what works shows them). */
export const JUDGE_MIN_POSTS = MIN_GROUP_POSTS;
/** Fewest posts with numbers in view before any tag is ranked (analytics.md: no recommendation under 10). */
export const ACCOUNT_MIN_POSTS = MIN_TOTAL_POSTS;

export { percent } from '../../../../shared/domain/percent';

const DAY_MS = 24 * 3_600_000;
const posts = (n: number) => `${n} of your posts`;

/** The age a tag's posts are read at, in words: "24 h", "72 h", or both where TikTok or YouTube are among others. */
export function ageWords(ages: ReadonlySet<number>): string {
  const lagging = [...ages].some((a) => a > DAY_MS);
  const others = ages.size === 0 || [...ages].some((a) => a <= DAY_MS);
  return !lagging ? '24 h' : !others ? '72 h' : '24 h (72 h on TikTok and YouTube, whose numbers lag)';
}

/**
 * Why a tag is where it is, in words, with how many posts the claim rests on and at what age.
 * `rate` is given only for a ranked tag; `floorMet` says whether enough posts in view have numbers
 * for any tag to be ranked.
 */
export function reasonFor(postCount: number, withNumbers: number, rate: number | null, age: string, floorMet = true): string {
  if (!floorMet) {
    return `On ${posts(postCount)}, ${withNumbers === 0 ? 'none' : withNumbers} with numbers ${age} after going out: not ranked until ${ACCOUNT_MIN_POSTS} of your posts have numbers`;
  }
  if (rate !== null && withNumbers >= JUDGE_MIN_POSTS) {
    return `On ${posts(postCount)}; median ${percent(rate)} engagement, each post ${age} after it went out (${withNumbers} with numbers then)`;
  }
  return `Too few posts to judge: on ${posts(postCount)}, ${withNumbers === 0 ? 'none' : `only ${withNumbers}`} with numbers ${age} after going out (it takes ${JUDGE_MIN_POSTS})`;
}

/**
 * Why no tag is ranked yet, in words, with how many of the posts in view have numbers and how many
 * more it takes; null once there are enough, or with no posts at all (the list says so itself).
 */
export function floorNote(total: number, withNumbers: number, age: string): string | null {
  if (total === 0 || withNumbers >= ACCOUNT_MIN_POSTS) return null;
  const some = withNumbers === 0 ? 'none' : `only ${withNumbers}`;
  const have = withNumbers === 1 || withNumbers === 0 ? 'has' : 'have';
  const of = total === 1 ? 'your 1 post' : `your ${total} posts`;
  const more = ACCOUNT_MIN_POSTS - withNumbers;
  return `Not ranked yet: ${some} of ${of} ${have} numbers ${age} after going out, and ranking takes ${ACCOUNT_MIN_POSTS} (${more} more). Until then, your tags are listed by how often you used them.`;
}
