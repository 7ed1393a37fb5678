import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { PostDto } from '../../shared/contract';
import { expect } from './support/fixtures';
import { rpc } from './support/host';
import { connectMastodon, test } from './support/mastodon';

test('a published post shows its numbers, when they were taken and when the next look is, and looks again when asked, from its panel or from Analytics', async ({ page, host, openApp, mastodon }) => {
  test.setTimeout(90_000);
  await rpc(host, 'settings:update', { timeZone: 'Europe/Berlin' });
  const account = await connectMastodon(page, host, mastodon);
  const post = await rpc<PostDto>(host, 'posts:create', { text: 'How many of you are weaving this weekend?', accounts: [account.id], schedule: null });
  await rpc(host, 'compose:publishNow', { postId: post.id });
  await expect.poll(async () => (await rpc<PostDto>(host, 'posts:get', { id: post.id })).targets[0]!.state, { timeout: 30_000 }).toBe('published');
  const username = account.handle.replace(/^@/, '').split('@')[0]!;
  const [status] = mastodon.statusesOf(username);
  mastodon.setCounts(status!.id, { favourites: 12, reblogs: 3, replies: 2 });

  await openApp(host);
  await page.getByTestId('published-list').getByTestId('post-row').filter({ hasText: 'weaving this weekend' }).click();
  const panel = page.getByTestId('post-panel');
  // Nothing looked at yet: the panel says when it will be, rather than showing zeros.
  await expect(panel.getByTestId('metrics-status')).toHaveText(/^(First look at its numbers .+\.|Loomcast looks at its numbers about an hour after it went out\.)$/);
  await expect(panel.getByTestId('target-numbers')).toHaveCount(0);

  // Looking now: the numbers come in from Mastodon, with what it does not report said so.
  await panel.getByTestId('metrics-refresh').click();
  await expect(panel.getByTestId('metric-likes')).toContainText('12');
  await expect(panel.getByTestId('metric-reposts')).toContainText('3');
  await expect(panel.getByTestId('metric-replies')).toContainText('2');
  // What Mastodon never reports is one quiet line, not a row of "not reported" each.
  await expect(panel.getByTestId('metric-views')).toHaveCount(0);
  await expect(panel.getByTestId('metric-saves')).toHaveCount(0);
  await expect(panel.getByTestId('metrics-never')).toHaveText('Loomcast gets no views, impressions, shares, saves, bookmarks or link clicks from Mastodon.');
  await expect(panel.getByTestId('target-numbers').locator('dt')).toHaveText(['Likes', 'Replies', 'Reposts', 'Quotes']);
  await expect(panel.getByTestId('metrics-status')).toHaveText(/^Numbers as of .+\. Next look .+\.$/);
  await expect(panel.getByTestId('metrics-refresh')).toBeEnabled();

  // They grow on Mastodon; another look brings them in.
  mastodon.setCounts(status!.id, { favourites: 20 });
  await panel.getByTestId('metrics-refresh').click();
  await expect(panel.getByTestId('metric-likes')).toContainText('20');

  // A number Mastodon usually gives but left out this time (a server before 4.5 has no quotes) still reads "not reported".
  const db = new Database(join(host.dataDir, 'loomcast.sqlite'));
  db.prepare('UPDATE metric_latest SET quotes = NULL').run();
  db.close();
  await page.keyboard.press('Escape');
  await page.getByTestId('published-list').getByTestId('post-row').filter({ hasText: 'weaving this weekend' }).click();
  await expect(panel.getByTestId('metric-quotes')).toHaveAttribute('data-reported', 'false');
  await expect(panel.getByTestId('metric-quotes')).toContainText('not reported');
  await expect(panel.getByTestId('metrics-never')).not.toContainText('quotes');

  // From Analytics, every post being measured at once; the numbers come in behind the page.
  mastodon.setCounts(status!.id, { favourites: 31 });
  await page.getByTestId('nav-analytics').click();
  await page.getByTestId('analytics-refresh').click();
  await expect(page.getByTestId('analytics-refresh-note')).toHaveText(/^(Looked at 0 of 1 copy…|Done at .+: looked at the 1 copy\.)$/);
  await expect.poll(async () => (await rpc<{ numbers: { likes: number | null } | null }[]>(host, 'metrics:status', { postId: post.id }))[0]?.numbers?.likes, { timeout: 30_000 }).toBe(31);
});
