import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { PostDto } from '../../shared/contract';
import { dayFromToday, expect, test } from './support/fixtures';
import { rpc } from './support/host';

const ZONE = 'Europe/Berlin';

/** The CSV the panel downloads, as its rows' dates and texts. */
async function downloadCsv(page: Page): Promise<string[][]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const lines = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
  return lines.slice(1).map((l) => [l.slice(0, 10), l.split(',')[3]!]);
}

test('the export holds everything, what is ahead, or the days picked, and says what is wrong with the days', async ({ page, host, openApp }) => {
  await rpc(host, 'settings:update', { timeZone: ZONE });
  const [d1, d2, d3, d5, d8] = [1, 2, 3, 5, 8].map((n) => dayFromToday(ZONE, n)) as [string, string, string, string, string];
  for (const [date, text] of [[d1, 'First'], [d3, 'Third'], [d8, 'Eighth']] as const) {
    await rpc<PostDto>(host, 'posts:create', { text, platforms: ['x'], schedule: { date, time: '09:30', zone: ZONE } });
  }
  await rpc<PostDto>(host, 'posts:create', { text: 'A draft without a day', platforms: ['x'], schedule: null });

  await openApp(host, '#/import');
  await expect(page.getByTestId('export-range-all')).toBeChecked();
  expect(await downloadCsv(page)).toEqual([[d1, 'First'], [d3, 'Third'], [d8, 'Eighth']]);

  await page.getByTestId('export-range-ahead').check();
  await expect(page.getByTestId('export-range-note')).toHaveText(`Posts from the start of today on, in ${ZONE}.`);
  expect(await downloadCsv(page)).toEqual([[d1, 'First'], [d3, 'Third'], [d8, 'Eighth']]);

  // Two days picked backwards: said, and nothing to download until mended.
  await page.getByTestId('export-range-dates').check();
  await page.getByTestId('export-from').fill(d5);
  await page.getByTestId('export-to').fill(d2);
  await expect(page.getByRole('alert').filter({ hasText: 'The last day is before the first' })).toBeVisible();
  await expect(page.getByTestId('export-csv')).toBeDisabled();
  await expect(page.getByTestId('export-ics')).toBeDisabled();

  await page.getByTestId('export-from').fill(d2);
  await page.getByTestId('export-to').fill(d5);
  await expect(page.getByTestId('export-range-note')).toHaveText(`Posts of those days, whole days in ${ZONE}.`);
  expect(await downloadCsv(page)).toEqual([[d3, 'Third']]);
  const [ics] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ics').click()]);
  const calendar = await readFile((await ics.path())!, 'utf8');
  expect(calendar.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  expect(calendar).toContain(`DTSTART;TZID=${ZONE}:${d3.replace(/-/g, '')}T093000`);
  await expect(page.getByTestId('toast').filter({ hasText: /\.ics/ })).toContainText('1 event');
});
