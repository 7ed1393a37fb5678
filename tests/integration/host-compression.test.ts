/**
 * The renderer as browser mode serves it: built by the app's own Vite settings (split by
 * route), then fetched from a real host, compressed when the request allows it and plain when not.
 */
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { build, type InlineConfig } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import appConfig from '../../electron.vite.config';
import { negotiate } from '../../electron/host/compression';
import { startHost, type RunningHost } from '../../electron/host/server';
import { createTestCore, tempDir, type TestCore } from '../support/core';

const ROOT = resolve(__dirname, '../..');
const TOKEN = 'test-token-compression-0123456789';
/** The one script the renderer was before it was split by route (issue 12). */
const BEFORE_SPLIT_BYTES = 658 * 1024;

const out = tempDir('loomcast-renderer-');
let t: TestCore;
let host: RunningHost;
let entry: string;
let preloads: string[];

/** The newest modification time of the files a renderer build is made from. */
function newestSource(): number {
  const walk = (p: string): number => {
    const info = statSync(p);
    return info.isDirectory() ? Math.max(0, ...readdirSync(p).map((e) => walk(join(p, e)))) : info.mtimeMs;
  };
  return Math.max(...['renderer', 'shared', 'electron.vite.config.ts', 'scripts/lib/precompress.mjs'].map((p) => walk(join(ROOT, p))));
}

/**
 * The renderer as the app's Vite settings build it. `npm test` has just built out/renderer, so
 * a copy of it is used when it is newer than every source; otherwise it is built here (a few seconds).
 */
async function renderer(): Promise<void> {
  const built = join(ROOT, 'out/renderer');
  if (existsSync(join(built, 'index.html')) && statSync(join(built, 'index.html')).mtimeMs >= newestSource()) {
    cpSync(built, out.path, { recursive: true, preserveTimestamps: true });
    return;
  }
  const config = (appConfig as { renderer: InlineConfig }).renderer;
  // As `electron-vite build` does it: vitest runs with NODE_ENV=test, which would build React's development copy.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ ...config, configFile: false, mode: 'production', base: './', logLevel: 'silent', build: { ...config.build, outDir: out.path, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

beforeAll(async () => {
  await renderer();
  const html = readFileSync(join(out.path, 'index.html'), 'utf8');
  entry = /<script type="module" crossorigin src="\.\/(assets\/[^"]+\.js)"/.exec(html)![1]!;
  preloads = [...html.matchAll(/rel="modulepreload" crossorigin href="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  t = await createTestCore();
  host = await startHost({ core: t.core, log: { log() {}, debug() {}, info() {}, warn() {}, error() {} }, token: TOKEN, staticDir: out.path, port: 0 });
}, 120_000);

afterAll(async () => {
  await host?.close();
  await t?.close();
  out.remove();
});

/** A GET whose body comes back exactly as sent (fetch would decode it). */
const get = (path: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((done, fail) => {
    request({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', fail)
      .end();
  });

describe('the renderer split by route', () => {
  it('emits a chunk per screen and an entry script far smaller than the single script it was', () => {
    const scripts = readdirSync(join(out.path, 'assets')).filter((f) => f.endsWith('.js'));
    for (const screen of ['Calendar', 'Compose', 'Review', 'Analytics', 'Experiments', 'Ideas', 'Campaigns', 'Planner', 'Reports', 'Library', 'Import', 'Accounts', 'Settings', 'Welcome']) {
      expect(scripts.some((f) => f.startsWith(`${screen}Screen-`)), `${screen}Screen chunk`).toBe(true);
    }
    const size = (f: string) => statSync(join(out.path, f)).size;
    expect(size(entry)).toBeLessThan(BEFORE_SPLIT_BYTES / 5);
    // What the first screen needs before any screen's chunk: the entry and what it preloads.
    const firstLoad = [entry, ...preloads].reduce((n, f) => n + size(f), 0);
    expect(firstLoad).toBeLessThan(BEFORE_SPLIT_BYTES);
  });
});

describe('browser mode serves the renderer compressed', () => {
  it('sends the entry script brotli-compressed, gzip-compressed or plain as Accept-Encoding asks', async () => {
    const plain = readFileSync(join(out.path, entry));

    const br = await get(`/${entry}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(plain.length / 2);
    expect(brotliDecompressSync(br.body).equals(plain)).toBe(true);

    const gz = await get(`/${entry}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toBe('Accept-Encoding');
    expect(gunzipSync(gz.body).equals(plain)).toBe(true);

    for (const asked of [undefined, 'identity', 'br;q=0, gzip;q=0', 'deflate']) {
      const res = await get(`/${entry}`, asked ? { 'accept-encoding': asked } : {});
      expect(res.headers['content-encoding'], `Accept-Encoding: ${asked}`).toBeUndefined();
      expect(res.headers.vary).toBe('Accept-Encoding');
      expect(res.body.equals(plain)).toBe(true);
    }
  });

  it('sends the build’s own compressed copy, and compresses a file that has none on the fly', async () => {
    expect(readFileSync(join(out.path, `${entry}.br`)).equals((await get(`/${entry}`, { 'accept-encoding': 'br' })).body)).toBe(true);
    const extra = Buffer.from(`export const words = ${JSON.stringify('a plan for the week '.repeat(400))};\n`);
    writeFileSync(join(out.path, 'assets', 'extra.js'), extra);
    const br = await get('/assets/extra.js', { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(extra)).toBe(true);
  });

  it('compresses the page and the style sheet too', async () => {
    const page = await get('/', { 'accept-encoding': 'gzip' });
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(gunzipSync(page.body).toString('utf8')).toContain(entry);
    const css = readdirSync(join(out.path, 'assets')).find((f) => f.startsWith('index-') && f.endsWith('.css'))!;
    expect((await get(`/assets/${css}`, { 'accept-encoding': 'br' })).headers['content-encoding']).toBe('br');
  });
});

describe('Accept-Encoding negotiation', () => {
  it('prefers brotli, honours q-values and the wildcard, and falls back to plain', () => {
    expect(negotiate('gzip, br')).toBe('br');
    expect(negotiate('br;q=0.5, gzip')).toBe('gzip');
    expect(negotiate('*')).toBe('br');
    expect(negotiate('*;q=0, gzip;q=0.1')).toBe('gzip');
    expect(negotiate('BR')).toBe('br');
    expect(negotiate(['deflate', 'gzip'])).toBe('gzip');
    expect(negotiate('identity')).toBeNull();
    expect(negotiate('')).toBeNull();
    expect(negotiate(undefined)).toBeNull();
  });
});
