import { DateTime } from 'luxon';
import { currentDateFormat, type DateFormat, type InstantOptions } from '../../../shared/domain/datetime-format';
import { PLATFORM_NAMES, type Platform } from '../../../shared/domain/platforms';
import { count } from './numbers';

/**
 * Renderer-side wording for times and lists. Every time is shown in the zone it is given, in the
 * creator's format (shared/domain/datetime-format.ts: this window's locale, and the clock chosen
 * in Settings), so the calendar, the panels, Review and toasts write the same time the same way.
 */

const f = (): DateFormat => currentDateFormat();

export function parseInstant(iso: string): number {
  return Date.parse(iso);
}

/** "14:30" or "2:30 PM" in the zone. */
export function clockTime(epochMs: number, zone: string): string {
  return f().time(epochMs, zone);
}

/** A minute of the day (0–1439) as a clock time, no zone: calendar slots and chips. */
export function wallTime(minutes: number): string {
  return f().wallTime(minutes);
}

/** A stored wall-clock time ("09:30", HH:mm) as the creator reads times; the text itself if it is not one. */
export function wallClock(hhmm: string): string {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  return m ? f().wallTime(Number(m[1]) * 60 + Number(m[2])) : hhmm;
}

/** "Mon 7 Dec, 14:30" or "Mon, Dec 7, 2:30 PM", with the year and zone name when asked. */
export function dayTime(epochMs: number, zone: string, opts: InstantOptions = {}): string {
  return f().dayTime(epochMs, zone, opts);
}

/** The date of an instant in the zone: "Mon 7 Dec" or "Mon, Dec 7", with the year when asked. */
export function day(epochMs: number, zone: string, opts: { withYear?: boolean } = {}): string {
  return f().day(epochMs, zone, opts);
}

/** Two calendar dates, inclusive: "30 Nov – 6 Dec 2026" or "Nov 30 – Dec 6, 2026". */
export function dateRange(fromKey: string, toKey: string): string {
  return f().range(fromKey, toKey);
}

/** A calendar date ("2026-12-07") as "Mon 7 Dec" or "Mon, Dec 7"; long spells the names out. */
export function dateLabel(key: string, opts: { withYear?: boolean; long?: boolean } = {}): string {
  return f().date(key, opts);
}

/** "7 Dec" or "Dec 7": a date without its weekday. */
export function dayMonth(key: string, opts: { withYear?: boolean } = {}): string {
  return f().dayMonth(key, opts);
}

/** "Mon 7": a week column's head. */
export function weekdayDay(key: string): string {
  return f().weekdayDay(key);
}

/** "Today", "Tomorrow" or "Wednesday", with the date: a heading for one day of posts. */
export function dayHeading(dayKey: string, zone: string, nowMs: number): { label: string; date: string } {
  const day = DateTime.fromISO(dayKey, { zone });
  const today = DateTime.fromMillis(nowMs, { zone }).startOf('day');
  const diff = Math.round(day.startOf('day').diff(today, 'days').days);
  const date = f().date(dayKey, { withYear: day.year !== today.year });
  if (diff === 0) return { label: 'Today', date };
  if (diff === 1) return { label: 'Tomorrow', date };
  if (diff === -1) return { label: 'Yesterday', date };
  return { label: f().weekday(dayKey), date };
}

/** "Tue 14:30" within the coming week, "Tue 14 Jan, 14:30" beyond it (12-hour where the creator reads it so). */
export function shortWhen(epochMs: number, zone: string, nowMs: number): string {
  const inAWeek = epochMs - nowMs < 6 * 24 * 3_600_000 && epochMs >= nowMs;
  return inAWeek ? f().weekdayTime(epochMs, zone) : f().dayTime(epochMs, zone);
}

/** "CET, UTC+1": how a zone reads right now, to sit next to its IANA name. */
export function zoneAbbrev(zone: string, atMs: number): string {
  const dt = DateTime.fromMillis(atMs, { zone });
  if (!dt.isValid) return '';
  const offset = dt.toFormat('ZZ') === '+00:00' ? 'UTC' : `UTC${dt.toFormat('Z')}`;
  const short = dt.offsetNameShort ?? '';
  return short && short !== offset && !/^GMT[+-]/.test(short) ? `${short}, ${offset}` : offset;
}

/** "X", "X and Bluesky", "X, Bluesky and 2 more". */
export function platformList(platforms: readonly Platform[]): string {
  const names = platforms.map((p) => PLATFORM_NAMES[p]);
  if (names.length <= 1) return names[0] ?? '';
  if (names.length === 2) return `${names[0]} and ${names[1]}`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]}`;
  return `${names[0]}, ${names[1]} and ${names.length - 2} more`;
}

/** The first line of a post, trimmed for a one-line row. */
export function firstWords(text: string, max = 90): string {
  const line = text.trim().split('\n').find((l) => l.trim().length > 0)?.trim() ?? '';
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** "3 minutes ago", "yesterday": for version history. Under a minute reads "just now". */
export function relative(epochMs: number, nowMs: number): string {
  return f().relative(epochMs, nowMs);
}
