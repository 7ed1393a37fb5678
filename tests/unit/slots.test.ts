import { describe, expect, it } from 'vitest';
import { nextFreeSlots, normaliseSlots, slotInstants, type SlotInstant } from '../../electron/core/features/posting-times/weekly-slots';

const at = (iso: string) => Date.parse(iso);
const utc = (list: SlotInstant[]) => list.map((s) => new Date(s.epochMs).toISOString());
const wall = (list: SlotInstant[]) => list.map((s) => `${s.date} ${s.time}`);

// Monday = 1 … Sunday = 7 (ISO). The DST changes used below, all on Sundays in 2026:
// Europe/Berlin    29 Mar 02:00 → 03:00 (CET → CEST),   25 Oct 03:00 → 02:00 (CEST → CET)
// America/New_York  8 Mar 02:00 → 03:00 (EST → EDT),     1 Nov 02:00 → 01:00 (EDT → EST)
const SUNDAY = 7;

describe('weekly posting times', () => {
  it('sorts by day then time and keeps each time once', () => {
    expect(
      normaliseSlots([
        { weekday: 4, time: '17:30' },
        { weekday: 1, time: '09:00' },
        { weekday: 4, time: '08:15' },
        { weekday: 1, time: '09:00' },
      ]),
    ).toEqual([
      { weekday: 1, time: '09:00' },
      { weekday: 4, time: '08:15' },
      { weekday: 4, time: '17:30' },
    ]);
  });

  it('lists the next times in order across weeks, strictly after the given instant', () => {
    const slots = [
      { weekday: 1, time: '09:00' },
      { weekday: 4, time: '17:30' },
    ];
    // Monday 23 Nov 2026, 09:00 in Berlin exactly: that slot is not "after" and is left out.
    const list = nextFreeSlots(slots, 'Europe/Berlin', at('2026-11-23T08:00:00Z'), 5);
    expect(wall(list)).toEqual(['2026-11-26 17:30', '2026-11-30 09:00', '2026-12-03 17:30', '2026-12-07 09:00', '2026-12-10 17:30']);
    expect(utc(list)[0]).toBe('2026-11-26T16:30:00.000Z');
    expect(list.every((s) => s.zone === 'Europe/Berlin' && !s.ambiguous)).toBe(true);
    expect(list.map((s) => s.weekday)).toEqual([4, 1, 4, 1, 4]);
  });

  it('reads the day of the week in the slot’s zone, not in UTC', () => {
    // Monday 00:30 in Berlin is still Sunday in UTC (and Tuesday already in Tokyo).
    const [berlin] = nextFreeSlots([{ weekday: 1, time: '00:30' }], 'Europe/Berlin', at('2026-11-20T00:00:00Z'), 1);
    expect(utc([berlin!])).toEqual(['2026-11-22T23:30:00.000Z']);
    const [tokyo] = nextFreeSlots([{ weekday: 1, time: '00:30' }], 'Asia/Tokyo', at('2026-11-20T00:00:00Z'), 1);
    expect(utc([tokyo!])).toEqual(['2026-11-22T15:30:00.000Z']);
  });

  it('passes over times that are taken', () => {
    const slots = [{ weekday: 1, time: '09:00' }];
    const taken = new Set([at('2026-11-30T08:00:00Z'), at('2026-12-14T08:00:00Z')]);
    const list = nextFreeSlots(slots, 'Europe/Berlin', at('2026-11-24T00:00:00Z'), 3, (ms) => taken.has(ms));
    expect(wall(list)).toEqual(['2026-12-07 09:00', '2026-12-21 09:00', '2026-12-28 09:00']);
  });

  it('gives nothing when there are no times, or every time in the search window is taken', () => {
    expect(nextFreeSlots([], 'Europe/Berlin', at('2026-11-24T00:00:00Z'), 5)).toEqual([]);
    expect(nextFreeSlots([{ weekday: 1, time: '09:00' }], 'Europe/Berlin', at('2026-11-24T00:00:00Z'), 5, () => true, 60)).toEqual([]);
  });

  describe('Europe/Berlin', () => {
    it('keeps 09:00 on the wall clock on both sides of the spring change (the UTC instant moves)', () => {
      const list = nextFreeSlots([{ weekday: SUNDAY, time: '09:00' }], 'Europe/Berlin', at('2026-03-20T00:00:00Z'), 2);
      expect(wall(list)).toEqual(['2026-03-22 09:00', '2026-03-29 09:00']);
      expect(utc(list)).toEqual(['2026-03-22T08:00:00.000Z', '2026-03-29T07:00:00.000Z']);
    });

    it('skips 02:30 on the spring-forward night instead of moving it, and keeps it on other Sundays', () => {
      const slots = [
        { weekday: SUNDAY, time: '02:30' },
        { weekday: SUNDAY, time: '09:00' },
      ];
      const list = nextFreeSlots(slots, 'Europe/Berlin', at('2026-03-21T00:00:00Z'), 5);
      expect(wall(list)).toEqual(['2026-03-22 02:30', '2026-03-22 09:00', '2026-03-29 09:00', '2026-04-05 02:30', '2026-04-05 09:00']);
      expect(utc(list)).toEqual(['2026-03-22T01:30:00.000Z', '2026-03-22T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-04-05T00:30:00.000Z', '2026-04-05T07:00:00.000Z']);
      // Nothing lands in the hour the clocks skip, not at 03:30 either.
      expect(utc(list)).not.toContain('2026-03-29T01:30:00.000Z');
    });

    it('takes 02:30 once on the fall-back night: the first time, while summer time still holds', () => {
      const list = [...slotInstants([{ weekday: SUNDAY, time: '02:30' }], 'Europe/Berlin', at('2026-10-24T00:00:00Z'), 8)];
      expect(utc(list)).toEqual(['2026-10-25T00:30:00.000Z', '2026-11-01T01:30:00.000Z']);
      expect(list.map((s) => s.ambiguous)).toEqual([true, false]);
      // Asked from between the two 02:30s, the second one is not offered as a slot.
      const after = nextFreeSlots([{ weekday: SUNDAY, time: '02:30' }], 'Europe/Berlin', at('2026-10-25T00:45:00Z'), 1);
      expect(utc(after)).toEqual(['2026-11-01T01:30:00.000Z']);
    });

    it('keeps the order of the day’s times on the fall-back night', () => {
      const slots = [
        { weekday: SUNDAY, time: '01:45' },
        { weekday: SUNDAY, time: '02:15' },
        { weekday: SUNDAY, time: '03:15' },
      ];
      const list = nextFreeSlots(slots, 'Europe/Berlin', at('2026-10-24T12:00:00Z'), 3);
      expect(utc(list)).toEqual(['2026-10-24T23:45:00.000Z', '2026-10-25T00:15:00.000Z', '2026-10-25T02:15:00.000Z']);
    });
  });

  describe('America/New_York', () => {
    it('skips 02:30 on 8 March and keeps 09:00 local on both sides', () => {
      const slots = [
        { weekday: SUNDAY, time: '02:30' },
        { weekday: SUNDAY, time: '09:00' },
      ];
      const list = nextFreeSlots(slots, 'America/New_York', at('2026-03-01T12:00:00Z'), 4);
      expect(wall(list)).toEqual(['2026-03-01 09:00', '2026-03-08 09:00', '2026-03-15 02:30', '2026-03-15 09:00']);
      expect(utc(list)).toEqual(['2026-03-01T14:00:00.000Z', '2026-03-08T13:00:00.000Z', '2026-03-15T06:30:00.000Z', '2026-03-15T13:00:00.000Z']);
    });

    it('takes 01:30 on 1 November once, in daylight time (EDT)', () => {
      const list = nextFreeSlots([{ weekday: SUNDAY, time: '01:30' }], 'America/New_York', at('2026-10-31T12:00:00Z'), 2);
      expect(utc(list)).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-08T06:30:00.000Z']);
      expect(list[0]!.ambiguous).toBe(true);
      expect(utc(list)).not.toContain('2026-11-01T06:30:00.000Z');
    });
  });
});
