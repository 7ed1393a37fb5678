import type { PostDto } from '../../shared/contract';
import { test, expect } from './support/fixtures';
import { rpc } from './support/host';

test.describe('Settings → Backups', () => {
  test('Back up now, then Restore… brings the earlier data back under the running app, keeping what it replaced', async ({ page, host, openApp }) => {
    const kept = await rpc<PostDto>(host, 'posts:create', { text: 'Kept by the backup: studio tour', platforms: ['mastodon'], schedule: null });
    await openApp(host, '#/settings');

    const section = page.getByTestId('settings-backups');
    await expect(section.getByTestId('backups-empty')).toBeVisible();
    await section.getByTestId('backups-create').click();
    await expect(section.getByTestId('backups-status')).toContainText('Backed up:');
    const rows = section.getByTestId('backup-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Manual');
    await expect(rows.first()).toContainText(/\d+ KB/);

    // After the backup: the kept draft is deleted and another one written.
    await rpc(host, 'posts:delete', { id: kept.id });
    await rpc(host, 'posts:create', { text: 'Written after the backup', platforms: ['mastodon'], schedule: null });

    // Cancel changes nothing and gives focus back.
    const restore = rows.first().getByTestId('backup-restore');
    await restore.click();
    const confirm = section.getByTestId('backup-restore-confirm');
    await expect(confirm).toContainText('Loomcast first saves what you have now as a backup');
    await expect(section.getByTestId('backup-restore-no')).toBeFocused();
    await section.getByTestId('backup-restore-no').click();
    await expect(confirm).toHaveCount(0);
    await expect(restore).toBeFocused();

    await restore.click();
    await section.getByTestId('backup-restore-yes').click();
    // The page reloads on the reopened core and says what happened.
    await expect(section.getByTestId('backups-status')).toContainText('Restored the backup from', { timeout: 15_000 });
    await expect(section.getByTestId('backup-row').filter({ hasText: 'Before restore' })).toHaveCount(1);

    await page.getByTestId('nav-calendar').click();
    const drafted = page.getByRole('region', { name: /^Drafts/ });
    await expect(drafted).toContainText('Kept by the backup: studio tour');
    await expect(drafted).not.toContainText('Written after the backup');
    const drafts = await rpc<PostDto[]>(host, 'posts:list', { scope: 'drafts' });
    expect(drafts.map((p) => p.id)).toEqual([kept.id]);
  });
});
