import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { expect, test } from './support/fixtures';
import { rpc } from './support/host';
import { needKeychain } from './support/keychain';

interface AppCredentials {
  platform: string;
  needsApp: boolean;
  clientId: string | null;
  hasSecret: boolean;
  redirectUri: string | null;
}

interface VaultInfo {
  vault: { available: boolean; message: string | null };
}

/**
 * A local port with nothing listening, so connecting is refused. Not port 9: fetch blocks the
 * "bad ports" of the Fetch standard (9 is one) before connecting, which is a different failure.
 */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

test.describe('accounts and developer apps', () => {
  test('the Developer apps form stores a client id and says the secret is stored, without ever showing it', async ({ page, host, openApp }) => {
    // Unique per run, so finding it anywhere means it leaked.
    const secret = `sec-${randomBytes(12).toString('hex')}`;
    const { vault } = await rpc<VaultInfo>(host, 'app:info');
    await openApp(host, '#/settings');

    const row = page.getByTestId('apps-row-linkedin');
    await expect(row).toContainText('Not set up');
    await expect(page.getByTestId('app-redirect-linkedin')).toHaveText('http://127.0.0.1:53134/callback');
    // Mastodon and Bluesky need no app of the creator's own, so they get no row.
    await expect(page.getByTestId('apps-row-mastodon')).toHaveCount(0);
    await expect(page.getByTestId('apps-row-bluesky')).toHaveCount(0);

    await page.getByTestId('app-client-id-linkedin').fill('86linkedin-client');
    await page.getByTestId('app-client-secret-linkedin').fill(secret);
    await page.getByTestId('app-save-linkedin').click();

    if (vault.available) {
      await expect(page.getByTestId('app-state-linkedin')).toHaveText('Set up · Secret stored in your keychain');
      await expect(page.getByTestId('app-saved-linkedin')).toContainText('Secret stored in your keychain');
      await expect(page.getByTestId('app-client-secret-linkedin')).toHaveValue('');
      await expect(page.getByTestId('app-client-id-linkedin')).toHaveValue('86linkedin-client');
    } else {
      // Without a keychain the secret can't be kept anywhere, so nothing is saved and the core says why.
      await expect(page.getByTestId('app-problem-linkedin')).toContainText(vault.message ?? 'keychain');
      await expect(page.getByTestId('app-state-linkedin')).toHaveText('Not set up');
    }

    const apps = await rpc<AppCredentials[]>(host, 'apps:list');
    expect(JSON.stringify(apps)).not.toContain(secret);
    const linkedin = apps.find((a) => a.platform === 'linkedin');
    expect(linkedin).toMatchObject(vault.available ? { clientId: '86linkedin-client', hasSecret: true } : { clientId: null, hasSecret: false });

    // After a reload the page knows only what the core answers: the secret is nowhere in it.
    await openApp(host, '#/settings');
    await expect(page.getByTestId('app-state-linkedin')).toHaveText(vault.available ? 'Set up · Secret stored in your keychain' : 'Not set up');
    expect(await page.content()).not.toContain(secret);

    if (vault.available) {
      // A new client id alone keeps the stored secret.
      await page.getByTestId('app-client-id-linkedin').fill('86linkedin-client-2');
      await page.getByTestId('app-save-linkedin').click();
      await expect(page.getByTestId('app-saved-linkedin')).toContainText('Secret stored in your keychain');
      const after = (await rpc<AppCredentials[]>(host, 'apps:list')).find((a) => a.platform === 'linkedin');
      expect(after).toMatchObject({ clientId: '86linkedin-client-2', hasSecret: true });
    }
  });

  test('connecting an OAuth platform without an app shows the core’s words and a way to Developer apps', async ({ page, host, openApp }) => {
    // The core looks for the keychain before the app: without one, it (rightly) names the keychain instead.
    await needKeychain(host, 'Reaching the “no developer app” answer');
    await openApp(host, '#/accounts');
    await page.getByTestId('accounts-connect').click();
    // YouTube's redirect takes any loopback port, so this test never competes for a fixed one.
    await page.getByTestId('connect-platform-youtube').click();
    await expect(page.getByTestId('connect-app-missing')).toContainText('isn’t set up yet');

    await page.getByTestId('connect-submit').click();
    const status = page.getByTestId('connect-status');
    await expect(status).toContainText('Settings → Developer apps');
    await expect(status).toContainText('YouTube');
    await expect(page.getByTestId('connect-continue')).toHaveCount(0);
    expect(await rpc(host, 'accounts:list')).toEqual([]);

    await page.getByTestId('connect-open-apps').click();
    await expect(page.getByTestId('settings-screen')).toBeVisible();
    await expect(page.getByTestId('apps-row-youtube')).toBeInViewport();
    await expect(page.getByTestId('app-client-id-youtube')).toBeFocused();
  });

  test('with no accounts, the screen teaches how to connect one and the status line says nothing can go out', async ({ page, host, openApp }) => {
    await openApp(host, '#/accounts');
    const empty = page.getByTestId('accounts-empty');
    await expect(empty).toContainText('No accounts connected yet');
    await expect(empty).toContainText('app password');
    await expect(empty).toContainText('Developer apps');
    await expect(page.getByTestId('account-card')).toHaveCount(0);
    await expect(page.getByTestId('status-publishing')).toHaveText('No accounts connected: posts can’t go out');

    await page.getByTestId('accounts-empty-connect').click();
    await expect(page.getByTestId('connect-panel')).toBeVisible();
    await expect(page.locator('[data-testid^="connect-platform-"]')).toHaveCount(10);
    // The platforms are radio buttons: arrow keys move between them.
    await expect(page.getByRole('radio', { name: 'X', exact: true })).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('radio', { name: 'Bluesky', exact: true })).toBeChecked();
    await expect(page.getByTestId('connect-identifier')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('connect-panel')).toHaveCount(0);
  });

  test('a Bluesky server that can’t be reached gets a readable error, and nothing is connected', async ({ page, host, openApp }) => {
    await openApp(host, '#/accounts');
    await page.getByTestId('accounts-connect').click();
    await page.getByTestId('connect-platform-bluesky').click();
    await expect(page.getByTestId('connect-server-url')).toHaveValue('https://bsky.social');

    const port = await closedPort();
    await page.getByTestId('connect-server-url').fill(`http://127.0.0.1:${port}`);
    await page.getByTestId('connect-identifier').fill('alice.test');
    await page.getByTestId('connect-password').fill('abcd-efgh-ijkl-mnop');
    await page.getByTestId('connect-submit').click();

    const problem = page.getByTestId('connect-problem');
    await expect(problem.locator('p').first()).toHaveText(`Loomcast could not reach 127.0.0.1:${port}. Check the address and your connection.`);
    // The platform's own words stay under Details.
    await expect(problem.locator('pre')).toContainText(`connection refused (http://127.0.0.1:${port}`);
    await expect(problem.locator('p').first()).not.toContainText(/ECONNREFUSED|TypeError|fetch failed|at \S+ \(/);
    await expect(page.getByTestId('connect-retry')).toBeVisible();
    await expect(page.getByTestId('connect-password')).toBeEnabled();
    await expect(page.getByTestId('account-card')).toHaveCount(0);
    expect(await rpc(host, 'accounts:list')).toEqual([]);
  });
});
