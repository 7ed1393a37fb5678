import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { repeatedTimeFinder, repeatedTimeOffset } from '../../electron/core/features/io/repeated-time';
import { toLocal } from '../../shared/domain/time';
import { FakeClock } from '../support/clock';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Every instant in the year after `from` where the zone's clocks go back (the offset drops). */
function fallBacks(zone: string, from: number): number[] {
  const tz = IANAZone.create(zone);
  const off = (ms: number) => tz.offset(ms);
  const found: number[] = [];
  // A day at a time, then the hour, then the minute: the first minute of the lower offset.
  for (let day = from; day < from + 366 * 24 * HOUR; day += 24 * HOUR) {
    if (off(day + 24 * HOUR) >= off(day)) continue;
    let at = day;
    while (off(at + HOUR) >= off(at)) at += HOUR;
    while (off(at + MINUTE) >= off(at)) at += MINUTE;
    found.push(at + MINUTE);
  }
  return found;
}

describe('a wall time the clocks repeat, as an export finds it', () => {
  // Berlin and New York go back an hour (either side of UTC), Sydney and Santiago in April,
  // Lord Howe Island by 30 minutes; Tokyo never does.
  const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Tokyo'];
  const now = new FakeClock().now();

  it('names the offset of both occurrences, and of nothing else, around each change of the coming year', () => {
    const find = repeatedTimeFinder();
    for (const zone of zones) {
      const changes = fallBacks(zone, now);
      expect(changes.length, zone).toBe(zone === 'Asia/Tokyo' ? 0 : 1);
      for (const change of changes) {
        for (let at = change - 3 * HOUR; at <= change + 3 * HOUR; at += 10 * MINUTE) {
          // The reference: how many instants nearby the zone's clock shows the same wall time.
          const wall = toLocal(at, zone);
          let same = 0;
          for (let y = at - 3 * HOUR; y <= at + 3 * HOUR; y += 10 * MINUTE) {
            const w = toLocal(y, zone);
            if (w.date === wall.date && w.time === wall.time) same++;
          }
          const expected = same > 1 ? DateTime.fromMillis(at, { zone }).toFormat('ZZ') : null;
          expect(repeatedTimeOffset(at, zone), `${zone} ${new Date(at).toISOString()}`).toBe(expected);
          // The export's finder (windows without a change answered from a cache) agrees.
          expect(find(at, zone), `finder: ${zone} ${new Date(at).toISOString()}`).toBe(expected);
        }
      }
    }
  });

  it('gives the two occurrences of 02:30 in Berlin their own offsets', () => {
    const [change] = fallBacks('Europe/Berlin', now);
    expect(repeatedTimeOffset(change! - 30 * MINUTE, 'Europe/Berlin')).toBe('+02:00');
    expect(repeatedTimeOffset(change! + 30 * MINUTE, 'Europe/Berlin')).toBe('+01:00');
    expect(repeatedTimeOffset(change! + 90 * MINUTE, 'Europe/Berlin')).toBeNull();
    expect(repeatedTimeOffset(change!, 'UTC')).toBeNull();
    expect(repeatedTimeFinder()(change! + 30 * MINUTE, 'Not/A_Zone')).toBeNull();
  });
});
