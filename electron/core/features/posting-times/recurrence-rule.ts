/**
 * Stepping an evergreen series: pure functions, no database, no clock.
 *
 * Occurrence 1 is the post itself; occurrence n falls (n − 1) × everyDays calendar days later,
 * at the same wall-clock time in the series' zone, so 09:00 stays 09:00 on both sides of a DST
 * change (the UTC instant moves by the hour instead). Where the wall time does not exist or
 * happens twice, we do what RFC 5545 (iCalendar, §3.3.5) says, so an .ics export agrees:
 * - a skipped time (02:30 on a spring-forward night) is read with the offset from before the
 *   gap, which lands one gap later on the wall clock (03:30): a repeat is never dropped;
 * - a repeated time (01:30 on a fall-back night) is the first of the two.
 */
import { DateTime } from 'luxon';
import { resolveLocal, toLocal } from '../../../../shared/domain/time';

export type RecurrenceUntil = { count: number } | { date: string };

export interface RecurrenceRule {
  /** The local date of occurrence 1, YYYY-MM-DD. */
  startDate: string;
  /** The wall-clock time of every occurrence, HH:mm. */
  time: string;
  zone: string;
  everyDays: number;
  until: RecurrenceUntil;
}

export interface OccurrenceTime {
  number: number;
  epochMs: number;
  /** The wall-clock date and time the instant reads in the zone. */
  date: string;
  time: string;
  /** The rule's time did not exist that day; it went out one DST gap later on the wall clock. */
  shifted: boolean;
  /** The rule's time happened twice that day; this is the first. */
  ambiguous: boolean;
}

const DAY_MS = 86_400_000;

/** A local date and time to an instant, the iCalendar way (see the file's comment). */
export function resolveRecurring(date: string, time: string, zone: string): { epochMs: number; shifted: boolean; ambiguous: boolean } {
  const r = resolveLocal({ date, time, zone });
  if (r.ok) return { epochMs: r.epochMs, shifted: false, ambiguous: r.ambiguous };
  if (r.reason !== 'nonexistent') throw new Error(r.message);
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wallAsUtc = Date.UTC(y, mo - 1, d, h, mi);
  // The offset in force before the gap: a day earlier no zone has changed its clocks twice.
  const offsetBefore = DateTime.fromMillis(wallAsUtc - DAY_MS, { zone }).offset;
  return { epochMs: wallAsUtc - offsetBefore * 60_000, shifted: true, ambiguous: false };
}

/** The local date of occurrence `n` (calendar days, so DST never moves it). */
export function occurrenceDate(rule: Pick<RecurrenceRule, 'startDate' | 'everyDays'>, n: number): string {
  return DateTime.fromISO(rule.startDate, { zone: 'UTC' })
    .plus({ days: (n - 1) * rule.everyDays })
    .toISODate()!;
}

/** How many times the series goes out in all, the post itself included. */
export function totalOccurrences(rule: RecurrenceRule): number {
  if ('count' in rule.until) return rule.until.count;
  const start = DateTime.fromISO(rule.startDate, { zone: 'UTC' });
  const end = DateTime.fromISO(rule.until.date, { zone: 'UTC' });
  const days = Math.round(end.diff(start, 'days').days);
  return days < 0 ? 0 : Math.floor(days / rule.everyDays) + 1;
}

/** Occurrence `n` (1 = the post itself), or null when the series has ended before it. */
export function occurrence(rule: RecurrenceRule, n: number): OccurrenceTime | null {
  if (!Number.isInteger(n) || n < 1 || n > totalOccurrences(rule)) return null;
  const date = occurrenceDate(rule, n);
  const r = resolveRecurring(date, rule.time, rule.zone);
  const wall = toLocal(r.epochMs, rule.zone);
  return { number: n, epochMs: r.epochMs, date: wall.date, time: wall.time, shifted: r.shifted, ambiguous: r.ambiguous };
}

/** The first occurrence strictly after `afterMs`, or null when the series ends before then. */
export function firstOccurrenceAfter(rule: RecurrenceRule, afterMs: number): OccurrenceTime | null {
  const total = totalOccurrences(rule);
  // Jump close by calendar days, then step: the estimate can be off by a day around DST.
  const start = DateTime.fromISO(rule.startDate, { zone: 'UTC' });
  const today = DateTime.fromISO(toLocal(afterMs, rule.zone).date, { zone: 'UTC' });
  const elapsed = Math.floor(today.diff(start, 'days').days / rule.everyDays);
  for (let n = Math.max(1, elapsed); n <= total; n++) {
    const o = occurrence(rule, n);
    if (o && o.epochMs > afterMs) return o;
  }
  return null;
}
