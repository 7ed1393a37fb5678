import AxeBuilder from '@axe-core/playwright';
import { DateTime } from 'luxon';
import type { PostDto } from '../../shared/contract';
import { nextFreeSlots } from '../../electron/core/features/posting-times/weekly-slots';
import { dayFromToday, expect } from './support/fixtures';
import { rpc } from './support/host';
import { connectMastodon, test } from './support/mastodon';

const ZONE = 'Europe/Berlin';

test('several posts are picked in the list and deleted together, after asking, and the rest stay', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE });
  const draft = (text: string) => rpc<PostDto>(host, 'posts:create', { text, platforms: ['x'], schedule: null });
  await draft('Imported by mistake, one');
  await draft('Imported by mistake, two');
  await draft('Imported by mistake, three');
  const keep = await rpc<PostDto>(host, 'posts:create', { text: 'The one to keep', platforms: ['mastodon'], schedule: { date: dayFromToday(ZONE, 3), time: '09:00' } });

  await openApp(host, '#/calendar/list');
  const rows = page.getByTestId('list-view').locator('li');
  const pickOf = (text: string) => rows.filter({ hasText: text }).getByTestId('post-pick');
  await expect(page.getByTestId('selection-bar')).toHaveCount(0);
  await pickOf('mistake, one').check();
  await pickOf('mistake, two').check();
  const bar = page.getByTestId('selection-bar');
  await expect(bar.getByTestId('selection-count')).toHaveText('2 posts selected');
  await bar.getByTestId('selection-all').click();
  await expect(bar.getByTestId('selection-count')).toHaveText('4 posts selected');
  await pickOf('The one to keep').uncheck();
  await expect(bar.getByTestId('selection-count')).toHaveText('3 posts selected');

  // Asked first; keeping them changes nothing.
  await bar.getByTestId('selection-delete').click();
  await expect(bar.getByTestId('selection-confirm')).toContainText('Delete 3 posts?');
  await expect(bar.getByTestId('selection-keep')).toBeFocused();
  expect((await new AxeBuilder({ page }).include('[data-testid="selection-bar"]').analyze()).violations).toEqual([]);
  await bar.getByTestId('selection-keep').click();
  await expect(page.getByTestId('drafts-list').getByTestId('post-row')).toHaveCount(3);

  await bar.getByTestId('selection-delete').click();
  await bar.getByTestId('selection-confirm-delete').click();
  await expect(page.getByTestId('toast').last()).toContainText('3 posts deleted');
  await expect(page.getByTestId('selection-bar')).toHaveCount(0);
  await expect(page.getByTestId('drafts-list').getByTestId('post-row')).toHaveCount(0);
  await expect(page.getByTestId('upcoming-list').getByTestId('post-row')).toHaveText([/The one to keep/]);
  const lists = await rpc<{ upcoming: PostDto[]; drafts: PostDto[] }>(host, 'posts:lists');
  expect(lists.drafts).toEqual([]);
  expect(lists.upcoming.map((p) => p.id)).toEqual([keep.id]);
});

test('picked drafts are added to the queue together, in the order shown, each taking its account’s next free posting time', async ({ page, host, openApp, mastodon }) => {
  test.setTimeout(90_000);
  await rpc(host, 'settings:update', { timeZone: ZONE });
  const account = await connectMastodon(page, host, mastodon);
  const slots = [
    { weekday: 2, time: '10:30' },
    { weekday: 4, time: '16:00' },
  ];
  await rpc(host, 'queue:setSlots', { accountId: account.id, slots });
  const expected = nextFreeSlots(slots, ZONE, Date.now(), 3).map((s) => s.epochMs);
  for (const n of ['one', 'two', 'three']) await rpc<PostDto>(host, 'posts:create', { text: `Evergreen tip ${n}`, accounts: [account.id], schedule: null });
  // A copy with no account yet can't take a posting time: it is left picked, and out of the count.
  await rpc<PostDto>(host, 'posts:create', { text: 'For a platform not connected', platforms: ['x'], schedule: null });

  await openApp(host, '#/calendar/list');
  const drafts = page.getByTestId('drafts-list');
  await expect(drafts.getByTestId('post-row')).toHaveCount(4);
  for (const box of await drafts.getByTestId('post-pick').all()) await box.check();
  const bar = page.getByTestId('selection-bar');
  await expect(bar.getByTestId('selection-count')).toHaveText('4 posts selected');
  await expect(bar.getByTestId('selection-queue')).toHaveText('Add 3 drafts to queue');
  const order = (await drafts.getByTestId('post-text').allTextContents()).filter((t) => t.startsWith('Evergreen'));
  await bar.getByTestId('selection-queue').click();

  await expect(page.getByTestId('toast').last()).toContainText('3 drafts added to the queue, from ');
  await expect(bar.getByTestId('selection-count')).toHaveText('1 post selected');
  await expect(bar.getByTestId('selection-queue')).toHaveCount(0);
  await expect(page.getByTestId('upcoming-list').getByTestId('post-row')).toHaveCount(3);
  const upcoming = (await rpc<{ upcoming: PostDto[] }>(host, 'posts:lists')).upcoming;
  // Soonest first: the posts in the order they were picked from the list, on the next free times.
  expect(upcoming.map((p) => [p.text, Date.parse(p.scheduledAt!)])).toEqual(order.map((text, i) => [text, expected[i]]));
});

test('picked posts move a week later together, keeping their times, and Undo puts them back; one that can’t move keeps all of them where they are', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE });
  const at = (days: number, time: string) => ({ date: dayFromToday(ZONE, days), time });
  const a = await rpc<PostDto>(host, 'posts:create', { text: 'Launch day teaser', platforms: ['x'], schedule: at(10, '09:15') });
  const b = await rpc<PostDto>(host, 'posts:create', { text: 'Launch day itself', platforms: ['x'], schedule: at(12, '18:00') });
  const soon = await rpc<PostDto>(host, 'posts:create', { text: 'Going out the day after tomorrow', platforms: ['x'], schedule: at(2, '12:00') });
  const local = async (id: string) => DateTime.fromISO((await rpc<PostDto>(host, 'posts:get', { id })).scheduledAt!, { zone: ZONE }).toFormat("yyyy-LL-dd' 'HH:mm");
  const before = { a: await local(a.id), b: await local(b.id), soon: await local(soon.id) };

  await openApp(host, '#/calendar/list');
  const upcoming = page.getByTestId('upcoming-list');
  const pickOf = (text: string) => upcoming.locator('li').filter({ hasText: text }).getByTestId('post-pick');
  await pickOf('Launch day teaser').check();
  await pickOf('Launch day itself').check();
  const bar = page.getByTestId('selection-bar');
  await bar.getByTestId('selection-move').click();
  const form = bar.getByTestId('move-many');
  await expect(form.getByTestId('move-many-amount')).toBeFocused();
  await expect(form.getByTestId('move-many-amount')).toHaveValue('1');
  await expect(form.getByTestId('move-many-unit')).toHaveValue('weeks');
  expect((await new AxeBuilder({ page }).include('[data-testid="selection-bar"]').analyze()).violations).toEqual([]);
  await form.getByTestId('move-many-go').click();

  const toast = page.getByTestId('toast').last();
  await expect(toast).toContainText('2 posts moved 1 week later');
  const weekLater = (s: string) => DateTime.fromFormat(s, 'yyyy-LL-dd HH:mm', { zone: ZONE }).plus({ days: 7 }).toFormat('yyyy-LL-dd HH:mm');
  expect(await local(a.id)).toBe(weekLater(before.a));
  expect(await local(b.id)).toBe(weekLater(before.b));
  await toast.getByTestId('toast-action').click();
  await expect(page.getByTestId('toast').last()).toContainText('Moved back 1 week earlier');
  expect(await local(a.id)).toBe(before.a);
  expect(await local(b.id)).toBe(before.b);

  // Three days earlier would put one of them in the past: none moves, and the form says which.
  await pickOf('Going out the day after tomorrow').check();
  await bar.getByTestId('selection-move').click();
  await form.getByTestId('move-many-amount').fill('3');
  await form.getByTestId('move-many-unit').selectOption('days');
  await form.getByTestId('move-many-direction').selectOption('earlier');
  await form.getByTestId('move-many-go').click();
  await expect(form).toContainText('“Going out the day after tomorrow” can’t be moved:');
  await expect(form).toContainText('Nothing was moved.');
  expect([await local(a.id), await local(b.id), await local(soon.id)]).toEqual([before.a, before.b, before.soon]);
  // A number that is not one says so where it is typed.
  await form.getByTestId('move-many-amount').fill('0');
  await expect(form.getByTestId('move-many-error')).toHaveText('Enter a whole number from 1 to 366');
  await expect(form.getByTestId('move-many-go')).toBeDisabled();
});
