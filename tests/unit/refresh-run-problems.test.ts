import { describe, expect, it } from 'vitest';
import { createRefreshRun } from '../../electron/core/analytics/collect/refresh-run';
import type { RefreshProgressDto } from '../../shared/contract/features/metrics';

/*
 * "Look at every post's numbers again now" lists what it met by why and by platform: a rate limit
 * on two platforms is two lines, each in its own platform's words, never one platform's words for
 * both.
 */

function run() {
  let now = 1_000_000;
  const emitted: RefreshProgressDto[] = [];
  const r = createRefreshRun({ repo: { requested: () => [] }, now: () => now++, emit: (p) => emitted.push(p) });
  return { r, emitted };
}

describe('the problems a refresh met', () => {
  it('keeps each platform’s rate limit apart, with its own words and count', () => {
    const { r } = run();
    r.asked(['m1', 'm2', 'b1', 'x1', 'x2']);
    r.settled('m1', 'rate_limited', 'Mastodon is limiting requests until 14:05.', 'mastodon');
    r.settled('b1', 'rate_limited', 'Bluesky is limiting requests until 15:30.', 'bluesky');
    r.settled('m2', 'rate_limited', 'Mastodon is limiting requests until 14:10.', 'mastodon');
    r.settled('x1', 'ok', null, 'x');
    r.settled('x2', 'not_found', 'X no longer has this post (deleted or hidden); Loomcast stopped checking it.', 'x');
    const p = r.progress();
    expect(p).toMatchObject({ state: 'done', asked: 5, looked: 5 });
    expect(p.problems).toEqual([
      { status: 'rate_limited', platform: 'mastodon', copies: 2, detail: 'Mastodon is limiting requests until 14:10.' },
      { status: 'rate_limited', platform: 'bluesky', copies: 1, detail: 'Bluesky is limiting requests until 15:30.' },
      { status: 'not_found', platform: 'x', copies: 1, detail: 'X no longer has this post (deleted or hidden); Loomcast stopped checking it.' },
    ]);
  });

  it('tells the windows the same list', async () => {
    const { r, emitted } = run();
    r.asked(['m1', 'b1']);
    r.settled('m1', 'failed', null, 'mastodon');
    r.settled('b1', 'failed', null, 'bluesky');
    await Promise.resolve();
    expect(emitted.at(-1)?.problems.map((x) => [x.status, x.platform, x.copies])).toEqual([
      ['failed', 'mastodon', 1],
      ['failed', 'bluesky', 1],
    ]);
  });
});
