import { resolve } from 'node:path';
import { dayFromToday, expect, test } from './support/fixtures';
import { rpc, startHost } from './support/host';

const ZONE = 'Europe/Berlin';

/**
 * The libraries that take longest to load wait until they are used: a start that never asks a
 * model, never talks to Bluesky, has no media bucket and runs no experiment statistics must not
 * load them (they were more than half of a cold start; electron/core/lazy-require.ts).
 */
const LOADED_ON_USE = ['@anthropic-ai/sdk', 'openai', '@atproto/api', '@aws-sdk/client-s3', '@aws-sdk/s3-request-presigner', '@stdlib/stats-chi2gof', '@stdlib/random-base-mt19937', '@stdlib/stats-base-dists-beta-pdf', '@modelcontextprotocol/sdk'];

test('a start, and the app opened on its calendar, load none of the slow libraries that wait for their first use', async ({ page, openApp }) => {
  const host = await startHost({ env: { NODE_OPTIONS: `--require ${resolve(__dirname, 'support/print-loaded.cjs')}` } });
  try {
    await openApp(host, '#/calendar');
    await expect(page.getByTestId('calendar-screen')).toBeVisible();
  } finally {
    await host.stop();
  }
  await expect.poll(() => host.output()).toContain('loaded packages:');
  const loaded = JSON.parse(/loaded packages: (\[.*\])/.exec(host.output())![1]!) as string[];
  // The probe sees what the host loads: the database driver is always there.
  expect(loaded).toContain('better-sqlite3');
  expect(loaded.filter((p) => LOADED_ON_USE.includes(p))).toEqual([]);
});

/**
 * The calendar opens without the contract's zod schemas (~0.1 s, about a quarter of the first
 * page's script, when the client read the channel list from the contract): screens reach the core by name,
 * and take errors and limits from schema-free modules. The first screen that checks a form with
 * zod (the composer) brings the chunk.
 */
test('the calendar opens without downloading zod; the composer brings it', async ({ page, host, openApp }) => {
  const zodChunks: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (/^\/assets\/zod-[\w-]+\.js$/.test(path)) zodChunks.push(path);
  });
  await rpc(host, 'settings:update', { timeZone: ZONE });
  const day = dayFromToday(ZONE, 2);
  await rpc(host, 'posts:create', { text: 'Studio notes, with a picture of the loom', platforms: ['mastodon'], schedule: { date: day, time: '10:00' } });
  await openApp(host, `#/calendar/month/${day}`);
  // The grid drawn with its post: the screen's code and its first answers are in.
  await expect(page.locator(`[data-testid="month-day"][data-day="${day}"]`).getByTestId('calendar-chip')).toHaveCount(1);
  expect(zodChunks).toEqual([]);

  await page.getByTestId('nav-compose').click();
  await expect(page.getByTestId('compose-screen')).toBeVisible();
  await expect.poll(() => zodChunks.length).toBe(1);
});
