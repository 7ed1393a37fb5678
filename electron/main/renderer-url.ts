import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * Where the renderer comes from, and how to tell our own pages from anything else. Plain Node
 * on purpose (no 'electron' import): the sender check for IPC, the navigation guard and the
 * protocol handler all lean on these few functions.
 *
 * Packaged and built runs serve out/renderer through a privileged `app://loomcast/` scheme
 * rather than file://: Electron cannot attach response headers to file:// pages, so a CSP
 * sent from `onHeadersReceived` would silently not apply there; and a real origin makes
 * "is this our page?" a string comparison instead of a path guess.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'loomcast';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The electron-vite dev server URL, if this is a development run that has one. A packaged app
 * ignores the variable: an environment variable must not be able to point the window, and
 * with it `window.api`, at some other site.
 */
export function devServerUrl(raw: string | undefined, packaged: boolean): string | null {
  if (packaged || !raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' || !LOOPBACK.has(url.hostname)) return null;
  return url.href;
}

function originOf(raw: string): string | null {
  try {
    const url = new URL(raw);
    // Custom standard schemes report origin "null" in Node's URL; build it by hand.
    return url.protocol === `${APP_SCHEME}:` ? `${APP_SCHEME}://${url.host}` : url.origin;
  } catch {
    return null;
  }
}

/** True for a URL of the page Loomcast loads itself (any path and fragment of it). */
export function isRendererUrl(raw: string, devUrl: string | null): boolean {
  const origin = originOf(raw);
  if (origin === null || origin === 'null') return false;
  return origin === APP_ORIGIN || (devUrl !== null && origin === originOf(devUrl));
}

/** The URL the main window loads, with an optional in-app fragment such as `/compose`. */
export function rendererEntry(devUrl: string | null, fragment?: string): string {
  const base = devUrl ?? APP_ENTRY;
  if (fragment === undefined) return base;
  const url = new URL(base);
  url.hash = fragment;
  return url.href;
}

/**
 * Maps an `app://loomcast/…` request onto a file under `rendererDir`, or null when the request
 * is for another host or tries to climb out of the directory. Paths without an extension fall
 * back to index.html so a reload on a client-side route still finds the app.
 */
export function resolveRendererFile(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const root = resolve(rendererDir);
  const file = resolve(root, `.${pathname}`);
  const rel = relative(root, file);
  if (rel.startsWith('..') || isAbsolute(rel)) return null;
  const last = rel.split(sep).pop() ?? '';
  return rel === '' || !last.includes('.') ? join(root, 'index.html') : file;
}

const MIME: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  map: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  txt: 'text/plain; charset=utf-8',
  wasm: 'application/wasm',
};

export function mimeType(file: string): string {
  const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  return MIME[ext] ?? 'application/octet-stream';
}
