import { DateTime } from 'luxon';
import { currentDateFormat } from '../../../../shared/domain/datetime-format';
import { startOfDay } from '../../../../shared/domain/time';
import { dateLabel } from '../../lib/format';

/**
 * Date arithmetic for the month and week grids. Calendar days are plain dates ("2026-11-23"),
 * computed in UTC arithmetic so no zone can shift them; instants are placed on days through the
 * local midnights of the creator's zone, worked out once per visible day. That keeps placing
 * thousands of posts to a binary search and a subtraction, with luxon only on the one or two
 * days a year whose clocks change.
 */

export const SLOT_MINUTES = 15;
export const DAY_MINUTES = 24 * 60;
const MINUTE = 60_000;

/** One visible day: its date, and the instants its local midnight and the next one fall on. */
export interface DayFrame {
  key: string;
  start: number;
  end: number;
  /** 24 hours with one offset: wall minutes are elapsed minutes. False on DST-change days. */
  regular: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

function toKey(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function fromKey(key: string): Date {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

export function isDayKey(value: string | null | undefined): value is string {
  return !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && toKey(fromKey(value)) === value;
}

export function addDays(key: string, days: number): string {
  const d = fromKey(key);
  d.setUTCDate(d.getUTCDate() + days);
  return toKey(d);
}

export function addMonths(key: string, months: number): string {
  const d = fromKey(key);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  return toKey(target);
}

/** Monday is 0. */
export function weekdayIndex(key: string): number {
  return (fromKey(key).getUTCDay() + 6) % 7;
}

export function startOfWeek(key: string): string {
  return addDays(key, -weekdayIndex(key));
}

export function startOfMonth(key: string): string {
  return `${key.slice(0, 8)}01`;
}

export function dayNumber(key: string): number {
  return Number(key.slice(8, 10));
}

export function daysBetween(a: string, b: string): number {
  return Math.round((fromKey(b).getTime() - fromKey(a).getTime()) / 86_400_000);
}

/** Today's date in the zone. */
export function todayIn(zone: string, nowMs: number): string {
  return DateTime.fromMillis(nowMs, { zone }).toFormat('yyyy-LL-dd');
}

/** The weeks (Monday first) that show a month: its days and the edges of the weeks around them. */
export function monthDays(anchor: string): string[] {
  const first = startOfMonth(anchor);
  const last = addDays(addMonths(first, 1), -1);
  const from = startOfWeek(first);
  const to = addDays(startOfWeek(last), 7);
  return Array.from({ length: daysBetween(from, to) }, (_, i) => addDays(from, i));
}

export function weekDays(anchor: string): string[] {
  const from = startOfWeek(anchor);
  return Array.from({ length: 7 }, (_, i) => addDays(from, i));
}

/**
 * The day's first instant: startOfDay, not luxon's startOf('day'), which where the clocks go
 * back over midnight (America/Havana) is the second midnight, so that night's first hour showed
 * on the day before.
 */
function localMidnight(key: string, zone: string): number {
  return startOfDay(key, zone) ?? DateTime.fromISO(key, { zone }).startOf('day').toMillis();
}

/** The days as frames in the zone: what the range query asks for and where posts land. */
export function frames(days: readonly string[], zone: string): DayFrame[] {
  if (days.length === 0) return [];
  const starts = days.map((k) => localMidnight(k, zone));
  starts.push(localMidnight(addDays(days[days.length - 1]!, 1), zone));
  return days.map((key, i) => {
    const start = starts[i]!;
    const end = starts[i + 1]!;
    const sameOffset = DateTime.fromMillis(start, { zone }).offset === DateTime.fromMillis(end - 1, { zone }).offset;
    return { key, start, end, regular: end - start === DAY_MINUTES * MINUTE && sameOffset };
  });
}

/** Which frame an instant falls in, and its wall-clock minute of that day; null outside. */
export function locate(at: number, days: readonly DayFrame[], zone: string): { index: number; minutes: number } | null {
  let lo = 0;
  let hi = days.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const f = days[mid]!;
    if (at < f.start) hi = mid - 1;
    else if (at >= f.end) lo = mid + 1;
    else {
      if (f.regular) return { index: mid, minutes: Math.floor((at - f.start) / MINUTE) };
      const dt = DateTime.fromMillis(at, { zone });
      return { index: mid, minutes: dt.hour * 60 + dt.minute };
    }
  }
  return null;
}

/** "14:30" for a minute of the day: the form a time is stored and sent in (shown with wallTime). */
export function hhmm(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

export function slotOf(minutes: number): number {
  return Math.floor(minutes / SLOT_MINUTES);
}

/** Wall-clock hours that do not exist on a day (the clocks jump over them), as minute ranges. */
export function missingMinutes(key: string, zone: string): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  for (let m = 0; m < DAY_MINUTES; m += SLOT_MINUTES) {
    const [y, mo, d] = key.split('-').map(Number) as [number, number, number];
    const dt = DateTime.fromObject({ year: y, month: mo, day: d, hour: Math.floor(m / 60), minute: m % 60 }, { zone });
    if (dt.hour * 60 + dt.minute === m && dt.day === d) continue;
    const last = out[out.length - 1];
    if (last && last.to === m) last.to = m + SLOT_MINUTES;
    else out.push({ from: m, to: m + SLOT_MINUTES });
  }
  return out;
}

/** "Tue 24 Nov" or "Tue, Nov 24" by locale (with the year when it is not this year's). */
export function dayLabel(key: string, todayKey: string, long = false): string {
  return dateLabel(key, { long, withYear: key.slice(0, 4) !== todayKey.slice(0, 4) });
}

/** "November 2026", or "23 – 29 Nov 2026" ("Nov 23 – 29, 2026") for a week. */
export function periodTitle(view: 'month' | 'week', anchor: string): string {
  if (view === 'month') return currentDateFormat().monthTitle(anchor);
  return currentDateFormat().range(startOfWeek(anchor), addDays(startOfWeek(anchor), 6));
}
