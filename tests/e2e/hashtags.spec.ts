import Database from 'better-sqlite3';
import { createRollups } from '../../electron/core/analytics/rollups';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { rpc, type RunningHost } from './support/host';

/**
 * Marks a post's copies published and records a metrics check, as the publisher and the metrics
 * sweep would have: the host has no channel for either, so the test writes them to its database.
 */
function publish(host: RunningHost, postId: string, metrics: { views: number; likes: number } | null): void {
  const db = new Database(join(host.dataDir, 'loomcast.sqlite'));
  db.pragma('busy_timeout = 5000');
  try {
    const targets = db.prepare("UPDATE targets SET state = 'published', published_at = 1000 WHERE post_id = ? RETURNING id").all(postId) as { id: string }[];
    if (metrics) for (const t of targets) createRollups(db).record(t.id, 2000, metrics);
  } finally {
    db.close();
  }
}

test('suggest hashtags from the creator\'s own posts in the composer and add one with a click', async ({ page, host, openApp }) => {
  const seed: [string, { views: number; likes: number } | null][] = [
    ['Sharp knives, quick dinners #cooking #knives', { views: 1000, likes: 60 }],
    ['Risotto in twenty minutes #Cooking', { views: 1000, likes: 20 }],
    ['A quiet kitchen #weeknight', null],
  ];
  for (const [text, metrics] of seed) {
    const post = await rpc<{ id: string }>(host, 'posts:create', { text, platforms: ['mastodon'], schedule: null });
    publish(host, post.id, metrics);
  }
  await rpc(host, 'posts:create', { text: 'Still a draft #secret', platforms: ['mastodon'], schedule: null });

  await openApp(host);
  await page.getByTestId('new-post').click();
  await page.getByTestId('compose-text').fill('Lemon risotto tonight');
  await page.getByTestId('hashtags-suggest').click();

  const panel = page.getByTestId('hashtags-panel');
  const history = panel.getByTestId('hashtags-history');
  await expect(history.getByRole('heading')).toHaveText('From your posts (based on 3 posts)');
  await expect(history.getByTestId('hashtag-chip')).toHaveText(['#knives', '#cooking', '#weeknight']);
  const cooking = history.locator('[data-tag="cooking"]');
  await expect(cooking.getByTestId('hashtag-reason')).toHaveText('On 2 of your posts; 4.0% engagement on average (2 with numbers)');
  await expect(history.locator('[data-tag="knives"]').getByTestId('hashtag-reason')).toHaveText('Only on 1 of your posts, so this rests on 1 post; 6.0% engagement there');
  // Without a model set up, nothing is sent anywhere and the panel says so.
  await expect(panel.getByTestId('hashtags-model-note')).toHaveText('No model is set up in Settings → Writing; these come from your own posts only.');

  await cooking.getByTestId('hashtag-chip').click();
  await expect(page.getByTestId('compose-text')).toHaveValue('Lemon risotto tonight #cooking');
  // Once in the post, it is no longer offered.
  await expect(history.getByTestId('hashtag-chip')).toHaveText(['#knives', '#weeknight']);
});
