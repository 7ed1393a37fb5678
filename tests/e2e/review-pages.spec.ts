import type { PostDto } from '../../shared/contract';
import { LIST_SECTION_STEP } from '../../shared/domain/list-sections';
import { expect, test } from './support/fixtures';
import { rpc } from './support/host';

test('a long review queue comes a step at a time: it says how many wait, Show more brings them, and J on the last post reads on', async ({ page, host, openApp }) => {
  const total = LIST_SECTION_STEP + 5;
  const ids: string[] = [];
  for (let i = 0; i < total; i += 20) {
    const made = await Promise.all(Array.from({ length: Math.min(20, total - i) }, (_, k) => rpc<PostDto>(host, 'posts:create', { text: `Waiting post number ${i + k + 1}`, platforms: ['x'], schedule: null })));
    ids.push(...made.map((p) => p.id));
  }
  await rpc(host, 'review:send', { postIds: ids });

  await openApp(host, '#/review');
  const items = page.getByTestId('review-item');
  await expect(items).toHaveCount(LIST_SECTION_STEP);
  await expect(page.getByTestId('nav-review')).toContainText(String(total));
  const more = page.getByTestId('review-more');
  await expect(more).toContainText(`${LIST_SECTION_STEP} of ${total} shown; 5 more wait after these`);
  await more.getByRole('button', { name: 'Show 5 more' }).click();
  await expect(items).toHaveCount(total);
  await expect(more).toHaveCount(0);

  // Opened afresh, the queue is read a step again; J on the last post read brings the next and opens it.
  await openApp(host, '#/review');
  await expect(items).toHaveCount(LIST_SECTION_STEP);
  await items.nth(LIST_SECTION_STEP - 1).click();
  const detail = page.getByTestId('review-detail');
  await expect(detail).toHaveAttribute('data-post-id', (await items.nth(LIST_SECTION_STEP - 1).getAttribute('data-review-item'))!);
  await page.keyboard.press('j');
  await expect(items).toHaveCount(total);
  await expect(detail).toHaveAttribute('data-post-id', (await items.nth(LIST_SECTION_STEP).getAttribute('data-review-item'))!);
  await expect(items.nth(LIST_SECTION_STEP)).toBeFocused();

  // The whole page is approved at once: one tick for every post shown, then Approve selected.
  const all = page.getByTestId('review-select-all');
  await expect(all).toHaveAccessibleName(`Select all ${total} shown`);
  await page.getByTestId('review-select').nth(0).check();
  await expect(all).not.toBeChecked();
  expect(await all.evaluate((el) => (el as unknown as { indeterminate: boolean }).indeterminate)).toBe(true);
  await all.check();
  await expect(page.getByTestId('review-approve-selected')).toHaveText(`Approve selected (${total})`);
  await page.getByTestId('review-approve-selected').click();
  await expect(page.getByTestId('review-empty')).toBeVisible();
  expect(await rpc<{ total: number }>(host, 'review:list', {})).toEqual({ items: [], total: 0 });
  const approved = await rpc<PostDto>(host, 'posts:get', { id: ids[0]! });
  expect(approved.targets.map((t) => t.state)).toEqual(['approved']);
});
