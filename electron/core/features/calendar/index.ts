import type { z } from 'zod';
import type { calendarChannels, RangeInput } from '../../../../shared/contract/features/calendar';
import type { FeatureDeps, FeatureHandlers } from '../types';
import { createRangeQuery, type RangeQuery } from './range-query';
import { createPostsSummary } from '../../posts/summary';
import { createPostSearch } from '../../posts/search';
import { createShift } from './shift';

const rangeQueryOf = ({ from, to, accountIds, states, campaignIds, pillarIds }: z.output<typeof RangeInput>): RangeQuery => ({
  fromMs: Date.parse(from),
  toMs: Date.parse(to),
  ...(accountIds ? { accountIds } : {}),
  ...(states ? { states } : {}),
  ...(campaignIds ? { campaignIds } : {}),
  ...(pillarIds ? { pillarIds } : {}),
});

/**
 * How long after the core starts the search index is brought up to date in the background, in
 * chunks with turns of the event loop between (posts/search.ts): the first search then finds it
 * done instead of writing the documents of every post made, imported or edited since the last
 * run (~3 s at 100,000 posts after an update or a workspace import), while the app's first
 * screens and the scheduler's catch-up have had the start to themselves.
 */
export const SEARCH_WARM_MS = 20_000;

/**
 * The calendar: what is due in a range of days, finding any post by its words, and moving a
 * post to another day or time.
 * Moving goes through the posts service, so it keeps the same rules as editing: one
 * transaction, every editable copy moved, nothing published touched, the creator's zone by
 * default, a passed or non-existent (DST gap) time refused with the core's own words.
 */
export function createCalendarFeature(deps: Pick<FeatureDeps, 'db' | 'posts' | 'clock' | 'targets' | 'zone' | 'log' | 'background'>): {
  handlers: FeatureHandlers<keyof typeof calendarChannels>;
  start(): void;
  stop(): Promise<void>;
  /** Brings the search index up to date now: the data folder's move does it once nothing else writes, before the database goes read-only. */
  catchUpSearch(): Promise<void>;
} {
  const range = createRangeQuery(deps.db);
  const shift = createShift(deps);
  const summary = createPostsSummary(deps.db, () => deps.clock.now());
  const search = createPostSearch(deps.db);
  let cancelWarm: (() => void) | null = null;
  /** The background catch-up under way, which a pause waits for. */
  let warming: Promise<void> = Promise.resolve();
  const warmLater = () => {
    cancelWarm = deps.clock.setTimer(SEARCH_WARM_MS, () => {
      cancelWarm = null;
      const started = deps.clock.now();
      warming = search
        .catchUp()
        .then(() => deps.log.debug('search index caught up in the background', { ms: deps.clock.now() - started }))
        // The next search tries again (and says so if it fails too).
        .catch((err: unknown) => deps.log.warn('could not bring the search index up to date in the background', { error: err as Error }));
    });
  };
  // Paused (the data folder's move) before its time: the catch-up waits a whole delay again after.
  let warmAfterPause = false;
  deps.background.register('search index', {
    async pause() {
      warmAfterPause = cancelWarm !== null;
      cancelWarm?.();
      cancelWarm = null;
      await warming;
    },
    resume() {
      if (warmAfterPause) warmLater();
      warmAfterPause = false;
    },
  });
  return {
    start: warmLater,
    catchUpSearch: () => search.catchUp(),
    async stop() {
      cancelWarm?.();
      cancelWarm = null;
      await search.stop();
    },
    handlers: {
      'posts:range': (input) => range.run(rangeQueryOf(input)),
      'posts:calendar': (input) => range.chips(rangeQueryOf(input)),
      'posts:search': ({ text, limit, accountIds, states, shown }) => search.find(text, limit, { accountIds, states, shown }),
      'posts:summary': () => summary.read(),
      'posts:reschedule': ({ id, date, time, zone }) => deps.posts.update({ id, schedule: { date, time, ...(zone ? { zone } : {}) } }),
      'posts:shift': ({ ids, days }) => shift(ids, days),
    },
  };
}
