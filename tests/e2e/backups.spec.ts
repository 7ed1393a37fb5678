import type { PostDto } from '../../shared/contract';
import { test, expect } from './support/fixtures';
import { rpc } from './support/host';
import { png } from './support/media';

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

  test('Where your work lives says what the media folder holds, and that files no post uses go on their own', async ({ page, host, openApp }) => {
    await openApp(host, '#/settings');
    const usage = page.getByTestId('settings-media-usage');
    await expect(usage).toContainText('No media files yet.');
    const post = await rpc<PostDto>(host, 'posts:create', { text: 'With a picture', platforms: ['mastodon'], schedule: null });
    const pictures = [png(12, 8, [40, 160, 60]), png(16, 9, [200, 80, 40])];
    const [used] = await Promise.all(pictures.map((p, i) => rpc<{ hash: string }>(host, 'media:upload', { name: `p${i}.png`, mime: 'image/png', dataBase64: p.toString('base64') })));
    await rpc(host, 'media:setForPost', { postId: post.id, items: [{ hash: used!.hash, altText: 'seedlings' }] });
    await page.reload();
    const bytes = pictures.reduce((n, p) => n + p.length, 0);
    await expect(page.getByTestId('settings-media-usage')).toContainText(`2 files, ${bytes} bytes.`);
    await expect(page.getByTestId('settings-media-usage')).toContainText('A file no post uses any more is removed a week after, once no backup needs it.');
  });
});
