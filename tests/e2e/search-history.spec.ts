import Database from 'better-sqlite3';
import { join } from 'node:path';
import { seeder } from '../support/analytics-seed';
import { expect, test } from './support/fixtures';
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

    // A word in nearly every post: the lists show theirs, the search adds the best of the rest and says there are more.
    await page.getByTestId('search-input').fill('studio');
    await expect(history.getByText('These are the best 50 matches in your whole history; another word narrows it.')).toBeVisible();
    await expect(page.getByTestId('search-note')).toContainText(/\d+ posts or more matching “studio”/);

    // Emoji are searched for too, long gone from the lists as well.
    await page.getByTestId('search-input').fill('🧣');
    await expect(history.getByTestId('post-row')).toHaveCount(1);
    await expect(history.getByTestId('post-row')).toContainText('Market day ☕🧣 come and say hello');

    await page.getByTestId('search-input').fill('nothing like this anywhere');
    await expect(history).toContainText('No other post matches.');
  });
});
