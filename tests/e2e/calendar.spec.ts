import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import type { Page } from '@playwright/test';
import { dayFromToday, expect, test } from './support/fixtures';
import { rpc } from './support/host';
import { schedulePost } from './support/seed';

const ZONE = 'Europe/Berlin';
const OUT = resolve(__dirname, '../../docs/screenshots');

interface Post {
  id: string;
  scheduledAt: string | null;
  version: number;
}

/** A Tuesday in the second week of next month: always ahead, and Monday to Friday of its week. */
function tuesdayNextMonth(): string {
  let d = DateTime.now().setZone(ZONE).startOf('month').plus({ months: 1, days: 7 });
  while (d.weekday !== 2) d = d.plus({ days: 1 });
  return d.toFormat('yyyy-LL-dd');
}

const plusDays = (date: string, n: number) => DateTime.fromISO(date, { zone: ZONE }).plus({ days: n }).toFormat('yyyy-LL-dd');
const instant = (date: string, time: string) => DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toUTC().toISO();
/** How the announcer names a day: "Tuesday 12 January", with the year when it isn't this one. */
const longDay = (date: string) => {
  const d = DateTime.fromISO(date);
  return d.toFormat(d.year === DateTime.now().setZone(ZONE).year ? 'cccc d LLLL' : 'cccc d LLLL yyyy');
};

const monthDay = (page: Page, day: string) => page.locator(`[data-testid="month-day"][data-day="${day}"]`);
const weekDay = (page: Page, day: string) => page.locator(`[data-testid="week-day"][data-day="${day}"]`);

test.describe('the calendar', () => {
  test('switches between month, week and list, with a line at the current time in the week', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    await rpc(host, 'posts:create', { text: 'Week-one recap for the newsletter', platforms: ['linkedin', 'mastodon'], schedule: { date: dayFromToday(ZONE, 1), time: '09:15' } });
    const now = DateTime.now().setZone(ZONE);

    await openApp(host);
    await expect(page.getByTestId('list-view')).toBeVisible();
    await expect(page.getByTestId('calendar-view-list')).toHaveAttribute('aria-pressed', 'true');

    await page.getByTestId('calendar-view-month').click();
    await expect(page.getByTestId('month-view')).toBeVisible();
    await expect(page.getByTestId('calendar-period')).toHaveText(now.toFormat('LLLL yyyy'));
    await expect(monthDay(page, now.toFormat('yyyy-LL-dd'))).toHaveAttribute('data-today', 'true');
    // Tomorrow is on this month's grid unless today ends a month on a Sunday.
    const tomorrow = now.plus({ days: 1 });
    if (tomorrow.month === now.month || tomorrow.weekday !== 1) {
      await expect(monthDay(page, tomorrow.toFormat('yyyy-LL-dd')).getByTestId('calendar-chip')).toContainText('09:15');
    }

    await page.getByTestId('calendar-view-week').click();
    await expect(page.getByTestId('week-view')).toBeVisible();
    const today = weekDay(page, now.toFormat('yyyy-LL-dd'));
    await expect(today.getByTestId('now-line')).toBeVisible();
    await expect(page.getByTestId('now-line')).toHaveCount(1);
    // The line sits at the current minute: 18 px per 15 minutes from midnight.
    const top = Number(/top:\s*([\d.]+)px/.exec((await today.getByTestId('now-line').getAttribute('style')) ?? '')?.[1]);
    const minutes = DateTime.now().setZone(ZONE);
    expect(Math.abs(top - ((minutes.hour * 60 + minutes.minute) / 15) * 18)).toBeLessThanOrEqual(18 * 2);

    await page.getByTestId('calendar-view-list').click();
    await expect(page.getByTestId('upcoming-list').getByTestId('post-row')).toHaveCount(1);

    // The calendar opens in the view used last.
    await page.getByTestId('calendar-view-week').click();
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('nav-calendar').click();
    await expect(page.getByTestId('week-view')).toBeVisible();
  });

  test('in the week a chip grows into the free rows under it, so a narrow day reads its words; a chip with a post right after stays one row', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const day = tuesdayNextMonth();
    const make = (text: string, time: string) => rpc(host, 'posts:create', { text, platforms: ['x', 'bluesky'], schedule: { date: day, time } });
    await make('Morning note: the studio opens at ten', '09:00');
    await make('Behind the scenes of the spring launch, part two', '09:15');
    await make('Lunchtime question for everyone who ships on Fridays', '13:00');

    await openApp(host, `#/calendar/week/${day}`);
    const column = weekDay(page, day);
    await expect(column.getByTestId('calendar-chip')).toHaveCount(3);
    const slot = (hhmm: string) => column.locator(`[data-slot="${hhmm}"]`);
    // 09:00 has a post a quarter of an hour later: one row. 09:15 and 13:00 have room for three.
    await expect(slot('09:00')).not.toHaveAttribute('data-rows');
    await expect(slot('09:15')).toHaveAttribute('data-rows', '3');
    await expect(slot('13:00')).toHaveAttribute('data-rows', '3');
    const tall = slot('13:00').getByTestId('calendar-chip');
    const text = tall.getByTestId('chip-text');
    await expect(text).toBeVisible();
    // The words sit on their own line(s) under the time, across the chip's whole width.
    const [chipBox, timeBox, textBox] = await Promise.all([tall.boundingBox(), tall.getByTestId('chip-time').boundingBox(), text.boundingBox()]);
    expect(chipBox!.height).toBeGreaterThan(3 * 18 - 6);
    expect(textBox!.y).toBeGreaterThanOrEqual(timeBox!.y + timeBox!.height);
    expect(textBox!.width).toBeGreaterThan(chipBox!.width * 0.7);
    // Narrowed (the post panel open beside a small window: a day is ~54 px), the tall chip keeps its words.
    await page.setViewportSize({ width: 1024, height: 800 });
    await tall.click();
    await expect(page.getByTestId('post-panel')).toBeVisible();
    await expect(text).toBeVisible();
    await expect(slot('09:00').getByTestId('chip-text')).toBeHidden();
  });

  test('the week opens an hour above its earliest post, this week too, and an empty week at 8:00', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const tuesday = tuesdayNextMonth();
    const monday = plusDays(tuesday, -1);
    await rpc(host, 'posts:create', { text: 'Afternoon workshop reminder', platforms: ['x'], schedule: { date: plusDays(tuesday, 2), time: '15:00' } });
    await rpc(host, 'posts:create', { text: 'Evening recap', platforms: ['bluesky'], schedule: { date: plusDays(tuesday, 3), time: '19:30' } });
    // The page's clock says it is 07:00 on that Monday: the week on screen is this week.
    await page.clock.setFixedTime(new Date(instant(monday, '07:00')!));

    await openApp(host, `#/calendar/week/${monday}`);
    const scroller = page.locator('.week-scroll');
    const chip = weekDay(page, plusDays(tuesday, 2)).getByTestId('calendar-chip');
    await expect(chip).toContainText('15:00');
    await expect(weekDay(page, monday).getByTestId('now-line')).toHaveCount(1);
    // 72 px an hour: 14:00, with room for its label. The post is on screen, not below the morning.
    await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBe(14 * 72 - 10);
    const [box, chipBox] = await Promise.all([scroller.boundingBox(), chip.boundingBox()]);
    expect(chipBox!.y).toBeGreaterThanOrEqual(box!.y);
    expect(chipBox!.y + chipBox!.height).toBeLessThanOrEqual(box!.y + box!.height);

    // The week after holds nothing: it opens at the start of a working day.
    await page.getByTestId('calendar-next').click();
    await expect(page.getByTestId('calendar-range-empty')).toBeVisible();
    await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBe(8 * 72 - 10);
  });

  test('dragging a post to another day in the month view moves it, keeps its time and history, and the move survives a reload', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const from = tuesdayNextMonth();
    const to = plusDays(from, 2);
    const post = await rpc<Post>(host, 'posts:create', { text: 'Studio tour, part one: the desk', platforms: ['x', 'bluesky'], schedule: { date: from, time: '14:30' } });

    await openApp(host);
    await page.getByTestId('calendar-view-month').click();
    await page.getByTestId('calendar-next').click();
    await expect(page.getByTestId('calendar-period')).toHaveText(DateTime.fromISO(from).toFormat('LLLL yyyy'));
    const chip = monthDay(page, from).getByTestId('calendar-chip');
    await expect(chip).toContainText('14:30');
    await expect(chip.locator('[data-platform]')).toHaveCount(2);

    await chip.dragTo(monthDay(page, to));

    await expect(monthDay(page, to).getByTestId('calendar-chip')).toContainText('Studio tour');
    await expect(monthDay(page, to).getByTestId('chip-time')).toHaveText('14:30');
    await expect(monthDay(page, from).getByTestId('calendar-chip')).toHaveCount(0);
    await expect(page.getByTestId('toast').last()).toContainText(`Moved to ${DateTime.fromISO(to).toFormat('ccc d LLL')}, 14:30`);
    const moved = await rpc<Post>(host, 'posts:get', { id: post.id });
    expect(moved.scheduledAt).toBe(instant(to, '14:30'));
    expect(moved.version).toBe(1);

    await page.reload();
    await expect(page.getByTestId('month-view')).toBeVisible();
    await expect(monthDay(page, to).getByTestId('chip-time')).toHaveText('14:30');
    await expect(monthDay(page, from).getByTestId('calendar-chip')).toHaveCount(0);

    // The side panel opens from the chip and shows the new time with the one version it had.
    await monthDay(page, to).getByTestId('calendar-chip').click();
    const panel = page.getByTestId('post-panel');
    await expect(panel.getByTestId('post-panel-when')).toContainText(`${DateTime.fromISO(to).toFormat('ccc d LLL')}, 14:30`);
    await expect(panel.getByTestId('version-item')).toHaveCount(1);
  });

  test('moves a post with the keyboard in the week view, saying each step to screen readers', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const day = tuesdayNextMonth();
    const post = await rpc<Post>(host, 'posts:create', { text: 'Behind the mic: episode 14', platforms: ['threads'], schedule: { date: day, time: '09:00' } });
    const announcer = page.getByTestId('calendar-announcer');

    await openApp(host, `#/calendar/week/${day}`);
    const chip = weekDay(page, day).getByTestId('calendar-chip');
    await expect(chip).toContainText('09:00');

    // Escape puts it back where it was.
    await chip.focus();
    await page.keyboard.press('m');
    await expect(announcer).toContainText('Moving “Behind the mic: episode 14”');
    await page.keyboard.press('ArrowRight');
    await expect(announcer).toContainText(`${longDay(plusDays(day, 1))}, 09:00`);
    await page.keyboard.press('Escape');
    await expect(announcer).toContainText('Move cancelled');
    await expect(page.getByTestId('move-ghost')).toHaveCount(0);
    await expect(chip).toBeFocused();
    expect((await rpc<Post>(host, 'posts:get', { id: post.id })).scheduledAt).toBe(instant(day, '09:00'));

    await page.keyboard.press('m');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(announcer).toContainText(`${longDay(plusDays(day, 1))}, 09:30`);
    await expect(weekDay(page, plusDays(day, 1)).getByTestId('move-ghost')).toHaveText('09:30');
    await page.keyboard.press('Enter');

    // The outcome is a toast, itself a polite live region, so it is heard once.
    const toast = page.getByTestId('toast').last();
    await expect(toast).toContainText(`Moved to ${DateTime.fromISO(plusDays(day, 1)).toFormat('ccc d LLL')}, 09:30`);
    await expect(page.getByTestId('toasts')).toHaveAttribute('aria-live', 'polite');
    await expect(weekDay(page, plusDays(day, 1)).getByTestId('chip-time')).toHaveText('09:30');
    await expect(weekDay(page, day).getByTestId('calendar-chip')).toHaveCount(0);
    await expect(weekDay(page, plusDays(day, 1)).getByTestId('calendar-chip')).toBeFocused();
    await expect(page.getByTestId('post-panel')).toHaveCount(0);
    expect((await rpc<Post>(host, 'posts:get', { id: post.id })).scheduledAt).toBe(instant(plusDays(day, 1), '09:30'));
  });

  test('a move to a time that has passed is refused with the core’s words, and the post stays', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const tomorrow = dayFromToday(ZONE, 1);
    const post = await rpc<Post>(host, 'posts:create', { text: 'Not into the past', platforms: ['x'], schedule: { date: tomorrow, time: '10:00' } });
    const announcer = page.getByTestId('calendar-announcer');

    await openApp(host, `#/calendar/week/${tomorrow}`);
    await weekDay(page, tomorrow).getByTestId('calendar-chip').focus();
    await page.keyboard.press('m');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(announcer).toContainText(`${longDay(dayFromToday(ZONE, -1))}, 10:00, already passed`);
    await page.keyboard.press('Enter');

    await expect(page.getByTestId('toast').last()).toContainText('The post was not moved');
    await expect(page.getByTestId('toast').last()).toContainText('has already passed. Pick a time in the future.');
    expect((await rpc<Post>(host, 'posts:get', { id: post.id })).scheduledAt).toBe(instant(tomorrow, '10:00'));
  });

  test('at 1024 × 700 an open post lies over the month instead of squeezing its days', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const day = tuesdayNextMonth();
    await rpc(host, 'posts:create', { text: 'Newsletter goes out today', platforms: ['mastodon'], schedule: { date: day, time: '09:00' } });
    await page.setViewportSize({ width: 1024, height: 700 });
    await openApp(host);
    await page.getByTestId('calendar-view-month').click();
    await page.getByTestId('calendar-next').click();
    const width = async () => (await monthDay(page, day).boundingBox())!.width;
    const before = await width();
    await monthDay(page, day).getByTestId('calendar-chip').click();
    await expect(page.getByTestId('post-panel')).toBeVisible();
    // The days keep their width (about 100 px here, where beside the panel they were about 60).
    expect(await width()).toBeCloseTo(before, 0);
    expect(before).toBeGreaterThan(90);
  });

  test('filters by state, and an empty range offers a new post', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const day = tuesdayNextMonth();
    await rpc(host, 'posts:create', { text: 'Scheduled one', platforms: ['x'], schedule: { date: day, time: '11:00' } });

    await openApp(host, `#/calendar/month/${day}`);
    await expect(page.getByTestId('calendar-chip')).toHaveCount(1);
    await page.getByTestId('filter-states').click();
    await page.getByTestId('filter-states-published').click();
    await expect(page.getByTestId('calendar-chip')).toHaveCount(0);
    await expect(page.getByTestId('calendar-range-empty')).toContainText('No post matches the filters');
    await page.getByTestId('filter-states-scheduled').click();
    await expect(page.getByTestId('calendar-chip')).toHaveCount(1);
    await page.keyboard.press('Escape');
    await page.getByTestId('filters-clear').click();
    await expect(page.getByTestId('filter-states')).toContainText('All');

    await page.getByTestId('calendar-next').click();
    await expect(page.getByTestId('calendar-range-empty')).toContainText('Nothing planned for');
    // An empty stretch offers every way in: a post, a sheet to import (and the toolbar's Plan a month).
    await expect(page.getByTestId('calendar-plan-month')).toBeVisible();
    await page.getByTestId('calendar-new-post').click();
    await expect(page.getByTestId('compose-screen')).toBeVisible();
    await page.goBack();
    await page.getByTestId('calendar-import').click();
    await expect(page.getByTestId('import-screen')).toBeVisible();
  });

  test('filters by campaign and by pillar in the month view; the menus appear only once there is something to pick', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const day = tuesdayNextMonth();
    const launchPost = await rpc<Post>(host, 'posts:create', { text: 'Launch day thread', platforms: ['x'], schedule: { date: day, time: '09:00' } });
    const howToPost = await rpc<Post>(host, 'posts:create', { text: 'How-to: batch a week', platforms: ['x'], schedule: { date: plusDays(day, 1), time: '10:00' } });
    await rpc(host, 'posts:create', { text: 'Plain update', platforms: ['x'], schedule: { date: plusDays(day, 2), time: '11:00' } });

    await openApp(host, `#/calendar/month/${day}`);
    await expect(page.getByTestId('calendar-chip')).toHaveCount(3);
    // Nothing to pick yet: no campaign or pillar menu.
    await expect(page.getByTestId('filter-campaigns')).toHaveCount(0);
    await expect(page.getByTestId('filter-pillars')).toHaveCount(0);

    const campaign = await rpc<{ id: string }>(host, 'campaigns:save', { name: 'Winter launch' });
    const pillar = await rpc<{ id: string }>(host, 'pillars:save', { name: 'How-to', color: '#3366cc' });
    await rpc(host, 'campaigns:assign', { postIds: [launchPost.id], campaignId: campaign.id });
    await rpc(host, 'posts:setPillar', { postId: howToPost.id, pillarId: pillar.id });

    // Both menus arrive with the change events, without a reload.
    await page.getByTestId('filter-campaigns').click();
    await page.getByTestId(`filter-campaigns-${campaign.id}`).click();
    await expect(page.getByTestId('calendar-chip')).toHaveCount(1);
    await expect(page.getByTestId('calendar-chip')).toContainText('Launch day thread');
    await expect(page.getByTestId('filter-campaigns')).toContainText('Winter launch');
    await page.keyboard.press('Escape');
    await page.getByTestId('filters-clear').click();
    await expect(page.getByTestId('calendar-chip')).toHaveCount(3);

    await page.getByTestId('filter-pillars').click();
    await page.getByTestId(`filter-pillars-${pillar.id}`).click();
    await expect(page.getByTestId('calendar-chip')).toHaveCount(1);
    await expect(page.getByTestId('calendar-chip')).toContainText('How-to: batch a week');
    await page.keyboard.press('Escape');

    // Both together: no post is in the campaign and the pillar.
    await page.getByTestId('filter-campaigns').click();
    await page.getByTestId(`filter-campaigns-${campaign.id}`).click();
    await expect(page.getByTestId('calendar-chip')).toHaveCount(0);
    await expect(page.getByTestId('calendar-range-empty')).toContainText('No post matches the filters');
  });

  test('README screenshots: a planned month and a week', async ({ page, host, openApp }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const ideas: [string, string[]][] = [
      ['Three things I learned shipping a desktop app in a month', ['x', 'bluesky', 'linkedin']],
      ['New video: planning a week of posts in twenty minutes', ['youtube', 'instagram', 'tiktok']],
      ['Friday thread: the tools I use every day', ['mastodon', 'bluesky', 'threads']],
      ['Newsletter #42 is out: pricing experiments, part two', ['linkedin', 'x']],
      ['Behind the scenes: the lighting plan', ['instagram', 'threads']],
      ['Q&A live at 18:00, bring your questions', ['youtube', 'x', 'linkedin']],
      ['Case study: from 0 to 1,000 subscribers', ['linkedin']],
      ['Short: one keyboard shortcut that saves an hour', ['tiktok', 'instagram']],
    ];
    const times = ['08:30', '12:15', '17:00', '09:45', '19:30', '11:00'];
    // A month of plan: one or two posts a day for thirty days.
    for (let i = 0; i < 44; i++) {
      const [text, platforms] = ideas[i % ideas.length]!;
      await schedulePost(host, { text, platforms, date: dayFromToday(ZONE, 1 + Math.floor(i * 0.68)), time: times[i % times.length]! });
    }
    // A busy day, to show how a crowded day folds.
    for (const [i, time] of ['07:30', '10:00', '13:30', '16:00'].entries()) {
      const [text, platforms] = ideas[(i + 3) % ideas.length]!;
      await schedulePost(host, { text, platforms, date: dayFromToday(ZONE, 3), time });
    }

    // The month the middle of the plan falls in.
    await openApp(host, `#/calendar/month/${dayFromToday(ZONE, 15)}`);
    await expect(page.getByTestId('calendar-chip').first()).toBeVisible();
    await page.mouse.move(0, 799);
    await page.screenshot({ path: join(OUT, 'calendar-month.png') });

    // The week around the day after tomorrow: this week (with the now line) early in the week.
    await page.goto(page.url().replace(/#.*$/, `#/calendar/week/${dayFromToday(ZONE, 2)}`));
    await expect(page.getByTestId('week-view')).toBeVisible();
    await expect(page.getByTestId('calendar-chip').first()).toBeVisible();
    await page.mouse.move(0, 799);
    await page.screenshot({ path: join(OUT, 'calendar-week.png') });
  });
});
