import { REPEATING_MAX, type queueChannels } from '../../../../shared/contract/features/posting-times';
import type { FeatureDeps, FeatureHandlers } from '../types';
import { createQueueService } from './queue-service';
import { createRecurrenceService } from './recurrence-service';
import { outsideRequest } from '../../rpc/request-context';

/**
 * The queue: weekly posting times per account ("next free slot") and evergreen posts that
 * repeat every N days. Repeats are made ahead as ordinary posts, so publishing needs no change.
 */
export function createQueueFeature(deps: Pick<FeatureDeps, 'db' | 'audit' | 'events' | 'clock' | 'log' | 'posts' | 'targets' | 'settings' | 'zone' | 'background'>): { handlers: FeatureHandlers<keyof typeof queueChannels> } {
  const queue = createQueueService(deps);
  const recurrence = createRecurrenceService(deps);
  const { events, clock, db, log } = deps;

  let cancelWake: (() => void) | null = null;
  let pending = false;
  /** Paused (the data folder's move): no copy is made; the resume makes those due meanwhile. */
  let paused = false;

  // Created and deleted copies are announced by the targets' owner when their transaction commits.
  const announce = (_created: string[], _removed: string[], originPostId: string) => {
    events.emit('queue:recurrenceChanged', { originPostId });
  };

  /** Makes the copies that are due and sleeps until the next one is (no polling). */
  // Background work, not the request's whose change set it off (posts/agent-review.ts does not apply).
  const topUp = () => outsideRequest(topUpNow);
  const topUpNow = () => {
    pending = false;
    if (!db.open || paused) return;
    try {
      const { made, wakeAt } = recurrence.topUpAll();
      for (const m of made) announce(m.created, [], m.originPostId);
      cancelWake?.();
      cancelWake = wakeAt === null ? null : clock.setTimer(wakeAt - clock.now() + 1, topUp);
    } catch (err) {
      log.error('could not make the next copies of repeating posts', { error: err as Error });
    }
  };

  /** Publishing reports each change while it works: top up once, after it has finished its step. */
  const soon = () => {
    if (pending) return;
    pending = true;
    queueMicrotask(topUp);
  };

  events.subscribe((event, payload) => {
    if (event !== 'posts:changed') return;
    const { reason } = payload as { reason: string };
    // A copy went out, failed or was deleted; our own 'created' announcements need nothing.
    if (reason === 'state' || reason === 'deleted') soon();
  });
  // Time went by while Loomcast was closed.
  topUp();
  deps.background.register('repeating posts', {
    async pause() {
      paused = true;
      cancelWake?.();
      cancelWake = null;
    },
    resume() {
      paused = false;
      topUp();
    },
  });

  return {
    handlers: {
      'queue:slots': (input) => queue.slots(input),
      'queue:setSlots': (input) => queue.setSlots(input),
      'queue:nextFree': (input) => queue.nextFree(input),
      'queue:add': (input) => queue.add(input),
      'queue:recurrence': (input) => recurrence.get(input),
      'queue:repeating': () => ({ postIds: recurrence.repeating(REPEATING_MAX) }),
      'queue:setRecurrence': (input) => {
        const { view, created, removed } = recurrence.set(input);
        announce(created, removed, view.originPostId);
        topUp();
        return view;
      },
      'queue:clearRecurrence': (input) => {
        const { removedIds, ...out } = recurrence.clear(input);
        announce([], removedIds, out.originPostId);
        return out;
      },
    },
  };
}
