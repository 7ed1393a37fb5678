import { DateTime } from 'luxon';
import { startOfDay } from '../../../../shared/domain/time';

/** Which posts an export holds: every dated one, those from today on, or those between two days. */
export type ExportChoice = 'all' | 'ahead' | 'dates';

export type ExportRangeResult = { ok: true; range: { from?: string; to?: string } } | { ok: false; message: string };

/**
 * The first instant of a day in a zone (its midnight, or when the day starts when midnight is
 * skipped; the first midnight where the clocks go back over it): startOfDay, not luxon's
 * startOf('day'), which there takes the second and left that night's first hour out.
 */
const startOf = (date: string, zone: string): DateTime | null => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const ms = startOfDay(date, zone);
  return ms === null ? null : DateTime.fromMillis(ms, { zone });
};

const dayAfter = (date: string) => DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: 1 }).toISODate()!;

/**
 * The export's range as io:exportCsv and io:exportIcs take it: instants from the start of the
 * first day to the start of the day after the last, both read in the creator's zone.
 */
export function exportRange(choice: ExportChoice, dates: { from: string; to: string }, zone: string, nowMs: number): ExportRangeResult {
  if (choice === 'all') return { ok: true, range: {} };
  if (choice === 'ahead') {
    const today = startOf(DateTime.fromMillis(nowMs, { zone }).toFormat('yyyy-LL-dd'), zone) ?? DateTime.fromMillis(nowMs, { zone }).startOf('day');
    return { ok: true, range: { from: today.toUTC().toISO()! } };
  }
  const first = startOf(dates.from, zone);
  const last = startOf(dates.to, zone);
  if (!first || !last) return { ok: false, message: 'Pick the first and the last day to export.' };
  if (last < first) return { ok: false, message: 'The last day is before the first: pick a last day on or after the first.' };
  const end = startOf(dayAfter(dates.to), zone) ?? last.plus({ days: 1 }).startOf('day');
  return { ok: true, range: { from: first.toUTC().toISO()!, to: end.toUTC().toISO()! } };
}
