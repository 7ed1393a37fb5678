/**
 * The one way Loomcast writes a date or a time, in the renderer and in the core's messages.
 *
 * The order of day and month and the hour cycle follow the creator's locale (the OS's, as the
 * renderer reads it); Settings can force a 24-hour or 12-hour clock when the OS is set apart
 * from its locale's default. The words stay English like the rest of the app: a German locale
 * reads "Mon 7 Dec, 14:30", not "Mo., 7. Dez.". English locales are used as they are; any
 * other picks British (day first) or American (month first) order from how the locale itself
 * orders them. Only en-GB and en-US are relied on, so Node's and Chromium's ICU agree.
 *
 * Formatters are built once per shape, locale, hour cycle and zone: the calendar writes
 * thousands of chips.
 */

/** The Settings choice: the locale's own clock, or one forced. */
export type TimeFormat = 'system' | 'h23' | 'h12';
export type HourCycle = 'h23' | 'h12';

export interface DateFormatPrefs {
  /** A BCP 47 tag, e.g. "en-GB" (navigator.language in the renderer). */
  locale: string;
  timeFormat: TimeFormat;
}

const DAY_MS = 86_400_000;

/** The tag itself when it is one Intl knows, else null. */
export function canonicalLocale(tag: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical ?? null;
  } catch {
    return null;
  }
}

/** The locale this machine's Intl starts with (the OS's in Electron and in a browser). */
export function systemLocale(): string {
  return Intl.DateTimeFormat().resolvedOptions().locale || 'en-US';
}

/**
 * Whether a locale writes the day or the month first in a numeric date (en-GB 13/02, en-US 2/13):
 * how a slashed date in a creator's own spreadsheet most likely reads.
 */
export function localeDateOrder(locale: string): 'dmy' | 'mdy' {
  try {
    const parts = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', year: 'numeric' }).formatToParts(new Date(Date.UTC(2000, 1, 13, 12)));
    const kinds = parts.map((p) => p.type).filter((t) => t === 'day' || t === 'month');
    return kinds[0] === 'month' ? 'mdy' : 'dmy';
  } catch {
    return 'dmy';
  }
}

/** The hour cycle a locale uses when nothing overrides it: en-US h12, en-GB h23. */
export function localeHourCycle(locale: string): HourCycle {
  const hc = new Intl.DateTimeFormat(canonicalLocale(locale) ?? 'en-US', { hour: 'numeric' }).resolvedOptions().hourCycle;
  return hc === 'h11' || hc === 'h12' ? 'h12' : 'h23';
}

function resolvesTo(tag: string): string {
  return new Intl.DateTimeFormat(tag).resolvedOptions().locale;
}

/** The English locale whose order of day and month matches the creator's locale. */
export function wordsLocale(locale: string): string {
  const tag = canonicalLocale(locale);
  if (!tag) return 'en-US';
  if (tag === 'en' || tag.startsWith('en-')) {
    if (resolvesTo(tag) === tag) return tag;
  }
  const parts = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'numeric', timeZone: 'UTC' }).formatToParts(Date.UTC(2026, 11, 7));
  const dayFirst = parts.findIndex((p) => p.type === 'day') < parts.findIndex((p) => p.type === 'month');
  return dayFirst ? 'en-GB' : 'en-US';
}

export interface InstantOptions {
  withYear?: boolean;
  /** Adds the zone's short name ("CET", "EST" or "GMT+1"). */
  withZone?: boolean;
}

export interface DateFormat {
  /** The English locale the words come from, and the clock. */
  readonly locale: string;
  readonly hourCycle: HourCycle;
  /** "14:30" or "2:30 PM". */
  time(epochMs: number, zone: string): string;
  /** A wall-clock minute of a day (0–1439), no zone: calendar slots and chips. */
  wallTime(minutes: number): string;
  /** "Mon 7 Dec" or "Mon, Dec 7" (with the year when asked). */
  day(epochMs: number, zone: string, opts?: { withYear?: boolean }): string;
  /** "Mon 7 Dec, 14:30" or "Mon, Dec 7, 2:30 PM", optionally with year and zone. */
  dayTime(epochMs: number, zone: string, opts?: InstantOptions): string;
  /** "Mon 14:30" or "Mon 2:30 PM": within the coming week. */
  weekdayTime(epochMs: number, zone: string): string;
  /** A calendar date ("2026-12-07"): "Mon 7 Dec"; long: "Monday 7 December". */
  date(key: string, opts?: { withYear?: boolean; long?: boolean }): string;
  /** "7 Dec" or "Dec 7" (with the year when asked). */
  dayMonth(key: string, opts?: { withYear?: boolean }): string;
  /** "Mon 7": a week column's head. */
  weekdayDay(key: string): string;
  /** "Monday". */
  weekday(key: string): string;
  /** "December 2026". */
  monthTitle(key: string): string;
  /** "30 Nov – 6 Dec 2026" or "Nov 30 – Dec 6, 2026": two calendar dates, inclusive. */
  range(fromKey: string, toKey: string): string;
  /** "just now", "3 minutes ago", "in 2 hours", "yesterday". */
  relative(epochMs: number, nowMs: number): string;
  /** "CET", "EST" or "GMT+1": the zone's short name at an instant. */
  zoneName(epochMs: number, zone: string): string;
}

// ICU puts narrow and thin no-break spaces in "2:30 PM" and "6 – 13 Dec"; a plain space reads
// the same, copies cleanly and does not differ between ICU versions.
const tidy = (s: string) => s.replace(/[\u202f\u2009]/g, ' ');

const keyToMs = (key: string): number => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) throw new RangeError(`"${key}" is not a date (YYYY-MM-DD)`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12);
};

function build(locale: string, hourCycle: HourCycle): DateFormat {
  const cache = new Map<string, Intl.DateTimeFormat>();
  const fmt = (shape: string, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => {
    const k = `${shape}|${zone}`;
    let f = cache.get(k);
    if (!f) {
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
      cache.set(k, f);
    }
    return f;
  };
  // ICU writes "9:05" for a 24-hour clock asked for a numeric hour; a 24-hour clock reads "09:05".
  const clock: Intl.DateTimeFormatOptions = { hour: hourCycle === 'h23' ? '2-digit' : 'numeric', minute: '2-digit', hourCycle };
  const dayParts: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' };
  const walls = new Map<number, string>();
  const rel = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });

  const zoneName = (epochMs: number, zone: string): string =>
    fmt('zone', zone, { hour: 'numeric', timeZoneName: 'short' })
      .formatToParts(epochMs)
      .find((p) => p.type === 'timeZoneName')?.value ?? zone;

  // With a year, en-GB puts a comma after the weekday ("Mon, 7 Dec 2026") that it leaves out
  // without one ("Mon 7 Dec"): the same day should look the same with or without its year.
  const weekdayComma = fmt('day', 'UTC', dayParts).formatToParts(0)[1]?.value.includes(',') ?? true;
  const withYear = (f: Intl.DateTimeFormat, ms: number): string => {
    const parts = f.formatToParts(ms);
    if (!weekdayComma && parts[0]?.type === 'weekday' && parts[1]?.type === 'literal') parts[1] = { ...parts[1], value: parts[1].value.replace(',', '') };
    return tidy(parts.map((p) => p.value).join(''));
  };

  const self: DateFormat = {
    locale,
    hourCycle,
    time: (ms, zone) => tidy(fmt('time', zone, clock).format(ms)),
    wallTime(minutes) {
      let s = walls.get(minutes);
      if (s === undefined) {
        s = tidy(fmt('time', 'UTC', clock).format(Date.UTC(2026, 0, 1) + minutes * 60_000));
        walls.set(minutes, s);
      }
      return s;
    },
    day: (ms, zone, opts = {}) => withYear(fmt(opts.withYear ? 'dayY' : 'day', zone, opts.withYear ? { ...dayParts, year: 'numeric' } : dayParts), ms),
    dayTime(ms, zone, opts = {}) {
      const s = withYear(fmt(opts.withYear ? 'dayTimeY' : 'dayTime', zone, { ...dayParts, ...clock, ...(opts.withYear ? { year: 'numeric' } : {}) }), ms);
      return opts.withZone ? `${s} ${zoneName(ms, zone)}` : s;
    },
    weekdayTime: (ms, zone) => `${fmt('weekday', zone, { weekday: 'short' }).format(ms)} ${self.time(ms, zone)}`,
    date(key, opts = {}) {
      const options: Intl.DateTimeFormatOptions = opts.long ? { weekday: 'long', day: 'numeric', month: 'long' } : dayParts;
      const shape = `date${opts.long ? 'L' : ''}${opts.withYear ? 'Y' : ''}`;
      return withYear(fmt(shape, 'UTC', opts.withYear ? { ...options, year: 'numeric' } : options), keyToMs(key));
    },
    dayMonth: (key, opts = {}) => tidy(fmt(opts.withYear ? 'dmY' : 'dm', 'UTC', { day: 'numeric', month: 'short', ...(opts.withYear ? { year: 'numeric' } : {}) }).format(keyToMs(key))),
    weekdayDay: (key) => `${fmt('weekday', 'UTC', { weekday: 'short' }).format(keyToMs(key))} ${Number(key.slice(8, 10))}`,
    weekday: (key) => fmt('weekdayLong', 'UTC', { weekday: 'long' }).format(keyToMs(key)),
    monthTitle: (key) => fmt('month', 'UTC', { month: 'long', year: 'numeric' }).format(keyToMs(key)),
    range: (fromKey, toKey) => tidy(fmt('range', 'UTC', { day: 'numeric', month: 'short', year: 'numeric' }).formatRange(keyToMs(fromKey), keyToMs(toKey))),
    relative(ms, nowMs) {
      const diff = ms - nowMs;
      const abs = Math.abs(diff);
      if (abs < 60_000) return 'just now';
      const units: [Intl.RelativeTimeFormatUnit, number][] = [
        ['year', 365 * DAY_MS],
        ['month', 30 * DAY_MS],
        ['week', 7 * DAY_MS],
        ['day', DAY_MS],
        ['hour', 3_600_000],
        ['minute', 60_000],
      ];
      const [unit, size] = units.find(([, size]) => abs >= size) ?? ['minute', 60_000];
      return rel.format(Math.trunc(diff / size), unit);
    },
    zoneName: (ms, zone) => tidy(zoneName(ms, zone)),
  };
  return self;
}

const formats = new Map<string, DateFormat>();

/** The format for a locale and a Settings choice; the same object every time it is asked. */
export function dateFormat({ locale, timeFormat }: DateFormatPrefs): DateFormat {
  const words = wordsLocale(locale);
  const hourCycle = timeFormat === 'system' ? localeHourCycle(locale) : timeFormat;
  const key = `${words}|${hourCycle}`;
  let f = formats.get(key);
  if (!f) {
    f = build(words, hourCycle);
    formats.set(key, f);
  }
  return f;
}

/**
 * The renderer's current format (its own locale and the creator's choice). The core never uses
 * this: each core formats with the preference in its own settings, passed in.
 */
let current: DateFormat | null = null;

export function currentDateFormat(): DateFormat {
  current ??= dateFormat({ locale: systemLocale(), timeFormat: 'system' });
  return current;
}

export function setCurrentDateFormat(prefs: DateFormatPrefs): DateFormat {
  current = dateFormat(prefs);
  return current;
}
