import { DateTime } from 'luxon';
import type { Page } from '@playwright/test';
import type { PostDto } from '../../shared/contract';
import { nextFreeSlots } from '../../electron/core/features/posting-times/weekly-slots';
import { expect, fillComposer } from './support/fixtures';
import { rpc } from './support/host';
import { connectMastodon, test } from './support/mastodon';

const ZONE = 'Europe/Berlin';

const box = async (page: Page, testId: string) => (await page.getByTestId(testId).boundingBox())!;

test.describe('the composer’s panes and actions', () => {
  test('two panes side by side on a wide window, stacked on a narrower one, and no sideways scroll at 200 % zoom', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    await page.setViewportSize({ width: 1280, height: 800 });
    await openApp(host, '#/compose');
    // No platform yet: the preview pane says what to do instead of staying blank.
    await expect(page.getByTestId('compose-previews-empty')).toContainText('Pick a platform');
    await fillComposer(page, { text: 'Two panes, one post.', platforms: ['x', 'bluesky'] });
    await expect(page.getByTestId('compose-previews-empty')).toHaveCount(0);
    await expect(page.getByTestId('compose-previews')).toBeVisible();

    let editor = await box(page, 'compose-editor');
    let previews = await box(page, 'compose-preview-pane');
    expect(previews.x).toBeGreaterThanOrEqual(editor.x + editor.width - 1);
    expect(Math.abs(previews.y - editor.y)).toBeLessThan(4);
    await expect(page.getByTestId('compose-preview-pane')).toHaveCSS('position', 'sticky');

    await page.setViewportSize({ width: 1024, height: 700 });
    editor = await box(page, 'compose-editor');
    previews = await box(page, 'compose-preview-pane');
    expect(previews.y).toBeGreaterThanOrEqual(editor.y + editor.height - 1);
    expect(Math.abs(previews.x - editor.x)).toBeLessThan(4);

    // 1280 px at 200 % zoom is 640 CSS pixels: everything wraps, nothing scrolls sideways.
    await page.setViewportSize({ width: 640, height: 400 });
    const overflow = await page.evaluate<number[]>("[document.documentElement, ...document.querySelectorAll('.page')].map((el) => el.scrollWidth - el.clientWidth)");
    for (const extra of overflow) expect(extra).toBeLessThanOrEqual(0);
  });

  test('Add to queue waits for posting times and says so; then the picker offers the next free times and one is scheduled', async ({ page, host, openApp, mastodon }) => {
    test.setTimeout(90_000);
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const { id: accountId } = await connectMastodon(page, host, mastodon);
    await openApp(host);
    await page.getByTestId('new-post').click();
    await fillComposer(page, { text: 'Open studio on Thursday: drop by.', platforms: ['mastodon'] });

    // No time is chosen for the creator; Add to queue is there, disabled, with the reason and a way to fix it.
    await expect(page.getByTestId('compose-date')).toHaveValue('');
    await expect(page.getByTestId('compose-time')).toHaveValue('');
    await expect(page.getByTestId('compose-no-time')).toContainText('No time picked yet');
    const queue = page.getByTestId('compose-add-to-queue');
    await expect(queue).toBeDisabled();
    await expect(page.getByTestId('compose-queue-reason')).toContainText('has no posting times yet');
    await expect(page.getByTestId('compose-queue-reason').getByRole('link', { name: 'Set posting times in Accounts' })).toHaveAttribute('href', '#/accounts');
    await expect(queue).toHaveAttribute('aria-describedby', 'compose-queue-reason');

    // Schedule with no time says why, on the fields.
    await page.getByTestId('compose-schedule').click();
    await expect(page.getByTestId('compose-date-error')).toContainText('Pick a day');
    expect(await rpc<PostDto[]>(host, 'posts:list', { scope: 'all' })).toEqual([]);

    const slots = [
      { weekday: 2, time: '10:30' },
      { weekday: 5, time: '16:00' },
    ];
    await rpc(host, 'queue:setSlots', { accountId, slots });
    await expect(queue).toBeEnabled();
    await expect(page.getByTestId('compose-queue-reason')).toHaveCount(0);
    const expected = nextFreeSlots(slots, ZONE, Date.now(), 5);
    const offered = page.getByTestId('compose-free-slot');
    await expect(offered).toHaveCount(5);
    const second = DateTime.fromMillis(expected[1]!.epochMs, { zone: ZONE });
    await expect(offered.nth(1)).toContainText(second.toFormat('ccc d LLL, HH:mm'));

    await offered.nth(1).click();
    await expect(offered.nth(1)).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('compose-date')).toHaveValue(second.toFormat('yyyy-LL-dd'));
    await expect(page.getByTestId('compose-time')).toHaveValue(second.toFormat('HH:mm'));
    await page.getByTestId('compose-schedule').click();
    await expect(page.getByTestId('post-panel').getByTestId('target-mastodon')).toContainText('Scheduled');
    const [post] = await rpc<PostDto[]>(host, 'posts:list', { scope: 'upcoming' });
    expect(Date.parse(post!.scheduledAt!)).toBe(expected[1]!.epochMs);
  });

  test('Send for review saves the post and lands it in Review', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    await openApp(host);
    await page.getByTestId('new-post').click();
    await fillComposer(page, { text: 'A first look at the new logo.', platforms: ['x'] });
    await page.getByTestId('compose-send-review').click();
    await expect(page.getByTestId('toast').first()).toContainText('it waits in Review until you approve it');
    await expect(page.getByTestId('nav-review')).toContainText('1');
    await page.getByTestId('nav-review').click();
    await expect(page.getByTestId('review-item')).toHaveCount(1);
    await expect(page.getByTestId('review-detail')).toContainText('A first look at the new logo.');
    const [post] = await rpc<PostDto[]>(host, 'posts:list', { scope: 'all' });
    expect(post!.targets.map((t) => t.state)).toEqual(['in_review']);
  });

  test('Post now asks first, then publishes to the platform right away; with review required it says why it can’t', async ({ page, host, openApp, mastodon }) => {
    test.setTimeout(90_000);
    await rpc(host, 'settings:update', { timeZone: ZONE, autoApproveOwnPosts: false });
    await connectMastodon(page, host, mastodon);
    await openApp(host);
    await page.getByTestId('new-post').click();
    const text = `Live now: the studio tour. ${Date.now().toString(36)}`;
    await fillComposer(page, { text, platforms: ['mastodon'] });
    const now = page.getByTestId('compose-post-now');
    await expect(now).toBeDisabled();
    await expect(page.getByTestId('compose-now-reason')).toContainText('Your own posts wait in Review before they go out');

    await rpc(host, 'settings:update', { autoApproveOwnPosts: true });
    await expect(now).toBeEnabled();
    await now.click();
    const confirm = page.getByTestId('compose-now-confirm');
    await expect(confirm).toContainText(`Post it now to @ada@${mastodon.host}?`);
    await expect(confirm.getByTestId('compose-now-confirm-go')).toBeFocused();
    await confirm.getByTestId('compose-now-confirm-cancel').click();
    await expect(confirm).toHaveCount(0);
    expect(await rpc<PostDto[]>(host, 'posts:list', { scope: 'all' })).toEqual([]);

    await now.click();
    await page.getByTestId('compose-now-confirm-go').click();
    await expect(page.getByTestId('toast').first()).toContainText('Posting now to Mastodon');
    await expect(page.getByTestId('post-panel').getByTestId('target-state-mastodon')).toHaveText('Published', { timeout: 30_000 });
    expect(mastodon.posts.map((p) => p.text)).toEqual([text]);
  });

  test('the campaign and pillar chosen in the composer show on the post, and come back when it is edited', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const campaign = await rpc<{ id: string }>(host, 'campaigns:save', { name: 'Spring launch' });
    const pillar = await rpc<{ id: string }>(host, 'pillars:save', { name: 'Behind the scenes', color: '#2f7d5b' });
    await openApp(host);
    await page.getByTestId('new-post').click();
    await fillComposer(page, { text: 'How the spring range was made.', platforms: ['linkedin'] });
    await page.getByTestId('compose-campaign').selectOption({ label: 'Spring launch' });
    await page.getByTestId('compose-pillar').selectOption({ label: 'Behind the scenes' });
    await page.getByTestId('compose-save-draft').click();

    const panel = page.getByTestId('post-panel');
    await expect(panel.getByTestId('post-panel-campaign')).toHaveText('Spring launch');
    await expect(panel.getByTestId('post-panel-pillar')).toHaveText('Behind the scenes');
    const [post] = await rpc<PostDto[]>(host, 'posts:list', { scope: 'all' });
    expect(await rpc(host, 'campaigns:postCampaigns', { postIds: [post!.id] })).toEqual([{ postId: post!.id, campaignId: campaign.id }]);
    expect(await rpc(host, 'posts:links', { ids: [post!.id] })).toEqual([expect.objectContaining({ postId: post!.id, pillarId: pillar.id })]);

    await panel.getByTestId('post-edit').click();
    await expect(page.getByTestId('compose-campaign')).toHaveValue(campaign.id);
    await expect(page.getByTestId('compose-pillar')).toHaveValue(pillar.id);
    // Taking it out of the campaign is saved too.
    await page.getByTestId('compose-campaign').selectOption({ label: 'None' });
    await page.getByTestId('compose-save-draft').click();
    await expect(panel.getByTestId('post-panel-campaign')).toHaveCount(0);
    await expect(panel.getByTestId('post-panel-pillar')).toHaveText('Behind the scenes');
  });
});
