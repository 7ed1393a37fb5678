// The e2e helpers that pick "the next minute" must work on the nights the clocks change: checked
// here at fixed instants by moving luxon's clock (the e2e tests themselves run at the real time).
import { DateTime, Settings } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { happensOnce, nextWholeMinute, steadyZone } from '../e2e/support/minutes';

const BERLIN = 'Europe/Berlin';
const at = (iso: string) => (Settings.now = () => Date.parse(iso));
afterEach(() => (Settings.now = () => Date.now()));

describe('happensOnce', () => {
  it('is false for a repeated or a skipped local minute, true otherwise', () => {
    expect(happensOnce('2026-10-25', '02:30', BERLIN)).toBe(false); // clocks fall back: twice
    expect(happensOnce('2026-03-29', '02:30', BERLIN)).toBe(false); // clocks jump forward: never
    expect(happensOnce('2026-10-25', '03:00', BERLIN)).toBe(true);
    expect(happensOnce('2026-11-24', '09:00', BERLIN)).toBe(true);
  });
});

describe('steadyZone and nextWholeMinute', () => {
  it('keep Berlin and the next minute on an ordinary day', () => {
    at('2026-11-24T08:59:30Z'); // 09:59:30 CET
    expect(steadyZone(BERLIN)).toBe(BERLIN);
    const when = nextWholeMinute(BERLIN, 20);
    expect([when.date, when.time]).toEqual(['2026-11-24', '10:00']);
    expect(when.at.toMillis()).toBe(Date.parse('2026-11-24T09:00:00Z'));
  });

  it.each([
    ['just before the repeated hour', '2026-10-24T23:50:00Z'], // 01:50 CEST
    ['in its first pass (CEST)', '2026-10-25T00:30:00Z'], // 02:30 CEST
    ['in its second pass (CET)', '2026-10-25T01:30:00Z'], // 02:30 CET, the minute the core reads as an hour ago
    ['just before the clocks jump forward', '2026-03-29T00:50:00Z'], // 01:50 CET
  ])('move to a zone without daylight saving %s', (_when, iso) => {
    at(iso);
    const zone = steadyZone(BERLIN);
    expect(zone).toBe('Asia/Kolkata');
    const when = nextWholeMinute(zone, 20);
    expect(happensOnce(when.date, when.time, zone)).toBe(true);
    expect(when.at.toMillis() - Date.parse(iso)).toBeLessThanOrEqual(80_000);
  });

  it('never hand out a repeated minute, and say what to do rather than wait hours', () => {
    at('2026-10-25T01:30:00Z'); // 02:30 CET, second pass
    expect(() => nextWholeMinute(BERLIN, 20)).toThrow(/steadyZone\('Europe\/Berlin'\)/);
    // With room to wait, the first minute after the repeated hour: 03:00 CET.
    const when = nextWholeMinute(BERLIN, 20, 60);
    expect(when.at.toUTC().toISO()).toBe(DateTime.fromISO('2026-10-25T02:00:00Z').toUTC().toISO());
    expect(when.time).toBe('03:00');
  });
});
