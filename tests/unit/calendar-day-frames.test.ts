import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { frames, locate } from '../../renderer/src/features/calendar/grid';

// The test core's clock (Mon 23 Nov 2026 10:00 in Berlin); each zone's change is found from it.
const NOW = Date.parse('2026-11-23T09:00:00Z');
const HOUR = 3_600_000;
const offset = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).offset;
/** The next whole hour after NOW at which the zone's offset goes down (back) or up (forward). */
const nextChange = (zone: string, back: boolean): number => {
  let at = NOW;
  while (back ? offset(at + HOUR, zone) >= offset(at, zone) : offset(at + HOUR, zone) <= offset(at, zone)) at += HOUR;
  return at + HOUR;
};
const dateOf = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat('yyyy-LL-dd');
const around = (day: string) => {
  const d = DateTime.fromISO(day, { zone: 'UTC' });
  return [d.minus({ days: 1 }), d, d.plus({ days: 1 })].map((x) => x.toISODate()!);
};

describe('calendar days in a zone whose clocks change over midnight', () => {
  it('puts both 00:30s of the night Havana goes back from 01:00 to 00:00 on that day, at 00:30', () => {
    const zone = 'America/Havana';
    const change = nextChange(zone, true); // 01:00 summer time, which becomes 00:00
    const [first, second] = [change - 30 * 60_000, change + 30 * 60_000];
    const day = dateOf(change, zone);
    expect([first, second].map((ms) => DateTime.fromMillis(ms, { zone }).toFormat('yyyy-LL-dd HH:mm'))).toEqual([`${day} 00:30`, `${day} 00:30`]);
    const days = frames(around(day), zone);
    // The day starts at its first midnight: the day before ends there, 24 hours after its own.
    expect(days[1]!.start).toBe(change - HOUR);
    expect(days[0]!.end - days[0]!.start).toBe(24 * HOUR);
    expect(days[1]!.end - days[1]!.start).toBe(25 * HOUR);
    expect([locate(first, days, zone), locate(second, days, zone)]).toEqual([
      { index: 1, minutes: 30 },
      { index: 1, minutes: 30 },
    ]);
  });

  it('starts the day Santiago skips midnight at 01:00, when the clocks jump', () => {
    const zone = 'America/Santiago';
    const jump = nextChange(zone, false);
    const day = dateOf(jump, zone);
    const days = frames(around(day), zone);
    expect(days[1]!.start).toBe(jump);
    expect(locate(jump, days, zone)).toEqual({ index: 1, minutes: 60 });
    expect(locate(jump - 1, days, zone)?.index).toBe(0);
  });
});
