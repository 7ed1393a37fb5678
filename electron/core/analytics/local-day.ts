/**
 * The creator's days, as the daily rollups count them: day N is the calendar date that
 * 1970-01-01 + N days is, in the creator's time zone. So a post's numbers at 23:30 in Los Angeles
 * land on that evening's date, not the next morning's UTC date, and a 23- or 25-hour day at a
 * clock change is still one day.
 */
import { DateTime, IANAZone } from 'luxon';

export const DAY_MS = 86_400_000;
/** Every zone's offset is a whole number of quarter hours, and changes only on a quarter hour. */
const QUARTER_MS = 900_000;
/** Offsets remembered per zone and quarter hour; a year is ~35,000 of them. */
const CACHE_LIMIT = 200_000;

const offsets = new Map<string, Map<number, number>>();
let cached = 0;

/** The zone's offset from UTC at `ms`, in ms; an unknown zone counts as UTC. */
function offsetMs(ms: number, zone: string): number {
  if (zone === 'UTC') return 0;
  const quarter = Math.floor(ms / QUARTER_MS);
  let byQuarter = offsets.get(zone);
  const hit = byQuarter?.get(quarter);
  if (hit !== undefined) return hit;
  if (!byQuarter) {
    byQuarter = new Map();
    offsets.set(zone, byQuarter);
  }
  if (cached >= CACHE_LIMIT) {
    offsets.clear();
    offsets.set(zone, byQuarter);
    byQuarter.clear();
    cached = 0;
  }
  // IANAZone.create keeps one instance per name, which knows whether it is valid; isValidZone()
  // builds an Intl.DateTimeFormat on every call (~0.15 ms), 12 times the look-up itself.
  const known = IANAZone.create(zone);
  const offset = known.isValid ? known.offset(quarter * QUARTER_MS) * 60_000 : 0;
  byQuarter.set(quarter, offset);
  cached++;
  return offset;
}

/** The creator's day (days since 1970-01-01, by the calendar date in `zone`) that an instant falls on. */
export function localDay(ms: number, zone: string): number {
  return Math.floor((ms + offsetMs(ms, zone)) / DAY_MS);
}

/** When day `day` begins and ends in `zone` (its local midnights; 23 or 25 hours apart at a clock change). */
export function localDayBounds(day: number, zone: string): { start: number; end: number } {
  const z = IANAZone.create(zone).isValid ? zone : 'UTC';
  // Each end is the next date's own start: a day whose midnight the clock skips starts at 01:00,
  // and the day after still starts at its midnight (not 24 hours after 01:00).
  const startOf = (d: number) => {
    const date = new Date(d * DAY_MS);
    return DateTime.fromObject({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }, { zone: z }).toMillis();
  };
  return { start: startOf(day), end: startOf(day + 1) };
}

/**
 * The zone's offsets over [from, to]: each span's offset and the instant it ends (the last runs
 * on). Clock changes are found a day at a time, then to the quarter hour.
 */
export function offsetSpans(zone: string, from: number, to: number): { until: number; offset: number }[] {
  const at = (ms: number) => offsetMs(ms, zone);
  const spans: { until: number; offset: number }[] = [];
  let offset = at(from);
  for (let day = from; day < to; day += DAY_MS) {
    const next = Math.min(day + DAY_MS, to);
    if (at(next) === offset) continue;
    // The change lies in (day, next]: find its first quarter hour.
    let lo = Math.floor(day / QUARTER_MS);
    let hi = Math.ceil(next / QUARTER_MS);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (at(mid * QUARTER_MS) === offset) lo = mid;
      else hi = mid;
    }
    spans.push({ until: hi * QUARTER_MS, offset });
    offset = at(hi * QUARTER_MS);
  }
  spans.push({ until: Infinity, offset });
  return spans;
}

/**
 * SQL for the creator's day of the instant in `column`, as localDay() gives it, for instants in
 * [from, to]: plain arithmetic over the zone's few offsets, so a rebuild over a million snapshots
 * calls no function per row.
 */
export function localDaySql(column: string, zone: string, from: number, to: number): string {
  const spans = offsetSpans(zone, from, to);
  // Newest span first: most numbers are recent, so most rows stop at the first comparison.
  const branches = spans.slice(1).reverse().map((s, i) => `WHEN ${column} >= ${spans[spans.length - 2 - i]!.until} THEN ${s.offset}`);
  const offset = branches.length === 0 ? String(spans[0]!.offset) : `CASE ${branches.join(' ')} ELSE ${spans[0]!.offset} END`;
  // Floor division, also for instants before 1970 in zones ahead of UTC.
  return `(CAST(floor((${column} + ${offset}) / ${DAY_MS}.0) AS INTEGER))`;
}

/** The calendar date (YYYY-MM-DD) of a day number. */
export const dateOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
