import AxeBuilder from '@axe-core/playwright';
import type { PostDto } from '../../shared/contract';
import { expect } from './support/fixtures';
import { rpc } from './support/host';
import { connectMastodon, test } from './support/mastodon';

/** Mastodon reads one post's numbers per request: GET /api/v1/statuses/:id. */
const STATUS_READ = /^\/api\/v1\/statuses\/[^/]+$/;

test('looking at every post’s numbers again shows how far it got, still does after leaving Analytics, and can be stopped from the keyboard', async ({ page, host, openApp, mastodon }) => {
  test.setTimeout(90_000);
  await rpc(host, 'settings:update', { timeZone: 'Europe/Berlin' });
  const account = await connectMastodon(page, host, mastodon);
  const posts: PostDto[] = [];
  for (const text of ['Warp first', 'Weft second', 'Shuttle third', 'Heddle fourth']) {
    const post = await rpc<PostDto>(host, 'posts:create', { text, accounts: [account.id], schedule: null });
    await rpc(host, 'compose:publishNow', { postId: post.id });
    posts.push(post);
  }
  for (const post of posts) await expect.poll(async () => (await rpc<PostDto>(host, 'posts:get', { id: post.id })).targets[0]!.state, { timeout: 30_000 }).toBe('published');

  // A slow instance: the first read answers, the next waits until the test lets it go.
  let reads = 0;
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  mastodon.beforeAnswer = ({ method, path }) => (method === 'GET' && STATUS_READ.test(path) && ++reads > 1 ? held : undefined);

  try {
    await openApp(host, '#/analytics');
    const note = page.getByTestId('analytics-refresh-note');
    await expect(note).toHaveRole('status');
    await page.getByTestId('analytics-refresh').click();
    await expect(note).toHaveText('Looked at 1 of 4 copies…');
    const bar = page.getByRole('progressbar', { name: 'Copies looked at' });
    await expect(bar).toHaveAttribute('max', '4');
    await expect(bar).toHaveAttribute('value', '1');
    // The start button gave way to Stop, and focus went with it.
    await expect(page.getByTestId('analytics-refresh-stop')).toBeFocused();
    const axe = await new AxeBuilder({ page }).include('[data-testid="analytics-look"]').withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    // Away and back: the page reads how far it got.
    await page.getByTestId('nav-calendar').click();
    await page.getByTestId('nav-analytics').click();
    await expect(note).toHaveText('Looked at 1 of 4 copies…');

    // Stopped from the keyboard: the copies still waiting go back to their schedule.
    await page.getByTestId('analytics-refresh-stop').focus();
    await page.keyboard.press('Enter');
    await expect(note).toHaveText(/^Stopped at \d{1,2}:\d\d( [AP]M)? after looking at 1 of 4 copies; the other 3 copies went back to their usual schedule\.$/);
    await expect(page.getByTestId('analytics-refresh-progress')).toHaveCount(0);
    await expect(page.getByTestId('analytics-refresh')).toBeFocused();
  } finally {
    release();
  }
  // The look under way finishes; nothing is asked for any more, and no other copy is read.
  await expect.poll(async () => (await Promise.all(posts.map((p) => rpc<{ refreshRequested: boolean }[]>(host, 'metrics:status', { postId: p.id })))).flat().filter((s) => s.refreshRequested).length).toBe(0);
  await expect.poll(() => reads, { timeout: 10_000 }).toBe(2);
  expect((await rpc<{ state: string; stopped: number }>(host, 'metrics:refreshStatus')).state).toBe('stopped');

  // Again, with one post deleted on Mastodon meanwhile: at the end, how many could not be looked at, and why.
  mastodon.beforeAnswer = null;
  const username = account.handle.replace(/^@/, '').split('@')[0]!;
  mastodon.statuses.delete(mastodon.statusesOf(username)[0]!.id);
  await page.getByTestId('analytics-refresh').press('Enter');
  const note = page.getByTestId('analytics-refresh-note');
  await expect(note).toHaveText(/^Done at \d{1,2}:\d\d( [AP]M)?: looked at 3 of 4 copies; 1 could not be looked at:$/, { timeout: 30_000 });
  await expect(page.getByTestId('analytics-refresh-problems').getByRole('listitem')).toHaveText(['Mastodon 1 copy: Mastodon no longer has this post (deleted or hidden); Loomcast stopped checking it.']);
});
