/**
 * Weekly posting times turned into instants: pure functions, no database, no clock.
 *
 * A slot is a day of the week and a wall-clock time in a zone. Across daylight-saving changes:
 * - a time the clocks skip (02:30 on a spring-forward night) does not exist that day, so that
 *   slot is left out for the day instead of being moved: a shifted post is what creators dislike;
 * - a time that happens twice (01:30 on a fall-back night) is taken once, the first time.
 */
import { DateTime } from 'luxon';
import { resolveLocal } from '../../../../shared/domain/time';

export interface WeeklySlot {
  /** ISO day of the week: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** HH:mm, 24-hour. */
  time: string;
}

export interface SlotInstant {
  epochMs: number;
  /** The wall-clock date and time in `zone`. */
  date: string;
  time: string;
  weekday: number;
  zone: string;
  /** The wall time happens twice that night; this is the first of the two. */
  ambiguous: boolean;
}

/** How far ahead a search for a slot goes before giving up (about two years). */
export const MAX_SEARCH_DAYS = 800;

/** Sorted by day (Monday first) then time, each slot once. */
export function normaliseSlots(slots: readonly WeeklySlot[]): WeeklySlot[] {
  const seen = new Set<string>();
  const out: WeeklySlot[] = [];
  for (const s of slots) {
    const key = `${s.weekday} ${s.time}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ weekday: s.weekday, time: s.time });
  }
  return out.sort((a, b) => a.weekday - b.weekday || a.time.localeCompare(b.time));
}

/** The instants of `slots` on one calendar day in `zone`, earliest first; skipped times left out. */
export function slotsOnDay(slots: readonly WeeklySlot[], date: string, zone: string): SlotInstant[] {
  const day = DateTime.fromISO(date, { zone: 'UTC' });
  const out: SlotInstant[] = [];
  for (const s of slots) {
    if (s.weekday !== day.weekday) continue;
    const r = resolveLocal({ date, time: s.time, zone });
    if (!r.ok) continue;
    out.push({ epochMs: r.epochMs, date, time: s.time, weekday: s.weekday, zone, ambiguous: r.ambiguous });
  }
  return out.sort((a, b) => a.epochMs - b.epochMs);
}

/**
 * Every slot instant strictly after `afterMs`, in order, for up to `maxDays` calendar days from
 * the day `afterMs` falls on in `zone`.
 */
export function* slotInstants(slots: readonly WeeklySlot[], zone: string, afterMs: number, maxDays = MAX_SEARCH_DAYS): Generator<SlotInstant> {
  const list = normaliseSlots(slots);
  if (list.length === 0) return;
  // Calendar days are counted in UTC on purpose: a date has no DST, only the times on it do.
  const first = DateTime.fromISO(DateTime.fromMillis(afterMs, { zone }).toISODate()!, { zone: 'UTC' });
  for (let d = 0; d <= maxDays; d++) {
    const date = first.plus({ days: d }).toISODate()!;
    for (const instant of slotsOnDay(list, date, zone)) {
      if (instant.epochMs > afterMs) yield instant;
    }
  }
}

/**
 * The next `count` slot instants after `afterMs` that `isTaken` does not claim. Fewer come back
 * only when there are no slots, or every slot within `maxDays` is taken.
 */
export function nextFreeSlots(
  slots: readonly WeeklySlot[],
  zone: string,
  afterMs: number,
  count: number,
  isTaken: (epochMs: number) => boolean = () => false,
  maxDays = MAX_SEARCH_DAYS,
): SlotInstant[] {
  const out: SlotInstant[] = [];
  if (count <= 0) return out;
  for (const instant of slotInstants(slots, zone, afterMs, maxDays)) {
    if (isTaken(instant.epochMs)) continue;
    out.push(instant);
    if (out.length >= count) break;
  }
  return out;
}
