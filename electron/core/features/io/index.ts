import { AppError } from '../../../../shared/contract';
import { FEED_PAST_DAYS, type ExportFileDto, type ioChannels } from '../../../../shared/contract/features/io';
import { dayKey } from '../../../../shared/domain/time';
import type { FeatureDeps, FeatureHandlers } from '../types';
import { calendarCsv } from './csv-export';
import { createExportQuery } from './export-query';
import { createFeed } from './feed';
import { calendarIcs, ICAL_STATES } from './ical-export';
import { createImportService } from './import-service';

type Range = { from?: string; to?: string } | undefined;

const DAY_MS = 86_400_000;

/** Bulk CSV import, CSV and iCal export, and browser mode's calendar subscription. */
export function createIoFeature(deps: Pick<FeatureDeps, 'audit' | 'capabilities' | 'clock' | 'dataDir' | 'db' | 'events' | 'log' | 'media' | 'settings' | 'targets' | 'zone' | 'dateFormat' | 'background'>): { handlers: FeatureHandlers<keyof typeof ioChannels> } {
  const imports = createImportService(deps);
  const exports = createExportQuery(deps.db);
  const feed = createFeed(deps);

  const bounds = (range: Range) => ({
    ...(range?.from ? { from: Date.parse(range.from) } : {}),
    ...(range?.to ? { to: Date.parse(range.to) } : {}),
  });
  const filename = (ext: string) => `loomcast-calendar-${dayKey(deps.clock.now(), deps.zone())}.${ext}`;

  const ics = async (range: { from?: number; to?: number }): Promise<ExportFileDto> => {
    const targets = exports.list({ ...range, states: ICAL_STATES });
    return { filename: filename('ics'), mime: 'text/calendar', content: await calendarIcs(targets, { zone: deps.zone(), now: deps.clock.now() }), count: targets.length };
  };

  return {
    handlers: {
      'io:importPreview': (input) => imports.preview(input),
      'io:importCheck': (input) => imports.check(input),
      'io:importCommit': (input) => imports.commit(input),
      'io:importCancel': ({ importId }) => imports.cancel(importId),
      'io:exportCsv': async (range) => {
        const targets = exports.list(bounds(range));
        return { filename: filename('csv'), mime: 'text/csv', content: await calendarCsv(targets, { dataDir: deps.dataDir, zone: deps.zone() }), count: targets.length };
      },
      'io:exportIcs': (range) => ics(bounds(range)),
      'io:feedStatus': () => feed.status(),
      'io:feedEnable': () => feed.enable(),
      'io:feedRotate': () => feed.rotate(),
      'io:feedDisable': () => feed.disable(),
      'io:feed': ({ token }) => {
        if (!feed.verify(token)) throw new AppError('not_found', 'This calendar link does not work any more. Make a new subscription link in Loomcast (Import & export).');
        return ics({ from: deps.clock.now() - FEED_PAST_DAYS * DAY_MS });
      },
    },
  };
}
