import { describe, expect, it } from 'vitest';
import { BANDS, DAY_MS, END_MS, HOUR_MS, nextCheckAt } from '../../electron/core/analytics/collect/schedule';

const PUB = 1_800_000_000_000;

/** Follows the schedule from publishing, checking exactly when told to; returns the offsets. */
function walk(unchangedAt: (checks: number) => number = () => 0): number[] {
  const seen: number[] = [];
  let next = nextCheckAt({ publishedAt: PUB, now: PUB, checks: 0, unchanged: 0 });
  let checks = 0;
  while (next !== null && seen.length < 100) {
    seen.push(next - PUB);
    checks++;
    next = nextCheckAt({ publishedAt: PUB, now: next, checks, unchanged: unchangedAt(checks) });
  }
  return seen;
}

describe('the metric check schedule', () => {
  it('looks at +1 h, +3 h, +12 h, +24 h, daily to day 7, weekly to day 90, then stops', () => {
    const days = [2, 3, 4, 5, 6, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77, 84, 90];
    expect(walk()).toEqual([HOUR_MS, 3 * HOUR_MS, 12 * HOUR_MS, 24 * HOUR_MS, ...days.map((d) => d * DAY_MS)]);
    expect(BANDS.at(-1)).toBe(END_MS);
  });

  it('ends after day 90', () => {
    expect(nextCheckAt({ publishedAt: PUB, now: PUB + END_MS, checks: 22, unchanged: 0 })).toBeNull();
    expect(nextCheckAt({ publishedAt: PUB, now: PUB + 200 * DAY_MS, checks: 3, unchanged: 2 })).toBeNull();
    // Never looked at and already past day 90: nothing to measure.
    expect(nextCheckAt({ publishedAt: PUB, now: PUB + 91 * DAY_MS, checks: 0, unchanged: 0 })).toBeNull();
  });

  it('looks at once at a post it finds late, then follows the bands from there', () => {
    const now = PUB + 2.5 * DAY_MS;
    expect(nextCheckAt({ publishedAt: PUB, now, checks: 0, unchanged: 0 })).toBe(now);
    expect(nextCheckAt({ publishedAt: PUB, now, checks: 1, unchanged: 0 })).toBe(PUB + 3 * DAY_MS);
  });

  it('a check that ran late goes to the next band still ahead, not the one it missed', () => {
    expect(nextCheckAt({ publishedAt: PUB, now: PUB + 13 * HOUR_MS, checks: 2, unchanged: 0 })).toBe(PUB + DAY_MS);
  });

  it('stretches the wait by 2^unchanged while numbers do not change', () => {
    const now = PUB + 3 * DAY_MS; // next band day 4, a 1-day gap
    expect(nextCheckAt({ publishedAt: PUB, now, checks: 6, unchanged: 0 })).toBe(PUB + 4 * DAY_MS);
    expect(nextCheckAt({ publishedAt: PUB, now, checks: 6, unchanged: 1 })).toBe(now + 2 * DAY_MS);
    expect(nextCheckAt({ publishedAt: PUB, now, checks: 6, unchanged: 2 })).toBe(now + 4 * DAY_MS);
    expect(nextCheckAt({ publishedAt: PUB, now, checks: 6, unchanged: 3 })).toBe(now + 8 * DAY_MS);
  });

  it('caps the back-off at 8×', () => {
    const now = PUB + 3 * DAY_MS;
    for (const unchanged of [3, 4, 10, 50]) expect(nextCheckAt({ publishedAt: PUB, now, checks: 6, unchanged })).toBe(now + 8 * DAY_MS);
    const early = PUB + HOUR_MS; // next band +3 h, a 2-hour gap
    expect(nextCheckAt({ publishedAt: PUB, now: early, checks: 1, unchanged: 9 })).toBe(early + 16 * HOUR_MS);
  });

  it('backs off no further than the last look at day 90', () => {
    const now = PUB + 84 * DAY_MS;
    expect(nextCheckAt({ publishedAt: PUB, now, checks: 20, unchanged: 3 })).toBe(PUB + END_MS);
    const backedOff = walk(() => 3);
    expect(backedOff.at(-1)).toBe(END_MS);
    expect(backedOff.length).toBeLessThan(walk().length);
  });

  it("a platform's Retry-After or reset always wins", () => {
    const now = PUB + 2 * HOUR_MS;
    expect(nextCheckAt({ publishedAt: PUB, now, checks: 1, unchanged: 0, retryAt: now + 60_000 })).toBe(now + 60_000);
    expect(nextCheckAt({ publishedAt: PUB, now, checks: 1, unchanged: 3, retryAt: now + 5 * DAY_MS })).toBe(now + 5 * DAY_MS);
    // Even past the end: the check that was due still happens once the limit lifts.
    const late = PUB + END_MS + HOUR_MS;
    expect(nextCheckAt({ publishedAt: PUB, now: late, checks: 21, unchanged: 0, retryAt: late + 60_000 })).toBe(late + 60_000);
    // A reset already past says nothing.
    expect(nextCheckAt({ publishedAt: PUB, now, checks: 1, unchanged: 0, retryAt: now - 1 })).toBe(PUB + 3 * HOUR_MS);
  });
});
