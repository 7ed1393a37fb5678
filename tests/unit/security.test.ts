import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_NAMES } from '../../shared/contract';
import { CSP } from '../../electron/core/security';
import { APP_ENTRY, devServerUrl, isRendererUrl, rendererEntry, resolveRendererFile } from '../../electron/main/renderer-url';
import { isBridgeEvent } from '../../electron/preload/names';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('the renderer CSP', () => {
  const csp = directives(CSP);

  it('runs only the app’s own scripts: no inline, no eval', () => {
    const scripts = csp.get('script-src') ?? csp.get('default-src');
    expect(scripts).toEqual(["'self'"]);
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(CSP).not.toMatch(/script-src[^;]*'(unsafe-hashes|wasm-unsafe-eval|strict-dynamic)'/);
  });

  it('lets the page talk only to Loomcast itself', () => {
    expect(csp.get('connect-src')).toEqual(["'self'"]);
  });

  it('allows no plugins, no base rewrites, no framing and no form posts', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });
});

describe('the preload bridge names', () => {
  it('subscribes to the contract’s events and refuses anything else', () => {
    for (const name of EVENT_NAMES) expect(isBridgeEvent(name)).toBe(true);
    for (const name of ['posts:list', 'event:posts:changed', '__proto__', 'constructor', '', 42, null]) {
      expect(isBridgeEvent(name)).toBe(false);
    }
  });
});

describe('which pages count as Loomcast', () => {
  const dev = 'http://localhost:5173/';

  it.each([
    ['app://loomcast/index.html', null, true],
    ['app://loomcast/index.html#/compose/p1', null, true],
    ['app://other/index.html', null, false],
    ['http://localhost:5173/#/calendar', null, false],
    ['http://localhost:5173/#/calendar', dev, true],
    ['http://localhost:5174/', dev, false],
    ['https://example.com/', dev, false],
    ['file:///work/main/out/renderer/index.html', null, false],
    ['about:blank', null, false],
    ['', null, false],
  ])('%s (dev server %s) → %s', (url, devUrl, expected) => {
    expect(isRendererUrl(url, devUrl)).toBe(expected);
  });

  it('ignores a dev server URL in a packaged app, and anything but http on loopback', () => {
    expect(devServerUrl(dev, false)).toBe(dev);
    expect(devServerUrl(dev, true)).toBeNull();
    expect(devServerUrl('https://evil.example/', false)).toBeNull();
    expect(devServerUrl('http://192.168.1.5:5173/', false)).toBeNull();
    expect(devServerUrl('file:///tmp/index.html', false)).toBeNull();
    expect(devServerUrl(undefined, false)).toBeNull();
  });

  it('opens routes as fragments of the page it loaded', () => {
    expect(rendererEntry(null)).toBe(APP_ENTRY);
    expect(rendererEntry(null, '/compose')).toBe('app://loomcast/index.html#/compose');
    expect(rendererEntry(dev, '/compose/p%201')).toBe('http://localhost:5173/#/compose/p%201');
  });
});

describe('serving the renderer over app://', () => {
  const dir = join('/srv', 'loomcast', 'renderer');

  it.each([
    ['app://loomcast/', join(dir, 'index.html')],
    ['app://loomcast/index.html', join(dir, 'index.html')],
    ['app://loomcast/assets/index-abc.js', join(dir, 'assets', 'index-abc.js')],
    ['app://loomcast/compose', join(dir, 'index.html')],
    ['app://loomcast/assets/a%20b.css', join(dir, 'assets', 'a b.css')],
  ])('%s → its file', (url, file) => {
    expect(resolveRendererFile(dir, url)).toBe(file);
  });

  it.each(['app://loomcast/../main/index.js', 'app://loomcast/%2e%2e/main/index.js', 'app://loomcast/assets/../../../etc/passwd'])(
    'keeps %s inside the renderer folder (URL parsing clamps the dots)',
    (url) => {
      const file = resolveRendererFile(dir, url);
      expect(file === null || file.startsWith(dir + sep)).toBe(true);
    },
  );

  it.each([
    'app://loomcast/assets/..%2f..%2fmain%2findex.js',
    'app://loomcast/..%2f..%2f..%2fetc%2fpasswd',
    'app://loomcast/%2e%2e%5cmain%5cindex.js',
    'app://loomcast/a%00.js',
    'app://loomcast/%E0%A4%A.js',
    'app://elsewhere/index.html',
    'https://loomcast/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveRendererFile(dir, url)).toBeNull();
  });
});
