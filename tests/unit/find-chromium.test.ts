import { describe, expect, it } from 'vitest';
import { findChromium, HINT, playwrightChromium } from '../../scripts/find-chromium.cjs';

/** A file system that has exactly these files. */
const only = (...files: string[]) => (p: string) => files.includes(p);
const noPlaywright = () => null;

describe('finding a Chromium for the end-to-end tests', () => {
  it('takes LOOMCAST_CHROMIUM first, then CHROME_PATH, over anything installed', () => {
    const exists = only('/opt/mine/chrome', '/opt/theirs/chrome', '/usr/bin/chromium');
    expect(findChromium({ env: { LOOMCAST_CHROMIUM: '/opt/mine/chrome', CHROME_PATH: '/opt/theirs/chrome' }, platform: 'linux', exists, playwright: noPlaywright })).toEqual({
      path: '/opt/mine/chrome',
      source: 'LOOMCAST_CHROMIUM',
    });
    expect(findChromium({ env: { CHROME_PATH: '/opt/theirs/chrome' }, platform: 'linux', exists, playwright: noPlaywright })).toEqual({ path: '/opt/theirs/chrome', source: 'CHROME_PATH' });
  });

  it('says so when the variable points nowhere, rather than quietly using another browser', () => {
    const r = findChromium({ env: { LOOMCAST_CHROMIUM: '/nope/chrome' }, platform: 'linux', exists: only('/usr/bin/chromium'), playwright: noPlaywright });
    expect(r).toEqual({ path: null, hint: expect.stringMatching(/^LOOMCAST_CHROMIUM=\/nope\/chrome does not exist/) });
  });

  it("prefers Debian's chromium, then Google Chrome, then Playwright's own browser", () => {
    const all = ['/usr/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/pw/chrome'];
    const pw = () => '/pw/chrome';
    const find = (...files: string[]) => findChromium({ env: {}, platform: 'linux', exists: only(...files), playwright: pw }).path;
    expect(find(...all)).toBe('/usr/bin/chromium');
    expect(find(...all.slice(1))).toBe('/usr/bin/google-chrome');
    expect(find(...all.slice(2))).toBe('/usr/bin/google-chrome-stable');
    expect(find('/pw/chrome')).toBe('/pw/chrome');
    // Playwright names a path even when its browser was never downloaded: it must exist on disk.
    expect(find()).toBeNull();
  });

  it('knows the standard macOS and Windows install paths', () => {
    const mac = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findChromium({ env: {}, platform: 'darwin', exists: only(mac), playwright: noPlaywright }).path).toBe(mac);
    const win = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    expect(findChromium({ env: { PROGRAMFILES: 'C:\\Program Files' }, platform: 'win32', exists: only(win), playwright: noPlaywright }).path).toBe(win);
  });

  it('gives one line on how to get a browser when there is none', () => {
    const r = findChromium({ env: {}, platform: 'linux', exists: only(), playwright: noPlaywright });
    expect(r).toEqual({ path: null, hint: HINT });
    expect(HINT).not.toContain('\n');
    expect(HINT).toMatch(/apt-get install chromium/);
    expect(HINT).toMatch(/LOOMCAST_CHROMIUM=/);
  });

  it("asks playwright-core where its own browser would be", () => {
    expect(playwrightChromium()).toMatch(/chrom/i);
  });
});
