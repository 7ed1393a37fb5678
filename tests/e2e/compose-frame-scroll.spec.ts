import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

/**
 * Scrolling something in the composer into view (focus far down, or the composer showing its
 * first problem) scrolls the composer's page and nothing else: the frame (top bar, sidebar,
 * status line) never moves. A visually hidden label once made the window itself taller, so
 * scrollIntoView shifted the whole frame up by the top bar's height.
 */
interface Frame {
  topbar: number;
  statusBottom: number;
  windowHeight: number;
  scrolled: string[];
}

const FRAME_JS = String.raw`(() => ({
  topbar: document.querySelector('.topbar').getBoundingClientRect().top,
  statusBottom: document.querySelector('[data-testid="status-line"]').getBoundingClientRect().bottom,
  windowHeight: window.innerHeight,
  scrolled: [document.scrollingElement, document.body, document.getElementById('root'), ...document.querySelectorAll('.app, .main, .content')]
    .filter((e) => e.scrollTop !== 0)
    .map((e) => (e.className || e.tagName) + ' ' + e.scrollTop),
}))()`;

const frameOf = (page: Page) => page.evaluate<Frame>(FRAME_JS);

test('scrolling a composer field into view at 1024×700 moves only the page, never the frame', async ({ page, host, openApp }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openApp(host, '#/compose');
  await page.getByTestId('compose-text').fill('A long first draft\n'.repeat(12));
  for (const p of ['x', 'bluesky', 'mastodon']) await page.getByTestId(`compose-platform-${p}`).click();
  // Its own text for X: a field with a visually hidden label, far down the form.
  await page.getByTestId('compose-customise-x').click();
  await expect(page.getByTestId('compose-override-x')).toBeVisible();

  for (const id of ['compose-text', 'compose-override-x', 'compose-date', 'compose-schedule']) {
    for (const block of ['start', 'center', 'end'] as const) {
      await page.getByTestId(id).evaluate((el, b) => el.scrollIntoView({ block: b }), block);
      const frame = await frameOf(page);
      expect({ id, block, ...frame }).toEqual({ id, block, topbar: 0, statusBottom: frame.windowHeight, windowHeight: frame.windowHeight, scrolled: [] });
      await expect(page.getByTestId(id)).toBeInViewport();
    }
  }
});
