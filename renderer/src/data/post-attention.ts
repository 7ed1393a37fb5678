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
 * The core's settled lists (posts:list attention and published, which already leave out what
 * the upcoming and draft lists show). What needs attention keeps the core's order, the newest
 * trouble first; what went out is newest first by when each went or was due to go out.
 */
export function settledPosts(attention: PostDto[], published: PostDto[]): { attention: PostDto[]; published: PostDto[] } {
  const newest = (a: PostDto, b: PostDto) => lastAt(b) - lastAt(a);
  return { attention, published: [...published].sort(newest) };
}
