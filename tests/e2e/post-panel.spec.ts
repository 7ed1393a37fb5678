import type { PostDto } from '../../shared/contract';
import { dayFromToday, expect, test } from './support/fixtures';
import { rpc } from './support/host';
import { png } from './support/media';

const ZONE = 'Europe/Berlin';

test('the post panel shows everything the post will publish: its image and alt text, a platform’s own text, the thread and the first comment', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE });
  const post = await rpc<PostDto>(host, 'posts:create', {
    text: 'Three lessons from a year of weekly videos.',
    platforms: ['mastodon', 'bluesky'],
    schedule: null,
    thread: ['One: film in batches.', 'Two: the first line is the title.'],
    firstComment: 'The full write-up is on the blog.',
  });
  await rpc(host, 'compose:setOverrides', { postId: post.id, overrides: [{ platform: 'bluesky', text: 'Three lessons from a year of weekly videos 🧵' }] });
  const image = await rpc<{ hash: string }>(host, 'media:upload', { name: 'desk.png', mime: 'image/png', dataBase64: png(16, 12, [200, 120, 40]).toString('base64') });
  await rpc(host, 'media:setForPost', { postId: post.id, items: [{ hash: image.hash, altText: 'A camera on a desk by the window' }] });
  await rpc(host, 'posts:update', { id: post.id, schedule: { date: dayFromToday(ZONE, 2), time: '10:00' } });

  await openApp(host);
  await page.getByTestId('upcoming-list').getByTestId('post-row').filter({ hasText: 'Three lessons' }).click();
  const panel = page.getByTestId('post-panel');
  await expect(panel.getByTestId('post-panel-text')).toHaveText('Three lessons from a year of weekly videos.');
  const media = panel.getByTestId('post-panel-media');
  await expect(media).toHaveCount(1);
  await expect(media.locator('img')).toHaveAttribute('alt', 'A camera on a desk by the window');
  await expect(media.locator('img')).toHaveAttribute('src', /^data:image\/png;base64,/);
  await expect(panel.getByTestId('post-panel-own-bluesky')).toContainText('Own text for Bluesky');
  await expect(panel.getByTestId('post-panel-own-bluesky')).toContainText('Three lessons from a year of weekly videos 🧵');
  await expect(panel.getByTestId('post-panel-own-mastodon')).toHaveCount(0);
  await expect(panel.getByTestId('post-panel-thread').locator('li')).toHaveText(['One: film in batches.', 'Two: the first line is the title.']);
  await expect(panel.getByTestId('post-panel-first-comment')).toContainText('The full write-up is on the blog.');
});

test('the panel says where a post waits: in review until it is approved, then scheduled', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: false });
  const post = await rpc<PostDto>(host, 'posts:create', { text: 'Waiting for a yes', platforms: ['mastodon'], schedule: { date: dayFromToday(ZONE, 2), time: '09:30' } });
  expect(post.targets.map((t) => t.state)).toEqual(['in_review']);
  await openApp(host);
  await page.getByTestId('upcoming-list').getByTestId('post-row').filter({ hasText: 'Waiting for a yes' }).click();
  const panel = page.getByTestId('post-panel');
  await expect(panel.locator('h2')).toHaveText('Post in review');
  await rpc(host, 'review:approve', { postIds: [post.id] });
  await expect(panel.locator('h2')).toHaveText('Scheduled post');
  await expect(panel.getByTestId('post-open-review')).toHaveCount(0);
});

test('a post waiting in review opens in Review from its panel, where it can be approved', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: false });
  await rpc<PostDto>(host, 'posts:create', { text: 'First in the queue', platforms: ['mastodon'], schedule: { date: dayFromToday(ZONE, 2), time: '09:30' } });
  const post = await rpc<PostDto>(host, 'posts:create', { text: 'Open me from the calendar', platforms: ['mastodon'], schedule: { date: dayFromToday(ZONE, 3), time: '09:30' } });
  await openApp(host);
  await page.getByTestId('upcoming-list').getByTestId('post-row').filter({ hasText: 'Open me from the calendar' }).click();
  await page.getByTestId('post-panel').getByTestId('post-open-review').click();
  await expect(page).toHaveURL(/#\/review$/);
  await expect(page.getByTestId('review-detail')).toHaveAttribute('data-post-id', post.id);
});
