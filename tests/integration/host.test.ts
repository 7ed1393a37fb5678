import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP } from '../../electron/core/security';
import { startHost, type RunningHost } from '../../electron/host/server';
import type { TestCore } from '../support/core';
import { hostOverTestCore, type HostOverCore } from '../support/host';

const TOKEN = 'test-token-0123456789abcdef';

describe('browser mode host', () => {
  let t: TestCore;
  let host: RunningHost;
  let base: string;
  let h: HostOverCore;

  beforeAll(async () => {
    ({ t, host, base } = h = await hostOverTestCore({ token: TOKEN, files: { 'index.html': '<!doctype html><title>Loomcast</title>', 'assets/app.js': 'console.log(1)' } }));
  });
  afterAll(() => h.close());

  const rpc = (channel: string, body: string | undefined, auth: string | null = `Bearer ${TOKEN}`) =>
    fetch(`${base}/rpc/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, body });

  it('prints a loopback URL that carries the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${TOKEN}`);
  });

  it('answers 401 to a request without the token or with a wrong one', async () => {
    const none = await rpc('posts:list', '{}', null);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await rpc('posts:list', '{}', 'Bearer nope')).status).toBe(401);
    expect((await fetch(`${base}/events`)).status).toBe(401);
  });

  it('answers a malformed body with 400 invalid_input and keeps serving', async () => {
    const bad = await rpc('posts:create', '{"text": "unterminated');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_input' } });
    const wrong = await rpc('posts:create', JSON.stringify({ text: 'hi', platforms: [], schedule: null }));
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { code: 'invalid_input', issues: [{ path: ['platforms'] }] } });
    const ok = await rpc('posts:list', JSON.stringify({ scope: 'all' }));
    expect(ok.status).toBe(200);
    expect(Array.isArray(await ok.json())).toBe(true);
  });

  it('accepts an empty body for channels without input, and 404s an unknown channel', async () => {
    const info = await rpc('app:info', undefined);
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ name: 'Loomcast', mode: 'browser' });
    expect((await rpc('posts:explode', '{}')).status).toBe(404);
  });

  it('streams pushes to an authorised event stream', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/events?token=${TOKEN}`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    await reader.read(); // ": connected"
    const created = (await (await rpc('posts:create', JSON.stringify({ text: 'stream me', platforms: ['x'], schedule: null }))).json()) as { id: string };
    let text = '';
    while (!text.includes('posts:changed')) text += new TextDecoder().decode((await reader.read()).value);
    // Other pushes may share the chunk (publishing:changed follows a new post): take this one.
    const message = text.split('\n\n').find((m) => m.includes('posts:changed'))!;
    expect(JSON.parse(message.slice(message.indexOf('{'), message.lastIndexOf('}') + 1))).toEqual({
      event: 'posts:changed',
      payload: { ids: [created.id], reason: 'created', at: [] },
    });
    controller.abort();
  });

  it('serves the renderer and falls back to index.html for app routes, never outside its folder', async () => {
    const page = await fetch(`${base}/calendar`);
    expect(page.status).toBe(200);
    // Browser mode sends the same policy as the desktop shell (tests/unit/csp-shells.test.ts): scripts 'self' only.
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    expect((await fetch(`${base}/assets/app.js`)).headers.get('content-security-policy')).toBe(CSP);
    expect((await rpc('app:info', '{}')).headers.get('content-security-policy')).toBe(CSP);
    expect((await rpc('app:info', '{}', null)).headers.get('content-security-policy')).toBe(CSP);
    expect(await page.text()).toContain('<title>Loomcast</title>');
    expect((await fetch(`${base}/assets/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    const raw = (path: string) =>
      new Promise<{ status: number; body: string }>((resolve) => {
        request({ host: '127.0.0.1', port: host.port, path }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        }).end();
      });
    const dotted = await raw('/../../../../etc/passwd');
    expect(dotted.body).not.toContain('root:');
    const encoded = await raw('/..%2f..%2f..%2f..%2fetc%2fpasswd');
    expect(encoded.status).toBe(403);
  });

  /** A request written byte for byte, so that odd paths and headers reach the server exactly as written. */
  const rawRequest = (opts: { path: string; method?: string; headers?: Record<string, string>; body?: string }) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const body = opts.body ?? (opts.method === 'GET' ? '' : '{}');
      const headers: Record<string, string> = {
        host: `127.0.0.1:${host.port}`,
        authorization: `Bearer ${TOKEN}`,
        connection: 'close',
        'content-length': String(Buffer.byteLength(body)),
        ...opts.headers,
      };
      const head = [`${opts.method ?? 'POST'} ${opts.path} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
      const socket = connect(host.port, '127.0.0.1', () => socket.end(`${head}\r\n\r\n${body}`));
      let text = '';
      socket.on('data', (c) => (text += c.toString('utf8')));
      socket.on('error', reject);
      socket.on('close', () => {
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
        const sep = text.indexOf('\r\n\r\n');
        let body = sep < 0 ? '' : text.slice(sep + 4);
        if (/\r\ntransfer-encoding: chunked/i.test(text.slice(0, sep))) {
          let decoded = '';
          for (let at = 0, size = 0; (size = parseInt(body.slice(at), 16)) > 0;) {
            const start = body.indexOf('\r\n', at) + 2;
            decoded += body.slice(start, start + size);
            at = start + size + 2;
          }
          body = decoded;
        }
        resolve({ status, body });
      });
    });

  it('answers a path with malformed percent-encoding with 400 invalid_input, not a 500', async () => {
    for (const [method, path] of [
      ['POST', '/rpc/%E0%A4%A'],
      ['POST', '/rpc/posts%3Alist%'],
      ['GET', '/%E0%A4%A'],
      ['GET', '/assets/%ZZ.js'],
    ] as const) {
      const res = await rawRequest({ path, method });
      expect(res.status, path).toBe(400);
      expect(JSON.parse(res.body), path).toMatchObject({ error: { code: 'invalid_input' } });
    }
    expect((await rpc('app:info', undefined)).status).toBe(200);
  });

  it('answers an empty Host header with 400 invalid_input', async () => {
    const res = await rawRequest({ path: '/rpc/app:info', headers: { host: '' } });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'invalid_input' } });
    expect((await rawRequest({ path: '/', method: 'GET', headers: { host: '' } })).status).toBe(400);
  });

  it('still refuses a foreign or malformed Host header as misdirected', async () => {
    const status = async (name: string) => (await rawRequest({ path: '/rpc/app:info', headers: { host: name } })).status;
    expect(await status('evil.example')).toBe(421);
    expect(await status('local host')).toBe(421);
    expect(await status(`localhost:${host.port}`)).toBe(200);
  });

  /** Streams `total` bytes at the server (without a content-length, so it must count) and resolves with the answer it gets. */
  const upload = (total: number, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
      let sent = 0;
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/rpc/posts:create',
          method: 'POST',
          headers: {
            authorization: `Bearer ${TOKEN}`,
            'content-type': 'application/json',
            ...headers,
          },
        },
        (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sent }));
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(256 * 1024, 'a');
      const pump = () => {
        while (sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });

  it('answers a body over the limit with a 413 JSON error that the client receives', async () => {
    const res = await upload(24 * 1024 * 1024);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({
      error: { code: 'invalid_input', message: expect.stringMatching(/limit/) },
    });
    expect((await rpc('app:info', undefined)).status).toBe(200);
  });

  it('answers 413 at once when the declared content-length is over the limit', async () => {
    const res = await upload(12 * 1024 * 1024, {
      'content-length': String(12 * 1024 * 1024),
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'invalid_input' } });
  });

  it('refuses requests addressed to a foreign host name (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve) => {
      request({ host: '127.0.0.1', port: host.port, path: '/rpc/posts:list', method: 'POST', headers: { host: 'evil.example:80', authorization: `Bearer ${TOKEN}` } }, (res) =>
        resolve(res.statusCode ?? 0),
      ).end('{}');
    });
    expect(status).toBe(421);
  });

  it('refuses to bind a non-loopback address unless explicitly allowed', async () => {
    await expect(startHost({ core: t.core, log: { log() {}, debug() {}, info() {}, warn() {}, error() {} }, token: TOKEN, staticDir: h.staticDir, host: '0.0.0.0', port: 0 })).rejects.toThrow(
      /Refusing to listen on 0\.0\.0\.0.*--allow-remote/,
    );
  });
});
