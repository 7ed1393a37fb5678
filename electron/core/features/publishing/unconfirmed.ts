import { AppError, type ChannelOutput, type ChannelParsedInput } from '../../../../shared/contract';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { createAgentReview } from '../../posts/agent-review';
import type { FeatureDeps } from '../types';
import { createCopyReader } from './id-from-link';
import { scheduleCopyNow } from './copy-now';
import { isPublishingPaused } from './paused';

/**
 * The creator settles a copy Loomcast could not confirm: they found it on the platform (it is
 * published, with the link they pasted), or it is not there (it goes out now, under the same
 * idempotency key, so a platform that dedupes still cannot make it twice). Both moves are the
 * targets module's; the open "Did it go out?" alert resolves on its next look.
 */
export function createSettleUnconfirmed({ db, clock, audit, posts, targets, settings, zone }: Pick<FeatureDeps, 'db' | 'clock' | 'audit' | 'posts' | 'targets' | 'settings' | 'zone'>) {
  const copies = createCopyReader(db);
  const agentReview = createAgentReview(db);

  return function settleUnconfirmed(input: ChannelParsedInput<'publishing:settleUnconfirmed'>): ChannelOutput<'publishing:settleUnconfirmed'> {
    const row = copies.get(input.targetId);
    if (!row) throw new AppError('not_found', 'That copy no longer exists.');
    const platform = PLATFORM_NAMES[row.platform];
    if (row.state !== 'unconfirmed') {
      throw new AppError('conflict', `This ${platform} copy is ${row.state === 'published' ? 'already published' : `no longer unconfirmed (it is ${row.state})`}, so there is nothing to settle.`);
    }
    if (input.outcome === 'published') {
      // Its id from the link, where the link can only mean this account's post: then its numbers are collected too.
      const id = input.url ? copies.idFrom(input.url, row) : null;
      targets.atomically(() => {
        const moved = targets.transition([input.targetId], 'unconfirmed', 'published', 'publish.confirmedByCreator', {
          platformUrl: input.url ?? null,
          platformPostId: id,
          // When it was sent: the attempt that landed began then.
          publishedAt: row.attempt_started_at ?? clock.now(),
          lastError: id
            ? 'You confirmed it went out; its numbers are collected from the link you gave.'
            : input.url
              ? `You confirmed it went out. That link is not one Loomcast can read as this account's ${platform} post, so it collects no numbers for this copy.`
              : `You confirmed it went out. Without its link, Loomcast collects no numbers for this copy.`,
          lastErrorDetails: null,
          nextAttemptAt: null,
        });
        if (moved.length === 0) throw new AppError('conflict', `This ${platform} copy changed meanwhile. Look at it again.`);
        audit.record({ actor: 'user', action: 'post.confirmPublished', entity: 'post', entityId: row.post_id, detail: { targetId: input.targetId, platform: row.platform, url: input.url ?? null } });
      });
      return posts.get(row.post_id);
    }
    // Sending again: what Post now would refuse is refused here too.
    agentReview.refuse('send a post again');
    if (isPublishingPaused(settings.store)) throw new AppError('conflict', 'Publishing is paused, so nothing goes out now. Resume publishing, then send it again.');
    targets.atomically(() => {
      // The creator looked, and it is not there: sent again now, as a new attempt.
      if (!scheduleCopyNow({ targets, clock, zone }, input.targetId, 'unconfirmed', 'publish.sendAgainByCreator')) throw new AppError('conflict', `This ${platform} copy changed meanwhile. Look at it again.`);
      audit.record({ actor: 'user', action: 'post.sendAgain', entity: 'post', entityId: row.post_id, detail: { targetId: input.targetId, platform: row.platform } });
    });
    return posts.get(row.post_id);
  };
}
