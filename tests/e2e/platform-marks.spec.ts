import type { Page } from '@playwright/test';
import { dayFromToday, expect, test } from './support/fixtures';
import { rpc } from './support/host';

/**
 * ui.md: platform colours only as small marks. A mark must still be seen: WCAG 1.4.11 asks 3:1
 * between a non-text mark and what it sits on, in the light and the dark theme alike (X's brand
 * #111 all but vanished on the dark surfaces).
 */
const ZONE = 'Europe/Berlin';
const PLATFORMS = ['x', 'bluesky', 'mastodon', 'linkedin', 'facebook', 'instagram', 'threads', 'tiktok', 'youtube', 'pinterest'];

interface Mark {
  where: string;
  colour: string;
  behind: string;
  ratio: number;
}

/** Each visible mark's colour and the colour behind it (the nearest opaque ancestor background, translucent ones blended in), with their contrast ratio. */
const MARKS_JS = String.raw`(() => {
  const rgba = (s) => {
    const n = (s.match(/[\d.]+/g) || []).map(Number);
    return s.startsWith('color(') ? [n[0] * 255, n[1] * 255, n[2] * 255, n.length > 3 ? n[3] : 1] : [n[0], n[1], n[2], n.length > 3 ? n[3] : 1];
  };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
  const behind = (el) => {
    const layers = [];
    for (let e = el.parentElement; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let colour = [255, 255, 255, 1];
    for (const c of layers.reverse()) colour = over(c, colour);
    return colour;
  };
  const lum = (c) => c.slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }).reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [hi, lo] = [lum(a), lum(b)].sort((p, q) => q - p); return (hi + 0.05) / (lo + 0.05); };
  return [...document.querySelectorAll('.platform-dot, .chip-dot')].filter((el) => el.getClientRects().length > 0).map((el) => {
    const mine = rgba(getComputedStyle(el).backgroundColor);
    const under = behind(el);
    const owner = el.closest('[data-testid]');
    return { where: (owner ? owner.getAttribute('data-testid') : el.className) + ' ' + (owner ? owner.textContent.trim().slice(0, 24) : ''), colour: mine.slice(0, 3).map(Math.round).join(','), behind: under.slice(0, 3).map(Math.round).join(','), ratio: Math.round(ratio(over(mine, under), under) * 100) / 100 };
  });
})()`;

const marks = (page: Page) => page.evaluate<Mark[]>(MARKS_JS);
const below3 = (ms: Mark[]) => ms.filter((m) => m.ratio < 3);

for (const scheme of ['light', 'dark'] as const) {
  test(`every platform mark keeps 3:1 against its background in the ${scheme} theme`, async ({ page, host, openApp }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const day = dayFromToday(ZONE, 2);
    await rpc(host, 'posts:create', { text: 'Marks on a chip', platforms: ['x', 'linkedin', 'threads'], schedule: { date: day, time: '09:00' } });

    // Calendar chips, plain and the one open in the side panel (on the accent's soft fill).
    await openApp(host, `#/calendar/month/${day}`);
    const chip = page.locator(`[data-testid="month-day"][data-day="${day}"]`).getByTestId('calendar-chip');
    await expect(chip.locator('.chip-dot')).toHaveCount(3);
    let seen = await marks(page);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(below3(seen)).toEqual([]);
    await chip.click();
    await expect(chip).toHaveAttribute('aria-current', 'true');
    expect(below3(await marks(page))).toEqual([]);

    // The composer's platform toggles, half of them pressed (pressed ones sit on the accent's soft fill).
    await page.goto(`${host.url}#/compose`);
    await expect(page.getByTestId('compose-platforms').locator('.platform-dot')).toHaveCount(PLATFORMS.length);
    for (const p of PLATFORMS.filter((_, i) => i % 2 === 0)) await page.getByTestId(`compose-platform-${p}`).click();
    seen = await marks(page);
    expect(seen.length).toBeGreaterThanOrEqual(PLATFORMS.length);
    expect(below3(seen)).toEqual([]);

    // Accounts: the connect panel's platform choices, one of them picked.
    await page.goto(`${host.url}#/accounts`);
    await page.getByTestId('accounts-connect').click();
    await expect(page.locator('.connect-platform .platform-dot')).toHaveCount(PLATFORMS.length);
    await page.getByTestId('connect-platform-x').click();
    seen = await marks(page);
    expect(seen.length).toBeGreaterThanOrEqual(PLATFORMS.length);
    expect(below3(seen)).toEqual([]);
  });
}
