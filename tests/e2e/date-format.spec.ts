import type { Page } from '@playwright/test';
import { dayFromToday, expect, test } from './support/fixtures';
import { rpc } from './support/host';

/**
 * One date and time format everywhere, following the browser's locale (24-hour in the UK,
 * 12-hour in the US), and the Time format setting over it: the calendar, the post panel, a toast
 * (the renderer's own words and the core's), Review and the status line all write the same
 * time the same way.
 */

const ZONE = 'Europe/Berlin';
const TEXT = 'Behind the scenes of the autumn shoot';

interface Post {
  id: string;
}

/** A time followed by the zone's short name, which depends on the locale and the season (CET, GMT+2…). */
const zoned = (time: string) => new RegExp(`${time} [A-Z][A-Z0-9+:-]+`);

const weekDay = (page: Page, day: string) => page.locator(`[data-testid="week-day"][data-day="${day}"]`);

const LOCALES = [
  { locale: 'en-GB', time: '14:30', other: '2:30 pm', otherChoice: 'h12', not: /2:30\s*PM/i, dateOrder: 'dmy' },
  { locale: 'en-US', time: '2:30 PM', other: '14:30', otherChoice: 'h23', not: /14:30/, dateOrder: 'mdy' },
] as const;

for (const l of LOCALES) {
  test.describe(`in ${l.locale}`, () => {
    test.use({ locale: l.locale });
    // Several screens and two moves on a machine shared with other runs.
    test.describe.configure({ timeout: 60_000 });

    test(`reads a slashed date in an import ${l.dateOrder === 'mdy' ? 'month' : 'day'} first, as ${l.locale} writes it, until told otherwise`, async ({ page, host, openApp }) => {
      await openApp(host, '#/import');
      await expect(page.getByTestId('import-date-order')).toHaveValue(l.dateOrder);
    });

    test(`writes 14:30 as ${l.time} in the calendar, the post panel, toasts (the core's words too) and Review`, async ({ page, host, openApp }) => {
      await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: false });
      const day = dayFromToday(ZONE, 2);
      await rpc<Post>(host, 'posts:create', { text: TEXT, platforms: ['x'], schedule: { date: day, time: '14:30' } });

      await openApp(host, `#/calendar/week/${day}`);
      const chip = weekDay(page, day).getByTestId('calendar-chip');
      await expect(chip.getByTestId('chip-time')).toHaveText(l.time);
      await expect(chip).toHaveAccessibleName(new RegExp(`^${l.time} ${TEXT}`));

      // The post panel.
      await chip.click();
      const when = page.getByTestId('post-panel-when');
      await expect(when).toContainText(l.time);
      await expect(when).not.toContainText(l.not);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('post-panel')).toHaveCount(0);

      // A move by keyboard: the announcer, then the toast.
      const next = dayFromToday(ZONE, 3);
      await chip.focus();
      await page.keyboard.press('m');
      await page.keyboard.press('ArrowRight');
      await expect(page.getByTestId('calendar-announcer')).toContainText(`, ${l.time}`);
      await page.keyboard.press('Enter');
      const toast = page.getByTestId('toast').last();
      await expect(toast).toContainText('Moved to');
      await expect(toast).toContainText(`${l.time} (${ZONE})`);
      await expect(weekDay(page, next).getByTestId('chip-time')).toHaveText(l.time);

      // A refusal in the core's own words, shown in a toast: the core writes as the window does.
      await weekDay(page, next).getByTestId('calendar-chip').focus();
      await page.keyboard.press('m');
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('Enter');
      await expect(toast).toContainText('The post was not moved');
      await expect(toast).toContainText(new RegExp(`${zoned(l.time).source} has already passed`));

      // Review.
      await openApp(host, '#/review');
      const detail = page.getByTestId('review-detail');
      await expect(detail).toContainText(zoned(l.time));
      await expect(detail).not.toContainText(l.not);

    });

    test(`writes it as ${l.other} everywhere once Settings says so, the core's messages too`, async ({ page, host, openApp }) => {
      await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: false });
      const next = dayFromToday(ZONE, 3);
      await rpc(host, 'posts:create', { text: TEXT, platforms: ['x'], schedule: { date: next, time: '14:30' } });

      // The other clock, chosen in Settings, shows its example and changes every screen.
      await openApp(host, '#/settings');
      await expect(page.getByTestId('settings-time-format-system')).toContainText(`As my system (${l.time})`);
      await page.getByTestId(`settings-time-format-${l.otherChoice}`).click();
      await expect(page.getByTestId('settings-saved')).toContainText(`(${l.other})`);
      await expect(page.getByTestId(`settings-time-format-${l.otherChoice}`).locator('input')).toBeChecked();

      // No reload: the screens change as the setting does.
      await page.goto(page.url().replace(/#.*$/, '#/review'));
      await expect(page.getByTestId('review-detail')).toContainText(zoned(l.other));
      await page.goto(page.url().replace(/#.*$/, `#/calendar/week/${next}`));
      await expect(weekDay(page, next).getByTestId('chip-time')).toHaveText(l.other);

      // The core's messages follow the setting too.
      const refused = rpc(host, 'posts:create', { text: 'Too late', platforms: ['x'], schedule: { date: dayFromToday(ZONE, -1), time: '14:30' } });
      await expect(refused).rejects.toThrow(new RegExp(`${zoned(l.other).source} has already passed`));
    });
  });
}
