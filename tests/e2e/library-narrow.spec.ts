import { expect, test } from './support/fixtures';

test.describe('the library in a narrow window', () => {
  test('at 900 px a chosen template takes the list’s place, with the keyboard on its heading, and Back returns to it', async ({ page, host, openApp }) => {
    await page.setViewportSize({ width: 900, height: 800 });
    await openApp(host, '#/library/templates');
    const item = page.locator('a.template-item[data-template-id="builtin-hook-before-after"]');
    await expect(item).toBeVisible();
    await item.focus();
    await page.keyboard.press('Enter');

    const detail = page.getByTestId('template-detail');
    const title = detail.getByTestId('template-title');
    await expect(title).toHaveText('Before and after');
    await expect(title).toBeFocused();
    await expect(title).toBeInViewport();
    await expect(detail.getByText('Fill in the blanks')).toBeVisible();
    await expect(page.getByTestId('template-list')).toBeHidden();
    await detail.getByTestId('template-use-submit').scrollIntoViewIfNeeded();
    await expect(detail.getByTestId('template-use-submit')).toBeInViewport();

    // Back: the list again, the keyboard on the template it came from.
    await page.getByTestId('template-back').click();
    await expect(page.getByTestId('template-list')).toBeVisible();
    await expect(page.getByTestId('template-detail')).toHaveCount(0);
    await expect(item).toBeFocused();
  });

  test('wide, the list and the template sit side by side and the list keeps the keyboard', async ({ page, host, openApp }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openApp(host, '#/library/templates');
    const item = page.locator('a.template-item[data-template-id="builtin-hook-before-after"]');
    await item.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('template-title')).toHaveText('Before and after');
    await expect(page.getByTestId('template-list')).toBeVisible();
    await expect(page.getByTestId('template-back')).toBeHidden();
    await expect(item).toBeFocused();
  });
});
