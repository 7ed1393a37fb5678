import { test as base, expect, type Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { makeDataDir, removeDataDir, startHost, type RunningHost, type StartOptions } from './host';

export interface Fixtures {
  /** Fails the test on any uncaught error or console error in the page (network noise aside). */
  pageErrors: void;
  /** A fresh Loomcast host on its own temp data dir, stopped and cleaned up after the test. */
  host: RunningHost;
  /** Starts another host (e.g. on the same data dir, after stopping the first). */
  startAnotherHost: (opts: StartOptions) => Promise<RunningHost>;
  /** Opens the app at the host's URL and waits until the frame is up and listening for pushes. */
  openApp: (host: RunningHost, hash?: string) => Promise<void>;
}

/** A stopped host makes the event stream and pending requests fail; that is expected noise. */
const NETWORK_NOISE = /Failed to load resource|net::ERR_|EventSource/;
/**
 * The host is stopped before this fixture checks, so a code chunk the page was still loading
 * when the test ended fails to arrive. A chunk missing during the test would fail the test's
 * own checks instead.
 */
const TEARDOWN_NOISE = /Failed to fetch dynamically imported module/;

export const test = base.extend<Fixtures>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (err) => {
        if (!TEARDOWN_NOISE.test(err.message)) errors.push(`uncaught: ${err.message}`);
      });
      page.on('console', (msg) => {
        if (msg.type() === 'error' && !NETWORK_NOISE.test(msg.text())) errors.push(`console: ${msg.text()}`);
      });
      await use();
      expect(errors, 'errors in the page').toEqual([]);
    },
    { auto: true },
  ],
  host: async ({}, use) => {
    const dataDir = await makeDataDir();
    const host = await startHost({ dataDir });
    await use(host);
    await host.stop();
    await removeDataDir(dataDir);
  },
  startAnotherHost: async ({}, use) => {
    const started: RunningHost[] = [];
    await use(async (opts) => {
      const h = await startHost(opts);
      started.push(h);
      return h;
    });
    for (const h of started) await h.stop();
  },
  openApp: async ({ page }, use) => {
    await use(async (host, hash = '') => {
      // Pushes sent before the event stream is connected are not replayed, so a test that
      // changes data behind the page's back must wait for the stream to be open.
      const stream = page.waitForResponse((r) => new URL(r.url()).pathname === '/events');
      await page.goto(`${host.url}${hash}`);
      await expect(page.getByTestId('status-line')).toBeVisible();
      await stream;
    });
  },
});

export { expect };

/** The date `days` from today in `zone`, as the date input wants it (YYYY-MM-DD). */
export function dayFromToday(zone: string, days: number): string {
  return DateTime.now().setZone(zone).plus({ days }).toFormat('yyyy-LL-dd');
}

export async function fillComposer(page: Page, post: { text: string; platforms: string[]; date?: string; time?: string }): Promise<void> {
  await page.getByTestId('compose-text').fill(post.text);
  for (const p of post.platforms) await page.getByTestId(`compose-platform-${p}`).click();
  if (post.date) await page.getByTestId('compose-date').fill(post.date);
  if (post.time) await page.getByTestId('compose-time').fill(post.time);
}

export { happensOnce, nextWholeMinute, steadyZone } from './minutes';
