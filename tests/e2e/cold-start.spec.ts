import { resolve } from 'node:path';
import { expect, test } from './support/fixtures';
import { startHost } from './support/host';

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
