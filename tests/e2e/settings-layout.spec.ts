import type { Locator } from '@playwright/test';
import { expect, test } from './support/fixtures';

/* Found at 1024×700: Settings cards of different widths, and help text in two sizes. */

test.use({ viewport: { width: 1024, height: 700 } });

const fontSize = (el: Locator) => el.evaluate((e) => e.ownerDocument.defaultView!.getComputedStyle(e).fontSize);

test('every Settings card is as wide as the others, Developer apps included', async ({ page, host, openApp }) => {
  await openApp(host, '#/settings');
  const apps = (await page.getByTestId('developer-apps').boundingBox())!;
  const backups = (await page.getByTestId('settings-backups').boundingBox())!;
  const writing = (await page.getByTestId('settings-writing').boundingBox())!;
  expect(Math.round(apps.width)).toBe(Math.round(backups.width));
  expect(Math.round(apps.width)).toBe(Math.round(writing.width));
  expect(Math.round(apps.x)).toBe(Math.round(backups.x));
  // Still no sideways scrolling.
  expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true);
});

test('Backups: “No backups yet” is in the same type as the card’s description', async ({ page, host, openApp }) => {
  await openApp(host, '#/settings');
  const card = page.getByTestId('settings-backups');
  const empty = card.getByTestId('backups-empty');
  await expect(empty).toBeVisible();
  const description = card.locator('p.setting-help').first();
  expect(await fontSize(empty)).toBe(await fontSize(description));
  const colour = (el: Locator) => el.evaluate((e) => e.ownerDocument.defaultView!.getComputedStyle(e).color);
  expect(await colour(empty)).toBe(await colour(description));
});
