import { beforeAll, describe, expect, it } from 'vitest';
import type { TargetMetricsStatusDto } from '../../shared/contract/features/metrics';
import { setCurrentDateFormat } from '../../shared/domain/datetime-format';
import { numbersLine } from '../../renderer/src/features/calendar/numbers-line';

// Pure wording over fixed instants: "now" is given, never read.
const NOW = Date.parse('2026-11-23T09:00:00Z');
const base: TargetMetricsStatusDto = {
  targetId: 't1',
  platform: 'mastodon',
  accountId: 'a1',
  status: null,
  statusDetail: null,
  checkedAt: null,
  nextCheckAt: null,
  refreshRequested: false,
  checks: 0,
  numbersAt: null,
  numbers: null,
};

describe('where collecting a copy’s numbers stands, in words', () => {
  beforeAll(() => setCurrentDateFormat({ locale: 'en-GB', timeFormat: 'h23' }));

  it('says when the first look is, or that there is none planned yet', () => {
    expect(numbersLine(base, 'UTC', NOW)).toBe('Loomcast looks at its numbers about an hour after it went out.');
    expect(numbersLine({ ...base, nextCheckAt: '2026-11-23T10:00:00.000Z' }, 'UTC', NOW)).toBe('First look at its numbers Mon 10:00.');
  });

  it('says when the numbers were taken and when the next look is, or when and why measuring ended', () => {
    const ok = { ...base, status: 'ok' as const, checkedAt: '2026-11-23T08:30:00.000Z', numbersAt: '2026-11-20T08:30:00.000Z' };
    expect(numbersLine({ ...ok, nextCheckAt: '2026-11-23T11:30:00.000Z' }, 'Europe/Berlin', NOW)).toBe('Numbers as of Fri 20 Nov, 09:30. Next look Mon 12:30.');
    expect(numbersLine(ok, 'UTC', NOW)).toBe(
      "Numbers as of Fri 20 Nov, 08:30. Measuring ended Mon 23 Nov, 08:30: Loomcast follows a post's numbers for its first 90 days.",
    );
    expect(numbersLine({ ...ok, checkedAt: null }, 'UTC', NOW)).toBe("Numbers as of Fri 20 Nov, 08:30. Measuring has ended: Loomcast follows a post's numbers for its first 90 days.");
  });

  it('gives the collector’s own words when there are no numbers, and says a look is under way when asked', () => {
    const limited = { ...base, status: 'rate_limited' as const, statusDetail: 'Mastodon is limiting requests until 10:05.', nextCheckAt: '2026-11-23T10:05:00.000Z' };
    expect(numbersLine(limited, 'UTC', NOW)).toBe('Mastodon is limiting requests until 10:05. Next look Mon 10:05.');
    expect(numbersLine({ ...base, status: 'not_found', statusDetail: 'Mastodon no longer has this post (deleted or hidden); Loomcast stopped checking it.' }, 'UTC', NOW)).toBe(
      'Mastodon no longer has this post (deleted or hidden); Loomcast stopped checking it.',
    );
    // Asked while the limit holds: the look waits for it, and says so; once the limit has passed, it is under way.
    expect(numbersLine({ ...limited, refreshRequested: true }, 'UTC', NOW)).toBe('Asked for a look. Mastodon is limiting requests until 10:05. Next look Mon 10:05.');
    expect(numbersLine({ ...limited, refreshRequested: true }, 'UTC', Date.parse('2026-11-23T10:06:00Z'))).toBe('Looking at its numbers now…');
    expect(numbersLine({ ...base, status: 'ok', refreshRequested: true }, 'UTC', NOW)).toBe('Looking at its numbers now…');
  });
});
