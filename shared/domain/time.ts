import { DateTime, IANAZone } from 'luxon';
import type { DateFormat, InstantOptions } from './datetime-format';

/** A wall-clock date and time as the creator typed it, in a named IANA zone. */
export interface LocalDateTime {
  date: string; // YYYY-MM-DD
  time: string; // HH:mm
  zone: string; // IANA, e.g. Europe/Berlin
}

export type ResolvedInstant =
  | { ok: true; epochMs: number; ambiguous: boolean }
  | { ok: false; reason: 'invalid_zone' | 'invalid_date' | 'nonexistent'; message: string };

/**
 * Any name the zone database reads, ICU's legacy ids included ("EST", "BST", "Japan"). For zones
 * already stored (a post's, Settings'): older versions took these, and a creator's plan must keep
 * loading and moving. New input goes through zoneProblem.
 */
export function isKnownZone(zone: string): boolean {
  let known = knownZones.get(zone);
  if (known === undefined) {
    known = IANAZone.isValidZone(zone);
    if (knownZones.size < KNOWN_ZONES_KEPT) knownZones.set(zone, known);
  }
  return known;
}

/**
 * Answers of isKnownZone, which luxon works out by building an Intl formatter each time (about a
 * tenth of a post's creation, and of each imported row's check): the zone data does not change
 * while the app runs. Bounded, since any string can be asked about.
 */
const knownZones = new Map<string, boolean>();
const KNOWN_ZONES_KEPT = 1_000;

/**
 * What a creator most likely means by an abbreviation. ICU reads several of them otherwise: "BST"
 * is Bangladesh (Asia/Dhaka), not British Summer Time; "EST" and "MST" are fixed offsets with no
 * summer time; "IST" is India, though it is Ireland's and Israel's too.
 */
const MEANT: Record<string, string> = {
  BST: 'Europe/London',
  GMT: 'Europe/London (or UTC, which keeps no summer time)',
  IST: 'Asia/Kolkata (or Europe/Dublin, Asia/Jerusalem)',
  EST: 'America/New_York',
  EDT: 'America/New_York',
  CST: 'America/Chicago',
  MST: 'America/Denver (or America/Phoenix, which keeps no summer time)',
  PST: 'America/Los_Angeles',
  HST: 'Pacific/Honolulu',
  CET: 'Europe/Berlin',
  MET: 'Europe/Berlin',
  EET: 'Europe/Athens',
  WET: 'Europe/Lisbon',
  AET: 'Australia/Sydney',
  JST: 'Asia/Tokyo',
  EST5EDT: 'America/New_York',
  CST6CDT: 'America/Chicago',
  MST7MDT: 'America/Denver',
  PST8PDT: 'America/Los_Angeles',
};

/** Upper-case letters, or a POSIX-style rule such as EST5EDT: a short name for an offset, not a place. */
const ABBREVIATION = /^[A-Z]{2,5}(\d{1,2}[A-Z]{2,5})?$/;

/**
 * Why `zone` is not a time zone a creator can plan in, or null when it is: a known IANA
 * Area/Location name (links too, e.g. Asia/Calcutta, US/Eastern; and Etc/UTC, Etc/GMT±N, which
 * IANA names on purpose) or "UTC". Bare abbreviations and old one-word aliases ("Japan", "Zulu")
 * are refused even though the zone database reads them: what it reads is often not what the
 * creator meant (see MEANT).
 */
export function zoneProblem(zone: string): string | null {
  if (!isKnownZone(zone)) return `“${zone}” is not a time zone Loomcast knows: use a place name such as Europe/Berlin or America/New_York.`;
  if (zone.toUpperCase() === 'UTC') return null;
  if (zone.includes('/') && !/^SystemV\//i.test(zone)) return null;
  const meant = MEANT[zone.toUpperCase()];
  if (meant || ABBREVIATION.test(zone)) {
    return `“${zone}” is an abbreviation, not a time zone: use a place name such as ${meant ?? 'Europe/London or America/New_York'}.`;
  }
  const canonical = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  const place = canonical === 'UTC' || (canonical.includes('/') && !/^SystemV\//i.test(canonical)) ? canonical : 'Europe/London or America/New_York';
  return `“${zone}” is an old alias, not a place name: use a time zone such as ${place}.`;
}

/** A zone new input may name: see zoneProblem. */
export function isValidZone(zone: string): boolean {
  return zoneProblem(zone) === null;
}

/**
 * Turns a wall-clock time in a zone into a UTC instant.
 * - A time inside a DST gap (clocks jump forward) does not exist: we refuse it with a message
 *   instead of silently moving the post, because a shifted post is what creators complain of.
 * - A time inside a DST overlap (clocks fall back) happens twice: we take the first, and say so.
 */
export function resolveLocal({ date, time, zone }: LocalDateTime): ResolvedInstant {
  // Known, not valid: this also resolves zones stored before abbreviations were refused.
  if (!isKnownZone(zone)) {
    return { ok: false, reason: 'invalid_zone', message: `"${zone}" is not a known time zone` };
  }
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const tm = /^(\d{2}):(\d{2})$/.exec(time);
  if (!dm || !tm) {
    return { ok: false, reason: 'invalid_date', message: `"${date} ${time}" is not a date (YYYY-MM-DD) and time (HH:mm)` };
  }
  const parts = {
    year: Number(dm[1]),
    month: Number(dm[2]),
    day: Number(dm[3]),
    hour: Number(tm[1]),
    minute: Number(tm[2]),
  };
  // Luxon rolls 24:00 over to the next day and 09:60 to 10:00, which would then read as a DST gap.
  if (parts.hour > 23 || parts.minute > 59) {
    return { ok: false, reason: 'invalid_date', message: `${time} is not a time of day: use 00:00 to 23:59.` };
  }
  const dt = DateTime.fromObject(parts, { zone });
  if (!dt.isValid) {
    return { ok: false, reason: 'invalid_date', message: `${date} ${time} is not a real date and time` };
  }
  if (dt.year !== parts.year || dt.month !== parts.month || dt.day !== parts.day || dt.hour !== parts.hour || dt.minute !== parts.minute) {
    return {
      ok: false,
      reason: 'nonexistent',
      message: `${date} ${time} does not exist in ${zone}: the clocks jump forward that night. Pick a time after the change.`,
    };
  }
  // In an overlap the same wall time happens twice; take the earlier one so a post never goes
  // out later than the creator expects. The instants that show it are the wall time under the
  // offset in force a day before, at, or a day after it: a change of the clocks between those
  // gives two (by an hour almost everywhere, by 30 minutes on Lord Howe Island).
  // Compared as numbers (the wall time as if it were UTC), from the zone's offset at an instant:
  // formatting the candidates was most of the time a post's create spent on its date.
  const wanted = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
  const tz = IANAZone.create(zone);
  const isWanted = (ms: number) => ms + tz.offset(ms) * 60_000 === wanted;
  const before = tz.offset(wanted - DAY_MS);
  // Nearly always: the same offset a day either side, so no change of the clocks near it.
  if (before === tz.offset(wanted + DAY_MS)) return { ok: true, epochMs: dt.toMillis(), ambiguous: false };
  const showing = new Set([dt.toMillis()]);
  for (const probe of [wanted - DAY_MS, wanted, wanted + DAY_MS]) {
    const candidate = wanted - tz.offset(probe) * 60_000;
    if (!showing.has(candidate) && isWanted(candidate)) showing.add(candidate);
  }
  return { ok: true, epochMs: Math.min(...showing), ambiguous: showing.size > 1 };
}

const DAY_MS = 86_400_000;

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * The wall-clock date and time of an instant in a zone. For a zone the platform knows, from the
 * zone's offset at that instant (luxon's own IANAZone, as DateTime.fromMillis reads it) and plain
 * arithmetic: a DateTime and two formats per call were most of an export's time at 100,000 posts.
 * Anything else (a fixed offset, an unknown zone, a year outside 0–9999) goes through luxon.
 */
export function toLocal(epochMs: number, zone: string): LocalDateTime {
  const tz = IANAZone.create(zone);
  if (tz.isValid) {
    const offset = tz.offset(epochMs);
    const wall = new Date(epochMs + offset * 60_000);
    const year = wall.getUTCFullYear();
    if (Number.isFinite(offset) && year >= 0 && year <= 9999) {
      return { date: `${String(year).padStart(4, '0')}-${two(wall.getUTCMonth() + 1)}-${two(wall.getUTCDate())}`, time: `${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}`, zone };
    }
  }
  const dt = DateTime.fromMillis(epochMs, { zone });
  return { date: dt.toFormat('yyyy-LL-dd'), time: dt.toFormat('HH:mm'), zone };
}

/**
 * "Mon 7 Dec, 14:30" or "Mon, Dec 7, 2:30 PM" in the zone, in the creator's format (the core
 * passes the one from its settings); with the year and the zone's short name when asked.
 */
export function formatInstant(epochMs: number, zone: string, opts: InstantOptions & { format: DateFormat }): string {
  return opts.format.dayTime(epochMs, zone, opts);
}

/**
 * The first instant of a calendar day in a zone: where a day's range begins and the day before's
 * ends. Not luxon's startOf('day'), which in a zone that turns its clocks back over midnight
 * (America/Havana: 01:00 back to 00:00) gives the second midnight, an hour into the day, so the
 * posts of that first hour fell in no day's range or the day before's. Where midnight is skipped
 * (America/Santiago's spring night) the day begins when the clocks jump, at 01:00.
 */
export function startOfDay(date: string, zone: string): number | null {
  const r = resolveLocal({ date, time: '00:00', zone });
  if (r.ok) return r.epochMs;
  if (r.reason !== 'nonexistent') return null;
  // Midnight under the offset in force before the jump is the instant the clocks jump (the zones
  // that skip midnight, Santiago, Asunción and Havana among them, jump at it).
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  return wall - IANAZone.create(zone).offset(wall - DAY_MS) * 60_000;
}

export function dayKey(epochMs: number, zone: string): string {
  return toLocal(epochMs, zone).date;
}

export function systemZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
