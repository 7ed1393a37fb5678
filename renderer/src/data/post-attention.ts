import type { PostDto } from '../../../shared/contract';
import type { TargetState } from '../../../shared/domain/states';

/** States that wait on the creator: the post did not go out, or nobody knows whether it did. */
export const ATTENTION_STATES: readonly TargetState[] = ['failed', 'unconfirmed', 'missed'];

export function needsAttention(post: PostDto): boolean {
  return post.targets.some((t) => ATTENTION_STATES.includes(t.state));
}

/** The latest instant a post went (or was due to go) out, for ordering what is done. */
function lastAt(post: PostDto): number {
  const times = post.targets.map((t) => (t.scheduledAt ? Date.parse(t.scheduledAt) : 0));
  return Math.max(Date.parse(post.updatedAt), ...times);
}

/**
 * Posts the upcoming and draft lists leave out: the ones waiting on the creator (failed,
 * unconfirmed, missed) and the ones that went out, newest first.
 */
export function settledPosts(all: PostDto[], shownIds: ReadonlySet<string>): { attention: PostDto[]; published: PostDto[] } {
  const attention: PostDto[] = [];
  const published: PostDto[] = [];
  for (const post of all) {
    if (shownIds.has(post.id)) continue;
    if (needsAttention(post)) attention.push(post);
    else if (post.targets.some((t) => t.state === 'published')) published.push(post);
  }
  const newest = (a: PostDto, b: PostDto) => lastAt(b) - lastAt(a);
  return { attention: attention.sort(newest), published: published.sort(newest) };
}
