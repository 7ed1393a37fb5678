import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { resolveLocal, toLocal } from '../../shared/domain/time';

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

  it('shows an instant back as the wall-clock time of the zone', () => {
    expect(toLocal(Date.UTC(2026, 0, 15, 23, 30), 'Asia/Tokyo')).toEqual({ date: '2026-01-16', time: '08:30', zone: 'Asia/Tokyo' });
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
