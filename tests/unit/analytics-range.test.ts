/** The bounds of an analytics range of calendar days in the creator's zone (analytics/scope.ts). */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { resolveRange } from '../../electron/core/analytics/scope';

describe('resolveRange', () => {
  it('starts a day at its first midnight where the clocks go back over midnight (Havana: 01:00 back to 00:00)', () => {
    // Cuba ends summer time on the first Sunday of November, at 01:00 back to 00:00: the day has two midnights.
    const r = resolveRange('2026-11-01', '2026-11-01', 'America/Havana');
    expect(r.start).toBe(Date.UTC(2026, 10, 1, 4)); // 00:00 at −04:00, the first midnight
    expect(r.end).toBe(Date.UTC(2026, 10, 2, 5)); // the next midnight, at −05:00
    expect(r.days).toBe(1);
    // A post at the first 00:30 falls in that day.
    const early = DateTime.fromObject({ year: 2026, month: 11, day: 1, hour: 0, minute: 30 }, { zone: 'America/Havana' }).toMillis() - 3_600_000;
    expect(early).toBeGreaterThanOrEqual(r.start);
  });

  it('counts ordinary days as before, and refuses what is not a date', () => {
    const berlin = resolveRange('2026-11-23', '2026-11-29', 'Europe/Berlin');
    expect(berlin).toMatchObject({ start: Date.UTC(2026, 10, 22, 23), end: Date.UTC(2026, 10, 29, 23), days: 7 });
    expect(() => resolveRange('2026-13-01', '2026-13-02', 'Europe/Berlin')).toThrow(/Not a date range/);
  });
});
