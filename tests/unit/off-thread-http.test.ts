/**
 * The network worker (net/off-thread-http.ts) against a real local HTTP server, through
 * `request()` as every platform client calls it: the same answers and the same network failures
 * as fetch on the main thread, the size cap enforced in the worker, aborts that reach the socket,
 * and uploads kept on the main thread.
 */
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HttpFetch } from '../../electron/core/deps';
import { createOffThreadHttp, type OffThreadHttp } from '../../electron/core/net/off-thread-http';
import { MAX_RESPONSE_BYTES, readJson, request, type HttpResult } from '../../electron/core/platforms/common/http';
import { behind, NOT_SENT_WORDS } from '../../electron/core/publishing/send-barrier';

type Seen = { method: string; url: string; headers: IncomingMessage['headers']; body: string };
let server: Server;
let base = '';
const seen: Seen[] = [];
const closedEarly: string[] = [];
let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.on('close', () => {
        if (!res.writableFinished) closedEarly.push(req.url ?? '');
      });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const opened: OffThreadHttp[] = [];
afterEach(async () => {
  seen.length = 0;
  closedEarly.length = 0;
  for (const n of opened.splice(0)) await n.close();
});

function network(inThread: HttpFetch = fetch): OffThreadHttp {
  const n = createOffThreadHttp(inThread);
  opened.push(n);
  return n;
}

/** A fetch that counts its calls: what the main thread sent itself. */
function counting(): HttpFetch & { calls: number } {
  const f = Object.assign((input: Parameters<HttpFetch>[0], init?: Parameters<HttpFetch>[1]) => {
    f.calls++;
    return fetch(input, init);
  }, { calls: 0 });
  return f as HttpFetch & { calls: number };
}

async function answerOf(r: HttpResult) {
  if (!r.ok) return { failure: r.failure };
  return { status: r.res.status, ok: r.res.ok, type: r.res.headers.get('Content-Type'), limit: r.res.headers.get('x-ratelimit-remaining'), body: await readJson(r.res) };
}

describe('platform requests sent from the network worker', () => {
  it('sends the method, headers and text body, and reads the answer as fetch on the main thread does', async () => {
    handler = (_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'x-ratelimit-remaining': '299' });
      res.end(JSON.stringify({ id: '42', text: 'héllo ✓' }));
    };
    const inThread = counting();
    const off = network(inThread);
    const init = { method: 'POST', headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json', 'Idempotency-Key': 'k1' }, body: JSON.stringify({ status: 'héllo ✓' }) };
    const viaWorker = await answerOf(await request({ http: off.http }, `${base}/api/v1/statuses`, init));
    expect(inThread.calls).toBe(0);
    const onMain = await answerOf(await request({ http: fetch }, `${base}/api/v1/statuses`, init));
    expect(viaWorker).toEqual({ status: 201, ok: true, type: 'application/json', limit: '299', body: { id: '42', text: 'héllo ✓' } });
    expect(viaWorker).toEqual(onMain);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/statuses', body: '{"status":"héllo ✓"}' });
    expect(seen[0]!.headers).toMatchObject({ authorization: 'Bearer t', 'idempotency-key': 'k1', 'content-type': 'application/json' });
  });

  it('sends a form as fetch would, with its content type', async () => {
    handler = (_req, res) => res.end('{}');
    await request({ http: network().http }, `${base}/oauth/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'r&1' }) });
    expect(seen[0]!.body).toBe('grant_type=refresh_token&refresh_token=r%261');
    expect(seen[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded;charset=UTF-8');
  });

  it('reads a body once, like a Response', async () => {
    handler = (_req, res) => res.end('{"a":1}');
    const r = await request({ http: network().http }, `${base}/once`);
    if (!r.ok) throw new Error(r.failure.message);
    expect(await r.res.json()).toEqual({ a: 1 });
    await expect(r.res.text()).rejects.toThrow(/already been read/);
  });

  it('answers a 204 with an empty body and a redirect left to the caller as itself', async () => {
    handler = (req, res) => (req.url === '/gone' ? (res.writeHead(302, { location: '/elsewhere' }), res.end()) : (res.writeHead(204), res.end()));
    const http = network().http;
    const empty = await request({ http }, `${base}/nothing`, { method: 'DELETE' });
    expect(await answerOf(empty)).toMatchObject({ status: 204, body: null });
    const moved = await request({ http }, `${base}/gone`, { redirect: 'manual' });
    expect(moved.ok && moved.res.status).toBe(302);
    expect(moved.ok && moved.res.headers.get('Location')).toBe('/elsewhere');
  });

  it('refuses an answer past the cap, declared or streamed, as fetch on the main thread does', async () => {
    handler = (req, res) => {
      if (req.url === '/declared') {
        res.writeHead(200, { 'content-length': String(MAX_RESPONSE_BYTES + 1) });
        res.write('{');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = 'x'.repeat(256 * 1024);
      let sent = 0;
      const more = () => {
        while (sent <= MAX_RESPONSE_BYTES + chunk.length) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      more();
    };
    const http = network().http;
    for (const path of ['/declared', '/streamed']) {
      const viaWorker = await request({ http }, `${base}${path}`);
      const onMain = await request({ http: fetch }, `${base}${path}`);
      expect(viaWorker, path).toEqual({ ok: false, failure: { kind: 'other', message: expect.stringMatching(/over 8 MB/) } });
      expect(viaWorker).toEqual(onMain);
    }
  });

  it('sorts network failures by what they say about delivery, as on the main thread', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const http = network().http;
    const refused = await request({ http }, `http://127.0.0.1:${port}/x`, { method: 'POST', body: '{}' });
    expect(refused).toEqual({ ok: false, failure: { kind: 'refused', message: `connection refused (http://127.0.0.1:${port}/x)` } });
    expect(refused).toEqual(await request({ http: fetch }, `http://127.0.0.1:${port}/x`, { method: 'POST', body: '{}' }));

    handler = (req) => req.socket.destroy();
    const cut = await request({ http }, `${base}/cut`, { method: 'POST', body: '{}' });
    expect(cut).toEqual({ ok: false, failure: { kind: 'reset', message: 'the connection was cut' } });
    expect(cut).toEqual(await request({ http: fetch }, `${base}/cut`, { method: 'POST', body: '{}' }));
  });

  it('ends a request when its signal aborts: the worker lets go of the socket', async () => {
    handler = () => {}; // never answers
    const controller = new AbortController();
    const pending = request({ http: network().http, signal: controller.signal }, `${base}/hang`, { method: 'POST', body: '{}' });
    await expect.poll(() => seen.length).toBe(1);
    controller.abort(new DOMException('The operation timed out.', 'TimeoutError'));
    expect(await pending).toEqual({ ok: false, failure: { kind: 'timeout', message: 'the platform did not answer in time' } });
    await expect.poll(() => closedEarly).toEqual(['/hang']);
    // Already aborted: nothing is sent at all.
    const again = await request({ http: network().http, signal: controller.signal }, `${base}/hang`);
    expect(again.ok ? 'sent' : again.failure.kind).toBe('timeout');
    expect(seen).toHaveLength(1);
  });

  it('flushes the -wal file a claimed request names before it leaves, and sends nothing when it cannot', async () => {
    handler = (_req, res) => res.end('{"id":"1"}');
    const dir = mkdtempSync(join(tmpdir(), 'loomcast-worker-wal-'));
    const fd = openSync(join(dir, 'db-wal'), 'w+');
    const inThread = counting();
    const off = network(inThread);
    const onThisThread = () => Promise.reject(new Error('the worker flushes; this thread never waits'));
    const post = (http: HttpFetch) => request({ http }, `${base}/api/v1/statuses`, { method: 'POST', body: '{}' });
    try {
      expect((await post(behind(off.http, { wal: { fd, seq: 1 }, wait: onThisThread }))).ok).toBe(true);
      expect(seen).toHaveLength(1);
      // A descriptor that cannot be flushed (none is ever open under this number; a closed one could
      // be reused meanwhile): the request is not sent at all.
      const never = 2 ** 31 - 1;
      expect(await post(behind(off.http, { wal: { fd: never, seq: 2 }, wait: onThisThread }))).toEqual({ ok: false, failure: { kind: 'not_sent', message: NOT_SENT_WORDS } });
      // Without a descriptor the request waits on this thread, and goes nowhere when that fails.
      expect(await post(behind(off.http, { wal: null, wait: () => Promise.reject(new Error('EIO: i/o error, fdatasync')) }))).toEqual({ ok: false, failure: { kind: 'not_sent', message: NOT_SENT_WORDS } });
      expect(seen).toHaveLength(1);
      expect(inThread.calls).toBe(0);
      expect((await post(behind(off.http, { wal: null, wait: () => Promise.resolve() }))).ok).toBe(true);
      expect([seen.length, inThread.calls]).toEqual([2, 1]);
    } finally {
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps uploads (bytes, FormData) on the main thread', async () => {
    handler = (_req, res) => res.end('{"id":"m1"}');
    const inThread = counting();
    const http = network(inThread).http;
    const bytes = await request({ http }, `${base}/upload`, { method: 'PUT', body: new Uint8Array([1, 2, 3]) });
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array([4])]), 'a.png');
    const multipart = await request({ http }, `${base}/media`, { method: 'POST', body: form });
    expect(inThread.calls).toBe(2);
    expect([await answerOf(bytes), await answerOf(multipart)].map((a) => a.body)).toEqual([{ id: 'm1' }, { id: 'm1' }]);
  });

  it('ends what is in flight when it closes, as an answer that may have arrived, and sends on the main thread after', async () => {
    handler = () => {};
    const inThread = counting();
    const off = network(inThread);
    const pending = request({ http: off.http }, `${base}/slow`, { method: 'POST', body: '{}' });
    await expect.poll(() => seen.length).toBe(1);
    await off.close();
    expect(await pending).toEqual({ ok: false, failure: { kind: 'other', message: 'Loomcast is closing' } });
    handler = (_req, res) => res.end('{}');
    expect((await request({ http: off.http }, `${base}/later`)).ok).toBe(true);
    expect(inThread.calls).toBe(1);
  });
});
