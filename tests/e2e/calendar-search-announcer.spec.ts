import { DateTime } from 'luxon';
import { expect, test } from './support/fixtures';
import { rpc } from './support/host';

const ZONE = 'Europe/Berlin';

/** A Tuesday in the second week of next month: always ahead; its Wednesday and the next week's Thursday are in that month too. */
function tuesdayNextMonth(): DateTime {
  let d = DateTime.now().setZone(ZONE).startOf('month').plus({ months: 1, days: 7 });
  while (d.weekday !== 2) d = d.plus({ days: 1 });
  return d;
}

const key = (d: DateTime) => d.toFormat('yyyy-LL-dd');

test.describe('searching the month and the week', () => {
  test('a screen reader hears how many posts of the month or week on screen match', async ({ page, host, openApp }) => {
    await rpc(host, 'settings:update', { timeZone: ZONE });
    const tuesday = tuesdayNextMonth();
    await rpc(host, 'posts:create', { text: 'Podcast episode 12 is out', platforms: ['x'], schedule: { date: key(tuesday), time: '09:00' } });
    await rpc(host, 'posts:create', { text: 'Podcast outline, rough', platforms: ['linkedin'], schedule: { date: key(tuesday.plus({ days: 1 })), time: '10:00' } });
    await rpc(host, 'posts:create', { text: 'Podcast guest announced', platforms: ['x', 'linkedin'], schedule: { date: key(tuesday.plus({ days: 9 })), time: '11:00' } });
    await rpc(host, 'posts:create', { text: 'Behind the scenes of the studio', platforms: ['x'], schedule: { date: key(tuesday.plus({ days: 2 })), time: '12:00' } });

    await openApp(host, `#/calendar/month/${key(tuesday)}`);
    await expect(page.getByTestId('calendar-chip')).toHaveCount(4);
    const month = await page.getByTestId('month-view').getByRole('grid').getAttribute('aria-label');
    const region = page.getByTestId('search-announcer');
    await expect(region).toHaveAttribute('aria-live', 'polite');
    await expect(region).toHaveText('');

    await page.keyboard.press('/');
    await page.keyboard.type('podcast');
    await expect(page.getByTestId('calendar-chip')).toHaveCount(3);
    await expect(region).toHaveText(`3 posts match “podcast” in ${month}`);
    await page.getByTestId('search-input').fill('podcast zebra');
    await expect(region).toHaveText(`No posts match “podcast zebra” in ${month}`);

    // The week of that Tuesday holds two of them.
    await page.getByTestId('search-input').fill('podcast');
    await page.getByTestId('calendar-view-week').click();
    await expect(page.getByTestId('week-view').getByTestId('calendar-chip')).toHaveCount(2);
    const week = (await page.getByTestId('week-view').getByRole('grid').getAttribute('aria-label'))!.replace(/^Week of /, '');
    await expect(region).toHaveText(`2 posts match “podcast” in the week of ${week}`);
  });
});
