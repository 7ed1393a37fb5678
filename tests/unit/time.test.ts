import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isValidZone, resolveLocal, toLocal } from '../../shared/domain/time';
import { Zone } from '../../shared/contract';

describe('resolving a planned wall-clock time to an instant', () => {
  it('turns a summer time in Berlin into the right UTC instant', () => {
    const r = resolveLocal({ date: '2026-07-01', time: '09:00', zone: 'Europe/Berlin' });
    expect(r).toEqual({ ok: true, epochMs: Date.UTC(2026, 6, 1, 7, 0), ambiguous: false });
  });

  it('refuses a time that does not exist because the clocks jump forward', () => {
    const r = resolveLocal({ date: '2026-03-08', time: '02:30', zone: 'America/New_York' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe('nonexistent');
      expect(r.message).toMatch(/does not exist in America\/New_York/);
    }
  });

  it('takes the first of two instants when the clocks fall back, and says it was ambiguous', () => {
    const r = resolveLocal({ date: '2026-11-01', time: '01:30', zone: 'America/New_York' });
    expect(r).toEqual({ ok: true, epochMs: Date.UTC(2026, 10, 1, 5, 30), ambiguous: true });
    const berlin = resolveLocal({ date: '2026-10-25', time: '02:30', zone: 'Europe/Berlin' });
    expect(berlin).toEqual({ ok: true, epochMs: Date.UTC(2026, 9, 25, 0, 30), ambiguous: true });
  });

  it('rejects an unknown zone and an impossible date with a message', () => {
    const zone = resolveLocal({ date: '2026-01-01', time: '10:00', zone: 'Mars/Olympus' });
    expect(zone).toMatchObject({ ok: false, reason: 'invalid_zone' });
    const date = resolveLocal({ date: '2026-02-30', time: '10:00', zone: 'UTC' });
    expect(date).toMatchObject({ ok: false, reason: 'invalid_date' });
  });

  it('refuses 24:00 and minute 60 as times of day, not as a change of the clocks', () => {
    // Luxon rolls 24:00 over to the next day; that must not read as "the clocks jump forward".
    for (const time of ['24:00', '09:60']) {
      const r = resolveLocal({ date: '2027-12-01', time, zone: 'UTC' });
      expect(r).toEqual({ ok: false, reason: 'invalid_date', message: `${time} is not a time of day: use 00:00 to 23:59.` });
    }
    expect(resolveLocal({ date: '2027-12-01', time: '23:59', zone: 'UTC' })).toEqual({ ok: true, epochMs: Date.UTC(2027, 11, 1, 23, 59), ambiguous: false });
  });

  it('still resolves a zone stored before abbreviations were refused', () => {
    expect(resolveLocal({ date: '2027-07-01', time: '09:00', zone: 'EST' })).toEqual({ ok: true, epochMs: Date.UTC(2027, 6, 1, 14, 0), ambiguous: false });
  });

  it('shows an instant back as the wall-clock time of the zone', () => {
    expect(toLocal(Date.UTC(2026, 0, 15, 23, 30), 'Asia/Tokyo')).toEqual({ date: '2026-01-16', time: '08:30', zone: 'Asia/Tokyo' });
  });
});

describe('a wall-clock time next to a change of the clocks, in any zone', () => {
  // The test core's clock (Mon 23 Nov 2026 10:00 in Berlin); the changes are found from each zone.
  const NOW = Date.UTC(2026, 10, 23, 9);
  const MINUTE = 60_000;
  const offset = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).offset;
  /** The next instant after `from` at which the zone's offset changes, within three years, or null. */
  const nextChange = (zone: string, from: number): number | null => {
    let at = from;
    while (offset(at + 3_600_000, zone) === offset(from, zone)) if ((at += 3_600_000) > from + 3 * 366 * 86_400_000) return null;
    while (offset(at, zone) === offset(from, zone)) at += MINUTE;
    return at;
  };
  const wall = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat('yyyy-LL-dd HH:mm');

  it.each([
    ['Australia/Lord_Howe'], // clocks back by 30 minutes
    ['Europe/Berlin'],
    ['America/Santiago'], // at midnight
    ['America/Havana'], // forward at midnight, back at 01:00
    ['Asia/Kathmandu'], // no change: every time once
  ])('%s: takes the earliest instant showing the time, says so when there are two, and refuses a time none shows', (zone) => {
    // Kathmandu has no change: its times around now, each shown once.
    for (let change: number | null = nextChange(zone, NOW) ?? NOW, n = 0; change !== null && n < 4; change = nextChange(zone, change), n++) {
      for (let ms = change - 90 * MINUTE; ms <= change + 90 * MINUTE; ms += 15 * MINUTE) {
        const [date, time] = wall(ms, zone).split(' ') as [string, string];
        // Every instant within two hours that shows this wall time.
        const showing: number[] = [];
        for (let m = ms - 120 * MINUTE; m <= ms + 120 * MINUTE; m += 15 * MINUTE) if (wall(m, zone) === `${date} ${time}`) showing.push(m);
        expect([`${date} ${time}`, resolveLocal({ date, time, zone })]).toEqual([`${date} ${time}`, { ok: true, epochMs: showing[0], ambiguous: showing.length > 1 }]);
      }
      // The wall time the change would show under the old offset: skipped when the clocks go forward.
      const skipped = DateTime.fromMillis(change, { zone: 'UTC' }).plus({ minutes: offset(change - MINUTE, zone) }).toFormat('yyyy-LL-dd HH:mm');
      if (offset(change, zone) > offset(change - MINUTE, zone)) {
        const [date, time] = skipped.split(' ') as [string, string];
        expect(resolveLocal({ date, time, zone })).toMatchObject({ ok: false, reason: 'nonexistent' });
      }
    }
  });
});

describe('an instant on the wall clock of a zone', () => {
  const byLuxon = (ms: number, zone: string) => {
    const dt = DateTime.fromMillis(ms, { zone });
    return { date: dt.toFormat('yyyy-LL-dd'), time: dt.toFormat('HH:mm'), zone };
  };
  const zones = [...Intl.supportedValuesOf('timeZone'), 'UTC', 'utc', 'Etc/GMT+12', 'US/Eastern', 'Asia/Calcutta', 'UTC+3', 'system', 'Mars/Olympus', ''];

  it('reads the same date and time as luxon, for every zone, across centuries and DST changes', () => {
    fc.assert(
      fc.property(fc.integer({ min: -70_000_000_000_000, max: 260_000_000_000_000 }), fc.constantFrom(...zones), (ms, zone) => {
        expect(toLocal(ms, zone)).toEqual(byLuxon(ms, zone));
      }),
      { numRuns: 20_000, seed: 20261206 },
    );
  });

  it('reads each side of a change the same as luxon, minute by minute', () => {
    // Berlin, New York and Lord Howe (a half-hour change) around their spring and autumn nights.
    for (const [zone, day] of [['Europe/Berlin', Date.UTC(2026, 2, 29)], ['Europe/Berlin', Date.UTC(2026, 9, 25)], ['America/New_York', Date.UTC(2026, 10, 1)], ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 12)]] as const) {
      for (let m = -240; m <= 240; m++) expect(toLocal(day + m * 60_000, zone)).toEqual(byLuxon(day + m * 60_000, zone));
    }
  });
});

describe('which zone names new input may use', () => {
  it('takes IANA place names, their links, Etc names and UTC', () => {
    for (const zone of ['Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Asia/Calcutta', 'Asia/Kolkata', 'US/Eastern', 'Etc/UTC', 'Etc/GMT+5', 'UTC']) expect(isValidZone(zone), zone).toBe(true);
  });

  it('refuses abbreviations ICU reads as something else (BST is Bangladesh), naming the zone meant', () => {
    for (const zone of ['BST', 'IST', 'EST', 'MST', 'PST', 'GMT', 'CET', 'EST5EDT', 'Japan', 'SystemV/AST4']) expect(isValidZone(zone), zone).toBe(false);
    const issue = (zone: string) => Zone.safeParse(zone).error?.issues[0]?.message;
    expect(issue('BST')).toBe('“BST” is an abbreviation, not a time zone: use a place name such as Europe/London.');
    expect(issue('PST')).toBe('“PST” is an abbreviation, not a time zone: use a place name such as America/Los_Angeles.');
    expect(issue('Japan')).toBe('“Japan” is an old alias, not a place name: use a time zone such as Asia/Tokyo.');
    expect(issue('Mars/Olympus')).toBe('Not a known IANA time zone');
    expect(Zone.safeParse('Asia/Calcutta').success).toBe(true);
  });
});
