import type { PostDto } from '../../shared/contract';
import { dayFromToday, expect, test } from './support/fixtures';
import { rpc } from './support/host';

const ZONE = 'Europe/Berlin';

test('a post rejected in Review with a reason shows it at the top of the composer until new words are saved', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: false, firstRun: { state: 'dismissed', steps: [] } });
  const post = await rpc<PostDto>(host, 'posts:create', { text: 'Hot take to reject.', platforms: ['mastodon'], schedule: { date: dayFromToday(ZONE, 6), time: '12:00' } });

  await openApp(host, '#/review');
  await page.getByTestId('review-item').filter({ hasText: 'Hot take to reject.' }).click();
  await page.keyboard.press('r');
  await page.getByTestId('review-reject-dialog').getByTestId('review-reason').fill('Soften the claim.');
  await page.getByTestId('review-reject-dialog').getByTestId('review-reject-confirm').click();
  await expect(page.getByTestId('review-item').filter({ hasText: 'Hot take to reject.' })).toHaveCount(0);

  await openApp(host, `#/compose/${post.id}`);
  const note = page.getByTestId('compose-rejection');
  await expect(note).toHaveText('Sent back from Review: Soften the claim.');
  await expect(note).toHaveAttribute('role', 'note');
  // Read-only: nothing in it to type into.
  await expect(note.locator('textarea, input')).toHaveCount(0);

  // New words saved: the reason is answered, and it goes.
  await page.getByTestId('compose-text').fill('A gentler take to reconsider.');
  await page.getByTestId('compose-save-draft').click();
  await expect.poll(async () => (await rpc<PostDto>(host, 'posts:get', { id: post.id })).text).toBe('A gentler take to reconsider.');
  expect((await rpc<PostDto>(host, 'posts:get', { id: post.id })).targets.map((t) => t.lastError)).toEqual([null]);
  await openApp(host, `#/compose/${post.id}`);
  await expect(page.getByTestId('compose-text')).toHaveValue('A gentler take to reconsider.');
  await expect(page.getByTestId('compose-rejection')).toHaveCount(0);
});

test('a rejected post sent to review again no longer shows the reason', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: false, firstRun: { state: 'dismissed', steps: [] } });
  const post = await rpc<PostDto>(host, 'posts:create', { text: 'Another take to reject.', platforms: ['mastodon'], schedule: { date: dayFromToday(ZONE, 6), time: '12:00' } });
  await rpc(host, 'review:reject', { postId: post.id, reason: 'Too long.' });
  await openApp(host, `#/compose/${post.id}`);
  await expect(page.getByTestId('compose-rejection')).toHaveText('Sent back from Review: Too long.');
  await rpc(host, 'review:send', { postIds: [post.id] });
  await expect(page.getByTestId('compose-rejection')).toHaveCount(0);
});
