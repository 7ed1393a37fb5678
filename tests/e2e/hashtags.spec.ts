import Database from 'better-sqlite3';
import { createRollups } from '../../electron/core/analytics/rollups';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { rpc, type RunningHost } from './support/host';

const DAY = 86_400_000;

/**
 * Marks a post's copies published 20 days ago and records a metrics check a day after, as the
 * publisher and the metrics sweep would have: the host has no channel for either, so the test
 * writes them to its database. Suggestions read each post as it stood 24 h after it went out.
 */
function publish(host: RunningHost, postId: string, metrics: { views: number; likes: number } | null): void {
  const db = new Database(join(host.dataDir, 'loomcast.sqlite'));
  db.pragma('busy_timeout = 5000');
  try {
    const publishedAt = Date.now() - 20 * DAY;
    const targets = db.prepare("UPDATE targets SET state = 'published', published_at = ? WHERE post_id = ? RETURNING id").all(publishedAt, postId) as { id: string }[];
    if (metrics) for (const t of targets) createRollups(db).record(t.id, publishedAt + DAY, metrics);
  } finally {
    db.close();
  }
}

test('suggest hashtags from the creator\'s own posts in the composer and add one with a click', async ({ page, host, openApp }) => {
  const seed: [string, { views: number; likes: number } | null][] = [
    ['Sharp knives, quick dinners #cooking #knives', { views: 1000, likes: 60 }],
    ['Risotto in twenty minutes #Cooking', { views: 1000, likes: 20 }],
    ['Lemon pasta, done in ten #cooking', { views: 1000, likes: 40 }],
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
  await expect(history.getByRole('heading')).toHaveText('From your posts (based on 4 posts)');
  // #knives did best, but on one post: too few to judge, so after the tag three posts back.
  await expect(history.getByTestId('hashtag-chip')).toHaveText(['#cooking', '#knives', '#weeknight']);
  const cooking = history.locator('[data-tag="cooking"]');
  await expect(cooking.getByTestId('hashtag-reason')).toHaveText('On 3 of your posts; 4.0% engagement on average, each post 24 h after it went out (3 with numbers then)');
  await expect(history.locator('[data-tag="knives"]').getByTestId('hashtag-reason')).toHaveText('Too few posts to judge: on 1 of your posts, only 1 with numbers 24 h after going out (it takes 3)');
  // Without a model set up, nothing is sent anywhere and the panel says so.
  await expect(panel.getByTestId('hashtags-model-note')).toHaveText('No model is set up in Settings → Writing; these come from your own posts only.');

  await cooking.getByTestId('hashtag-chip').click();
  await expect(page.getByTestId('compose-text')).toHaveValue('Lemon risotto tonight #cooking');
  // Once in the post, it is no longer offered.
  await expect(history.getByTestId('hashtag-chip')).toHaveText(['#knives', '#weeknight']);
});
