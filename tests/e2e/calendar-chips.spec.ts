import type { Locator, Page } from '@playwright/test';
import { dayFromToday, expect, test } from './support/fixtures';
import { rpc } from './support/host';

const ZONE = 'Europe/Berlin';
const LAUNCH = 'Launch notes for the spring collection';
const FULL = `${LAUNCH}\nEverything that changed, and the three things we are still fixing before Friday.`;

const monthDay = (page: Page, day: string) => page.locator(`[data-testid="month-day"][data-day="${day}"]`);
const width = async (el: Locator) => (await el.boundingBox())?.width ?? 0;

test.describe('month chips', () => {
  test('show the first line of text at 1024×700, with the post panel open too, and preview the whole post on hover', async ({ page, host, openApp }) => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const day = dayFromToday(ZONE, 3);
    await rpc(host, 'posts:create', { text: FULL, platforms: ['x', 'bluesky'], schedule: { date: day, time: '09:30' }, thread: ['What we fixed', 'What is left'] });

    await openApp(host, `#/calendar/month/${day}`);
    const chip = monthDay(page, day).getByTestId('calendar-chip');
    await expect(chip).toHaveCount(1);
    // The first line only, readable: not a few letters and an ellipsis.
    await expect(chip.getByTestId('chip-time')).toHaveText('09:30');
    await expect(chip.getByTestId('chip-text')).toHaveText(LAUNCH);
    await expect(chip.getByTestId('chip-text')).toBeVisible();
    expect(await width(chip.getByTestId('chip-text'))).toBeGreaterThanOrEqual(80);
    expect(await width(chip)).toBeGreaterThanOrEqual(90);
    // What a screen reader hears starts with what the chip shows.
    await expect(chip).toHaveAccessibleName(new RegExp(`^09:30 ${LAUNCH}, X and Bluesky, Scheduled`));

    // Hovering shows the whole post and where it goes.
    await chip.hover();
    const preview = page.getByTestId('chip-preview');
    await expect(preview).toBeVisible();
    await expect(preview).toHaveAttribute('role', 'tooltip');
    await expect(preview.getByTestId('chip-preview-text')).toHaveText(FULL);
    await expect(preview.getByTestId('chip-preview-target')).toHaveText([/X\s*Scheduled/, /Bluesky\s*Scheduled/]);
    await expect(preview).toContainText('Thread of 3 posts');
    await page.mouse.move(2, 690);
    await expect(preview).toHaveCount(0);

    // Keyboard focus shows it too, and Escape hides it.
    await chip.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect(chip).toBeFocused();
    await expect(preview).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(preview).toHaveCount(0);

    // With the post panel open the days are narrower; the chip still shows words, not just a time.
    await chip.click();
    await expect(page.getByTestId('post-panel')).toBeVisible();
    const text = chip.getByTestId('chip-text');
    await expect(text).toBeVisible();
    await expect(text).toHaveText(LAUNCH);
    expect(await width(text)).toBeGreaterThanOrEqual(36);
    // More than a few letters: where a line is too short, the words take two.
    const box = (await text.boundingBox())!;
    // Lines of about 14 px (11.5 px type): the words' width over every line they take.
    const shown = { lines: Math.max(1, Math.round(box.height / 14)), width: box.width };
    expect(shown.lines * shown.width).toBeGreaterThanOrEqual(64);
    // The time and the words share no line: the words keep the chip's whole width.
    const [timeBox, textBox] = [await chip.getByTestId('chip-time').boundingBox(), await text.boundingBox()];
    expect(textBox!.y).toBeGreaterThan(timeBox!.y + timeBox!.height - 1);
    expect(textBox!.width).toBeGreaterThan((await width(chip)) * 0.7);
  });

  test('a day with 60 posts folds into "+N more", and the list scrolls with full-size chips', async ({ page, host, openApp }) => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const day = dayFromToday(ZONE, 4);
    for (let i = 0; i < 60; i++) {
      const minutes = 6 * 60 + i * 15;
      const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      await rpc(host, 'posts:create', { text: `Busy day post ${i + 1}`, platforms: ['mastodon'], schedule: { date: day, time } });
    }

    await openApp(host, `#/calendar/month/${day}`);
    const cell = monthDay(page, day);
    await expect(cell.getByTestId('calendar-chip')).toHaveCount(3);
    await expect(cell.getByTestId('month-more')).toHaveText('+57 more');
    await cell.getByTestId('month-more').click();

    const list = cell.getByTestId('more-list');
    await expect(list).toBeVisible();
    const chips = list.getByTestId('calendar-chip');
    await expect(chips).toHaveCount(60);
    const body = list.locator('.more-list-body');
    const box = (await body.boundingBox())!;
    // Every chip keeps its height; the list scrolls instead of squeezing them.
    const heights = await chips.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(20);
    const scroll = await body.evaluate((e) => ({ scrollHeight: e.scrollHeight, clientHeight: e.clientHeight }));
    expect(scroll.scrollHeight).toBeGreaterThan(scroll.clientHeight + 20 * 40);
    expect(box.height).toBeLessThanOrEqual(320);
    // The chips in view show their words.
    await expect(chips.first().getByTestId('chip-text')).toHaveText('Busy day post 1');
    expect(await width(chips.first().getByTestId('chip-text'))).toBeGreaterThanOrEqual(80);

    // Scrolled to the end, the last post is there, full size.
    await body.evaluate((e) => e.scrollTo(0, e.scrollHeight));
    const last = chips.last();
    await expect(list).toBeInViewport({ ratio: 1 });
    await expect(last).toBeInViewport();
    await expect(last.getByTestId('chip-text')).toHaveText('Busy day post 60');
    expect((await last.boundingBox())!.height).toBeGreaterThanOrEqual(20);

    // Hovering a chip in the list shows its preview beside the list, not over the posts in it.
    await last.hover();
    const preview = page.getByTestId('chip-preview');
    await expect(preview.getByTestId('chip-preview-text')).toHaveText('Busy day post 60');
    const [p, l] = [(await preview.boundingBox())!, (await body.boundingBox())!];
    expect(p.x >= l.x + l.width || p.x + p.width <= l.x).toBe(true);
  });
});
