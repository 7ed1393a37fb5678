import { DateTime } from 'luxon';
import { dayFromToday, expect, fillComposer, test } from './support/fixtures';
import { rpc } from './support/host';

const ZONE = 'Europe/Berlin';

test.describe('planning posts', () => {
  test('a post scheduled in the composer for two platforms is listed, and is still there after the host restarts', async ({ page, host, openApp, startAnotherHost }) => {
    // Two host starts and two page loads: on a busy two-core machine that can take longer than 30 s.
    test.setTimeout(60_000);
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const tomorrow = dayFromToday(ZONE, 1);
    const text = 'Launch notes: what changed in week one, and what did not.';

    await openApp(host);
    await page.getByTestId('new-post').click();
    await expect(page.getByTestId('compose-zone')).toContainText(ZONE);
    await fillComposer(page, { text, platforms: ['x', 'bluesky'], date: tomorrow, time: '14:30' });
    await page.getByTestId('compose-schedule').click();

    const row = page.getByTestId('upcoming-list').getByTestId('post-row').filter({ hasText: 'Launch notes' });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('post-time')).toHaveText('14:30');
    await expect(row.locator('[data-platform]')).toHaveText(['X', 'Bluesky']);
    await expect(page.getByTestId('day-group').filter({ hasText: 'Launch notes' })).toHaveAttribute('data-day', tomorrow);

    await host.stop();
    const again = await startAnotherHost({ dataDir: host.dataDir });
    await openApp(again);

    const reread = page.getByTestId('upcoming-list').getByTestId('post-row').filter({ hasText: 'Launch notes' });
    await expect(reread.getByTestId('post-time')).toHaveText('14:30');
    await expect(reread.locator('[data-platform]')).toHaveText(['X', 'Bluesky']);
    await reread.click();
    const panel = page.getByTestId('post-panel');
    await expect(panel.getByTestId('post-panel-text')).toHaveText(text);
    await expect(panel.getByTestId('post-panel-when')).toContainText(`${DateTime.fromISO(tomorrow).toFormat('ccc d LLL')}, 14:30`);
    await expect(panel.getByTestId('post-panel-when')).toContainText(ZONE);
    await expect(panel.getByTestId('target-x')).toContainText('Scheduled');
    await expect(panel.getByTestId('target-bluesky')).toContainText('Scheduled');
  });

  test('editing a post adds a version to its history, and deleting it asks first', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    await rpc(host, 'posts:create', { text: 'First take on the pricing post', platforms: ['linkedin'], schedule: { date: dayFromToday(ZONE, 2), time: '10:00' } });

    await openApp(host);
    await page.getByTestId('post-row').filter({ hasText: 'First take' }).click();
    const panel = page.getByTestId('post-panel');
    await expect(panel.getByTestId('version-item')).toHaveCount(1);

    await panel.getByTestId('post-edit').click();
    await expect(page.getByTestId('compose-text')).toHaveValue('First take on the pricing post');
    await page.getByTestId('compose-text').fill('Second take on the pricing post, shorter');
    await page.getByTestId('compose-platform-mastodon').click();
    await page.getByTestId('compose-schedule').click();

    await expect(panel.getByTestId('post-panel-text')).toHaveText('Second take on the pricing post, shorter');
    await expect(panel.getByTestId('version-item')).toHaveCount(2);
    await expect(panel.getByTestId('version-item').first()).toContainText('Version 2');
    await expect(panel.getByTestId('version-item').first()).toContainText('Current');
    await expect(panel.getByTestId('version-item').nth(1)).toContainText('First take on the pricing post');
    await expect(panel.getByTestId('target-mastodon')).toContainText('Scheduled');
    await expect(page.getByTestId('post-row').filter({ hasText: 'Second take' }).getByTestId('post-time')).toHaveText('10:00');

    await panel.getByTestId('post-delete').click();
    await expect(panel.getByTestId('delete-confirm')).toContainText('bring it back from Recently deleted');
    await panel.getByTestId('cancel-delete').click();
    await expect(page.getByTestId('post-row')).toHaveCount(1);

    await panel.getByTestId('post-delete').click();
    await panel.getByTestId('confirm-delete').click();
    await expect(page.getByTestId('post-panel')).toHaveCount(0);
    await expect(page.getByTestId('post-row')).toHaveCount(0);
    await expect(page.getByTestId('calendar-empty')).toContainText('No posts yet');
    expect(await rpc<unknown[]>(host, 'posts:list', { scope: 'all' })).toEqual([]);
  });

  test('saving as a draft keeps the post under Drafts without a time', async ({ page, host, openApp }) => {
    await openApp(host, '#/compose');
    await fillComposer(page, { text: 'Half an idea about newsletters', platforms: ['threads'] });
    await page.getByTestId('compose-save-draft').click();

    const row = page.getByTestId('drafts-list').getByTestId('post-row').filter({ hasText: 'Half an idea' });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Draft');
    await expect(page.getByTestId('upcoming-list').getByTestId('post-row')).toHaveCount(0);
  });

  test('changing the time zone in Settings changes the times shown', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const day = dayFromToday(ZONE, 3);
    await rpc(host, 'posts:create', { text: 'Zone check', platforms: ['x'], schedule: { date: day, time: '14:30' } });
    const inTokyo = DateTime.fromISO(`${day}T14:30`, { zone: ZONE }).setZone('Asia/Tokyo');

    await openApp(host);
    const time = page.getByTestId('post-row').filter({ hasText: 'Zone check' }).getByTestId('post-time');
    await expect(time).toHaveText('14:30');

    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('settings-timezone')).toHaveValue(ZONE);
    await page.getByTestId('settings-timezone').fill('Asia/Tokyo');
    await page.getByTestId('settings-timezone-option').filter({ hasText: 'Asia/Tokyo' }).click();
    await expect(page.getByTestId('settings-saved')).toContainText('Asia/Tokyo');

    await page.getByTestId('nav-calendar').click();
    await expect(time).toHaveText(inTokyo.toFormat('HH:mm'));
    await expect(page.getByTestId('day-group').filter({ hasText: 'Zone check' })).toHaveAttribute('data-day', inTokyo.toFormat('yyyy-LL-dd'));
    await expect(page.getByTestId('calendar-screen')).toContainText('Times in Asia/Tokyo');
    expect((await rpc<{ timeZone: string }>(host, 'settings:get')).timeZone).toBe('Asia/Tokyo');
  });
});

test.describe('the composer explains what went wrong', () => {
  test('Schedule refused for what is written says every problem at once and takes the keyboard to the first one', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    await page.setViewportSize({ width: 1024, height: 700 });
    await openApp(host, '#/compose');
    await fillComposer(page, { text: 'Too long for Bluesky. '.repeat(15), platforms: ['bluesky'], date: dayFromToday(ZONE, -1), time: '09:00' });
    await page.getByTestId('compose-schedule').click();
    // The text's problem and the passed time together, not one after the other.
    await expect(page.getByTestId('compose-text-error')).toBeVisible();
    await expect(page.getByTestId('compose-schedule-error')).toContainText('has already passed. Pick a time in the future.');
    // The first problem is far above the button: the keyboard and the view go there.
    await expect(page.getByTestId('compose-text')).toBeFocused();
    await expect(page.getByTestId('compose-text')).toBeInViewport();
    expect(await rpc<unknown[]>(host, 'posts:list', { scope: 'all' })).toEqual([]);
  });

  test('a time that has passed is refused with the core’s words under the schedule', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    await openApp(host, '#/compose');
    await fillComposer(page, { text: 'Too late', platforms: ['x'], date: dayFromToday(ZONE, -1), time: '09:00' });
    await page.getByTestId('compose-schedule').click();

    await expect(page.getByTestId('compose-schedule-error')).toContainText('has already passed. Pick a time in the future.');
    await expect(page.getByTestId('compose-screen')).toBeVisible();
    expect(await rpc<unknown[]>(host, 'posts:list', { scope: 'all' })).toEqual([]);
  });

  test('empty text and no platform are named on their own fields', async ({ page, host, openApp }) => {
    await openApp(host, '#/compose');
    await page.getByTestId('compose-save-draft').click();

    await expect(page.getByTestId('compose-text-error')).toContainText('Write something first');
    await expect(page.getByTestId('compose-platforms-error')).toContainText('Pick at least one platform');
    await expect(page.getByTestId('compose-text')).toHaveAttribute('aria-invalid', 'true');

    await page.getByTestId('compose-text').fill('Now there is text');
    await expect(page.getByTestId('compose-text-error')).toHaveCount(0);
  });
});
