import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { DAY_MS, dateOfDay, localDay, localDayBounds, localDaySql } from '../../electron/core/analytics/local-day';

// Pure functions of the instants given: nothing here reads the clock.
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();

describe("the creator's days", () => {
  it('puts an instant on its calendar date in the zone, not the UTC date', () => {
    const evening = at('2026-11-20T23:30', 'America/Los_Angeles'); // 07:30 UTC on the 21st
    expect(new Date(evening).toISOString().slice(0, 10)).toBe('2026-11-21');
    expect(dateOfDay(localDay(evening, 'America/Los_Angeles'))).toBe('2026-11-20');
    expect(dateOfDay(localDay(evening, 'UTC'))).toBe('2026-11-21');
    const morning = at('2026-11-21T06:30', 'Asia/Tokyo'); // 21:30 UTC on the 20th
    expect(dateOfDay(localDay(morning, 'Asia/Tokyo'))).toBe('2026-11-21');
  });

  it('turns the day at local midnight in zones a quarter or half hour off the hour', () => {
    const midnight = at('2026-06-02T00:00', 'Asia/Kathmandu'); // UTC+5:45
    expect(dateOfDay(localDay(midnight - 1, 'Asia/Kathmandu'))).toBe('2026-06-01');
    expect(dateOfDay(localDay(midnight, 'Asia/Kathmandu'))).toBe('2026-06-02');
    const adelaide = at('2026-06-02T00:00', 'Australia/Adelaide'); // UTC+9:30
    expect(dateOfDay(localDay(adelaide - 1, 'Australia/Adelaide'))).toBe('2026-06-01');
    expect(dateOfDay(localDay(adelaide, 'Australia/Adelaide'))).toBe('2026-06-02');
  });

  it('gives a clock-change day its 23 or 25 hours, and every instant of it that day', () => {
    const zone = 'Europe/Berlin';
    for (const [date, hours] of [
      ['2026-03-29', 23],
      ['2026-10-25', 25],
      ['2026-07-01', 24],
    ] as const) {
      const day = localDay(at(`${date}T12:00`, zone), zone);
      const { start, end } = localDayBounds(day, zone);
      expect((end - start) / 3_600_000).toBe(hours);
      expect(start).toBe(at(`${date}T00:00`, zone));
      for (let t = start; t < end; t += 15 * 60_000) expect(localDay(t, zone)).toBe(day);
      expect(localDay(start - 1, zone)).toBe(day - 1);
      expect(localDay(end, zone)).toBe(day + 1);
    }
  });

  it('starts a day whose midnight the clock skips at the first instant it has', () => {
    // Zones that move their clocks at midnight (Santiago, Havana, Beirut): found in the machine's
    // own time zone data rather than written down, since such rules change.
    const skipped: { zone: string; date: string }[] = [];
    for (const zone of ['America/Santiago', 'America/Havana', 'Asia/Beirut']) {
      for (let d = DateTime.fromISO('2026-01-01', { zone: 'UTC' }); d.year === 2026; d = d.plus({ days: 1 })) {
        const midnight = DateTime.fromObject({ year: d.year, month: d.month, day: d.day }, { zone });
        if (midnight.hour !== 0) skipped.push({ zone, date: d.toISODate()! });
      }
    }
    expect(skipped.length).toBeGreaterThan(0);
    for (const { zone, date } of skipped) {
      const day = localDay(at(`${date}T12:00`, zone), zone);
      const { start, end } = localDayBounds(day, zone);
      expect(dateOfDay(day)).toBe(date);
      expect(localDay(start, zone)).toBe(day);
      expect(localDay(start - 1, zone)).toBe(day - 1);
      expect(localDay(end, zone)).toBe(day + 1);
      expect((end - start) / 3_600_000).toBe(23);
    }
  });

  it('counts an unknown zone as UTC rather than failing', () => {
    const t = Date.UTC(2026, 10, 20, 23, 30);
    expect(localDay(t, 'Not/AZone')).toBe(Math.floor(t / DAY_MS));
    expect(localDayBounds(localDay(t, 'Not/AZone'), 'Not/AZone')).toEqual({ start: Date.UTC(2026, 10, 20), end: Date.UTC(2026, 10, 21) });
  });

  it('gives the same days in SQL as in code, across years of clock changes, newest or oldest', () => {
    const db = new Database(':memory:');
    try {
      // A seeded walk over ten years in steps of up to four days; and for each clock change of the
      // zone (found with luxon, a day at a time, then halved to the minute): every quarter hour
      // three hours either side, and both sides of the local midnights around it. (A walk in steps
      // of a few hours made ~146,000 time-zone look-ups: 13 s, and a timeout on a loaded machine.)
      let seed = 7;
      const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
      const from = Date.UTC(2017, 0, 1);
      const to = Date.UTC(2027, 0, 1);
      const walk: number[] = [from, to];
      for (let t = from; t < to; t += Math.floor(rand() * 4 * DAY_MS)) walk.push(t);
      // Santiago's clocks change at local midnight, so a change one instant late moves a day there.
      for (const zone of ['Europe/Berlin', 'America/Los_Angeles', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC']) {
        const offset = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
        const instants = [...walk];
        for (let t = from, before = offset(from); t < to; t += DAY_MS) {
          const after = offset(t + DAY_MS);
          if (after === before) continue;
          before = after;
          // In whole minutes: `hi` ends as the first minute of the new offset, the change itself.
          let lo = t / 60_000;
          let hi = (t + DAY_MS) / 60_000;
          while (hi - lo > 1) {
            const mid = Math.floor((lo + hi) / 2);
            if (offset(mid * 60_000) === offset(t)) lo = mid;
            else hi = mid;
          }
          hi *= 60_000;
          for (let q = -12; q <= 12; q++) instants.push(hi + q * 900_000, hi + q * 900_000 - 1);
          for (let d = -1; d <= 1; d++) {
            const midnight = DateTime.fromMillis(hi, { zone }).plus({ days: d }).startOf('day').toMillis();
            instants.push(midnight, midnight - 1);
          }
        }
        const day = db.prepare(`SELECT ${localDaySql('at', zone, from, to)} AS day FROM (SELECT ? AS at)`).pluck();
        const wrong = instants.filter((t) => day.get(t) !== localDay(t, zone));
        expect({ zone, wrong }).toEqual({ zone, wrong: [] });
      }
    } finally {
      db.close();
    }
  });
});
