import { LIST_SECTION_STEP } from '../../shared/domain/list-sections';
import { expect, test } from './support/fixtures';
import { rpc } from './support/host';

test('a long list of drafts comes a step at a time: it says how many are left, and “Show more” brings them', async ({ page, host, openApp }) => {
  const total = LIST_SECTION_STEP + 12;
  for (let i = 0; i < total; i += 20) {
    await Promise.all(Array.from({ length: Math.min(20, total - i) }, (_, k) => rpc(host, 'posts:create', { text: `Draft number ${i + k + 1} about planning`, platforms: ['x'], schedule: null })));
  }

  await openApp(host, '#/calendar/list');
  const drafts = page.getByTestId('drafts-list');
  // The count is every draft, though only the first step was read.
  await expect(drafts.locator('.count')).toHaveText(total.toLocaleString('en'));
  // The rows already read come in pages as the list scrolls; after the last, the section says what is left.
  // Its button is also a sentinel: scrolled into view (as a click does), it shows the next page by
  // itself and may be gone before the click lands, so each try is short and the whole is retried.
  const listMore = page.getByTestId('list-more');
  await expect(async () => {
    if (await listMore.isVisible()) await listMore.getByRole('button').click({ timeout: 1_000 });
    await expect(drafts.getByTestId('post-row')).toHaveCount(LIST_SECTION_STEP, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const more = page.getByTestId('drafts-more');
  await expect(more).toContainText('12 older drafts after these');
  await more.getByRole('button', { name: 'Show 12 more' }).click();
  await expect(drafts.getByTestId('post-row')).toHaveCount(total);
  await expect(more).toHaveCount(0);
  // The oldest draft, left out at first, is there now.
  await expect(drafts.getByTestId('post-row').filter({ hasText: 'Draft number 1 about planning' })).toHaveCount(1);

  // Opened afresh, the calendar's sidebar lists the newest step of untimed drafts and counts every one.
  await page.setViewportSize({ width: 1440, height: 860 });
  await openApp(host, '#/calendar/month');
  await expect(page.getByTestId('calendar-sidebar').getByTestId('sidebar-drafts-count')).toHaveText(`${LIST_SECTION_STEP} of ${total}`);
});
