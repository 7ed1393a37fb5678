import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { AccountDto, PostDto } from '../../shared/contract';
import { dayFromToday, expect } from './support/fixtures';
import { rpc, type RunningHost } from './support/host';
import { connectMastodon, test } from './support/mastodon';
import type { StartedMastodonFake } from '../fakes/mastodon';

const ZONE = 'Europe/Berlin';

/** A post with a thread, published on the Mastodon fake through the app's own Post now. */
async function publishedPost(page: Page, host: RunningHost, mastodon: StartedMastodonFake, text: string): Promise<{ post: PostDto; account: AccountDto; statuses: () => number }> {
  await rpc(host, 'settings:update', { timeZone: ZONE });
  const account = await connectMastodon(page, host, mastodon);
  const post = await rpc<PostDto>(host, 'posts:create', { text, accounts: [account.id], schedule: null, thread: ['Warp first, always'] });
  await rpc(host, 'compose:publishNow', { postId: post.id });
  await expect.poll(async () => (await rpc<PostDto>(host, 'posts:get', { id: post.id })).targets[0]!.state, { timeout: 30_000 }).toBe('published');
  const username = account.handle.replace(/^@/, '').split('@')[0]!;
  return { post, account, statuses: () => mastodon.statusesOf(username).length };
}

test('a post already out is reused with Duplicate: a draft with its words, thread and account opens in the composer, its thread can be changed, and it goes out again only when scheduled', async ({ page, host, openApp, mastodon }) => {
  test.setTimeout(90_000);
  const text = 'Three looms, one weekend: what I would do again';
  const { post, account, statuses } = await publishedPost(page, host, mastodon, text);
  expect(statuses()).toBe(2);

  await openApp(host);
  await page.getByTestId('published-list').getByTestId('post-row').filter({ hasText: 'Three looms' }).click();
  const panel = page.getByTestId('post-panel');
  // Its copy is out, so it can't be edited; Duplicate is how it is used again.
  await expect(panel.getByTestId('post-edit')).toBeDisabled();
  expect((await new AxeBuilder({ page }).include('[data-testid="post-panel"]').analyze()).violations).toEqual([]);
  await panel.getByTestId('post-duplicate').click();

  await expect(page.getByTestId('compose-text')).toHaveValue(text);
  await expect(page.getByTestId('compose-thread-0')).toHaveValue('Warp first, always');
  await expect(page.getByTestId('toasts')).toContainText('Duplicated as a draft');
  const copies = (await rpc<{ drafts: PostDto[] }>(host, 'posts:lists')).drafts.filter((p) => p.text === text);
  expect(copies).toHaveLength(1);
  expect(copies[0]!.targets.map((c) => [c.accountId, c.state, c.scheduledAt])).toEqual([[account.id, 'draft', null]]);
  // Making the draft posted nothing.
  expect(statuses()).toBe(2);

  // Its thread can be changed like its words; a new time, and it is scheduled like any post.
  await page.getByTestId('compose-thread-0').fill('Warp first, always, and check the tension');
  const day = dayFromToday(ZONE, 10);
  await page.getByTestId('compose-date').fill(day);
  await page.getByTestId('compose-time').fill('10:30');
  await page.getByTestId('compose-schedule').click();
  await expect(page.getByTestId('post-panel').getByTestId('post-panel-text')).toHaveText(text);
  const scheduled = await rpc<PostDto>(host, 'posts:get', { id: copies[0]!.id });
  expect(scheduled.targets.map((c) => c.state)).toEqual(['scheduled']);
  expect(scheduled.thread).toEqual(['Warp first, always, and check the tension']);
  // The one already out is untouched.
  const original = await rpc<PostDto>(host, 'posts:get', { id: post.id });
  expect(original.targets.map((c) => c.state)).toEqual(['published']);
});

test('moving a post already out with the keyboard says why it can’t, and offers Duplicate', async ({ page, host, openApp, mastodon }) => {
  test.setTimeout(90_000);
  const text = 'A weekend of weaving, in pictures';
  const { post } = await publishedPost(page, host, mastodon, text);
  await openApp(host, '#/calendar/month');
  const chip = page.getByTestId('calendar-chip').filter({ hasText: 'weekend of weaving' });
  await chip.focus();
  await page.keyboard.press('m');
  const toast = page.getByTestId('toast').last();
  await expect(toast).toContainText('This post can’t be moved');
  await expect(toast).toContainText('The Mastodon copy is already published, so this post can’t be moved. Duplicate it to reuse it.');
  await toast.getByTestId('toast-action').click();
  await expect(page.getByTestId('compose-text')).toHaveValue(text);
  const drafts = (await rpc<{ drafts: PostDto[] }>(host, 'posts:lists')).drafts.filter((p) => p.text === text);
  expect(drafts.map((p) => p.id)).not.toContain(post.id);
  expect(drafts).toHaveLength(1);
});
