import type { PostDto } from '../../../../shared/contract';
import { api } from '../../api/client';
import { refreshPosts } from '../../data/usePosts';
import { toProblem } from '../../lib/errors';

/** A post that can join the queue: no time yet, and at least one copy bound to an account. */
export const queueable = (post: PostDto): boolean => post.scheduledAt === null && post.targets.some((t) => t.accountId !== null);

export interface QueuedMany {
  /** Posts every copy of which got a posting time. */
  queued: string[];
  /** The earliest and latest times given, epoch ms (null when none was). */
  first: number | null;
  last: number | null;
  /** Why the rest did not, in the core's words; null when all went in. */
  problem: string | null;
}

/**
 * Gives each post's copies their accounts' next free posting times, one post after another in
 * the order given, so the queue fills in that order (as Add to queue does for one post). Stops at
 * the first refusal (an account without posting times…), keeping what was queued before it.
 */
export async function queueMany(posts: PostDto[]): Promise<QueuedMany> {
  const out: QueuedMany = { queued: [], first: null, last: null, problem: null };
  try {
    for (const post of posts.filter(queueable)) {
      for (const t of post.targets) {
        if (!t.accountId) continue;
        const r = await api.call('queue:add', { postId: post.id, accountId: t.accountId });
        const at = Date.parse(r.slot.at);
        out.first = out.first === null ? at : Math.min(out.first, at);
        out.last = out.last === null ? at : Math.max(out.last, at);
      }
      out.queued.push(post.id);
    }
  } catch (err) {
    out.problem = toProblem(err).message;
  }
  await refreshPosts();
  return out;
}
