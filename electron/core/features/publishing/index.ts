import { AppError } from '../../../../shared/contract';
import type { PublishingStatusDto, publishingChannels } from '../../../../shared/contract/features/publishing';
import { createPublishNow } from '../compose/publish-now';
import type { FeatureDeps, FeatureHandlers } from '../types';
import { isPublishingPaused } from './paused';
import { createStatusQuery } from './status-query';
import { createSettleUnconfirmed } from './unconfirmed';
import { createThreads } from './threads';
import { createTryAgain } from './try-again';

export { isPublishingPaused };


/** The least time between two reads of the status while changes keep coming. */
const STATUS_GAP_MS = 250;
/** Events after which the status may read differently. */
const MOVES_STATUS = new Set(['posts:changed', 'accounts:changed', 'alerts:raised', 'alerts:changed', 'settings:changed']);

export interface PublishingFeatureDeps extends Pick<FeatureDeps, 'db' | 'audit' | 'events' | 'clock' | 'log' | 'posts' | 'targets' | 'settings' | 'zone'> {
  /** Unread open alerts about anything but a post (the alerts module counts its own). */
  unreadAlerts(): number;
  /** Tells the scheduler to look again (after a resume, or to notice a pause at once). */
  wake(): void;
}

/**
 * Publishing as a whole: paused or running (kept in settings, so a restart keeps it), what goes
 * out next, how much waits and what needs the creator. The scheduler asks isPublishingPaused
 * before it sends anything.
 */
export function createPublishingFeature(d: PublishingFeatureDeps): { handlers: FeatureHandlers<keyof typeof publishingChannels>; status(): PublishingStatusDto } {
  const query = createStatusQuery(d.db);
  const store = d.settings.store;
  const publishNow = createPublishNow(d);
  const settleUnconfirmed = createSettleUnconfirmed(d);
  const threads = createThreads(d);
  const tryAgain = createTryAgain(d);
  const iso = (ms: number) => new Date(ms).toISOString();

  function status(): PublishingStatusDto {
    const pausedAt = store.get('publishing.pausedAt');
    const counts = query.counts();
    const next = query.next();
    const unreadAlerts = d.unreadAlerts();
    return {
      paused: pausedAt !== null,
      pausedAt: pausedAt === null ? null : iso(pausedAt),
      next: next ? { ...next, at: iso(next.at) } : null,
      blocked: query.blocked(),
      queued: counts.queued,
      attention: {
        failed: counts.failed,
        missed: counts.missed,
        unconfirmed: counts.unconfirmed,
        unreadAlerts,
        total: counts.failed + counts.missed + counts.unconfirmed + unreadAlerts,
      },
    };
  }

  // Pushes the status when it reads differently, at most once per burst of changes (a bulk
  // import moves hundreds of copies in one transaction). Read after the turn that changed it
  // (setImmediate, not a microtask): the call that made the change answers first, and the
  // status's counts (a walk of every queued copy's index entry, about a millisecond at 100,000
  // posts) are no longer part of every posts:create; changes over several turns share one read.
  // What was last pushed (or, before any push, what the status read at start): a change that
  // leaves the status as it was (a draft saved) pushes nothing.
  // While changes keep coming (a burst of publishing commits a batch every few milliseconds), the
  // status is read at most every STATUS_GAP_MS: the first change of a quiet spell is read on the
  // next turn as before, the rest of the burst once the gap has passed (one read, not hundreds).
  let last = JSON.stringify(status());
  let queued = false;
  let readAt = -Infinity;
  const push = () => {
    const now = status();
    const text = JSON.stringify(now);
    if (text === last) return;
    last = text;
    d.events.emit('publishing:changed', now);
  };
  const read = () => {
    queued = false;
    readAt = d.clock.now();
    // The core may have closed meanwhile.
    if (!d.db.open) return;
    try {
      push();
    } catch (err) {
      d.log.warn('could not read the publishing status', { error: err as Error });
    }
  };
  d.events.subscribe((event) => {
    if (!MOVES_STATUS.has(event) || queued) return;
    queued = true;
    const wait = readAt + STATUS_GAP_MS - d.clock.now();
    if (wait <= 0) setImmediate(read);
    else d.clock.setTimer(wait, read);
  });

  function setPaused(pause: boolean): PublishingStatusDto {
    const already = isPublishingPaused(store);
    if (already !== pause) {
      d.db.transaction(() => {
        store.set('publishing.pausedAt', pause ? d.clock.now() : null);
        d.audit.record({ actor: 'user', action: pause ? 'publishing.pause' : 'publishing.resume', entity: 'publishing', detail: { queued: query.counts().queued } });
      })();
      d.log.info(pause ? 'publishing paused' : 'publishing resumed');
      // Paused: the scheduler drops its timer. Resumed: it sends what is due, by the missed-post policy.
      d.wake();
    }
    push();
    return status();
  }

  return {
    status,
    handlers: {
      'publishing:status': () => status(),
      'publishing:pause': () => setPaused(true),
      'publishing:resume': () => setPaused(false),
      'publishing:publishNext': (input) => {
        if (isPublishingPaused(store)) throw new AppError('conflict', 'Publishing is paused. Resume publishing first, then the next post goes out.');
        const next = query.next();
        if (!next) throw new AppError('conflict', 'No post is scheduled, so there is nothing to publish next.');
        if (input?.postId && input.postId !== next.postId) {
          throw new AppError('conflict', 'The next post changed in the meantime. Look at what is next, then try again.');
        }
        return publishNow.publishNow({ postId: next.postId, override: false });
      },
      'publishing:settleUnconfirmed': (input) => settleUnconfirmed(input),
      'publishing:tryAgain': (input) => tryAgain(input),
      'publishing:threadParts': ({ postId }) => threads.parts(postId),
      'publishing:continueThread': (input) => threads.continueThread(input),
    },
  };
}
