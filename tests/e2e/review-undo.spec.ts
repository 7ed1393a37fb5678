import type { PostDto } from '../../shared/contract';
import { dayFromToday, expect, test } from './support/fixtures';
import { rpc } from './support/host';

const ZONE = 'Europe/Berlin';

test('approve then Undo puts the post back in Review; reject then Ctrl+Z puts it back too, without the rejection note', async ({ page, host, openApp }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: false });
  const post = await rpc<PostDto>(host, 'posts:create', {
    text: 'Launch week starts Monday: a new episode every day.',
    platforms: ['mastodon', 'bluesky'],
    schedule: { date: dayFromToday(ZONE, 2), time: '09:30' },
  });
  const states = async () => (await rpc<PostDto>(host, 'posts:get', { id: post.id })).targets.map((t) => [t.state, t.lastError]);
  expect(await states()).toEqual([
    ['in_review', null],
    ['in_review', null],
  ]);

  await openApp(host, '#/review');
  const items = page.getByTestId('review-item');
  await expect(items).toHaveCount(1);

  // A approves; the toast offers Undo, and Undo sends both copies back to Review.
  await page.keyboard.press('a');
  await expect(page.getByTestId('review-empty')).toBeVisible();
  const approved = page.getByTestId('toast').filter({ hasText: 'Approved' });
  await expect(approved.getByTestId('toast-action')).toHaveText('Undo');
  expect(await states()).toEqual([
    ['scheduled', null],
    ['scheduled', null],
  ]);
  await approved.getByTestId('toast-action').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Back in Review' })).toBeVisible();
  await expect(items).toHaveCount(1);
  await expect(page.getByTestId('review-detail')).toHaveAttribute('data-post-id', post.id);
  expect(await states()).toEqual([
    ['in_review', null],
    ['in_review', null],
  ]);

  // R rejects with a reason; Ctrl+Z while the toast is up takes it back.
  await page.keyboard.press('r');
  const dialog = page.getByTestId('review-reject-dialog');
  await dialog.getByTestId('review-reason').fill('Too early in the week');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('review-empty')).toBeVisible();
  await expect(page.getByTestId('toast').filter({ hasText: 'Sent back to drafts with your reason' })).toBeVisible();
  expect((await states()).map(([s]) => s)).toEqual(['draft', 'draft']);
  await page.keyboard.press('Control+z');
  await expect(items).toHaveCount(1);
  expect(await states()).toEqual([
    ['in_review', null],
    ['in_review', null],
  ]);
});
