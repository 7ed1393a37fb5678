import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import type { PostDto } from '../../shared/contract';
import { expect } from './support/fixtures';
import { rpc } from './support/host';
import { connectMastodon, test } from './support/mastodon';

test.describe('a copy that stopped, fixed from the post panel', () => {
  test('a failed copy is tried again from the panel and goes out once; an unconfirmed one is never offered a plain retry', async ({ page, host, openApp, mastodon }) => {
    test.setTimeout(90_000);
    await rpc(host, 'settings:update', { timeZone: 'Europe/Berlin', autoApproveOwnPosts: true });
    const account = await connectMastodon(page, host, mastodon);
    const stamp = Date.now().toString(36);
    const day = DateTime.now().setZone('Europe/Berlin').plus({ days: 2 }).toISODate()!;
    const make = (text: string) => rpc<PostDto>(host, 'posts:create', { text, accounts: [account.id], schedule: { date: day, time: '10:00', zone: 'Europe/Berlin' } });
    const failed = await make(`Open studio moved to Saturday ${stamp}`);
    const unknown = await make(`Spring lookbook is live ${stamp}`);
    // As the publisher leaves them: one the platform refused an hour ago, one whose answer was lost.
    const db = new Database(join(host.dataDir, 'loomcast.sqlite'));
    const sent = Date.now() - 60 * 60_000;
    db.prepare(`UPDATE targets SET state = 'failed', scheduled_at = ?, attempts = 6, last_error = 'Gave up after 6 attempts. Mastodon was down for maintenance.' WHERE post_id = ?`).run(sent, failed.id);
    db.prepare(`UPDATE targets SET state = 'unconfirmed', scheduled_at = ?, attempt_started_at = ?, attempts = 1,
      last_error = 'Mastodon may or may not have received the post: the connection was cut.' WHERE post_id = ?`).run(sent, sent, unknown.id);
    db.close();

    await openApp(host);
    const attention = page.getByTestId('attention-list');
    const panel = page.getByTestId('post-panel');

    // Unconfirmed: it may be up already, so only "look first" answers, never a plain retry.
    await attention.getByTestId('post-row').filter({ hasText: 'Spring lookbook' }).click();
    await expect(panel.getByTestId('unconfirmed-actions')).toBeVisible();
    await expect(panel.getByTestId('copy-try-again')).toHaveCount(0);
    await expect(panel.getByTestId('copy-reconnect-button')).toHaveCount(0);

    await page.keyboard.press('Escape');
    await attention.getByTestId('post-row').filter({ hasText: 'Open studio moved' }).click();
    await expect(panel.getByTestId('target-state-mastodon')).toHaveText('Failed');
    await expect(panel).toContainText('then try it again now, or edit the post to give it a new time');
    await panel.getByTestId('copy-try-again').click();
    await expect(panel.getByTestId('target-state-mastodon')).toHaveText('Published', { timeout: 30_000 });
    expect(mastodon.posts.map((p) => p.text)).toEqual([failed.text]);
    await expect(panel.getByTestId('copy-try-again')).toHaveCount(0);
    await expect(panel.getByTestId('target-error')).toHaveCount(0);
    await expect(attention.getByTestId('post-row')).toHaveCount(1);
    expect(mastodon.posts).toHaveLength(1);
  });

  test('a copy held for a sign-in offers "Reconnect @handle", which starts the reconnect in Accounts', async ({ page, host, openApp, mastodon }) => {
    test.setTimeout(90_000);
    await rpc(host, 'settings:update', { timeZone: 'Europe/Berlin', autoApproveOwnPosts: true });
    await openApp(host);
    const account = await connectMastodon(page, host, mastodon);
    // The creator revoked Loomcast on the instance: the next post finds out (as in alerts.spec).
    for (const token of mastodon.tokenApps.keys()) mastodon.revoke(token);
    const post = await rpc<PostDto>(host, 'posts:create', { text: `Held by a revoked token ${Date.now().toString(36)}`, accounts: [account.id], schedule: null });
    await rpc(host, 'compose:publishNow', { postId: post.id });
    await expect.poll(async () => (await rpc<{ status: string }[]>(host, 'accounts:list'))[0]!.status, { timeout: 30_000 }).toBe('needs_reconnect');

    await openApp(host, '#/calendar/list');
    await page.getByTestId('post-row').filter({ hasText: 'Held by a revoked token' }).first().click();
    const panel = page.getByTestId('post-panel');
    const fix = panel.getByTestId('copy-reconnect');
    await expect(fix).toContainText(`Mastodon needs ${account.handle} to sign in again`);
    await expect(panel.getByTestId('copy-try-again')).toHaveCount(0);
    const popup = page.context().waitForEvent('page', { timeout: 15_000 }).catch(() => null);
    await fix.getByRole('button', { name: `Reconnect ${account.handle}` }).click();

    // The same flow as Accounts' own Reconnect: its panel, about this account, already signing in.
    await expect(page.getByTestId('accounts-screen')).toBeVisible();
    await expect(page.getByTestId('connect-status')).toHaveAttribute('data-phase', 'authorize', { timeout: 15_000 });
    await expect(page.getByTestId('connect-panel')).toContainText(`Reconnect ${account.handle}`);
    (await popup)?.close();
    expect(mastodon.posts).toHaveLength(0);
  });
});
