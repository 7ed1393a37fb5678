import type { PostDto } from '../../shared/contract';
import { expect, test } from './support/fixtures';
import { rpc, type RunningHost } from './support/host';

/** `total` posts waiting in Review, made 20 at a time; those numbered in `blanks` have a blank left. */
async function queue(host: RunningHost, total: number, blanks: number[] = []): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < total; i += 20) {
    const made = await Promise.all(
      Array.from({ length: Math.min(20, total - i) }, (_, k) => {
        const n = i + k;
        const text = blanks.includes(n) ? `Hi {first name}, post ${n + 1} is for you` : `Waiting post number ${n + 1}`;
        return rpc<PostDto>(host, 'posts:create', { text, platforms: ['x'], schedule: null });
      }),
    );
    ids.push(...made.map((p) => p.id));
  }
  for (let i = 0; i < total; i += 500) await rpc(host, 'review:send', { postIds: ids.slice(i, i + 500) });
  return ids;
}

test('Approve all approves a queue longer than a page in rounds, and names the posts with a blank that stay in Review', async ({ page, host, openApp }) => {
  // More than two rounds (250 each) and more than Select all takes (500); two posts have a blank left.
  const total = 560;
  const ids = await queue(host, total, [7, 401]);

  await openApp(host, '#/review');
  const button = page.getByTestId('review-approve-all');
  await expect(button).toHaveText('Approve all…');

  // Cancel changes nothing.
  await button.click();
  const dialog = page.getByTestId('review-all-dialog');
  await expect(dialog.getByRole('heading')).toHaveText('Approve all 560 posts waiting?');
  await expect(dialog).toContainText('stays in Review, and you’ll see which');
  await expect(page.getByTestId('review-all-confirm')).toBeFocused();
  await page.getByTestId('review-all-cancel').click();
  await expect(dialog).toHaveCount(0);
  expect((await rpc<{ total: number }>(host, 'review:list', { limit: 1 })).total).toBe(total);

  await button.click();
  await page.getByTestId('review-all-confirm').click();
  const summary = page.getByTestId('review-all-summary');
  await expect(summary).toHaveText('Approved 558 posts. 2 posts stayed in Review:');
  const held = page.getByTestId('review-all-held').locator('li');
  await expect(held).toHaveCount(2);
  await expect(held.nth(0)).toContainText('Hi {first name}, post 8 is for you');
  await expect(held.nth(0)).toContainText('{first name}');
  await expect(held.nth(1)).toContainText('post 402');
  await expect(page.getByTestId('review-all-done')).toBeFocused();

  // The queue and the sidebar caught up: only the two with a blank wait.
  await expect(page.getByTestId('review-item')).toHaveCount(2);
  await expect(page.getByTestId('nav-review')).toContainText('2');
  const approved = await rpc<PostDto>(host, 'posts:get', { id: ids[0]! });
  expect(approved.targets.map((t) => t.state)).toEqual(['approved']);

  // A held post opens in Review, where its blank can be filled in.
  await held.nth(1).getByRole('button').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('review-detail')).toHaveAttribute('data-post-id', ids[401]!);
  // With one post left after filling the other, there is nothing to approve "all" of.
  await rpc(host, 'posts:update', { id: ids[7]!, text: 'Hi friends, post 8 is for you' });
  await rpc(host, 'review:approve', { postIds: [ids[7]!] });
  await expect(page.getByTestId('review-item')).toHaveCount(1);
  await expect(button).toHaveCount(0);
});

test('Stop ends Approve all after the round under way, and says how far it got; Send them back undoes it for what has not changed since', async ({ page, host, openApp }) => {
  const total = 560;
  const ids = await queue(host, total);
  // The second round is held at the network until Stop has been pressed.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let rounds = 0;
  await page.route('**/rpc/review:approveAll', async (route) => {
    rounds++;
    if (rounds === 2) await held;
    await route.continue();
  });

  await openApp(host, '#/review');
  await page.getByTestId('review-approve-all').click();
  await page.getByTestId('review-all-confirm').click();
  const progress = page.getByTestId('review-all-progress');
  await expect(progress).toHaveText('Approved 250 of 560');
  await expect(page.getByTestId('review-all-stop')).toBeFocused();
  await page.getByTestId('review-all-stop').click();
  await expect(progress).toHaveText('Stopping after this round… Approved 250 of 560');
  release();
  await expect(page.getByTestId('review-all-summary')).toHaveText('Stopped: approved 500 posts of 560. The rest still wait in Review.');
  expect(rounds).toBe(2);
  await expect(page.getByTestId('review-approve-all')).toHaveCount(1);
  expect((await rpc<{ total: number }>(host, 'review:list', { limit: 1 })).total).toBe(60);

  // One of the approved posts is deleted meanwhile: the other 499 go back, and the dialog says so.
  const approved = await rpc<{ targets: { state: string }[] }>(host, 'posts:get', { id: ids[3]! });
  expect(approved.targets.map((t) => t.state)).toEqual(['approved']);
  await rpc(host, 'posts:delete', { id: ids[3]! });
  await page.getByTestId('review-all-send-back').click();
  await expect(page.getByTestId('review-all-returned')).toHaveText('499 posts are back in Review; 1 post had gone out or changed since and stays as it is.');
  expect((await rpc<{ total: number }>(host, 'review:list', { limit: 1 })).total).toBe(559);
  await expect(page.getByTestId('nav-review')).toContainText('559');
  await page.getByTestId('review-all-done').click();
  await expect(page.getByTestId('review-all-dialog')).toHaveCount(0);
  await page.getByTestId('review-approve-all').click();
  await expect(page.getByTestId('review-all-dialog').getByRole('heading')).toHaveText('Approve all 559 posts waiting?');
});

test('after Done, the toast keeps Undo: it sends every approved post back to Review, and Ctrl+Z does the same', async ({ page, host, openApp }) => {
  await queue(host, 30);
  await openApp(host, '#/review');
  const approveAll = async () => {
    await page.getByTestId('review-approve-all').click();
    await page.getByTestId('review-all-confirm').click();
    await expect(page.getByTestId('review-all-summary')).toHaveText('Approved 30 posts.');
    await page.getByTestId('review-all-done').click();
    await expect(page.getByTestId('review-all-dialog')).toHaveCount(0);
    await expect(page.getByTestId('review-item')).toHaveCount(0);
  };

  await approveAll();
  const toast = page.getByTestId('toast').filter({ hasText: 'Approved 30 posts' });
  await expect(toast.getByTestId('toast-action')).toHaveText('Undo');
  await toast.getByTestId('toast-action').click();
  await expect(page.getByTestId('toast').filter({ hasText: '30 posts are back in Review.' })).toBeVisible();
  await expect(page.getByTestId('review-item')).toHaveCount(30);
  expect((await rpc<{ total: number }>(host, 'review:list', { limit: 1 })).total).toBe(30);

  // Escape closes the summary the same way, and Ctrl+Z while the toast is up takes it back.
  await page.getByTestId('review-approve-all').click();
  await page.getByTestId('review-all-confirm').click();
  await expect(page.getByTestId('review-all-summary')).toHaveText('Approved 30 posts.');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('review-all-dialog')).toHaveCount(0);
  await expect(page.getByTestId('toast').filter({ hasText: 'Approved 30 posts' }).getByTestId('toast-action')).toBeVisible();
  expect((await rpc<{ total: number }>(host, 'review:list', { limit: 1 })).total).toBe(0);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('review-item')).toHaveCount(30);
  await expect(page.getByTestId('nav-review')).toContainText('30');
});
