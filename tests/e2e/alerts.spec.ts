import { expect, nextWholeMinute, steadyZone, test } from './support/fixtures';
import { rpc } from './support/host';


interface Alert {
  id: number;
  kind: string;
  title: string;
  readAt: string | null;
}

test.describe('alerts', () => {
  test('an alert raised while the app is open stays on the bell after a reload, opening the list marks it read for good, and dismissing puts it away', async ({ page, host, openApp }) => {
    test.setTimeout(180_000);
    // Berlin time, unless its clocks change while the test waits for its minute.
    const zone = steadyZone('Europe/Berlin');
    await rpc(host, 'settings:update', { timeZone: zone });
    await openApp(host);
    await expect(page.getByTestId('alerts-unseen')).toHaveCount(0);

    // An X post with no X account connected: when it is due, it is held and an alert is raised.
    const when = nextWholeMinute(zone, 8);
    await rpc(host, 'posts:create', { text: 'Held for lack of an account', platforms: ['x'], schedule: { date: when.date, time: when.time } });
    const toast = page.getByTestId('toast').filter({ hasText: /X post could not go out/ });
    await expect(toast).toBeVisible({ timeout: 100_000 });
    await expect(page.getByTestId('alerts-unseen')).toHaveText('1');

    // The core kept it: a reload reads it back, still new.
    await openApp(host);
    await expect(page.getByTestId('alerts-unseen')).toHaveText('1');
    await expect(page.getByTestId('alerts-bell')).toHaveAttribute('aria-label', 'Alerts: 1 new');

    // Opening the list shows it and marks it read, in the core too.
    await page.getByTestId('alerts-bell').click();
    const item = page.getByTestId('alert-item').filter({ hasText: /X post could not go out/ });
    await expect(item).toContainText('no X account is connected');
    await expect(page.getByTestId('alerts-unseen')).toHaveCount(0);
    await expect.poll(async () => (await rpc<Alert[]>(host, 'alerts:list')).map((a) => a.readAt !== null)).toEqual([true]);

    // Read stays read across a reload; the alert is still in the list, and leads to the post.
    await openApp(host);
    await expect(page.getByTestId('alerts-bell')).toHaveAttribute('aria-label', 'Alerts');
    await expect(page.getByTestId('alerts-unseen')).toHaveCount(0);
    await page.getByTestId('alerts-bell').click();
    await expect(item).toHaveAttribute('data-read', 'true');
    await item.getByTestId('alert-open').click();
    const panel = page.getByTestId('post-panel');
    await expect(panel.getByTestId('post-panel-text')).toHaveText('Held for lack of an account');
    await expect(panel.getByTestId('target-state-x')).toHaveText('Missed');
    await expect(panel.getByTestId('target-error')).toContainText('No X account was connected when it was due.');

    // Dismissing takes it off the list on this computer, across reloads; the core keeps it.
    await page.getByTestId('alerts-bell').click();
    await item.getByTestId('alert-dismiss').click();
    await expect(page.getByTestId('alerts-empty')).toBeVisible();
    await openApp(host);
    await page.getByTestId('alerts-bell').click();
    await expect(page.getByTestId('alerts-empty')).toBeVisible();
    expect(await rpc<Alert[]>(host, 'alerts:list')).toHaveLength(1);
  });
});
