import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { exportRange } from '../../renderer/src/features/import/export-range';

describe('the export’s range, from the choice and the days picked', () => {
  const now = Date.UTC(2026, 11, 6, 23, 30); // 00:30 on 7 December in Berlin

  it('holds everything, or everything from the start of today in the creator’s zone', () => {
    expect(exportRange('all', { from: '', to: '' }, 'Europe/Berlin', now)).toEqual({ ok: true, range: {} });
    expect(exportRange('ahead', { from: '', to: '' }, 'Europe/Berlin', now)).toEqual({ ok: true, range: { from: '2026-12-06T23:00:00.000Z' } });
    expect(exportRange('ahead', { from: '', to: '' }, 'UTC', now)).toEqual({ ok: true, range: { from: '2026-12-06T00:00:00.000Z' } });
  });

  it('runs from the first day’s start to the start of the day after the last, across a clock change', () => {
    expect(exportRange('dates', { from: '2026-10-24', to: '2026-10-25' }, 'Europe/Berlin', now)).toEqual({
      ok: true,
      range: { from: '2026-10-23T22:00:00.000Z', to: '2026-10-25T23:00:00.000Z' },
    });
    // One day: the whole of it.
    expect(exportRange('dates', { from: '2026-12-24', to: '2026-12-24' }, 'America/New_York', now)).toEqual({
      ok: true,
      range: { from: '2026-12-24T05:00:00.000Z', to: '2026-12-25T05:00:00.000Z' },
    });
    // A day whose midnight is skipped (Santiago springs forward at midnight) starts at 01:00.
    expect(exportRange('dates', { from: '2026-09-06', to: '2026-09-06' }, 'America/Santiago', now)).toMatchObject({ ok: true, range: { from: '2026-09-06T04:00:00.000Z' } });
  });

  it('takes the first hour of a day whose clocks go back over midnight (Havana: 01:00 back to 00:00)', () => {
    // The next such night after the test core's clock (23 Nov 2026), found from the zone.
    const zone = 'America/Havana';
    const offset = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
    let at = Date.UTC(2026, 10, 23, 9);
    while (offset(at + 3_600_000) >= offset(at)) at += 3_600_000;
    const firstMidnight = at; // Havana changes at 01:00 on the hour: an hour before, the day begins
    const day = DateTime.fromMillis(firstMidnight, { zone }).toFormat('yyyy-LL-dd');
    const before = DateTime.fromMillis(firstMidnight - 86_400_000, { zone }).toFormat('yyyy-LL-dd');
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(exportRange('dates', { from: day, to: day }, zone, now)).toMatchObject({ ok: true, range: { from: iso(firstMidnight) } });
    expect(exportRange('dates', { from: before, to: before }, zone, now)).toMatchObject({ ok: true, range: { to: iso(firstMidnight) } });
    // "From today", read in the second 00:30 of that night.
    expect(exportRange('ahead', { from: '', to: '' }, zone, firstMidnight + 90 * 60_000)).toEqual({ ok: true, range: { from: iso(firstMidnight) } });
  });

  it('says what is wrong with the days instead of exporting something else', () => {
    expect(exportRange('dates', { from: '', to: '2026-12-24' }, 'UTC', now)).toEqual({ ok: false, message: 'Pick the first and the last day to export.' });
    expect(exportRange('dates', { from: '2026-02-30', to: '2026-03-02' }, 'UTC', now)).toEqual({ ok: false, message: 'Pick the first and the last day to export.' });
    expect(exportRange('dates', { from: '2026-12-24', to: '2026-12-23' }, 'UTC', now)).toEqual({
      ok: false,
      message: 'The last day is before the first: pick a last day on or after the first.',
    });
  });
});
