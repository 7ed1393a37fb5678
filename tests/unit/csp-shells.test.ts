/**
 * Both shells send the one CSP (electron/core/security.ts), whose scripts are 'self' only:
 * the desktop shell on every app:// response and on the development server's pages, the page's
 * own meta tag, and (tests/integration/host.test.ts) browser mode's host. Electron itself is
 * replaced by a stand-in that records what the shell registers.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CSP } from '../../electron/core/security';

vi.mock('electron', () => ({ app: { on() {} }, shell: { openExternal: async () => {} }, protocol: { registerSchemesAsPrivileged() {} } }));

const { serveRenderer } = await import('../../electron/main/app-protocol');
const { hardenSession } = await import('../../electron/main/web-security');

type Handler = (request: Request) => Promise<Response>;
type HeadersListener = (details: { url: string; responseHeaders?: Record<string, string[]> }, callback: (r: { responseHeaders?: Record<string, string[]> }) => void) => void;

function fakeSession() {
  const seen: { handler?: Handler; onHeaders?: HeadersListener } = {};
  const session = {
    protocol: { handle: (_scheme: string, h: Handler) => (seen.handler = h) },
    webRequest: { onHeadersReceived: (l: HeadersListener) => (seen.onHeaders = l) },
    setPermissionRequestHandler() {},
    setPermissionCheckHandler() {},
    setDevicePermissionHandler() {},
    setDisplayMediaRequestHandler() {},
  };
  return { session: session as never, seen };
}

const quiet = { log() {}, debug() {}, info() {}, warn() {}, error() {} };

function scriptSources(csp: string): string[] {
  const directive = csp.split(';').map((d) => d.trim().split(/\s+/)).find(([name]) => name === 'script-src');
  return directive ? directive.slice(1) : [];
}

describe('the CSP both shells send', () => {
  it('desktop: every app:// answer carries it, the page, its scripts and a miss alike', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loomcast-csp-'));
    try {
      writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Loomcast</title>');
      const { session, seen } = fakeSession();
      serveRenderer(session, dir);
      for (const url of ['app://loomcast/index.html', 'app://loomcast/calendar', 'app://loomcast/assets/missing.js', 'app://elsewhere/index.html']) {
        const res = await seen.handler!(new Request(url));
        expect(res.headers.get('content-security-policy'), url).toBe(CSP);
        expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('desktop: the development server’s pages get it in place of whatever they sent', () => {
    const { session, seen } = fakeSession();
    hardenSession(session, { devUrl: 'http://localhost:5173/', log: quiet });
    let answer: { responseHeaders?: Record<string, string[]> } | undefined;
    seen.onHeaders!({ url: 'http://localhost:5173/', responseHeaders: { 'content-security-policy': ["script-src 'unsafe-inline' 'unsafe-eval'"], 'Content-Type': ['text/html'] } }, (r) => (answer = r));
    const csp = Object.entries(answer!.responseHeaders!).filter(([k]) => k.toLowerCase() === 'content-security-policy');
    expect(csp).toEqual([['Content-Security-Policy', [CSP]]]);
  });

  it('the page’s own meta tag has the same script rule, for the moment before headers apply', () => {
    const html = readFileSync(join(__dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    expect(scriptSources(meta!)).toEqual(["'self'"]);
    // Everything but frame-ancestors, which browsers ignore in a meta tag.
    expect(meta).toBe(CSP.replace("; frame-ancestors 'none'", ''));
  });
});
