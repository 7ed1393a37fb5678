import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { rpc } from './support/host';

/*
 * Escape in the top bar's search clears it and gives the keyboard back where it was before the top
 * bar took it, or to the screen's heading when that is gone: never to the page body (ui.md: focus
 * is always somewhere sensible). Keyboard only.
 */

/** Presses Tab (or `key`) until `target` has focus (at most `max` presses). */
async function tabTo(page: Page, target: Locator, key = 'Tab', max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement)) return;
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}

const bodyHasFocus = (page: Page) => page.evaluate<boolean>('document.activeElement === document.body || document.activeElement === null');

test('Escape in search gives focus back to what had it before "/"', async ({ page, host, openApp }) => {
  await openApp(host, '#/analytics');
  const tab = page.getByRole('tab', { name: 'Best times' });
  await tabTo(page, tab);
  await page.keyboard.press('/');
  await expect(page.getByTestId('search-input')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(tab).toBeFocused();
  expect(await bodyHasFocus(page)).toBe(false);
  // The page is as it was: still Analytics, search empty.
  await expect(page.getByTestId('analytics-screen')).toBeVisible();
  await expect(page.getByTestId('search-input')).toHaveValue('');
});

test('Shift+Tab back into the top bar and on to search: Escape gives focus to the last thing focused outside the top bar', async ({ page, host, openApp }) => {
  await openApp(host, '#/analytics');
  await tabTo(page, page.getByRole('tab', { name: 'Overview' }));
  // Back a key at a time, marking each element focused outside the top bar, until search has focus.
  const search = page.getByTestId('search-input');
  let lastOutside = '';
  for (let i = 0; i < 60 && !(await search.evaluate((el) => el === el.ownerDocument.activeElement)); i++) {
    // Marks the element with focus, unless it is in the top bar (or nothing is); its mark, or null.
    const here = await page.evaluate<string | null>(`(() => {
      const a = document.activeElement;
      if (!a || a === document.body || a.closest('.topbar')) return null;
      a.setAttribute('data-visited', String(${i}));
      return String(${i});
    })()`);
    if (here) lastOutside = here;
    await page.keyboard.press('Shift+Tab');
  }
  await expect(search).toBeFocused();
  expect(lastOutside).not.toBe('');
  await page.keyboard.press('Escape');
  await expect(page.locator(`[data-visited="${lastOutside}"]`)).toBeFocused();
});

test('when what had focus is gone (typing took you to the calendar), Escape puts focus on the screen heading', async ({ page, host, openApp }) => {
  await rpc(host, 'posts:create', { text: 'Podcast episode 12 is out', platforms: ['x'], schedule: null });
  await openApp(host, '#/analytics');
  await tabTo(page, page.getByRole('tab', { name: 'What works' }));
  await page.keyboard.press('/');
  await page.keyboard.type('podcast');
  await expect(page.getByTestId('calendar-screen')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('search-input')).toHaveValue('');
  await expect(page.locator('#page-title')).toBeFocused();
  expect(await bodyHasFocus(page)).toBe(false);
});

test('"/" from the page body, then Escape: focus goes to the screen heading, not back to the body', async ({ page, host, openApp }) => {
  await openApp(host, '#/analytics');
  const heading = page.getByRole('heading', { level: 1, name: 'Analytics' });
  await expect(heading).toBeVisible();
  expect(await bodyHasFocus(page)).toBe(true);
  await page.keyboard.press('/');
  await expect(page.getByTestId('search-input')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(heading).toBeFocused();
});
