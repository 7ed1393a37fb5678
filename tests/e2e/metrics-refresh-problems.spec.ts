import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { RefreshProgressDto } from '../../shared/contract/features/metrics';
import { expect, test } from './support/fixtures';
import type { RunningHost } from './support/host';
import { DAY, seeder } from '../support/analytics-seed';

/*
 * A refresh of every post's numbers that met a rate limit on two platforms says each platform's
 * problem in its own words, with the platform named, not one platform's words for both. The
 * platforms' limits are the core's to meet (tests/unit/refresh-run-problems.test.ts); here the
 * page is given the answer the core gives for such a run.
 */

/** One LinkedIn post out two days ago, so the overview (and its refresh line) shows. */
function seedPost(host: RunningHost): void {
  const db = new Database(join(host.dataDir, 'loomcast.sqlite'));
  try {
    const now = Date.now();
    const s = seeder(db, now);
    const { targetId } = s.post({ accountId: s.account('linkedin', 'Loom Studio'), text: 'Studio notes', publishedAt: now - 2 * DAY });
    s.record(targetId, now - DAY, { views: 400, likes: 12 });
  } finally {
    db.close();
  }
}

test('the problems a refresh met name each platform with its own words', async ({ page, host, openApp }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  seedPost(host);
  const at = new Date(Date.now() - 60_000).toISOString();
  const done: RefreshProgressDto = {
    state: 'done',
    startedAt: at,
    endedAt: at,
    asked: 6,
    looked: 6,
    waiting: 0,
    stopped: 0,
    problems: [
      { status: 'rate_limited', platform: 'mastodon', copies: 2, detail: 'Mastodon is limiting requests until 14:05 UTC.' },
      { status: 'rate_limited', platform: 'bluesky', copies: 1, detail: 'Bluesky is limiting requests until 15:30 UTC.' },
      { status: 'failed', platform: 'x', copies: 1, detail: null },
    ],
  };
  await page.route('**/rpc/metrics:refreshStatus', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(done) }));
  await openApp(host, '#/analytics');

  await expect(page.getByTestId('analytics-refresh-note')).toContainText('looked at 2 of 6 copies; 4 could not be looked at:');
  const items = page.getByTestId('analytics-refresh-problems').getByRole('listitem');
  await expect(items).toHaveText([
    'Mastodon 2 copies: Mastodon is limiting requests until 14:05 UTC.',
    'Bluesky 1 copy: Bluesky is limiting requests until 15:30 UTC.',
    'X 1 copy: Reading its numbers failed.',
  ]);
  await expect(items.nth(1).locator('.platform-mark')).toHaveAttribute('data-platform', 'bluesky');
});
