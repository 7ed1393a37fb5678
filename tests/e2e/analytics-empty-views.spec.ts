import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { rpc, type RunningHost } from './support/host';
import { DAY, HOUR, seeder } from '../support/analytics-seed';

/*
 * Best times and What works with nothing to show teach as the overview does: what the view needs
 * and how much of it the range has, how numbers come, and the next step (write a post, open the
 * calendar, widen the range).
 */

const ZONE = 'Europe/Berlin';
const LOOKS = 'looks at its numbers about 1 h, 3 h, 12 h and 24 h later, then daily for a week and weekly to day 90';
const WIDEN = 'widen the range above (Range, or From and To)';

/** Three LinkedIn posts in the last 30 days, each measured a day after it went out, and one 100 days ago. */
function seedFew(host: RunningHost): void {
  const db = new Database(join(host.dataDir, 'loomcast.sqlite'));
  try {
    const now = Date.now();
    const s = seeder(db, now);
    const account = s.account('linkedin', 'Loom Studio');
    for (const daysAgo of [5, 6, 7, 100]) {
      const publishedAt = now - daysAgo * DAY - 2 * HOUR;
      const { targetId } = s.post({ accountId: account, text: `Studio notes, ${daysAgo} days back`, publishedAt });
      for (const after of [HOUR, DAY]) {
        s.record(targetId, publishedAt + after, { views: 400, likes: 12, replies: 3 });
        s.checked(targetId, publishedAt, publishedAt + after);
      }
    }
  } finally {
    db.close();
  }
}

test.use({ viewport: { width: 1024, height: 700 } });

test('a fresh workspace: Best times and What works say what they need, how numbers come, and offer New post and the calendar', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE });
  await openApp(host, '#/analytics');

  await page.getByRole('tab', { name: 'Best times' }).click();
  const best = page.getByTestId('analytics-best-times-empty');
  await expect(best).toHaveAttribute('data-reason', 'none');
  await expect(best.getByRole('heading', { level: 2 })).toHaveText('Nothing has gone out yet');
  await expect(page.getByTestId('analytics-best-times-empty-needs')).toHaveText(
    'Best times needs at least 10 posts with an engagement rate, 3 of them in the same weekday and hour, to recommend a time. This range has no posts.',
  );
  await expect(page.getByTestId('analytics-best-times-empty-how')).toContainText(`Once a post is out, Loomcast ${LOOKS}`);
  // Readable in the dark theme too.
  await page.emulateMedia({ colorScheme: 'dark' });
  const axe = await new AxeBuilder({ page }).include('[data-testid="analytics-best-times-empty"]').withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  // No grid of empty hours, and the filters stay.
  await expect(page.getByTestId('analytics-heatmap')).toHaveCount(0);
  await expect(page.getByTestId('analytics-filters')).toBeVisible();
  await page.getByTestId('analytics-best-times-empty-new-post').click();
  await expect(page).toHaveURL(/#\/compose/);

  await page.goto(page.url().replace(/#.*$/, '#/analytics'));
  await page.getByRole('tab', { name: 'What works' }).click();
  const works = page.getByTestId('analytics-what-works-empty');
  await expect(works).toHaveAttribute('data-reason', 'none');
  await expect(works.getByRole('heading', { level: 2 })).toHaveText('Nothing has gone out yet');
  await expect(page.getByTestId('analytics-what-works-empty-needs')).toContainText('needs at least 5 posts with a rate in a group. This range has none yet');
  await expect(page.getByTestId('analytics-what-works-empty-how')).toContainText(LOOKS);
  // The seven cards of "no group has 5 posts" give way to the one empty state.
  await expect(page.getByTestId('analytics-dimension')).toHaveCount(0);
  await expect(page.getByTestId('analytics-what-works-empty-new-post')).toBeVisible();
  await page.getByTestId('analytics-what-works-empty-calendar').click();
  await expect(page).toHaveURL(/#\/calendar$/);
});

test('a few measured posts: Best times says how many it has and needs, What works how many have a rate, and both offer to widen the range', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE });
  seedFew(host);
  await openApp(host, '#/analytics');

  await page.getByRole('tab', { name: 'Best times' }).click();
  const best = page.getByTestId('analytics-best-times-empty');
  await expect(best).toHaveAttribute('data-reason', 'few');
  await expect(best.getByRole('heading', { level: 2 })).toHaveText('Not enough measured posts for best times yet');
  await expect(page.getByTestId('analytics-best-times-empty-needs')).toContainText('needs at least 10 posts with an engagement rate, 3 of them in the same weekday and hour');
  await expect(page.getByTestId('analytics-best-times-empty-needs')).toContainText('This range has 3 of 3 posts measured so far, at most 1 in one hour.');
  await expect(page.getByTestId('analytics-best-times-empty-widen')).toHaveText(`1 post went out at another time: ${WIDEN} to take it in.`);
  await expect(page.getByTestId('analytics-best-times-age')).toContainText('24 h after it went out');
  // What it has is drawn: three hours with one post each.
  await expect(page.getByTestId('analytics-heatmap')).toBeVisible();
  await expect(page.getByTestId('analytics-best-times-empty-new-post')).toBeVisible();

  await page.getByRole('tab', { name: 'What works' }).click();
  const works = page.getByTestId('analytics-what-works-empty');
  await expect(works).toHaveAttribute('data-reason', 'few');
  await expect(works.getByRole('heading', { level: 2 })).toHaveText('Not enough posts with numbers to compare yet');
  await expect(page.getByTestId('analytics-what-works-empty-needs')).toContainText('This range has 3 posts with a rate; no group has 5 yet.');
  await expect(page.getByTestId('analytics-what-works-empty-widen')).toHaveText(`To take in more posts, ${WIDEN}.`);

  // Widened to take in the older post: still under the floors, and it says so with the new counts.
  await page.getByTestId('analytics-preset').selectOption('365');
  await expect(page.getByTestId('analytics-what-works-empty-needs')).toContainText('This range has 4 posts with a rate; no group has 5 yet.');
  await page.getByRole('tab', { name: 'Best times' }).click();
  await expect(page.getByTestId('analytics-best-times-empty-needs')).toContainText('This range has 4 of 4 posts measured so far');
  await expect(page.getByTestId('analytics-best-times-empty-widen')).toHaveCount(0);
});
