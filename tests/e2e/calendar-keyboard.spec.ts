import type { Page } from '@playwright/test';
import { DateTime } from 'luxon';
import type { PostDto } from '../../shared/contract';
import { expect, test } from './support/fixtures';
import { rpc } from './support/host';
import { png } from './support/media';

const ZONE = 'Europe/Berlin';

/** The 10th of next month: always ahead, and never today, so the grid starts on the 1st. */
function tenthNextMonth(): DateTime {
  return DateTime.now().setZone(ZONE).startOf('month').plus({ months: 1, days: 9 });
}
const key = (d: DateTime) => d.toFormat('yyyy-LL-dd');
const monthDay = (page: Page, day: string) => page.locator(`[data-testid="month-day"][data-day="${day}"]`);
/** The day cell or chip that has focus, by its day. */
const focusedDay = async (page: Page) => {
  const cell = page.locator('[data-nav-day]:focus-within');
  return (await cell.count()) === 1 ? cell.getAttribute('data-nav-day') : null;
};
const focusInGrid = async (page: Page, testId: string) => (await page.locator(`[data-testid="${testId}"]:focus-within`).count()) > 0;

test.describe('the calendar grid from the keyboard', () => {
  test('is one Tab stop: arrows move day by day, Enter goes into a day’s chips and opens one, Tab leaves', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const tenth = tenthNextMonth();
    const day = key(tenth);
    await rpc(host, 'posts:create', { text: 'Morning notes on the launch', platforms: ['x'], schedule: { date: day, time: '09:00' } });
    await rpc(host, 'posts:create', { text: 'Evening recap with the team', platforms: ['mastodon'], schedule: { date: day, time: '18:00' } });
    await rpc(host, 'posts:create', { text: 'Next day teaser', platforms: ['x'], schedule: { date: key(tenth.plus({ days: 1 })), time: '10:00' } });

    await openApp(host, `#/calendar/month/${day}`);
    const grid = page.getByTestId('month-view');
    await expect(grid.getByTestId('calendar-chip')).toHaveCount(3);
    await expect(grid.getByRole('grid')).toHaveAccessibleName(tenth.toFormat('LLLL yyyy'));
    // One element of the whole grid is in the Tab order: the month's first day.
    await expect(grid.locator('[tabindex="0"]')).toHaveCount(1);
    await expect(grid.locator('[tabindex="0"]')).toHaveAttribute('data-day', key(tenth.startOf('month')));
    await expect(grid.getByTestId('calendar-chip').first()).toHaveAttribute('tabindex', '-1');

    // Tabbing on from the toolbar reaches the grid; from the control just before it, one Tab.
    await page.getByTestId('calendar-view-month').focus();
    for (let i = 0; i < 12 && !(await focusInGrid(page, 'month-view')); i++) await page.keyboard.press('Tab');
    expect(await focusedDay(page)).toBe(key(tenth.startOf('month')));
    await page.keyboard.press('Shift+Tab');
    expect(await focusInGrid(page, 'month-view')).toBe(false);
    await page.keyboard.press('Tab');
    expect(await focusedDay(page)).toBe(key(tenth.startOf('month')));

    // Arrows: a day at a time, a week with Down; Home and End the week's ends.
    await page.keyboard.press('ArrowRight');
    expect(await focusedDay(page)).toBe(key(tenth.startOf('month').plus({ days: 1 })));
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowDown');
    expect(await focusedDay(page)).toBe(key(tenth.startOf('month').plus({ days: 7 })));
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await focusedDay(page)).toBe(key(tenth.startOf('month').plus({ days: 9 })));
    await expect(monthDay(page, day)).toBeFocused();
    await expect(monthDay(page, day)).toHaveAccessibleName(new RegExp(`^${tenth.toFormat('cccc d LLLL')}.*: 2 posts$`));
    await page.keyboard.press('Home');
    expect(await focusedDay(page)).toBe(key(tenth.minus({ days: tenth.weekday - 1 })));
    await page.keyboard.press('End');
    expect(await focusedDay(page)).toBe(key(tenth.plus({ days: 7 - tenth.weekday })));
    for (let i = 0; i < 7 - tenth.weekday; i++) await page.keyboard.press('ArrowLeft');
    await expect(monthDay(page, day)).toBeFocused();
    await expect(grid.locator('[tabindex="0"]')).toHaveCount(1);

    // A second Tab leaves the grid; coming back lands on the same day.
    await page.keyboard.press('Tab');
    expect(await focusInGrid(page, 'month-view')).toBe(false);
    await page.keyboard.press('Shift+Tab');
    await expect(monthDay(page, day)).toBeFocused();

    // Enter goes into the day's chips, Down to the next, Escape back to the day.
    const chips = monthDay(page, day).getByTestId('calendar-chip');
    await page.keyboard.press('Enter');
    await expect(chips.nth(0)).toBeFocused();
    await expect(page.getByTestId('post-panel')).toHaveCount(0);
    await page.keyboard.press('ArrowDown');
    await expect(chips.nth(1)).toBeFocused();
    await expect(chips.nth(1)).toHaveAttribute('tabindex', '0');
    await expect(grid.locator('[tabindex="0"]')).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(monthDay(page, day)).toBeFocused();

    // Enter on a chip opens its post.
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('post-panel')).toBeVisible();
    await expect(page.getByTestId('post-panel')).toContainText('Evening recap with the team');
  });

  test('Page Down turns to the next month with the same day in focus, and a chip still moves with M', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const tenth = tenthNextMonth();
    const post = await rpc<PostDto>(host, 'posts:create', { text: 'Moves by keyboard', platforms: ['x'], schedule: { date: key(tenth), time: '11:00' } });

    await openApp(host, `#/calendar/month/${key(tenth)}`);
    await expect(page.getByTestId('calendar-chip')).toHaveCount(1);
    await monthDay(page, key(tenth)).focus();
    await page.keyboard.press('PageDown');
    await expect(page.getByTestId('calendar-period')).toHaveText(tenth.plus({ months: 1 }).toFormat('LLLL yyyy'));
    await expect(monthDay(page, key(tenth.plus({ months: 1 })))).toBeFocused();
    await page.keyboard.press('PageUp');
    await expect(page.getByTestId('calendar-period')).toHaveText(tenth.toFormat('LLLL yyyy'));
    await expect(monthDay(page, key(tenth))).toBeFocused();
    // Back on the month, its posts are read again: Enter goes into the chips a person can see,
    // so wait for the chip as they would (pressed before it was drawn, Enter had nothing to enter:
    // CI saw this race once).
    await expect(monthDay(page, key(tenth)).getByTestId('calendar-chip')).toHaveCount(1);

    // Into the chip, then the keyboard move (M, arrows, Enter) as before.
    await page.keyboard.press('Enter');
    const chip = monthDay(page, key(tenth)).getByTestId('calendar-chip');
    await expect(chip).toBeFocused();
    await page.keyboard.press('m');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const next = key(tenth.plus({ days: 1 }));
    await expect(monthDay(page, next).getByTestId('calendar-chip')).toBeFocused();
    await expect(page.getByTestId('toast').last()).toContainText('Moved to');
    const moved = await rpc<PostDto>(host, 'posts:get', { id: post.id });
    expect(moved.scheduledAt).toBe(DateTime.fromISO(`${next}T11:00`, { zone: ZONE }).toUTC().toISO());
    // The moved chip holds the grid's one Tab stop.
    await expect(page.getByTestId('month-view').locator('[tabindex="0"]')).toHaveCount(1);
    await expect(monthDay(page, next).getByTestId('calendar-chip')).toHaveAttribute('tabindex', '0');
  });

  test('the week is one Tab stop too: Left and Right between days, Down into the chips', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const tenth = tenthNextMonth();
    await rpc(host, 'posts:create', { text: 'Week chip', platforms: ['x'], schedule: { date: key(tenth), time: '10:00' } });

    await openApp(host, `#/calendar/week/${key(tenth)}`);
    const grid = page.getByTestId('week-view');
    await expect(grid.getByTestId('calendar-chip')).toHaveCount(1);
    await expect(grid.locator('[tabindex="0"]')).toHaveCount(1);
    const monday = tenth.minus({ days: tenth.weekday - 1 });
    await grid.locator('[tabindex="0"]').focus();
    expect(await focusedDay(page)).toBe(key(monday));
    for (let i = 1; i < tenth.weekday; i++) await page.keyboard.press('ArrowRight');
    expect(await focusedDay(page)).toBe(key(tenth));
    await page.keyboard.press('ArrowDown');
    await expect(grid.getByTestId('calendar-chip')).toBeFocused();
    await page.keyboard.press('Escape');
    expect(await focusedDay(page)).toBe(key(tenth));
    await page.keyboard.press('Tab');
    expect(await focusInGrid(page, 'week-view')).toBe(false);
  });
});

test.describe('chip thumbnails', () => {
  test('a post with an image shows it small on its chip, fetched once for chips that share it, and its name says so', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const tenth = tenthNextMonth();
    const media = await rpc<{ hash: string }>(host, 'media:upload', { name: 'wall.png', mime: 'image/png', dataBase64: png(120, 80, [40, 120, 200]).toString('base64') });
    for (const [i, text] of ['Studio wall, take one', 'Studio wall, take two'].entries()) {
      const post = await rpc<PostDto>(host, 'posts:create', { text, platforms: ['x'], schedule: { date: key(tenth.plus({ days: i })), time: '12:00' } });
      await rpc(host, 'media:setForPost', { postId: post.id, items: [{ hash: media.hash, altText: 'A blue wall' }] });
    }
    await rpc(host, 'posts:create', { text: 'Words only', platforms: ['x'], schedule: { date: key(tenth), time: '15:00' } });
    const thumbnailCalls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/rpc/media:thumbnail')) thumbnailCalls.push(r.url());
    });

    await openApp(host, `#/calendar/month/${key(tenth)}`);
    const withImage = page.getByTestId('calendar-chip').filter({ hasText: 'Studio wall' });
    await expect(withImage).toHaveCount(2);
    for (const chip of await withImage.all()) {
      await expect(chip.getByTestId('chip-thumb')).toHaveAttribute('data-loaded', 'true');
      await expect(chip.getByTestId('chip-thumb').locator('img')).toBeVisible();
      await expect(chip).toHaveAccessibleName(/^12:00 Studio wall, take (one|two), X, Scheduled, with an image$/);
    }
    const plain = page.getByTestId('calendar-chip').filter({ hasText: 'Words only' });
    await expect(plain.getByTestId('chip-thumb')).toHaveCount(0);
    await expect(plain).toHaveAccessibleName(/^15:00 Words only, X, Scheduled$/);
    // The words keep their line next to the thumbnail.
    expect((await withImage.first().getByTestId('chip-text').boundingBox())!.width).toBeGreaterThanOrEqual(60);
    expect(thumbnailCalls).toHaveLength(1);
  });
});
