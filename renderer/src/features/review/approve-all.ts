import type { HeldPostDto } from '../../../../shared/contract/features/review';
import { api } from '../../api/client';
import { refreshPosts } from '../../data/usePosts';
import { refreshReview } from './useReview';

/** Where "Approve all" has got to. */
export interface ApproveAllProgress {
  /** Posts approved so far. */
  approved: number;
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
  let round = await api.call('review:approveAll', {});
  const progress: ApproveAllProgress = { approved: round.approved, held: [...round.held], total: round.approved + round.held.length + round.left };
  onRound({ ...progress });
  let stopped = false;
  while (round.next) {
    if (stop()) {
      stopped = true;
      break;
    }
    round = await api.call('review:approveAll', { asOf: round.asOf, after: round.next });
    progress.approved += round.approved;
    progress.held.push(...round.held);
    onRound({ ...progress, held: [...progress.held] });
  }
  await Promise.all([refreshReview(), refreshPosts()]);
  return { ...progress, stopped };
}
