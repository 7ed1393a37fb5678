import { dayFromToday, expect, test } from './support/fixtures';
import { rpc } from './support/host';

const ZONE = 'Europe/Berlin';

test.describe('the status line with no account connected', () => {
  test('promises no next post and offers no Pause while nothing can go out; its one button leads to Accounts', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    for (const time of ['09:00', '10:00', '11:00']) {
      await rpc(host, 'posts:create', { text: `Toot at ${time}`, platforms: ['mastodon'], schedule: { date: dayFromToday(ZONE, 2), time } });
    }
    await openApp(host, '#/compose');
    const line = page.getByTestId('status-line');
    await expect(line.getByTestId('status-publishing')).toHaveText('No accounts connected: posts can’t go out');
    await expect(line).toContainText('3 scheduled');
    await expect(line).not.toContainText('next post');
    await expect(line.getByTestId('status-pause')).toHaveCount(0);
    const fix = line.getByTestId('status-fix');
    await expect(fix).toHaveText('Connect an account');

    // Settings says the same, and does not claim publishing is on.
    await page.getByRole('link', { name: 'Settings' }).click();
    const state = page.getByTestId('settings-publishing-state');
    await expect(state).toHaveText(/^Nothing can go out: no account is connected\./);
    await expect(page.getByTestId('settings-publishing-toggle')).toHaveCount(0);
    await expect(page.getByTestId('settings-publishing-fix')).toHaveText('Connect an account');

    // The keyboard reaches the status line's button, and it opens Accounts.
    await fix.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('accounts-empty-connect')).toBeVisible();
  });
});
