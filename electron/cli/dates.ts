/**
 * Dates as a creator types them on the command line, read in the app's time zone (Settings):
 * a day "2026-12-24" is that day's midnight there; an ISO instant with an offset is taken as is.
 * A scheduled time goes to the core as a wall-clock date and time, so a skipped or repeated local
 * time is refused (or noted) by the core itself, with the app's own words; an exact instant the
 * wall clock cannot name (the second of a repeated time, or one with seconds) is refused here.
 */
import { DateTime } from 'luxon';
import type { ScheduleInputDto } from '../../shared/contract';
import { resolveLocal, startOfDay } from '../../shared/domain/time';
import { usageError } from './context';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/;

/** A day (its midnight in `zone`) or an ISO instant; `endOfDay` takes a day's end (the next midnight) instead. */
export function parseInstant(text: string, zone: string, flag: string, endOfDay = false): DateTime {
  const t = text.trim();
  if (DAY.test(t)) {
    const d = DateTime.fromISO(t, { zone: 'UTC' });
    if (!d.isValid) throw usageError(`${flag} ${t} is not a real date.`);
    // The day's first instant (startOfDay: not luxon's startOf('day'), an hour late where the
    // clocks go back over midnight); a day's end is the next day's start.
    const day = endOfDay ? d.plus({ days: 1 }).toISODate()! : t;
    const start = startOfDay(day, zone);
    if (start === null) throw usageError(`${flag} ${t} is not a real date in ${zone}.`);
    return DateTime.fromMillis(start, { zone });
  }
  const d = DateTime.fromISO(t, { setZone: true });
  if (!d.isValid || !/(Z|[+-]\d{2}:?\d{2})$/.test(t)) throw usageError(`${flag} takes a date such as 2026-12-24 (in ${zone}) or an ISO instant with its offset such as 2026-12-24T09:00:00+01:00, not "${t}".`);
  return d;
}

/** The first instant of the day `dt` falls on, in its zone (see startOfDay). */
export function dayStartOf(dt: DateTime): DateTime {
  const start = startOfDay(dt.toFormat('yyyy-LL-dd'), dt.zoneName ?? 'UTC');
  return start === null ? dt.startOf('day') : DateTime.fromMillis(start, { zone: dt.zone });
}

/** `--at "2026-12-24 09:00"` (wall clock in the app's zone) or an ISO instant with offset, as the core's ScheduleInput. */
export function parseAt(text: string, zone: string, what = '--at'): ScheduleInputDto {
  const t = text.trim();
  const m = LOCAL.exec(t);
  if (m) return { date: m[1]!, time: m[2]! };
  const d = DateTime.fromISO(t, { setZone: true });
  if (d.isValid && /(Z|[+-]\d{2}:?\d{2})$/.test(t)) {
    // Posts go out on the minute, as the composer and the import take them: seconds are not rounded away.
    if (d.second !== 0 || d.millisecond !== 0) throw usageError(`${what} ${t} has seconds; Loomcast schedules to the minute. Give a time such as ${d.startOf('minute').toISO({ suppressSeconds: true })}.`);
    const local = d.setZone(zone);
    const schedule = { date: local.toFormat('yyyy-LL-dd'), time: local.toFormat('HH:mm') };
    // The core takes a wall time that happens twice as its first: an exact instant that is the
    // second would be moved an hour without a word.
    const first = resolveLocal({ ...schedule, zone });
    if (first.ok && first.epochMs !== d.toMillis()) {
      throw usageError(`${what} ${t} is the second ${schedule.time} of ${schedule.date} in ${zone} (the clocks go back that night), and Loomcast plans by the clock on the wall, which takes the first. Pick another minute.`);
    }
    return schedule;
  }
  throw usageError(`${what} takes a local date and time such as "2026-12-24 09:00" (read in ${zone}, the app's time zone) or an ISO instant with its offset, not "${t}".`);
}

/** Splits [from, to) into windows of at most `maxDays` (posts:range answers 62 days at a time). */
export function windows(from: DateTime, to: DateTime, maxDays: number): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  let start = from;
  while (start < to) {
    const end = DateTime.min(start.plus({ days: maxDays }), to);
    out.push({ from: start.toISO()!, to: end.toISO()! });
    start = end;
  }
  return out;
}

/** A note when the wall time happens twice (the clocks go back): the core takes the first, as the app does. */
export function repeatedTimeNote(schedule: ScheduleInputDto | null, zone: string): string | null {
  if (!schedule) return null;
  const r = resolveLocal({ date: schedule.date, time: schedule.time, zone: schedule.zone ?? zone });
  return r.ok && r.ambiguous ? `${schedule.date} ${schedule.time} happens twice in ${schedule.zone ?? zone} (the clocks go back that night): the first one was taken.` : null;
}
