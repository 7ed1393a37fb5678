import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { rpc, type RunningHost } from './support/host';
import { DAY, seeder } from '../support/analytics-seed';

/*
 * Analytics with nothing published in its range teaches instead of showing cards of "not reported":
 * how numbers come (as the README's "Numbers" paragraph says), and the next step: write a post when
 * none ever went out, widen the range when some went out at other times. The filters stay.
 */

const ZONE = 'Europe/Berlin';
/** The schedule of looks, word for word as the README's "Numbers" paragraph gives it. */
const LOOKS = 'looks at its numbers about 1 h, 3 h, 12 h and 24 h later, then daily for a week and weekly to day 90';

/** One Mastodon post published `daysAgo` days ago, written as the publisher would have. */
function seedOldPost(host: RunningHost, daysAgo: number): void {
  const db = new Database(join(host.dataDir, 'loomcast.sqlite'));
  try {
    const now = Date.now();
    const s = seeder(db, now);
    const account = s.account('mastodon', '@loom@weave.social');
    s.post({ accountId: account, text: 'Studio notes from the spring', publishedAt: now - daysAgo * DAY });
  } finally {
    db.close();
  }
}

test.use({ viewport: { width: 1024, height: 700 } });

test('a fresh workspace: Analytics says nothing has gone out yet, how numbers come, and offers New post and the calendar', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE });
  await openApp(host, '#/analytics');

  const empty = page.getByTestId('analytics-empty');
  await expect(empty).toHaveAttribute('data-reason', 'none');
  await expect(empty.getByRole('heading', { level: 2 })).toHaveText('Nothing has gone out yet');
  await expect(page.getByTestId('analytics-empty-how')).toContainText(`Once a post is out, Loomcast ${LOOKS}`);
  // No cards of "not reported" and "no rate"; the filters stay.
  await expect(page.getByTestId('analytics-posts')).toHaveCount(0);
  await expect(page.getByTestId('analytics-filters')).toBeVisible();
  await expect(page.getByTestId('analytics-empty-new-post')).toBeVisible();
  await page.getByTestId('analytics-empty-calendar').click();
  await expect(page).toHaveURL(/#\/calendar$/);
});

test('posts went out before the range: Analytics says to widen it, and the numbers show once it does', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE });
  seedOldPost(host, 100);
  await openApp(host, '#/analytics');

  const empty = page.getByTestId('analytics-empty');
  await expect(empty).toHaveAttribute('data-reason', 'range');
  await expect(empty.getByRole('heading', { level: 2 })).toHaveText('Nothing went out in this range');
  await expect(page.getByTestId('analytics-empty-widen')).toContainText('1 post went out at another time: widen the range');
  await expect(page.getByTestId('analytics-empty-how')).toContainText(LOOKS);
  await expect(page.getByTestId('analytics-empty-new-post')).toHaveCount(0);

  // Narrowed to a platform it did not go to: nothing matching has gone out.
  await page.getByTestId('analytics-platform').selectOption('x');
  await expect(empty).toHaveAttribute('data-reason', 'none');
  await expect(empty.getByRole('heading', { level: 2 })).toHaveText('Nothing matching these filters has gone out yet');
  await page.getByTestId('analytics-platform').selectOption('');

  await page.getByTestId('analytics-preset').selectOption('365');
  await expect(page.getByTestId('analytics-posts-value')).toHaveText('1');
  await expect(empty).toHaveCount(0);
});
