import type { analyticsChannels } from '../../../../shared/contract/features/analytics';
import { AppError } from '../../../../shared/contract';
import { resolveBands } from '../../analytics/bands';
import { bestTimes } from '../../analytics/best-times';
import { exportSnapshotsCsv } from '../../analytics/export-csv';
import { createAnalyticsQueries } from '../../analytics/queries';
import type { Rollups } from '../../analytics/rollups';
import { whatWorks } from '../../analytics/what-works';
import { settingsStoreOf } from '../../settings/settings-store';
import type { FeatureDeps, FeatureHandlers } from '../types';

/**
 * Analytics: read-only questions over the metric rollups (screens never call a platform), and the
 * creator's own engagement-rate target bands, kept in settings as 'analytics.targetBands'.
 */
export function createAnalyticsFeature(deps: Pick<FeatureDeps, 'audit' | 'clock' | 'db' | 'events' | 'log' | 'zone'>, rollups: Pick<Rollups, 'countDaysIn'>): { handlers: FeatureHandlers<keyof typeof analyticsChannels> } {
  const { db, clock, zone, audit, events } = deps;
  const store = settingsStoreOf(db, deps.log);
  const queries = createAnalyticsQueries(db, { zone, now: () => clock.now(), bands: () => store.get('analytics.targetBands') });
  // The charts' days are the creator's: counted again in their zone at start (a database from
  // before, or a zone changed while closed) and whenever they change it.
  const countDays = (z: string) => {
    try {
      if (rollups.countDaysIn(z)) deps.log.info('counted the daily numbers again in the time zone', { zone: z });
    } catch (err) {
      // Nothing is half-written (one transaction); the charts keep their earlier days until the next try.
      deps.log.error('could not count the daily numbers again in the time zone', { zone: z, error: err as Error });
    }
  };
  countDays(zone());
  events.subscribe((event, payload) => {
    if (event === 'settings:changed') countDays((payload as { timeZone: string }).timeZone);
  });

  return {
    handlers: {
      'analytics:overview': (input) => queries.overview(input),
      'analytics:growth': ({ targetId }) => {
        if (!db.prepare('SELECT 1 FROM targets WHERE id = ?').get(targetId)) throw new AppError('not_found', 'That post no longer exists. It may have been deleted in another window.');
        return { targetId, points: queries.growth(targetId) };
      },
      'analytics:exportCsv': (input) => exportSnapshotsCsv(db, input, zone()),
      'analytics:bestTimes': ({ zone: own, ...filters }) => bestTimes(queries, filters, own ?? zone(), clock.now()),
      'analytics:whatWorks': (input) => whatWorks(db, queries, input, zone(), clock.now()),
      'analytics:bands': () => resolveBands(store.get('analytics.targetBands')),
      'analytics:setBands': ({ bands }) => {
        const own: Record<string, { low: number; high: number }> = {};
        for (const b of bands) own[b.platform] = { low: b.low, high: b.high };
        db.transaction(() => {
          store.set('analytics.targetBands', own);
          audit.record({ actor: 'user', action: 'analytics.targetBands', entity: 'settings', entityId: 'analytics.targetBands', detail: { platforms: Object.keys(own) } });
        })();
        events.emit('analytics:bandsChanged', {});
        return resolveBands(own);
      },
    },
  };
}
