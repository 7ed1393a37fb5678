import { defineConfig } from '@playwright/test';
import { findChromium } from './scripts/find-chromium.cjs';

// LOOMCAST_CHROMIUM or CHROME_PATH, else Debian's chromium, Google Chrome, Playwright's own
// browser (scripts/find-chromium.cjs). Without any, one line says how to get one, instead of a
// launch error per test.
const chromium = findChromium();
if (chromium.path === null) {
  console.error(chromium.hint);
  process.exit(1);
}

/**
 * End-to-end tests drive browser mode (out/main/host.js serving out/renderer) in Chromium.
 * `npm test` builds first; on your own, run `npx electron-vite build` before this.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  // In CI one retry, so a test that failed once under a loaded machine does not sink the run; the
  // summary (scripts/test-summary.mjs) names every such test as flaky, so it is seen and fixed.
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: '.playwright-results.json' }]],
  use: {
    headless: true,
    viewport: { width: 1280, height: 800 },
    // Times follow the browser's locale: specs read British dates and a 24-hour clock ("Tue 8 Dec,
    // 14:30") whatever the machine is set to. date-format.spec.ts sets its own per test.
    locale: 'en-GB',
    launchOptions: {
      // Never `npx playwright install` on our machines: it downloads a browser, which can't work here.
      executablePath: chromium.path,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    trace: 'off',
    // One browser context per worker, reset between tests (Playwright closes extra tabs, goes to
    // about:blank, clears cookies and storage, drops routes, init scripts and emulation), so each
    // test reuses the tab's renderer process instead of starting one: a new context and its first
    // page cost ~2 CPU-seconds of Chromium's, and the suite is CPU-bound on our two cores (684 s →
    // 491 s for the 139 tests). Isolation still holds where it matters: every test starts its own
    // host on its own port, so its page is a new origin with its own storage and token; no spec
    // grants permissions, goes back in history or sets context-wide headers, the state the reset
    // leaves. A test.use() that changes the locale gets a fresh context by itself.
    reuseContext: true,
  },
});
