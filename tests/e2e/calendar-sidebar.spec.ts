import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DateTime } from 'luxon';
import type { PostDto } from '../../shared/contract';
import type { IdeaDto } from '../../shared/contract/features/ideas';
import { expect } from './support/fixtures';
import { rpc } from './support/host';
import { connectMastodon, test } from './support/mastodon';
import { needKeychain } from './support/keychain';

const ZONE = 'Europe/Berlin';

/** The 8th of next month: always ahead, with two more days after it in the same month. */
const DAY = DateTime.now().setZone(ZONE).startOf('month').plus({ months: 1, days: 7 }).toFormat('yyyy-LL-dd');
const plusDays = (date: string, n: number) => DateTime.fromISO(date, { zone: ZONE }).plus({ days: n }).toFormat('yyyy-LL-dd');
const label = (date: string, time: string) => `${DateTime.fromISO(date).toFormat('ccc d LLL')}, ${time}`;
const instant = (date: string, time: string) => DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toUTC().toISO();
const monthDay = (page: Page, day: string) => page.locator(`[data-testid="month-day"][data-day="${day}"]`);

test.describe('calendar sidebar', () => {
  test.beforeEach(async ({ page, host }) => {
    // Roomy enough for the sidebar to open beside the grid by itself.
    await page.setViewportSize({ width: 1440, height: 860 });
    await rpc(host, 'settings:update', { timeZone: ZONE });
  });

  test('a draft dragged from the sidebar onto a day is scheduled there at a time it says, and Undo puts it back among the drafts', async ({ page, host, openApp }) => {
    const draft = await rpc<PostDto>(host, 'posts:create', { text: 'Studio notes: the new desk', platforms: ['mastodon', 'bluesky'], schedule: null });
    await openApp(host, `#/calendar/month/${DAY}`);

    const sidebar = page.getByTestId('calendar-sidebar');
    await expect(sidebar).toBeVisible();
    await expect(sidebar.getByTestId('sidebar-drafts-count')).toHaveText('1');
    const card = sidebar.getByTestId('sidebar-draft');
    await expect(card).toContainText('Studio notes');

    await card.dragTo(monthDay(page, DAY));

    const chip = monthDay(page, DAY).getByTestId('calendar-chip');
    await expect(chip).toContainText('Studio notes');
    await expect(chip.getByTestId('chip-time')).toHaveText('09:00');
    const toast = page.getByTestId('toast').filter({ hasText: 'Scheduled for' });
    await expect(toast).toContainText(`Scheduled for ${label(DAY, '09:00')}`);
    await expect(toast).toContainText('open the post to change it');
    await expect(sidebar.getByTestId('sidebar-draft')).toHaveCount(0);
    await expect(sidebar.getByTestId('sidebar-drafts')).toContainText('No drafts without a time.');
    const scheduled = await rpc<PostDto>(host, 'posts:get', { id: draft.id });
    expect(scheduled.targets.map((t) => [t.state, t.scheduledAt])).toEqual([
      ['scheduled', instant(DAY, '09:00')],
      ['scheduled', instant(DAY, '09:00')],
    ]);

    await toast.getByTestId('toast-action').click();
    await expect(page.getByTestId('toast').filter({ hasText: 'Back among the drafts' })).toBeVisible();
    await expect(monthDay(page, DAY).getByTestId('calendar-chip')).toHaveCount(0);
    await expect(sidebar.getByTestId('sidebar-draft')).toContainText('Studio notes');
    const back = await rpc<PostDto>(host, 'posts:get', { id: draft.id });
    expect(back.targets.map((t) => [t.state, t.scheduledAt])).toEqual([
      ['draft', null],
      ['draft', null],
    ]);
  });

  test('an idea dropped on a day becomes a post scheduled there; Undo removes the post and the idea is unused again', async ({ page, host, openApp }) => {
    // Where ideas go: the platforms last picked in Ideas' "Turn into post".
    await page.addInitScript({ content: `localStorage.setItem('loomcast.ideas', ${JSON.stringify(JSON.stringify({ state: { lastPlatforms: ['bluesky'] }, version: 0 }))});` });
    const idea = await rpc<IdeaDto>(host, 'ideas:capture', { text: 'Behind the scenes of the spring shoot', tags: ['studio'] });
    await openApp(host, `#/calendar/month/${DAY}`);

    const sidebar = page.getByTestId('calendar-sidebar');
    await expect(sidebar.getByTestId('sidebar-ideas-go')).toHaveText('A dropped idea becomes a post for Bluesky.');
    const to = plusDays(DAY, 2);
    await sidebar.getByTestId('sidebar-idea').dragTo(monthDay(page, to));

    await expect(monthDay(page, to).getByTestId('calendar-chip')).toContainText('Behind the scenes');
    const toast = page.getByTestId('toast').filter({ hasText: 'Scheduled for' });
    await expect(toast).toContainText(`Scheduled for ${label(to, '09:00')}`);
    await expect(toast).toContainText('A post for Bluesky');
    await expect(sidebar.getByTestId('sidebar-idea')).toHaveCount(0);
    const [used] = await rpc<IdeaDto[]>(host, 'ideas:list', {});
    expect(used!.postId).not.toBeNull();
    const post = await rpc<PostDto>(host, 'posts:get', { id: used!.postId! });
    expect(post.targets.map((t) => [t.platform, t.state, t.scheduledAt])).toEqual([['bluesky', 'scheduled', instant(to, '09:00')]]);

    await toast.getByTestId('toast-action').click();
    await expect(page.getByTestId('toast').filter({ hasText: 'Back among the ideas' })).toBeVisible();
    await expect(monthDay(page, to).getByTestId('calendar-chip')).toHaveCount(0);
    await expect(sidebar.getByTestId('sidebar-idea')).toContainText('Behind the scenes');
    const [unused] = await rpc<IdeaDto[]>(host, 'ideas:list', {});
    expect(unused).toMatchObject({ id: idea.id, postId: null, usedAt: null });
  });

  test('"Schedule on…" puts a draft on a day with the keyboard, says the time first, and says when the post waits in Review', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { autoApproveOwnPosts: false });
    const draft = await rpc<PostDto>(host, 'posts:create', { text: 'Quiet launch for the newsletter', platforms: ['mastodon'], schedule: null });
    await openApp(host, `#/calendar/month/${DAY}`);

    const button = page.getByTestId('sidebar-draft').getByTestId('sidebar-schedule');
    await expect(button).toHaveAccessibleName('Schedule on… Quiet launch for the newsletter');
    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('schedule-on-dialog');
    const day = dialog.getByTestId('schedule-on-day');
    await expect(day).toBeFocused();
    const to = plusDays(DAY, 1);
    await day.fill(to);
    await expect(dialog.getByTestId('schedule-on-time')).toHaveText(`At ${label(to, '09:00')} (${ZONE}). 09:00, until you pick one: open the post to change it.`);
    await page.keyboard.press('Enter');

    await expect(dialog).toHaveCount(0);
    await expect(monthDay(page, to).getByTestId('calendar-chip')).toContainText('Quiet launch');
    const toast = page.getByTestId('toast').filter({ hasText: 'Waiting in Review for' });
    await expect(toast).toContainText(`Waiting in Review for ${label(to, '09:00')}`);
    await expect(toast).toContainText('It goes out once approved in Review.');
    expect((await rpc<PostDto>(host, 'posts:get', { id: draft.id })).targets.map((t) => t.state)).toEqual(['in_review']);
  });

  test('a chip moved with the mouse goes back with Ctrl+Z while its toast is up', async ({ page, host, openApp }) => {
    const post = await rpc<PostDto>(host, 'posts:create', { text: 'Studio tour, part two', platforms: ['x'], schedule: { date: DAY, time: '14:30' } });
    await openApp(host, `#/calendar/month/${DAY}`);
    const to = plusDays(DAY, 2);

    await monthDay(page, DAY).getByTestId('calendar-chip').dragTo(monthDay(page, to));
    await expect(monthDay(page, to).getByTestId('calendar-chip')).toContainText('Studio tour');
    await expect(page.getByTestId('toast').filter({ hasText: 'Moved to' })).toContainText(`Moved to ${label(to, '14:30')}`);

    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('toast').filter({ hasText: 'Moved back to' })).toContainText(`Moved back to ${label(DAY, '14:30')}`);
    await expect(monthDay(page, DAY).getByTestId('calendar-chip')).toContainText('Studio tour');
    await expect(monthDay(page, to).getByTestId('calendar-chip')).toHaveCount(0);
    expect((await rpc<PostDto>(host, 'posts:get', { id: post.id })).scheduledAt).toBe(instant(DAY, '14:30'));
  });

  test('the sidebar starts closed on a narrower window, and the toolbar toggle opens it over the grid and is remembered', async ({ page, host, openApp }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await rpc(host, 'posts:create', { text: 'Weekend recap', platforms: ['mastodon'], schedule: null });
    await openApp(host, `#/calendar/month/${DAY}`);
    const toggle = page.getByTestId('calendar-sidebar-toggle');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByTestId('calendar-sidebar')).toHaveCount(0);
    const before = (await page.getByTestId('month-view').boundingBox())!.width;
    await toggle.click();
    await expect(page.getByTestId('calendar-sidebar')).toBeVisible();
    await expect(page.getByTestId('sidebar-ideas')).toContainText('No unused ideas.');
    await expect(page.getByTestId('calendar-sidebar')).toHaveCSS('position', 'absolute');
    // It lies over the grid's edge: the days keep their width.
    expect((await page.getByTestId('month-view').boundingBox())!.width).toBe(before);
    // A Sunday under it still takes a drop: the sidebar steps aside while a draft is dragged.
    const sunday = DateTime.fromISO(DAY).plus({ days: 7 - DateTime.fromISO(DAY).weekday }).toFormat('yyyy-LL-dd');
    const draft = page.getByTestId('sidebar-draft');
    const target = (await monthDay(page, sunday).boundingBox())!;
    await draft.hover();
    await page.mouse.down();
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 8 });
    await expect(monthDay(page, sunday)).toHaveAttribute('data-drop', 'true');
    await page.mouse.up();
    await expect(monthDay(page, sunday).getByTestId('calendar-chip')).toContainText('Weekend recap');
    await page.reload();
    await expect(page.getByTestId('calendar-sidebar')).toBeVisible();
    await page.getByTestId('calendar-sidebar-close').click();
    await expect(page.getByTestId('calendar-sidebar')).toHaveCount(0);
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  });

  test('a draft for an account with posting times takes the next free one on that day, and the toast names it', async ({ page, host, openApp, mastodon }) => {
    test.setTimeout(90_000);
    await needKeychain(host, 'Connecting a Mastodon account');
    const account = await connectMastodon(page, host, mastodon);
    const weekday = DateTime.fromISO(DAY).weekday;
    await rpc(host, 'queue:setSlots', { accountId: account.id, slots: [{ weekday, time: '11:00' }, { weekday, time: '16:30' }] });
    await rpc(host, 'posts:create', { text: 'Office hours, first round', accounts: [account.id], schedule: null });
    await rpc(host, 'posts:create', { text: 'Office hours, second round', accounts: [account.id], schedule: null });

    await openApp(host, `#/calendar/month/${DAY}`);
    const sidebar = page.getByTestId('calendar-sidebar');
    await sidebar.getByTestId('sidebar-draft').filter({ hasText: 'first round' }).dragTo(monthDay(page, DAY));
    await expect(page.getByTestId('toast').filter({ hasText: 'Scheduled for' }).last()).toContainText(`Scheduled for ${label(DAY, '11:00')}The next free posting time of ${account.handle}.`);
    // The first chip drawn before the next drag: its row grows as it comes in, and a drag begun
    // before that lands where the day was, a row off.
    await expect(monthDay(page, DAY).getByTestId('calendar-chip')).toHaveCount(1);
    // 11:00 is taken now: the next draft gets 16:30.
    await sidebar.getByTestId('sidebar-draft').filter({ hasText: 'second round' }).dragTo(monthDay(page, DAY));
    await expect(page.getByTestId('toast').filter({ hasText: label(DAY, '16:30') })).toBeVisible();
    await expect(monthDay(page, DAY).getByTestId('chip-time')).toHaveText(['11:00', '16:30']);
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`the sidebar, its "Schedule on…" dialog and the Undo toast have no serious WCAG 2 AA problems in the ${scheme} theme`, async ({ page, host, openApp }) => {
      test.setTimeout(120_000); // three axe scans; slow on a busy machine
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await rpc(host, 'posts:create', { text: 'Studio notes: the new desk', platforms: ['mastodon'], schedule: null });
      await rpc(host, 'ideas:capture', { text: 'Behind the scenes of the spring shoot', tags: ['studio'] });
      await openApp(host, `#/calendar/month/${DAY}`);
      const scan = async () => {
        const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      };
      await expect(page.getByTestId('sidebar-idea')).toBeVisible();
      expect(await scan()).toEqual([]);

      await page.getByTestId('sidebar-draft').getByTestId('sidebar-schedule').click();
      await expect(page.getByTestId('schedule-on-time')).toContainText('At ', { timeout: 15_000 });
      expect(await scan()).toEqual([]);
      await page.getByTestId('schedule-on-confirm').click();
      await expect(page.getByTestId('toast-action')).toBeVisible();
      expect(await scan()).toEqual([]);
    });
  }
});
