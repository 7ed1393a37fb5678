import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { expect, fillComposer, nextWholeMinute, steadyZone } from './support/fixtures';
import { rpc } from './support/host';
import { submitConnectForm, test } from './support/mastodon';
import { needKeychain } from './support/keychain';

const SCREENSHOTS = resolve(__dirname, '../../docs/screenshots');

interface AccountDto {
  id: string;
  platform: string;
  handle: string;
  status: string;
  serverUrl: string | null;
}

test.describe('publishing to Mastodon', () => {
  test('a person connects a Mastodon account on its own server, schedules a post a minute ahead, and watches it go out with a link to it', async ({ page, host, openApp, mastodon }) => {
    test.setTimeout(180_000);
    await needKeychain(host, 'Connecting a Mastodon account');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    // The creator plans in Berlin time, whatever this machine's zone: the minute is computed there
    // (in a zone without daylight saving instead when Berlin's clocks change during the test).
    await rpc(host, 'settings:update', { timeZone: steadyZone('Europe/Berlin') });
    const { timeZone: zone } = await rpc<{ timeZone: string }>(host, 'settings:get');

    // Accounts → Connect account → Mastodon, with the instance's address typed in.
    await openApp(host);
    await page.getByTestId('nav-accounts').click();
    await page.getByTestId('accounts-connect').click();
    await page.getByTestId('connect-platform-mastodon').click();
    await page.getByTestId('connect-server-url').fill(mastodon.url);
    const consent = await submitConnectForm(page);

    // The instance's own consent page: it names the app and the account, and Authorize sends the browser back.
    await consent.waitForLoadState();
    await expect(consent.getByRole('heading', { level: 1 })).toHaveText('Authorize Loomcast to use your account?');
    await expect(consent.locator('body')).toContainText(`@ada@${mastodon.host}`);
    await consent.getByTestId('authorize').click();
    await expect(consent.locator('h1')).toHaveText('Connected to Loomcast', { timeout: 15_000 });
    await consent.close();

    // Back in Loomcast, without a reload: the account is in and says so.
    const handle = `@ada@${mastodon.host}`;
    await expect(page.getByTestId('connect-status')).toHaveAttribute('data-phase', 'connected', { timeout: 15_000 });
    await expect(page.getByTestId('connect-status')).toContainText(`Connected ${handle} on Mastodon.`);
    const card = page.getByTestId('account-card').filter({ hasText: handle });
    await expect(card).toHaveAttribute('data-platform', 'mastodon');
    await expect(card.getByTestId('account-status')).toHaveText('Connected');
    await expect(page.getByTestId('status-publishing')).toHaveText('Publishing on');
    const accounts = await rpc<AccountDto[]>(host, 'accounts:list');
    expect(accounts).toEqual([expect.objectContaining({ platform: 'mastodon', handle, status: 'connected', serverUrl: mastodon.url })]);

    await page.getByTestId('connect-done').click();
    await expect(page.getByTestId('connect-panel')).toHaveCount(0);
    await page.mouse.move(0, 799);
    await page.screenshot({ path: join(SCREENSHOTS, 'accounts.png') });

    // Compose: the text, Mastodon, and the next whole minute (at least 20 s away) in the creator's zone.
    const text = `Shipping notes, week 12: the scheduler now survives a sleeping laptop. ${randomBytes(3).toString('hex')}`;
    const when = nextWholeMinute(zone, 20);
    await page.getByTestId('nav-compose').click();
    await expect(page.getByTestId('compose-zone')).toContainText(zone);
    await fillComposer(page, { text, platforms: ['mastodon'], date: when.date, time: when.time });
    await page.getByTestId('compose-schedule').click();

    // The calendar lists it as scheduled at that minute...
    await expect(page.getByTestId('calendar-screen')).toBeVisible();
    const listed = page.getByTestId('upcoming-list').getByTestId('post-row').filter({ hasText: 'Shipping notes, week 12' });
    await expect(listed.getByTestId('post-time')).toHaveText(when.time);
    await expect(listed.getByTestId('post-state')).toHaveText('Scheduled');
    const postId = await listed.getAttribute('data-post-id');
    expect(postId).toBeTruthy();

    // ...and, when the minute comes, the same post turns Published by itself (pushed, no reload).
    const row = page.locator(`[data-testid="post-row"][data-post-id="${postId}"]`);
    await expect(row.getByTestId('post-state')).toHaveText('Published', { timeout: 100_000 });
    await expect(page.getByTestId('published-list').locator(`[data-post-id="${postId}"]`)).toHaveCount(1);
    expect(Date.now()).toBeGreaterThanOrEqual(when.at.toMillis());

    // The instance got exactly one status with that text, and the post panel links to it.
    expect(mastodon.posts.map((p) => p.text)).toEqual([text]);
    expect(mastodon.duplicates()).toBe(0);
    const [status] = [...mastodon.statuses.values()];
    const statusUrl = `${mastodon.url}/@ada/${status!.id}`;

    await row.click();
    const panel = page.getByTestId('post-panel');
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Published post');
    await expect(panel.getByTestId('post-panel-text')).toHaveText(text);
    await expect(panel.getByTestId('target-state-mastodon')).toHaveText('Published');
    await expect(panel.getByTestId('target-mastodon')).toContainText(handle);
    const link = panel.getByTestId('target-link');
    await expect(link).toHaveText('View on Mastodon');
    await expect(link).toHaveAttribute('href', statusUrl);
    await expect(panel.getByTestId('post-edit')).toBeDisabled();
    await page.mouse.move(0, 799);
    await page.screenshot({ path: join(SCREENSHOTS, 'published.png') });

    const [post] = await rpc<{ targets: { state: string; platformUrl: string | null }[] }[]>(host, 'posts:list', { scope: 'all' });
    expect(post!.targets).toEqual([expect.objectContaining({ state: 'published', platformUrl: statusUrl })]);
  });
});
