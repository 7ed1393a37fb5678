import { expect } from './support/fixtures';
import { rpc } from './support/host';
import { connectMastodon, test } from './support/mastodon';

test.describe('pausing publishing', () => {
  test('the status line and Settings pause and resume publishing, keep it after a reload, and follow a pause made elsewhere (the tray)', async ({ page, host, openApp, mastodon }) => {
    // Pause is offered where something could go out: an account that can post.
    await connectMastodon(page, host, mastodon);
    await openApp(host);
    const line = page.getByTestId('status-line');
    await expect(line.getByTestId('status-publishing')).not.toHaveText('Publishing paused');

    await line.getByTestId('status-pause').click();
    await expect(line.getByTestId('status-publishing')).toHaveText('Publishing paused');
    await expect(page.getByText('Publishing paused: nothing goes out until you resume')).toBeVisible();
    const resume = line.getByTestId('status-resume');
    await expect(resume).toHaveText('Resume');
    expect(await rpc<{ paused: boolean }>(host, 'publishing:status')).toMatchObject({ paused: true });

    // Kept by the core, not the page.
    await page.reload();
    await expect(line.getByTestId('status-publishing')).toHaveText('Publishing paused');

    // Keyboard: the button is reachable and works with Enter.
    await line.getByTestId('status-resume').focus();
    await page.keyboard.press('Enter');
    await expect(line.getByTestId('status-pause')).toBeVisible();
    await expect(line.getByTestId('status-publishing')).not.toHaveText('Publishing paused');

    // A pause from the tray (another caller of the core) reaches the open window.
    await rpc(host, 'publishing:pause');
    await expect(line.getByTestId('status-publishing')).toHaveText('Publishing paused');

    // Settings says the same and resumes too.
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByTestId('settings-publishing-state')).toHaveText(/^Paused since .+: nothing goes out/);
    await page.getByTestId('settings-publishing-toggle').click();
    await expect(page.getByTestId('settings-publishing-toggle')).toHaveText('Pause publishing');
    await expect(line.getByTestId('status-pause')).toBeVisible();
  });
});
