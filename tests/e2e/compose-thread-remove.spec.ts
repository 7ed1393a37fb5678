import { expect, fillComposer, test } from './support/fixtures';
import { rpc } from './support/host';

const parts = (page: import('@playwright/test').Page) => page.locator('textarea[data-testid^="compose-thread-"]');

test('removing a thread part moves focus off the Remove buttons, says so, and Undo puts the words back', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: 'Europe/Berlin', firstRun: { state: 'dismissed', steps: [] } });
  await openApp(host, '#/compose');
  await fillComposer(page, { text: 'Part one of a thread about warps.', platforms: ['mastodon'] });
  for (const [i, words] of ['Part two: tension.', 'Part three: finishing.', 'Part four: washing.'].entries()) {
    await page.getByTestId('compose-thread-add').click();
    await page.getByTestId(`compose-thread-${i}`).fill(words);
  }

  // Keyboard: Enter on "Remove part 2"; a second Enter must not take part three with it.
  await page.getByTestId('compose-thread-remove-0').focus();
  await page.keyboard.press('Enter');
  await expect(parts(page)).toHaveCount(2);
  await expect(page.getByTestId('compose-thread-0')).toBeFocused();
  await expect(page.getByTestId('compose-thread-status')).toHaveText('Part 2 removed.');
  await page.keyboard.press('Enter'); // typed into the focused part, not a second removal
  await expect(parts(page)).toHaveCount(2);
  await page.getByTestId('compose-thread-0').fill('Part three: finishing.');

  // Undo puts part 2 back where it was, with its words, and focuses it.
  await page.getByTestId('compose-thread-undo').click();
  await expect(parts(page)).toHaveCount(3);
  expect(await parts(page).evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value))).toEqual(['Part two: tension.', 'Part three: finishing.', 'Part four: washing.']);
  await expect(page.getByTestId('compose-thread-0')).toBeFocused();
  await expect(page.getByTestId('compose-thread-status')).toHaveText('Part 2 is back.');
  await expect(page.getByTestId('compose-thread-undo')).toHaveCount(0);

  // Removing the last part moves focus to the part before it; removing the only one, to Add to thread.
  await page.getByTestId('compose-thread-remove-2').click();
  await expect(page.getByTestId('compose-thread-1')).toBeFocused();
  await page.getByTestId('compose-thread-remove-1').click();
  await page.getByTestId('compose-thread-remove-0').click();
  await expect(parts(page)).toHaveCount(0);
  await expect(page.getByTestId('compose-thread-add')).toBeFocused();
  // Each removal can be undone, newest first.
  await page.getByTestId('compose-thread-undo').click();
  await expect(page.getByTestId('compose-thread-0')).toHaveValue('Part two: tension.');
});
