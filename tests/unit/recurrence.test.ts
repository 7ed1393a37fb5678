import { describe, expect, it } from 'vitest';
import { firstOccurrenceAfter, occurrence, resolveRecurring, totalOccurrences, type RecurrenceRule } from '../../electron/core/features/posting-times/recurrence-rule';

const iso = (ms: number) => new Date(ms).toISOString();

const series = (rule: RecurrenceRule, from = 1) => {
  const out: { utc: string; wall: string; shifted: boolean }[] = [];
  for (let n = from; ; n++) {
    const o = occurrence(rule, n);
    if (!o) return out;
    out.push({ utc: iso(o.epochMs), wall: `${o.date} ${o.time}`, shifted: o.shifted });
  }
};

describe('stepping a repeating post', () => {
  describe('Europe/Berlin', () => {
    it('keeps 09:00 local every day across the spring change: the UTC hour moves instead', () => {
      const rule: RecurrenceRule = { startDate: '2026-03-27', time: '09:00', zone: 'Europe/Berlin', everyDays: 1, until: { count: 4 } };
      expect(series(rule)).toEqual([
        { utc: '2026-03-27T08:00:00.000Z', wall: '2026-03-27 09:00', shifted: false },
        { utc: '2026-03-28T08:00:00.000Z', wall: '2026-03-28 09:00', shifted: false },
        { utc: '2026-03-29T07:00:00.000Z', wall: '2026-03-29 09:00', shifted: false },
        { utc: '2026-03-30T07:00:00.000Z', wall: '2026-03-30 09:00', shifted: false },
      ]);
    });

    it('keeps 09:00 local every week across the autumn change (23 vs 25 hours, not 24 × 7)', () => {
      const rule: RecurrenceRule = { startDate: '2026-10-18', time: '09:00', zone: 'Europe/Berlin', everyDays: 7, until: { count: 3 } };
      expect(series(rule).map((o) => o.utc)).toEqual(['2026-10-18T07:00:00.000Z', '2026-10-25T08:00:00.000Z', '2026-11-01T08:00:00.000Z']);
      expect(series(rule).map((o) => o.wall)).toEqual(['2026-10-18 09:00', '2026-10-25 09:00', '2026-11-01 09:00']);
    });

    it('sends 02:30 on the spring-forward night at 03:30, as iCalendar reads a skipped time, and 02:30 again the next day', () => {
      const rule: RecurrenceRule = { startDate: '2026-03-28', time: '02:30', zone: 'Europe/Berlin', everyDays: 1, until: { count: 3 } };
      expect(series(rule)).toEqual([
        { utc: '2026-03-28T01:30:00.000Z', wall: '2026-03-28 02:30', shifted: false },
        { utc: '2026-03-29T01:30:00.000Z', wall: '2026-03-29 03:30', shifted: true },
        { utc: '2026-03-30T00:30:00.000Z', wall: '2026-03-30 02:30', shifted: false },
      ]);
    });

    it('sends 02:30 on the fall-back night once, the first time (summer time)', () => {
      const o = occurrence({ startDate: '2026-10-24', time: '02:30', zone: 'Europe/Berlin', everyDays: 1, until: { count: 2 } }, 2)!;
      expect(iso(o.epochMs)).toBe('2026-10-25T00:30:00.000Z');
      expect(o.ambiguous).toBe(true);
      expect(resolveRecurring('2026-10-25', '02:30', 'Europe/Berlin')).toEqual({ epochMs: Date.parse('2026-10-25T00:30:00Z'), shifted: false, ambiguous: true });
    });
  });

  describe('America/New_York', () => {
    it('keeps 09:00 local every day across 8 March and 1 November', () => {
      const spring: RecurrenceRule = { startDate: '2026-03-07', time: '09:00', zone: 'America/New_York', everyDays: 1, until: { count: 2 } };
      expect(series(spring).map((o) => o.utc)).toEqual(['2026-03-07T14:00:00.000Z', '2026-03-08T13:00:00.000Z']);
      const autumn: RecurrenceRule = { startDate: '2026-10-31', time: '09:00', zone: 'America/New_York', everyDays: 1, until: { count: 2 } };
      expect(series(autumn).map((o) => o.utc)).toEqual(['2026-10-31T13:00:00.000Z', '2026-11-01T14:00:00.000Z']);
    });

    it('reads 02:30 on 8 March as 03:30 EDT and 01:30 on 1 November as the first (EDT)', () => {
      expect(resolveRecurring('2026-03-08', '02:30', 'America/New_York')).toEqual({ epochMs: Date.parse('2026-03-08T07:30:00Z'), shifted: true, ambiguous: false });
      expect(resolveRecurring('2026-11-01', '01:30', 'America/New_York')).toEqual({ epochMs: Date.parse('2026-11-01T05:30:00Z'), shifted: false, ambiguous: true });
    });

    it('steps every 30 days from winter into summer time at the same local time', () => {
      const rule: RecurrenceRule = { startDate: '2026-01-15', time: '18:45', zone: 'America/New_York', everyDays: 30, until: { count: 4 } };
      expect(series(rule).map((o) => o.wall)).toEqual(['2026-01-15 18:45', '2026-02-14 18:45', '2026-03-16 18:45', '2026-04-15 18:45']);
      expect(series(rule).map((o) => o.utc)).toEqual(['2026-01-15T23:45:00.000Z', '2026-02-14T23:45:00.000Z', '2026-03-16T22:45:00.000Z', '2026-04-15T22:45:00.000Z']);
    });
  });

  describe('where a series ends', () => {
    it('counts the post itself: a count of 3 is the post and two copies', () => {
      const rule: RecurrenceRule = { startDate: '2026-05-01', time: '12:00', zone: 'UTC', everyDays: 2, until: { count: 3 } };
      expect(totalOccurrences(rule)).toBe(3);
      expect(series(rule).map((o) => o.wall)).toEqual(['2026-05-01 12:00', '2026-05-03 12:00', '2026-05-05 12:00']);
      expect(occurrence(rule, 4)).toBeNull();
      expect(occurrence(rule, 0)).toBeNull();
    });

    it('includes the end date itself, in the series’ zone', () => {
      const on: RecurrenceRule = { startDate: '2026-03-01', time: '23:30', zone: 'America/New_York', everyDays: 3, until: { date: '2026-03-10' } };
      expect(totalOccurrences(on)).toBe(4);
      // 23:30 on 10 March in New York is already 11 March in UTC: the local date decides.
      expect(series(on).map((o) => o.wall)).toEqual(['2026-03-01 23:30', '2026-03-04 23:30', '2026-03-07 23:30', '2026-03-10 23:30']);
      expect(series(on).at(-1)!.utc).toBe('2026-03-11T03:30:00.000Z');
      expect(totalOccurrences({ ...on, until: { date: '2026-03-09' } })).toBe(3);
      expect(totalOccurrences({ ...on, until: { date: '2026-02-28' } })).toBe(0);
    });

    it('finds the first occurrence after an instant, and none once the series is over', () => {
      const rule: RecurrenceRule = { startDate: '2026-03-20', time: '09:00', zone: 'Europe/Berlin', everyDays: 1, until: { date: '2026-04-10' } };
      // 08:30 UTC on 29 March is 10:30 CEST: that day's 09:00 (07:00 UTC) has gone by.
      const o = firstOccurrenceAfter(rule, Date.parse('2026-03-29T08:30:00Z'))!;
      expect(o.number).toBe(11);
      expect(iso(o.epochMs)).toBe('2026-03-30T07:00:00.000Z');
      // Just before 09:00 CEST on the change day, that day's occurrence is next.
      expect(firstOccurrenceAfter(rule, Date.parse('2026-03-29T06:59:00Z'))!.number).toBe(10);
      expect(firstOccurrenceAfter(rule, Date.parse('2026-04-10T07:00:00Z'))).toBeNull();
    });
  });
});
