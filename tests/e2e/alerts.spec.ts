import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createRollups } from '../../electron/core/analytics/rollups';
import { dayFromToday, expect, steadyZone } from './support/fixtures';
import { rpc, type RunningHost } from './support/host';
import { connectMastodon, test } from './support/mastodon';


interface Alert {
  id: number;
  kind: string;
  title: string;
  readAt: string | null;
}

const DAY_MS = 86_400_000;

/** Marks posts published three days ago with 0 views, as the publisher and the metrics sweep would (the host has no channel for either). */
function publishUnseen(host: RunningHost, postIds: string[]): void {
  const db = new Database(join(host.dataDir, 'loomcast.sqlite'));
  db.pragma('busy_timeout = 5000');
  try {
    const rollups = createRollups(db);
    for (const id of postIds) {
      const at = Date.now() - 3 * DAY_MS;
      const targets = db.prepare("UPDATE targets SET state = 'published', published_at = ? WHERE post_id = ? RETURNING id").all(at, id) as { id: string }[];
      for (const t of targets) rollups.record(t.id, at + DAY_MS, { views: 0, likes: 0, replies: 0, reposts: 0 });
    }
  } finally {
    db.close();
  }
}

test.describe('alerts', () => {
  test('acknowledging keeps the keyboard in the list: on the next alert, or on the heading after the last', async ({ page, host, openApp, mastodon }) => {
    const zone = steadyZone('Europe/Berlin');
    await rpc(host, 'settings:update', { timeZone: zone });
    await openApp(host);
    const account = await connectMastodon(page, host, mastodon);
    const made = [];
    for (const [i, text] of ['First quiet post', 'Second quiet post'].entries()) {
      made.push(await rpc<{ id: string }>(host, 'posts:create', { text, accounts: [account.id], schedule: { date: dayFromToday(zone, 3 + i), time: '10:00' } }));
    }
    publishUnseen(host, made.map((p) => p.id));
    expect((await rpc<{ opened: number }>(host, 'alerts:check', {})).opened).toBe(2);

    await openApp(host);
    await page.getByTestId('alerts-bell').click();
    const items = page.getByTestId('alert-item');
    await expect(items).toHaveCount(2);
    await items.nth(0).getByTestId('alert-ack').focus();
    await page.keyboard.press('Enter');
    await expect(items.nth(0).getByTestId('alert-standing')).toContainText('acknowledged');
    // The pressed button is gone; the next alert's first action has the keyboard.
    await expect(items.nth(1).getByRole('button').first()).toBeFocused();
    await items.nth(1).getByTestId('alert-ack').focus();
    await page.keyboard.press('Enter');
    await expect(items.nth(1).getByTestId('alert-standing')).toContainText('acknowledged');
    await expect(page.locator('#alerts-title')).toBeFocused();
  });

  test('an alert raised while the app is open stays on the bell after a reload, opening the list marks it read for good, and dismissing puts it away', async ({ page, host, openApp, mastodon }) => {
    const zone = steadyZone('Europe/Berlin');
    await rpc(host, 'settings:update', { timeZone: zone });
    await openApp(host);
    const account = await connectMastodon(page, host, mastodon);
    await expect(page.getByTestId('alerts-unseen')).toHaveCount(0);

    // The creator revoked Loomcast on the instance: the next post finds out, and the app says so
    // at once. (Post now goes through the same publisher as a scheduled post, without waiting for
    // a minute; publish-mastodon.spec waits for one.)
    for (const token of mastodon.tokenApps.keys()) mastodon.revoke(token);
    const post = await rpc<{ id: string }>(host, 'posts:create', { text: 'Held by a revoked token', accounts: [account.id], schedule: null });
    await rpc(host, 'compose:publishNow', { postId: post.id });
    const toast = page.getByTestId('toast').filter({ hasText: /Reconnect @ada@.* on Mastodon/ });
    await expect(toast).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('alerts-unseen')).toHaveText('1');

    // The core kept it: a reload reads it back, still new.
    await openApp(host);
    await expect(page.getByTestId('alerts-unseen')).toHaveText('1');
    await expect(page.getByTestId('alerts-bell')).toHaveAttribute('aria-label', 'Alerts: 1 new');

    // Opening the list shows it and marks it read, in the core too.
    await page.getByTestId('alerts-bell').click();
    const item = page.getByTestId('alert-item').filter({ hasText: /Reconnect @ada@.* on Mastodon/ });
    await expect(item).toContainText('Posts for this account wait until you reconnect it in Accounts.');
    await expect(page.getByTestId('alerts-unseen')).toHaveCount(0);
    await expect.poll(async () => (await rpc<Alert[]>(host, 'alerts:list')).map((a) => a.readAt !== null)).toEqual([true]);

    // Read stays read across a reload; the alert is still in the list, and leads to the account.
    await openApp(host);
    await expect(page.getByTestId('alerts-bell')).toHaveAttribute('aria-label', 'Alerts');
    await expect(page.getByTestId('alerts-unseen')).toHaveCount(0);
    await page.getByTestId('alerts-bell').click();
    await expect(item).toHaveAttribute('data-read', 'true');
    await item.getByTestId('alert-open').click();
    const card = page.getByTestId('account-card').filter({ hasText: '@ada' });
    await expect(card).toHaveAttribute('data-status', 'needs_reconnect');
    // The post was not lost or failed: it waits for the account, as the alert said.
    expect((await rpc<{ targets: { state: string }[] }>(host, 'posts:get', { id: post.id })).targets.map((t) => t.state)).toEqual(['scheduled']);

    // Dismissing takes it off the list on this computer, across reloads; the core keeps it.
    await page.getByTestId('alerts-bell').click();
    await item.getByTestId('alert-dismiss').click();
    await expect(page.getByTestId('alerts-empty')).toBeVisible();
    // The keyboard is not dropped to the page with the row: the list's heading has it.
    await expect(page.locator('#alerts-title')).toBeFocused();
    await openApp(host);
    await page.getByTestId('alerts-bell').click();
    await expect(page.getByTestId('alerts-empty')).toBeVisible();
    expect(await rpc<Alert[]>(host, 'alerts:list')).toHaveLength(1);
  });
});
