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
  await expect(history.getByRole('heading', { level: 3 })).toHaveText('From your posts (based on 4 posts)');
  // Three posts with numbers are too few to rank anything: the panel says how many more it takes,
  // and lists the tags by how often they were used (#knives did best, on one post: after #cooking).
  await expect(history.getByTestId('hashtags-history-floor')).toHaveText(
    'Not ranked yet: only 3 of your 4 posts have numbers 24 h after going out, and ranking takes 10 (7 more). Until then, your tags are listed by how often you used them.',
  );
  await expect(history.getByTestId('hashtags-history-ranked')).toHaveCount(0);
  await expect(history.getByTestId('hashtag-chip')).toHaveText(['#cooking', '#knives', '#weeknight']);
  const cooking = history.locator('[data-tag="cooking"]');
  await expect(cooking.getByTestId('hashtag-reason')).toHaveText('On 3 of your posts, 3 with numbers 24 h after going out: not ranked until 10 of your posts have numbers');
  // Without a model set up, nothing is sent anywhere and the panel says so.
  await expect(panel.getByTestId('hashtags-model-note')).toHaveText('No model is set up in Settings → Writing; these come from your own posts only.');

  await cooking.getByTestId('hashtag-chip').click();
  await expect(page.getByTestId('compose-text')).toHaveValue('Lemon risotto tonight #cooking');
  // Once in the post, it is no longer offered.
  await expect(history.getByTestId('hashtag-chip')).toHaveText(['#knives', '#weeknight']);
});

test('ranks the creator\'s tags by the median of their posts once ten have numbers, with how many posts each rests on', async ({ page, host, openApp }) => {
  const seed: [string, { views: number; likes: number } | null][] = [
    // #cooking: 2, 3, 3, 4 and 60 %: a median of 3 %, where the mean (14.4 %) would follow the one that went far.
    ['Knife skills #cooking', { views: 1000, likes: 20 }],
    ['Risotto in twenty minutes #cooking', { views: 1000, likes: 30 }],
    ['Lemon pasta #cooking', { views: 1000, likes: 30 }],
    ['Soup for a cold night #cooking', { views: 1000, likes: 40 }],
    ['The one that went far #cooking #viral', { views: 1000, likes: 600 }],
    // #baking: 4 % five times.
    ...Array.from({ length: 5 }, (_, i): [string, { views: number; likes: number }] => [`Bread, take ${i + 1} #baking`, { views: 1000, likes: 40 }]),
    ['A quiet kitchen #weeknight', null],
  ];
  for (const [text, metrics] of seed) {
    const post = await rpc<{ id: string }>(host, 'posts:create', { text, platforms: ['mastodon'], schedule: null });
    publish(host, post.id, metrics);
  }

  await openApp(host);
  await page.getByTestId('new-post').click();
  await page.getByTestId('compose-text').fill('Dinner tonight');
  await page.getByTestId('hashtags-suggest').click();

  const history = page.getByTestId('hashtags-panel').getByTestId('hashtags-history');
  await expect(history.getByRole('heading', { level: 3 })).toHaveText('From your posts (based on 11 posts)');
  await expect(history.getByTestId('hashtags-history-floor')).toHaveCount(0);
  const ranked = history.getByTestId('hashtags-history-ranked');
  await expect(ranked.getByRole('heading')).toHaveText('Ranked by the median engagement of your posts that carried them');
  await expect(ranked.getByTestId('hashtag-chip')).toHaveText(['#baking', '#cooking']);
  await expect(ranked.locator('[data-tag="cooking"]').getByTestId('hashtag-reason')).toHaveText('On 5 of your posts; median 3.0 % engagement, each post 24 h after it went out (5 with numbers then)');
  // One post at 60 % is not ranked above tags on five: listed apart, with its n and without its rate.
  const unranked = history.getByTestId('hashtags-history-unranked');
  await expect(unranked.getByRole('heading')).toHaveText('Too few posts to judge yet, by how often you used them');
  await expect(unranked.getByTestId('hashtag-chip')).toHaveText(['#viral', '#weeknight']);
  await expect(unranked.locator('[data-tag="viral"]').getByTestId('hashtag-reason')).toHaveText('Too few posts to judge: on 1 of your posts, only 1 with numbers 24 h after going out (it takes 5)');
});
