import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { ZOOM_200 } from './support/reflow';

/**
 * Accounts → Connect: every platform's button keeps room around its name ("Facebook Page", bold
 * when picked, once ran into the button's edge at 1024 px), at 1024×700 and at 200 % zoom.
 */
const PLATFORMS = ['x', 'bluesky', 'mastodon', 'linkedin', 'facebook', 'instagram', 'threads', 'tiktok', 'youtube', 'pinterest'];
const MIN_GAP = 10;

interface Room {
  name: string;
  left: number;
  right: number;
  overflow: number;
}

/** The space between a button's edges and its contents (dot and name), and how far they overflow it. */
const roomOf = (page: Page, platform: string): Promise<Room> =>
  page.getByTestId(`connect-platform-${platform}`).evaluate((label) => {
    const face = label.querySelector('.connect-platform-face')!;
    const box = face.getBoundingClientRect();
    const range = label.ownerDocument.createRange();
    range.selectNodeContents(face);
    const text = range.getBoundingClientRect();
    return { name: (face.textContent ?? '').trim(), left: Math.round(text.left - box.left), right: Math.round(box.right - text.right), overflow: face.scrollWidth - face.clientWidth };
  });

for (const [where, viewport] of [
  ['1024×700', { width: 1024, height: 700 }],
  ['200 % zoom', ZOOM_200],
] as const) {
  test(`each platform button in the connect panel keeps its name off its edges at ${where}`, async ({ page, host, openApp }) => {
    await page.setViewportSize(viewport);
    await openApp(host, '#/accounts');
    await page.getByTestId('accounts-connect').click();
    for (const p of PLATFORMS) {
      await expect(page.getByTestId(`connect-platform-${p}`)).toBeVisible();
      const plain = await roomOf(page, p);
      await page.getByTestId(`connect-platform-${p}`).click();
      await expect(page.getByTestId(`connect-platform-${p}`).locator('input')).toBeChecked();
      const picked = await roomOf(page, p);
      for (const room of [plain, picked]) {
        expect(room.overflow, `${room.name} overflows its button`).toBeLessThanOrEqual(0);
        expect(Math.min(room.left, room.right), `${room.name}: ${room.left} px left, ${room.right} px right`).toBeGreaterThanOrEqual(MIN_GAP);
      }
    }
  });
}
