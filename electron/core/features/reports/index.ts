import { AppError } from '../../../../shared/contract';
import type { reportsChannels } from '../../../../shared/contract/features/reports';
import type { FeatureDeps, FeatureHandlers } from '../types';
import { weeklyCsv } from './csv';
import { weekOf } from './week';
import { weeklyReport } from './weekly';

/**
 * The weekly report: a week's publishing and its numbers, in words and tables, as CSV, and as PDF
 * (the desktop shell prints the page; browser mode uses the browser's own print).
 */
export function createReportsFeature(deps: Pick<FeatureDeps, 'clock' | 'db' | 'zone' | 'dateFormat'> & Partial<Pick<FeatureDeps, 'settings'>>): { handlers: FeatureHandlers<keyof typeof reportsChannels> } {
  const report = (day?: string) => weeklyReport(deps.db, deps.clock, weekOf(deps.clock.now(), deps.zone(), day), deps.dateFormat(), deps.settings?.get().locale);
  return {
    handlers: {
      'reports:weekly': (input) => report(input?.weekOf),
      'reports:weeklyCsv': (input) => {
        const r = report(input?.weekOf);
        const { content, count } = weeklyCsv(r);
        return { filename: `loomcast-week-${r.weekStart}.csv`, mime: 'text/csv', content, count };
      },
      // The desktop shell answers this itself (electron/main/print-pdf.ts); the core has no page to print.
      'reports:savePdf': () => {
        throw new AppError('conflict', 'Saving a PDF directly works in the desktop app. Here, use “Print / Save as PDF” and pick “Save as PDF” in the print dialog.');
      },
    },
  };
}
