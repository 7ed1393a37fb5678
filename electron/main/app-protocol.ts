import { readFile } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { CSP } from '../core/security';
import { APP_SCHEME, mimeType, resolveRendererFile } from './renderer-url';

/** Must run before `app` is ready: Chromium fixes its scheme table at startup. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

const HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

/**
 * Serves the built renderer (out/renderer, inside app.asar when packaged) at app://loomcast/,
 * with the CSP on every response. Nothing outside that directory is reachable.
 */
export function serveRenderer(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveRendererFile(rendererDir, request.url);
    if (!file || request.method !== 'GET') return new Response('Not found', { status: 404, headers: HEADERS });
    try {
      const body = await readFile(file);
      return new Response(new Uint8Array(body), { status: 200, headers: { ...HEADERS, 'content-type': mimeType(file) } });
    } catch {
      return new Response('Not found', { status: 404, headers: HEADERS });
    }
  });
}
