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
 * The calendar: what is due in a range of days, finding any post by its words, and moving a
 * post to another day or time.
 * Moving goes through the posts service, so it keeps the same rules as editing: one
 * transaction, every editable copy moved, nothing published touched, the creator's zone by
 * default, a passed or non-existent (DST gap) time refused with the core's own words.
 */
export function createCalendarFeature(deps: Pick<FeatureDeps, 'db' | 'posts' | 'clock' | 'targets' | 'zone'>): { handlers: FeatureHandlers<keyof typeof calendarChannels> } {
  const range = createRangeQuery(deps.db);
  const shift = createShift(deps);
  const summary = createPostsSummary(deps.db, () => deps.clock.now());
  const search = createPostSearch(deps.db);
  return {
    handlers: {
      'posts:range': (input) => range.run(rangeQueryOf(input)),
      'posts:calendar': (input) => range.chips(rangeQueryOf(input)),
      'posts:search': ({ text, limit }) => search.find(text, limit),
      'posts:summary': () => summary.read(),
      'posts:reschedule': ({ id, date, time, zone }) => deps.posts.update({ id, schedule: { date, time, ...(zone ? { zone } : {}) } }),
      'posts:shift': ({ ids, days }) => shift(ids, days),
    },
  };
}
