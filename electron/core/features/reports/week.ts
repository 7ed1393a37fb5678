/**
 * A report's week: Monday 00:00 to the next Monday 00:00 in the creator's zone (so a DST week is
 * 167 or 169 hours long). By default the last full week before now.
 */
import { DateTime } from 'luxon';
import { AppError } from '../../../../shared/contract';

export interface Week {
  /** Monday and Sunday, YYYY-MM-DD in the zone. */
  start: string;
  end: string;
  from: number;
  to: number;
  zone: string;
}

export function weekOf(now: number, zone: string, day?: string): Week {
  const monday = day
    ? DateTime.fromISO(day, { zone }).startOf('week')
    : DateTime.fromMillis(now, { zone }).startOf('week').minus({ weeks: 1 });
  if (!monday.isValid) throw new AppError('invalid_input', `"${day}" is not a calendar date`);
  const next = monday.plus({ weeks: 1 });
  return { start: monday.toISODate() ?? '', end: next.minus({ days: 1 }).toISODate() ?? '', from: monday.toMillis(), to: next.toMillis(), zone };
}
