import type { Page } from '@playwright/test';
import { DateTime } from 'luxon';
import type { PostDto } from '../../shared/contract';
import { dateFormat } from '../../shared/domain/datetime-format';
import { dayFromToday, expect, fillComposer, test } from './support/fixtures';
import { rpc, type RunningHost } from './support/host';

/**
 * The composer's time field reads and takes times the way the creator chose in Settings → Time
 * format, not the way the browser's locale would write them: an en-US browser with 24-hour chosen
 * shows 14:30, with 12-hour 2:30 PM, and either way "2:30 pm" typed schedules the post for 14:30.
 */

const ZONE = 'Europe/Berlin';
const HALF_TWO_PM = 14 * 60 + 30;

async function chooseTimeFormat(page: Page, host: RunningHost, openApp: (h: RunningHost, hash?: string) => Promise<void>, choice: 'h23' | 'h12'): Promise<void> {
  await openApp(host, '#/settings');
  await page.getByTestId(`settings-time-format-${choice}`).click();
  await expect(page.getByTestId(`settings-time-format-${choice}`).locator('input')).toBeChecked();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
}

test.describe('the composer’s time field in an en-US browser', () => {
  test.use({ locale: 'en-US' });

  for (const choice of ['h23', 'h12'] as const) {
    const shown = dateFormat({ locale: 'en-US', timeFormat: choice }).wallTime(HALF_TWO_PM);
    test(`reads "2:30 pm" typed as ${shown} with Time format ${choice === 'h23' ? '24-hour' : '12-hour'}, and schedules the post for 14:30`, async ({ page, host, openApp }) => {
      await rpc(host, 'settings:update', { timeZone: ZONE });
      await chooseTimeFormat(page, host, openApp, choice);

      await page.getByTestId('new-post').click();
      const text = `Studio tour at half past two (${choice})`;
      const day = dayFromToday(ZONE, 2);
      await fillComposer(page, { text, platforms: ['x'], date: day });
      const time = page.getByTestId('compose-time');
      await time.click();
      await time.pressSequentially('2:30 pm');
      await time.press('Tab');
      await expect(time).toHaveValue(shown);

      await page.getByTestId('compose-schedule').click();
      await expect(page.getByTestId('post-panel').getByTestId('post-panel-when')).toContainText(shown);
      const posts = await rpc<PostDto[]>(host, 'posts:list', { scope: 'upcoming' });
      const post = posts.find((p) => p.text === text);
      expect(DateTime.fromISO(post!.targets[0]!.scheduledAt!, { zone: ZONE }).toFormat('yyyy-LL-dd HH:mm')).toBe(`${day} 14:30`);
    });
  }

  test('says what to type when a time does not read as one, keeps the rest, and steps by 15 minutes with the arrow keys', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    await chooseTimeFormat(page, host, openApp, 'h12');
    const h12 = dateFormat({ locale: 'en-US', timeFormat: 'h12' });

    await page.getByTestId('new-post').click();
    const text = 'Live from the dye shed';
    await fillComposer(page, { text, platforms: ['x'], date: dayFromToday(ZONE, 3) });
    const time = page.getByTestId('compose-time');
    await expect(time).toHaveAccessibleName('Time');

    // Words it can't read: an example in the creator's own format, beside the field, tied to it.
    await time.fill('half two');
    await time.press('Tab');
    const error = page.getByTestId('compose-time-error');
    await expect(error).toContainText(h12.wallTime(HALF_TWO_PM));
    await expect(time).toHaveAttribute('aria-invalid', 'true');
    await expect(time).toHaveAttribute('aria-describedby', /compose-time-error/);
    await expect(time).toHaveValue('half two');
    await expect(page.getByTestId('compose-text')).toHaveValue(text);

    // A time that reads clears the message at once; blur writes it as the creator reads times.
    await time.fill('1430');
    await expect(error).toHaveCount(0);
    await expect(time).not.toHaveAttribute('aria-invalid', 'true');
    await time.press('Tab');
    await expect(time).toHaveValue(h12.wallTime(HALF_TWO_PM));

    // The arrow keys move it a quarter of an hour, and say so to a screen reader.
    await time.focus();
    await page.keyboard.press('ArrowUp');
    await expect(time).toHaveValue(h12.wallTime(14 * 60 + 45));
    await expect(time).toHaveAttribute('aria-valuetext', h12.wallTime(14 * 60 + 45));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(time).toHaveValue(h12.wallTime(14 * 60 + 15));
    await expect(page.getByRole('spinbutton', { name: 'Time' })).toHaveAttribute('aria-valuenow', String(14 * 60 + 15));
    // …past midnight and round.
    await time.fill('11:50 pm');
    await page.keyboard.press('ArrowUp');
    await expect(time).toHaveValue(h12.wallTime(0));
    await page.keyboard.press('ArrowDown');
    await expect(time).toHaveValue(h12.wallTime(23 * 60 + 45));
  });
});
