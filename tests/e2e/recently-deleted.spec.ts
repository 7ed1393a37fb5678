import AxeBuilder from '@axe-core/playwright';
import type { PostDto } from '../../shared/contract';
import { dayFromToday, expect } from './support/fixtures';
import { rpc } from './support/host';
import { test } from './support/mastodon';

const ZONE = 'Europe/Berlin';

test('a post deleted from its panel comes back whole with Undo, and opens again', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE });
  const post = await rpc<PostDto>(host, 'posts:create', {
    text: 'Launch day notes, part one',
    platforms: ['mastodon', 'bluesky'],
    schedule: { date: dayFromToday(ZONE, 4), time: '09:30' },
    thread: ['Part two: what we cut'],
  });
  await rpc(host, 'compose:setOverrides', { postId: post.id, overrides: [{ platform: 'mastodon', text: 'Launch day notes, for the fediverse' }] });
  const before = await rpc<PostDto>(host, 'posts:get', { id: post.id });

  await openApp(host, '#/calendar/list');
  await page.getByTestId('post-row').filter({ hasText: 'Launch day notes' }).click();
  const panel = page.getByTestId('post-panel');
  await panel.getByTestId('post-delete').click();
  await panel.getByTestId('confirm-delete').click();
  await expect(page.getByTestId('post-panel')).toHaveCount(0);
  await expect(page.getByTestId('post-row')).toHaveCount(0);
  const toast = page.getByTestId('toast').last();
  await expect(toast).toContainText('Post deleted');

  await toast.getByTestId('toast-action').click();
  await expect(page.getByTestId('toast').last()).toContainText('Post brought back');
  await expect(page.getByTestId('post-panel').getByTestId('post-panel-text')).toHaveText('Launch day notes, part one');
  await expect(page.getByTestId('upcoming-list').getByTestId('post-row')).toHaveCount(1);
  const back = await rpc<PostDto>(host, 'posts:get', { id: post.id });
  expect({ ...back, updatedAt: before.updatedAt }).toEqual(before);
});

test('posts deleted together are found in Recently deleted: one brought back, one deleted for good, then emptied', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE });
  for (const n of ['one', 'two', 'three']) await rpc<PostDto>(host, 'posts:create', { text: `Old draft ${n}`, platforms: ['x'], schedule: null });
  const timed = await rpc<PostDto>(host, 'posts:create', { text: 'Old plan for Friday', platforms: ['mastodon'], schedule: { date: dayFromToday(ZONE, 5), time: '16:00' } });

  await openApp(host, '#/calendar/list');
  await expect(page.getByTestId('post-row')).toHaveCount(4);
  for (const box of await page.getByTestId('post-pick').all()) await box.check();
  const bar = page.getByTestId('selection-bar');
  await bar.getByTestId('selection-delete').click();
  await expect(bar.getByTestId('selection-confirm')).toContainText('bring them back from Recently deleted');
  await bar.getByTestId('selection-confirm-delete').click();
  await expect(page.getByTestId('toast').last()).toContainText('4 posts deleted');
  await expect(page.getByTestId('post-row')).toHaveCount(0);

  const section = page.getByTestId('deleted-section');
  await section.getByTestId('deleted-toggle').click();
  await expect(section.getByTestId('deleted-toggle')).toHaveAttribute('aria-expanded', 'true');
  const rows = section.getByTestId('deleted-row');
  await expect(rows).toHaveCount(4);
  await expect(section.getByTestId('deleted-toggle')).toContainText('4');
  await expect(rows.filter({ hasText: 'Old plan for Friday' })).toContainText('was for');
  await expect(rows.filter({ hasText: 'Old draft one' })).toContainText('a draft');
  expect((await new AxeBuilder({ page }).include('[data-testid="deleted-section"]').analyze()).violations).toEqual([]);

  // Brought back: in the list again, at its time.
  await rows.filter({ hasText: 'Old plan for Friday' }).getByTestId('deleted-restore').click();
  await expect(page.getByTestId('toast').last()).toContainText('Post brought back');
  await expect(page.getByTestId('upcoming-list').getByTestId('post-row')).toHaveText([/Old plan for Friday/]);
  await expect(rows).toHaveCount(3);
  expect((await rpc<PostDto>(host, 'posts:get', { id: timed.id })).targets.map((c) => c.state)).toEqual(['scheduled']);

  // Deleted for good, after asking.
  await rows.filter({ hasText: 'Old draft two' }).getByTestId('deleted-forget').click();
  await rows.filter({ hasText: 'Old draft two' }).getByTestId('deleted-forget-confirm').click();
  await expect(page.getByTestId('toast').last()).toContainText('1 post deleted for good');
  await expect(rows).toHaveCount(2);

  await section.getByTestId('deleted-empty').click();
  await expect(section.getByTestId('deleted-empty-confirm')).toContainText('Delete 2 posts for good?');
  await section.getByTestId('deleted-empty-yes').click();
  await expect(section.getByTestId('deleted-none')).toHaveText('Nothing deleted in the last 30 days.');
  expect(await rpc(host, 'posts:deleted', {})).toMatchObject({ total: 0, posts: [] });
});
