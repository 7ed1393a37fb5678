import AxeBuilder from '@axe-core/playwright';
import type { PostDto } from '../../shared/contract';
import { dayFromToday, expect, test } from './support/fixtures';
import { rpc } from './support/host';

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
