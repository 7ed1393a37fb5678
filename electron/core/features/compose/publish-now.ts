import { AppError, type ChannelOutput, type ChannelParsedInput } from '../../../../shared/contract';
import { PLATFORM_NAMES, articleFor } from '../../../../shared/domain/platforms';
import type { TargetState } from '../../../../shared/domain/states';
import { assertNotDuplicate } from '../../posts/duplicate-check';
import { isPublishingPaused } from '../publishing/paused';
import type { FeatureDeps } from '../types';
import { createAgentReview } from '../../posts/agent-review';

/** Copies that have been out, or are going out, are left as they are. */
const OUT: readonly TargetState[] = ['publishing', 'published', 'unconfirmed'];
/** Copies that have passed review (or never needed it) when Settings make own posts wait in Review. */
const REVIEWED: readonly TargetState[] = ['approved', 'scheduled', 'missed', 'failed'];
const SENDABLE: readonly TargetState[] = ['draft', ...REVIEWED];

const silent = { log() {}, debug() {}, info() {}, warn() {}, error() {} };

/**
 * "Post now": the copies not yet out are scheduled for this instant, so the scheduler (woken by
 * the move into `scheduled`) sends them like any due post, after the same gates. The review rule
 * holds: with own posts waiting in Review, a copy that was never approved is refused, not skipped.
 */
export function createPublishNow({ db, clock, audit, posts, targets, settings, zone }: Pick<FeatureDeps, 'db' | 'clock' | 'audit' | 'posts' | 'targets' | 'settings' | 'zone'>) {
  const agentReview = createAgentReview(db);
  return {
    publishNow({ postId, override }: ChannelParsedInput<'compose:publishNow'>): ChannelOutput<'compose:publishNow'> {
      agentReview.refuse('post right now');
      if (isPublishingPaused(settings.store)) throw new AppError('conflict', 'Publishing is paused, so nothing goes out now. Resume publishing, then post it.');
      const post = posts.get(postId);
      const copies = post.targets.filter((t) => !OUT.includes(t.state) && t.state !== 'cancelled');
      if (copies.length === 0) throw new AppError('conflict', 'Every copy of this post is already out or on its way. Duplicate the post to send it again.');
      const waiting = copies.find((t) => t.state === 'in_review');
      if (waiting) throw new AppError('conflict', `The ${PLATFORM_NAMES[waiting.platform]} copy is waiting in Review. Approve it there first, then post it.`);
      const unbound = copies.find((t) => t.accountId === null);
      if (unbound) {
        throw new AppError('invalid_input', `No ${PLATFORM_NAMES[unbound.platform]} account is connected, so that copy can't go out now. Connect one in Accounts, or remove ${PLATFORM_NAMES[unbound.platform]}.`, {
          issues: [{ path: ['accounts'], message: `Connect ${articleFor(PLATFORM_NAMES[unbound.platform])} ${PLATFORM_NAMES[unbound.platform]} account first` }],
        });
      }
      const reviewFirst = !settings.get().autoApproveOwnPosts;
      const unreviewed = copies.find((t) => !(reviewFirst ? REVIEWED : SENDABLE).includes(t.state));
      if (unreviewed) {
        throw new AppError(
          'conflict',
          reviewFirst
            ? 'Settings say your own posts wait in Review before they go out. Send it for review; once approved it can go out right away.'
            : `The ${PLATFORM_NAMES[unreviewed.platform]} copy is ${unreviewed.state}, so it can't be posted now.`,
        );
      }
      const now = clock.now();
      assertNotDuplicate({ db, clock, log: silent }, { text: post.text, accountIds: copies.map((t) => t.accountId!), scheduledAt: now, excludePostId: postId, override });
      targets.atomically(() => {
        // The gates run inside this move; a refusal leaves every copy as it was.
        targets.transition(
          copies.map((t) => t.id),
          SENDABLE,
          'scheduled',
          'post.publishNow',
          { scheduledAt: now, zone: zone(), nextAttemptAt: null, lastError: null, lastErrorDetails: null },
        );
        audit.record({ actor: 'user', action: 'post.publishNow', entity: 'post', entityId: postId, detail: { targets: copies.length } });
      });
      return posts.get(postId);
    },
  };
}
