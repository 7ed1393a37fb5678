import Database from 'better-sqlite3';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { seeder } from '../support/analytics-seed';
import { test, expect } from './support/fixtures';
import { makeDataDir, removeDataDir, rpc } from './support/host';

test.describe('Settings → Move to another computer', () => {
  test('exports the workspace without secrets, and --import-workspace opens it on a new data folder with accounts to reconnect', async ({ page, host, openApp, startAnotherHost }) => {
    test.setTimeout(60_000); // two hosts and an archive: past 30 s on a machine twice as loaded
    const db = new Database(join(host.dataDir, 'loomcast.sqlite'));
    seeder(db, Date.now()).account('mastodon', '@weaver@loom.social');
    db.close();
    await rpc(host, 'posts:create', { text: 'A draft that moves house', platforms: ['mastodon'], schedule: null });
    await rpc(host, 'apps:set', { platform: 'x', clientId: 'public-client-id', clientSecret: 'e2e-client-SECRET-0042' }).catch(() => null);

    await openApp(host, '#/settings');
    const section = page.getByTestId('settings-move');
    await section.scrollIntoViewIfNeeded();
    await expect(section.getByRole('heading', { name: 'Move to another computer' })).toBeVisible();
    await expect(section.getByTestId('move-left-out')).toContainText('each account needs reconnecting');
    const downloaded = page.waitForEvent('download');
    await section.getByRole('button', { name: 'Export workspace' }).click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toMatch(/^loomcast-workspace-\d{4}-\d{2}-\d{2}\.tar\.gz$/);
    const result = section.getByTestId('workspace-export-result');
    await expect(result).toContainText('Saved to');
    await expect(result).toContainText('1 post, 0 media files, 1 account');
    const file = (await result.locator('code').textContent())!;
    expect(file.startsWith(join(host.dataDir, 'exports'))).toBe(true);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(gunzipSync(readFileSync(file)).includes('e2e-client-SECRET-0042')).toBe(false);
    expect(readFileSync((await download.path())!).equals(readFileSync(file))).toBe(true);
    // The link was good for that one download.
    const again = await fetch(`${host.origin}${new URL(download.url()).pathname}`);
    expect(again.status).toBe(404);

    // The other computer: an empty folder, the CLI flag, and the workspace is there.
    const dataDir = await makeDataDir();
    try {
      const moved = await startAnotherHost({ dataDir, args: ['--import-workspace', file] });
      const posts = await rpc<{ text: string }[]>(moved, 'posts:list', { scope: 'all' });
      expect(posts.map((p) => p.text)).toEqual(['A draft that moves house']);
      await openApp(moved, '#/accounts');
      await expect(page.getByTestId('account-card')).toHaveAttribute('data-status', 'needs_reconnect');
      await moved.stop();
    } finally {
      await removeDataDir(dataDir);
    }
  });

  test('replaces this workspace with an archive from Settings, keeping what was here as a backup', async ({ page, host, openApp }) => {
    await rpc(host, 'posts:create', { text: 'From the archive', platforms: ['x'], schedule: null });
    const exported = await rpc<{ path: string }>(host, 'workspace:export', {});
    await rpc(host, 'posts:create', { text: 'Written after the export', platforms: ['x'], schedule: null });

    await openApp(host, '#/settings');
    const replace = page.getByTestId('workspace-replace');
    await replace.scrollIntoViewIfNeeded();
    // A path with no archive is refused on the field, and nothing changes.
    await replace.getByLabel('Archive on the computer running Loomcast').fill(join(host.dataDir, 'nothing-here.tar.gz'));
    await replace.getByRole('button', { name: 'Replace with an archive…' }).click();
    await expect(replace.getByTestId('workspace-replace-confirm')).toContainText('changes nothing if anything in it is wrong');
    await replace.getByRole('button', { name: 'Replace workspace' }).click();
    await expect(replace.getByTestId('workspace-replace-path-problem')).toContainText('There is no file at');

    await replace.getByLabel('Archive on the computer running Loomcast').fill(exported.path);
    await replace.getByRole('button', { name: 'Replace with an archive…' }).click();
    await replace.getByRole('button', { name: 'Replace workspace' }).click();
    // The page reloads on the reopened core and says what happened.
    await expect(page.getByTestId('workspace-replaced')).toContainText('This workspace now holds the archive’s 1 post', { timeout: 15_000 });
    const posts = await rpc<{ text: string }[]>(host, 'posts:list', { scope: 'all' });
    expect(posts.map((p) => p.text)).toEqual(['From the archive']);
    await expect(page.getByTestId('settings-backups')).toContainText('Before restore');
  });
});
