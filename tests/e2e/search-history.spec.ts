import Database from 'better-sqlite3';
import { join } from 'node:path';
import { seeder } from '../support/analytics-seed';
import { dayFromToday, expect, test } from './support/fixtures';
import { rpc } from './support/host';

const DAY = 86_400_000;

test.describe('searching the whole history', () => {
  test('a person searches for a post from months ago, beyond what the lists hold, finds it and opens it', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: 'Europe/Berlin' });
    // 240 published posts, one a day: the lists hold the latest 200, the oldest is long gone from them.
    const db = new Database(join(host.dataDir, 'loomcast.sqlite'));
    try {
      const s = seeder(db, Date.now());
      const account = s.account('mastodon', '@weaver@loom.social');
      db.transaction(() => {
        for (let n = 0; n < 240; n++) {
          const text = n === 0 ? 'Our very first scarf, woven by hand in the café' : n === 1 ? 'Market day ☕🧣 come and say hello' : `Studio update number ${n}`;
          s.post({ accountId: account, text, publishedAt: Date.now() - (250 - n) * DAY });
        }
      })();
    } finally {
      db.close();
    }

    // From the month, where a search shows only the days on screen, the note leads to the list.
    await openApp(host, '#/calendar/month');
    await page.keyboard.press('/');
    await page.keyboard.type('scarf');
    await expect(page.getByTestId('grid-search-note')).toContainText('Showing these days’ posts matching “scarf”.');
    await page.getByTestId('search-every-post').click();
    await expect(page.getByTestId('list-view')).toBeVisible();
    await page.getByTestId('search-input').fill('');
    await page.getByTestId('search-input').focus();
    await page.keyboard.type('FIRST scarf cafe');
    const history = page.getByTestId('history-list');
    await expect(history.getByTestId('post-row')).toHaveCount(1);
    await expect(history.getByTestId('post-row')).toContainText('Our very first scarf, woven by hand in the café');
    await expect(page.getByTestId('search-note')).toContainText('1 post matching “FIRST scarf cafe”');
    await history.getByTestId('post-row').click();
    await expect(page.getByTestId('post-panel')).toContainText('Our very first scarf, woven by hand in the café');
    await expect(page.getByTestId('post-panel').getByTestId('target-state-mastodon')).toHaveText('Published');

    // A word in nearly every post: the lists show theirs, the search adds the best of the rest and
    // says exactly how many there are (238, the 20 published shown above counted once), not "or more".
    await page.getByTestId('search-input').fill('studio');
    await expect(page.getByTestId('search-note')).toContainText('238 posts matching “studio”');
    await expect(page.getByTestId('published-list').getByTestId('post-row')).toHaveCount(20);
    await expect(history.locator('#history-title .count')).toHaveText('218');
    await expect(history.getByText(/^These are the best \d+ of 218; another word narrows it\.$/)).toBeVisible();
    // Narrower words, still more than a page: the count follows them.
    await page.getByTestId('search-input').fill('studio update number 1');
    await expect(page.getByTestId('search-note')).toContainText('110 posts matching “studio update number 1”');
    // A post planned meanwhile is counted; under a filter, only the posts that pass it are.
    await rpc(host, 'posts:create', { text: 'Studio open day, everyone welcome', platforms: ['x'], schedule: { date: dayFromToday('Europe/Berlin', 3), time: '10:00' } });
    await page.getByTestId('search-input').fill('studio');
    await expect(page.getByTestId('search-note')).toContainText('239 posts matching “studio”');
    await page.getByTestId('filter-states').click();
    await page.getByTestId('filter-states-scheduled').click();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('search-note')).toContainText('1 post matching “studio”');
    await page.getByTestId('filters-clear').click();

    // Emoji are searched for too, long gone from the lists as well.
    await page.getByTestId('search-input').fill('🧣');
    await expect(history.getByTestId('post-row')).toHaveCount(1);
    await expect(history.getByTestId('post-row')).toContainText('Market day ☕🧣 come and say hello');

    await page.getByTestId('search-input').fill('nothing like this anywhere');
    await expect(history).toContainText('No other post matches.');
  });
});
