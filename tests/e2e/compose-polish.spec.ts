import type { Page } from '@playwright/test';
import { dayFromToday, expect, fillComposer, test } from './support/fixtures';
import { rpc } from './support/host';
import { png } from './support/media';
import { ZOOM_200 } from './support/reflow';

/**
 * ui.md: the composer holds at 1024×700, on a wide 1440 window and at 200 % zoom, with every field
 * named for screen readers, no control lying over another, and its notes lined up with what they
 * are about (the media refusals were indented 18 px under the tray for a list marker never drawn).
 */
const ZONE = 'Europe/Berlin';

interface Layout {
  controls: number;
  unlabelled: string[];
  overlaps: string[];
  notesOffset: number[];
}

/** The composer's visible controls and the problems found among them. A string: e2e specs are type-checked without the DOM library. */
const LAYOUT_JS = String.raw`(() => {
  const root = document.querySelector('[data-testid=compose-screen]');
  const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 1 && r.height > 1 && getComputedStyle(el).visibility !== 'hidden'; };
  const text = (el) => (el ? el.textContent || '' : '').trim();
  const nameOf = (el) =>
    (el.getAttribute('aria-label') || '').trim() ||
    (el.getAttribute('aria-labelledby') || '').split(/\s+/).map((id) => text(document.getElementById(id))).join(' ').trim() ||
    [...(el.labels || [])].map(text).join(' ').trim() ||
    (['BUTTON', 'A'].includes(el.tagName) ? text(el) : '') ||
    (el.getAttribute('title') || '').trim();
  const idOf = (el) => el.getAttribute('data-testid') || el.tagName.toLowerCase() + (el.id ? '#' + el.id : '');
  const controls = [...root.querySelectorAll('input:not([type=file]), select, textarea, button, a[href]')].filter(shown);
  const overlaps = [];
  for (let i = 0; i < controls.length; i++)
    for (let j = i + 1; j < controls.length; j++) {
      const [a, b] = [controls[i], controls[j]];
      if (a.contains(b) || b.contains(a)) continue;
      const [p, q] = [a.getBoundingClientRect(), b.getBoundingClientRect()];
      if (Math.min(p.right, q.right) - Math.max(p.left, q.left) > 1 && Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 1) overlaps.push(idOf(a) + ' over ' + idOf(b));
    }
  const tray = root.querySelector('[data-testid=compose-media]').getBoundingClientRect().left;
  return {
    controls: controls.length,
    unlabelled: controls.filter((el) => !nameOf(el)).map(idOf),
    overlaps,
    notesOffset: [...root.querySelectorAll('[data-testid=compose-media-refusals] li, [data-testid=compose-media-notes] li')].map((li) => Math.round(li.getBoundingClientRect().left - tray)),
  };
})()`;

async function busyComposer(page: Page): Promise<void> {
  // A post with about everything the composer can show: counters over X's limit, media refused by
  // two platforms and missing its alt text, a thread part, one platform with its own words.
  await fillComposer(page, { text: 'A post that runs past the limit of X on purpose. '.repeat(7), platforms: ['x', 'bluesky', 'tiktok', 'instagram'], date: dayFromToday(ZONE, 2), time: '08:15' });
  await page.getByTestId('compose-media-input').setInputFiles({ name: 'greenhouse.png', mimeType: 'image/png', buffer: png(12, 8, [40, 160, 60]) });
  await expect(page.getByTestId('compose-media-refusal')).toHaveCount(2);
  await page.getByTestId('compose-thread-add').click();
  await page.getByTestId('compose-customise-bluesky').click();
  await expect(page.getByTestId('compose-override-bluesky')).toBeVisible();
}

for (const size of [
  { name: '1024×700', viewport: { width: 1024, height: 700 }, scale: 1 },
  { name: '1440×900', viewport: { width: 1440, height: 900 }, scale: 1 },
  { name: '200 % zoom', viewport: ZOOM_200, scale: 2 },
]) {
  test.describe(`the composer at ${size.name}`, () => {
    test.use({ viewport: size.viewport, deviceScaleFactor: size.scale });

    test('names every field, lays no control over another and lines its media notes up with the tray', async ({ page, host, openApp }) => {
      await rpc(host, 'settings:update', { timeZone: ZONE });
      await openApp(host, '#/compose');
      await busyComposer(page);
      const layout = await page.evaluate<Layout>(LAYOUT_JS);
      expect(layout.controls).toBeGreaterThan(25);
      expect(layout.unlabelled).toEqual([]);
      expect(layout.overlaps).toEqual([]);
      expect(layout.notesOffset.length).toBeGreaterThanOrEqual(3);
      expect(layout.notesOffset.every((dx) => Math.abs(dx) <= 1), `media notes start ${layout.notesOffset.join(', ')} px from the tray`).toBe(true);
    });
  });
}

/** An avatar filled in a brand colour close to the page (X's #111 on dark, TikTok's cyan on light) gets a 1px edge; the others none. */
for (const [scheme, edged] of [['dark', 'x'], ['light', 'tiktok']] as const) {
  test(`outlines the ${edged} avatar, and only it, in the ${scheme} theme`, async ({ page, host, openApp }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openApp(host, '#/compose');
    for (const p of ['x', 'tiktok', 'bluesky']) await page.getByTestId(`compose-platform-${p}`).click();
    const edge = (p: string) => page.getByTestId(`compose-account-waiting-${p}`).locator('.account-avatar').evaluate((e) => e.ownerDocument.defaultView!.getComputedStyle(e).boxShadow);
    expect(await edge(edged)).toMatch(scheme === 'dark' ? /^rgb\(92, 92, 102\) 0px 0px 0px 1px inset$/ : /^rgb\(154, 154, 151\) 0px 0px 0px 1px inset$/);
    for (const p of ['x', 'tiktok', 'bluesky'].filter((q) => q !== edged)) expect(await edge(p), p).toMatch(/^rgba\(0, 0, 0, 0\)/);
  });
}
