import { test, dayFromToday, expect, fillComposer } from './support/fixtures';
import { rpc } from './support/host';

const ZONE = 'Europe/Berlin';

test.describe('the duplicate guard in the composer', () => {
  test('warns before scheduling the same words to the same platform within the window the creator sets in Settings', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const earlier = 'Our spring course opens today: https://example.com/course?utm_source=newsletter';
    await rpc(host, 'posts:create', { text: earlier, platforms: ['bluesky'], schedule: { date: dayFromToday(ZONE, 2), time: '10:00', zone: ZONE } });

    await openApp(host);
    await page.getByTestId('new-post').click();
    // The same words with other capitals, spacing and tracking, two days later.
    await fillComposer(page, { text: 'our spring course  opens today: https://example.com/course!', platforms: ['bluesky'], date: dayFromToday(ZONE, 4), time: '18:00' });

    const notice = page.getByTestId('guard-notice');
    await expect(notice).toBeVisible();
    await expect(notice.getByTestId('guard-warning')).toHaveCount(1);
    await expect(notice.getByTestId('guard-warning')).toContainText('Bluesky: the same post is scheduled for');
    await expect(notice).toContainText('within 7 days');
    await expect(page.getByTestId('compose-schedule')).toBeEnabled();

    // Different words: nothing to warn about.
    await page.getByTestId('compose-text').fill('Our summer course opens today');
    await expect(page.getByTestId('guard-notice')).toHaveCount(0);

    // Outside the window the creator set in Settings: nothing either. A year and more is refused, in words.
    await page.getByTestId('nav-settings').click();
    const days = page.getByTestId('settings-guard-days');
    await expect(days).toHaveValue('7');
    await days.fill('400');
    await days.press('Enter');
    await expect(page.getByTestId('settings-guard-days-error')).toHaveText('Use at most 365 days');
    await days.fill('1');
    await days.press('Enter');
    await expect(page.getByTestId('toast').filter({ hasText: 'Repeats within 1 day are pointed out' })).toBeVisible();
    await expect(page.getByTestId('settings-guard-days-error')).toHaveCount(0);
    expect(await rpc(host, 'guard:settings', {})).toEqual({ windowDays: 1 });
    await page.getByTestId('nav-compose').click();
    await page.getByTestId('compose-text').fill(earlier);
    await expect(page.getByTestId('guard-notice')).toHaveCount(0);
    await page.getByTestId('compose-date').fill(dayFromToday(ZONE, 2));
    await expect(page.getByTestId('guard-warning')).toHaveCount(1);
  });
});
