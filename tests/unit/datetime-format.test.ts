import { describe, expect, it } from 'vitest';
import { dateFormat, localeDateOrder, localeHourCycle, wordsLocale, type DateFormatPrefs } from '../../shared/domain/datetime-format';
import { Settings } from '../../shared/contract';
import { formatInstant } from '../../shared/domain/time';

const at = (iso: string) => Date.parse(iso);
const f = (locale: string, timeFormat: DateFormatPrefs['timeFormat'] = 'system') => dateFormat({ locale, timeFormat });

// Fixed instants are fine here: formatting one does not depend on today's date.
const AFTERNOON = at('2026-12-07T14:30:00Z'); // a Monday

describe('the one date and time format', () => {
  it.each([
    ['en-US', 'system', '2:30 PM', 'Mon, Dec 7', 'Mon, Dec 7, 2:30 PM'],
    ['en-GB', 'system', '14:30', 'Mon 7 Dec', 'Mon 7 Dec, 14:30'],
    ['de-DE', 'system', '14:30', 'Mon 7 Dec', 'Mon 7 Dec, 14:30'],
    ['ja-JP', 'system', '14:30', 'Mon, Dec 7', 'Mon, Dec 7, 14:30'],
    ['en-GB', 'h12', '2:30 pm', 'Mon 7 Dec', 'Mon 7 Dec, 2:30 pm'],
    ['en-US', 'h23', '14:30', 'Mon, Dec 7', 'Mon, Dec 7, 14:30'],
  ] as const)('writes %s (%s) as %s, %s and %s', (locale, timeFormat, time, day, dayTime) => {
    const fmt = f(locale, timeFormat);
    expect(fmt.time(AFTERNOON, 'UTC')).toBe(time);
    expect(fmt.day(AFTERNOON, 'UTC')).toBe(day);
    expect(fmt.dayTime(AFTERNOON, 'UTC')).toBe(dayTime);
  });

  it('keeps the words English and takes the order of day and month and the clock from the locale', () => {
    expect(wordsLocale('de-DE')).toBe('en-GB');
    expect(wordsLocale('fr-FR')).toBe('en-GB');
    expect(wordsLocale('ja-JP')).toBe('en-US');
    expect(wordsLocale('en-AU')).toBe('en-AU');
    expect(wordsLocale('not a locale')).toBe('en-US');
    expect(localeHourCycle('en-US')).toBe('h12');
    expect(localeHourCycle('en-GB')).toBe('h23');
    expect(localeHourCycle('de-DE')).toBe('h23');
    expect(localeHourCycle('ja-JP')).toBe('h23');
  });

  it('writes midnight and the morning the way each clock does', () => {
    expect(f('en-US').time(at('2026-12-07T00:05:00Z'), 'UTC')).toBe('12:05 AM');
    expect(f('en-US', 'h23').time(at('2026-12-07T00:05:00Z'), 'UTC')).toBe('00:05');
    expect(f('en-GB').time(at('2026-12-07T09:05:00Z'), 'UTC')).toBe('09:05');
    expect(f('en-US').wallTime(9 * 60 + 5)).toBe('9:05 AM');
    expect(f('en-GB').wallTime(9 * 60 + 5)).toBe('09:05');
    expect(f('en-GB', 'h12').wallTime(12 * 60)).toBe('12:00 pm');
  });

  it('writes the wall time on either side of a spring-forward and a fall-back', () => {
    const gb = f('en-GB');
    const us = f('en-US');
    // London springs forward at 01:00 UTC on 29 March 2026: 00:59 GMT, then 02:00 BST.
    expect(gb.dayTime(at('2026-03-29T00:59:00Z'), 'Europe/London', { withZone: true })).toBe('Sun 29 Mar, 00:59 GMT');
    expect(gb.dayTime(at('2026-03-29T01:00:00Z'), 'Europe/London', { withZone: true })).toBe('Sun 29 Mar, 02:00 BST');
    // New York springs forward at 07:00 UTC on 8 March 2026: 1:59 AM EST, then 3:00 AM EDT.
    expect(us.dayTime(at('2026-03-08T06:59:00Z'), 'America/New_York', { withZone: true })).toBe('Sun, Mar 8, 1:59 AM EST');
    expect(us.dayTime(at('2026-03-08T07:00:00Z'), 'America/New_York', { withZone: true })).toBe('Sun, Mar 8, 3:00 AM EDT');
    // Berlin falls back at 01:00 UTC on 25 October 2026: 02:30 happens twice, once in each offset.
    const de = f('de-DE');
    expect(de.time(at('2026-10-25T00:30:00Z'), 'Europe/Berlin')).toBe('02:30');
    expect(de.time(at('2026-10-25T01:30:00Z'), 'Europe/Berlin')).toBe('02:30');
    expect(de.zoneName(at('2026-10-25T00:30:00Z'), 'Europe/Berlin')).not.toBe(de.zoneName(at('2026-10-25T01:30:00Z'), 'Europe/Berlin'));
    // A 12-hour override on a fall-back night in the US.
    const us24 = f('en-US', 'h23');
    expect(us24.time(at('2026-11-01T05:30:00Z'), 'America/New_York')).toBe('01:30');
    expect(us.time(at('2026-11-01T06:30:00Z'), 'America/New_York')).toBe('1:30 AM');
  });

  it('names calendar dates, months and weeks by locale', () => {
    expect(f('en-GB').date('2026-12-07')).toBe('Mon 7 Dec');
    expect(f('en-US').date('2026-12-07', { withYear: true })).toBe('Mon, Dec 7, 2026');
    expect(f('en-GB').date('2026-12-07', { long: true })).toBe('Monday 7 December');
    expect(f('en-GB').dayMonth('2026-12-01')).toBe('1 Dec');
    expect(f('en-US').dayMonth('2026-12-01')).toBe('Dec 1');
    expect(f('en-US').weekdayDay('2026-12-07')).toBe('Mon 7');
    expect(f('en-GB').weekday('2026-12-07')).toBe('Monday');
    expect(f('en-US').monthTitle('2026-12-15')).toBe('December 2026');
    expect(f('en-GB').range('2026-11-30', '2026-12-06')).toBe('30 Nov – 6 Dec 2026');
    expect(f('en-US').range('2026-12-07', '2026-12-13')).toBe('Dec 7 – 13, 2026');
    expect(f('en-GB').range('2026-12-28', '2027-01-03')).toBe('28 Dec 2026 – 3 Jan 2027');
    expect(() => f('en-GB').date('7 Dec')).toThrow(RangeError);
  });

  it('says how long ago or ahead, in words', () => {
    const now = at('2026-12-07T14:30:00Z');
    const fmt = f('en-GB');
    expect(fmt.relative(now - 20_000, now)).toBe('just now');
    expect(fmt.relative(now + 5 * 60_000, now)).toBe('in 5 minutes');
    expect(fmt.relative(now - 3 * 3_600_000, now)).toBe('3 hours ago');
    expect(fmt.relative(now - 26 * 3_600_000, now)).toBe('yesterday');
  });

  it('gives one formatter per locale and clock, however often it is asked', () => {
    expect(f('en-GB')).toBe(f('en-GB', 'h23'));
    expect(f('en-GB')).not.toBe(f('en-GB', 'h12'));
    const fmt = f('en-US');
    for (let m = 0; m < 1440; m += 15) fmt.wallTime(m);
    expect(fmt.wallTime(14 * 60 + 30)).toBe('2:30 PM');
  });

  it('writes plain spaces, never the narrow ones some ICU versions put before AM and PM', () => {
    expect(f('en-US').dayTime(AFTERNOON, 'UTC')).not.toMatch(/[\u202f\u2009]/);
    expect(f('en-GB').range('2026-12-07', '2026-12-13')).not.toMatch(/[\u202f\u2009]/);
  });

  it('is what core messages use, with the year and the zone when asked', () => {
    expect(formatInstant(AFTERNOON, 'Europe/Berlin', { withYear: true, withZone: true, format: f('en-GB') })).toBe('Mon 7 Dec 2026, 15:30 CET');
    expect(formatInstant(AFTERNOON, 'America/New_York', { withYear: true, withZone: true, format: f('en-US') })).toBe('Mon, Dec 7, 2026, 9:30 AM EST');
  });

  it('takes a locale and a time format in Settings only when they are real', () => {
    expect(Settings.shape.locale.safeParse('en-GB').success).toBe(true);
    expect(Settings.shape.locale.safeParse('not a locale').error?.issues[0]?.message).toBe('Use a language tag such as en-GB or en-US');
    expect(Settings.shape.timeFormat.safeParse('h12').success).toBe(true);
    expect(Settings.shape.timeFormat.safeParse('24h').success).toBe(false);
  });
});

describe('which comes first in a slashed date, by locale', () => {
  it('is the month in the US and the day in Britain, Germany and France', () => {
    expect(localeDateOrder('en-US')).toBe('mdy');
    expect(localeDateOrder('en-GB')).toBe('dmy');
    expect(localeDateOrder('de-DE')).toBe('dmy');
    expect(localeDateOrder('fr-FR')).toBe('dmy');
  });
});
