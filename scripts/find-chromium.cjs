#!/usr/bin/env node
// Finds the Chromium (or Chrome) the end-to-end tests drive, in one place for `npm test`
// (scripts/test.sh) and playwright.config.ts. In this order:
//   1. LOOMCAST_CHROMIUM, then CHROME_PATH (a set variable that points nowhere is an error, not skipped);
//   2. Debian's /usr/bin/chromium;
//   3. Google Chrome: /usr/bin/google-chrome, /usr/bin/google-chrome-stable, and the standard
//      macOS and Windows install paths;
//   4. Playwright's own browser, if `npx playwright install` has put it on disk.
// Run as a script it prints the path (exit 0), or one line saying how to get a browser (exit 1).
// CommonJS so that node, vitest and Playwright's config loader all take it as it is.
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose (see above) */
'use strict';
const { existsSync } = require('node:fs');
const { win32 } = require('node:path');

const ENV_VARS = ['LOOMCAST_CHROMIUM', 'CHROME_PATH'];

const HINT =
  'No Chromium or Chrome found for the end-to-end tests: install one (Debian/Ubuntu: apt-get install chromium) or set LOOMCAST_CHROMIUM=/path/to/chromium.';

/** The standard install paths for a platform, in the order they are tried. */
function standardPaths(platform, env = {}) {
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean);
    return roots.map((root) => win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'));
  }
  return ['/usr/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
}

/** Where playwright-core would put its own Chromium (whether or not it is there), or null. */
function playwrightChromium() {
  try {
    return require('playwright-core').chromium.executablePath() || null;
  } catch {
    return null;
  }
}

/**
 * Pure apart from what it is given: `exists` and `playwright` are the file system and
 * playwright-core's registry, injected so a test can stand in for them.
 * Returns { path, source } for the first browser found, or { path: null, hint } with one line.
 */
function findChromium({ env = process.env, platform = process.platform, exists = existsSync, playwright = playwrightChromium } = {}) {
  for (const name of ENV_VARS) {
    const value = env[name];
    if (!value) continue;
    if (exists(value)) return { path: value, source: name };
    return { path: null, hint: `${name}=${value} does not exist: point it at a Chromium or Chrome executable, or unset it to look in the usual places.` };
  }
  for (const candidate of standardPaths(platform, env)) {
    if (exists(candidate)) return { path: candidate, source: candidate };
  }
  const bundled = playwright();
  if (bundled && exists(bundled)) return { path: bundled, source: 'playwright' };
  return { path: null, hint: HINT };
}

module.exports = { ENV_VARS, HINT, standardPaths, playwrightChromium, findChromium };

if (require.main === module) {
  const found = findChromium();
  if (found.path) {
    console.log(found.path);
  } else {
    console.error(found.hint);
    process.exit(1);
  }
}
