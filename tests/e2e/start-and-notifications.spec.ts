import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from './support/fixtures';
import { makeDataDir, removeDataDir, rpc, type RunningHost } from './support/host';

const ROOT = resolve(__dirname, '../..');
const TOKEN = 'e2e-service-token-0123456789';

test.describe('start and notifications', () => {
  test('browser mode: notification switches save and stay; it says how to keep running without a window, and how the data folder was chosen', async ({ page, host, openApp }) => {
    await openApp(host, '#/settings');
    const card = page.locator('section', { has: page.getByRole('heading', { name: 'Start and notifications' }) });
    await expect(card.getByTestId('settings-login-browser')).toContainText('npm run web -- --headless --token-file PATH');
    await expect(card.getByTestId('settings-login-browser')).toContainText('docs/loomcast.service');
    await expect(page.getByTestId('settings-data-dir')).toHaveText(host.dataDir);
    await expect(page.getByTestId('settings-data-dir-source')).toHaveText('Set by --data-dir when Loomcast was started. To use another folder, stop Loomcast and start it with --data-dir.');
    await expect(page.getByTestId('settings-move-data')).toHaveCount(0);

    const zero = card.getByRole('group', { name: 'Notifications', exact: true }).getByRole('checkbox', { name: 'A post has no views' });
    await expect(zero).toBeChecked();
    await zero.uncheck();
    await expect(page.getByText('A post has no views: notification off')).toBeVisible();
    expect(await rpc<Record<string, boolean>>(host, 'notifications:switches')).toMatchObject({ zero_views: false, post_failed: true });
    await page.reload();
    await expect(page.getByTestId('settings-notify-zero_views')).not.toBeChecked();
    await expect(page.getByTestId('settings-notify-post_failed')).toBeChecked();
  });

  test('a headless service says so, with the machine’s name, in the status line and Settings', async ({ page, openApp }) => {
    const dataDir = await makeDataDir();
    const child = spawn(process.execPath, [join(ROOT, 'out/main/host.js'), '--headless', '--port', '0', '--data-dir', dataDir], {
      cwd: ROOT,
      env: { ...process.env, LOOMCAST_TOKEN: TOKEN, LOOMCAST_KEYCHAIN_SERVICE: `loomcast-e2e-headless-${process.pid}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      const base = await new Promise<string>((done, fail) => {
        child.stdout.on('data', (c: Buffer) => {
          output += c.toString('utf8');
          const m = / at (http:\/\/\S+?\/) /.exec(output);
          if (m) done(m[1]!);
        });
        child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
        child.once('exit', (code) => fail(new Error(`host exited (${code}):\n${output}`)));
      });
      const url = new URL(base);
      const service: RunningHost = { url: `${base}?token=${TOKEN}`, origin: url.origin, port: Number(url.port), token: TOKEN, dataDir, output: () => output, stop: async () => {} };
      await openApp(service, '#/settings');
      await expect(page.getByTestId('status-service')).toHaveText(`Loomcast on ${hostname()}, running as a service: publishing continues when you close this tab`);
      await expect(page.getByTestId('settings-login-browser')).toContainText(`This Loomcast runs as a service on ${hostname()}`);
    } finally {
      child.kill('SIGTERM');
      await new Promise((done) => (child.exitCode === null ? child.once('exit', done) : done(null)));
      await removeDataDir(dataDir);
    }
  });
});
