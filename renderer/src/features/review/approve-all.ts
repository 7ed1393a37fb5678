import { AppError } from '../../../../shared/contract/errors';
import type { ChannelOutput } from '../../../../shared/contract';
import type { HeldPostDto } from '../../../../shared/contract/features/review';
import { api } from '../../api/client';
import { refreshPosts } from '../../data/usePosts';
import { refreshReview } from './useReview';

/** Where "Approve all" has got to. */
export interface ApproveAllProgress {
  /** The posts approved so far (what "Send them back to Review" sends back). */
  approvedIds: string[];
  /** Posts left in Review because a gate refused them, with why. */
  held: HeldPostDto[];
  /** How many posts waited when the creator asked (what "all" means). */
  total: number;
}

/**
 * Approves every post that waited when asked, a round (250 posts, one commit) at a time, so
 * publishing and the screens go on between rounds. `onRound` hears the progress after each round;
 * `stop` is asked between rounds. The queue and the calendar have caught up when this returns.
 */
export async function approveAllWaiting(onRound: (progress: ApproveAllProgress) => void, stop: () => boolean): Promise<ApproveAllProgress & { stopped: boolean }> {
  const approvedIds: string[] = [];
  const held: HeldPostDto[] = [];
  let total = 0;
  let place: { asOf: string; after: NonNullable<ChannelOutput<'review:approveAll'>['next']> } | null = null;
  let stopped = false;
  for (;;) {
    const round: ChannelOutput<'review:approveAll'> = await api.call('review:approveAll', place ?? {});
    // The first round's answer counts the whole queue as it stood.
    if (!place) total = round.approvedIds.length + round.held.length + round.left;
    approvedIds.push(...round.approvedIds);
    held.push(...round.held);
    onRound({ approvedIds: [...approvedIds], held: [...held], total });
    if (!round.next) break;
    if (stop()) {
      stopped = true;
      break;
    }
    place = { asOf: round.asOf, after: round.next };
  }
  await Promise.all([refreshReview(), refreshPosts()]);
  return { approvedIds, held, total, stopped };
}

/** The most posts one review:send takes. */
const AT_ONCE = 500;

const refused = (err: unknown, code: string) => err instanceof AppError && err.code === code;

/**
 * Sends some posts back to Review; how many went. None of them able to go (all gone out) is a
 * refusal the core words as a conflict: 0. A batch refused because a post was deleted since is
 * halved until the deleted ones are alone (about 18 calls for one among 500, not 500).
 */
async function sendBatch(ids: string[]): Promise<number> {
  const inReview = (posts: { targets: { state: string }[] }[]) => posts.filter((p) => p.targets.some((t) => t.state === 'in_review')).length;
  try {
    return inReview(await api.call('review:send', { postIds: ids }));
  } catch (err) {
    if (refused(err, 'conflict')) return 0;
    if (!refused(err, 'not_found')) throw err;
    if (ids.length === 1) return 0;
  }
  const half = Math.ceil(ids.length / 2);
  return (await sendBatch(ids.slice(0, half))) + (await sendBatch(ids.slice(half)));
}

/**
 * Undoes "Approve all": the posts it approved go back to Review, 500 at a time. Posts that went
 * out, were deleted or changed state since stay as they are; the answer says how many went back,
 * and `onBatch` how far it got (so a problem partway can say how many were sent before it).
 */
export async function sendBackToReview(ids: readonly string[], onBatch: (done: number, sent: number) => void): Promise<{ sent: number; of: number }> {
  let sent = 0;
  for (let i = 0; i < ids.length; i += AT_ONCE) {
    sent += await sendBatch(ids.slice(i, i + AT_ONCE));
    onBatch(Math.min(ids.length, i + AT_ONCE), sent);
  }
  await Promise.all([refreshReview(), refreshPosts()]);
  return { sent, of: ids.length };
}
