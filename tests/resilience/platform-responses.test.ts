/**
 * Every platform client, answered by a server that misbehaves: an answer past the size cap
 * (declared or streamed), JSON of the wrong shape, HTML, truncated JSON, error bodies whose
 * fields are the wrong type, and random JSON. Whatever comes back, publish/reconcile settle on
 * one of the outcomes the scheduler knows (never "published" without a post id), and metrics,
 * followers, refresh and connecting either answer in shape or throw a PlatformError: a typed
 * error, not a TypeError from reading a field that is not there.
 */
import fc from 'fast-check';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock, HttpFetch, Logger } from '../../electron/core/deps';
import { createOffThreadHttp } from '../../electron/core/net/off-thread-http';
import { MAX_RESPONSE_BYTES } from '../../electron/core/platforms/common/http';
import { PLATFORM_CLIENTS, PLATFORM_CONNECTORS } from '../../electron/core/platforms/registry';
import { PlatformError, type ClientContext, type MediaItem, type PlatformClient, type PublishRequest } from '../../electron/core/platforms/types';
import { PLATFORMS } from '../../shared/domain/platforms';

const RUNS = Number(process.env.LOOMCAST_FUZZ_RUNS ?? 5);
const SEED = Number(process.env.LOOMCAST_FUZZ_SEED ?? 20_261_204);

/** Waits are skipped: a timer fires on the next turn and moves the clock by its delay, so polling loops reach their deadlines at once. */
function hurriedClock(): Clock {
  let t = Date.UTC(2026, 10, 23, 9, 0);
  return {
    now: () => t,
    setTimer(ms, fn) {
      const h = setImmediate(() => {
        t += Math.max(0, ms);
        fn();
      });
      return () => clearImmediate(h);
    },
  };
}

const quiet: Logger = { log() {}, debug() {}, info() {}, warn() {}, error() {} };

type Answer = { status: number; body: string | Uint8Array | ReadableStream<Uint8Array>; headers?: Record<string, string> };

/** A body that streams `bytes` of JSON without declaring its length. */
function endless(bytes: number): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent === 0) controller.enqueue(new TextEncoder().encode('{"id":"'));
      sent += chunk.byteLength;
      controller.enqueue(chunk);
      if (sent >= bytes) {
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
      }
    },
  });
}

const FIXED: Record<string, () => Answer> = {
  'streamed past the cap': () => ({ status: 200, body: endless(MAX_RESPONSE_BYTES + 1024 * 1024) }),
  'declared past the cap': () => ({ status: 200, body: '{}', headers: { 'content-length': String(2 ** 40) } }),
  'empty object': () => ({ status: 200, body: '{}' }),
  'empty array': () => ({ status: 200, body: '[]' }),
  null: () => ({ status: 200, body: 'null' }),
  'a bare string': () => ({ status: 200, body: '"ok"' }),
  'fields of the wrong type': () => ({ status: 200, body: JSON.stringify({ id: { x: 1 }, data: 7, uri: [], cid: null, status: { code: [] }, status_code: 'later', url: 5, media_id_string: false, access_token: 1, expires_in: 'never' }) }),
  'nested data of the wrong type': () => ({ status: 200, body: JSON.stringify({ data: { id: null, status: 7, publish_id: {}, items: 'none', error: 'x' }, items: [{ id: null, statistics: 'n/a' }] }) }),
  html: () => ({ status: 200, body: '<html><body>Bad gateway</body></html>', headers: { 'content-type': 'text/html' } }),
  'truncated JSON': () => ({ status: 200, body: '{"id": "12' }),
  'a 201 with no body': () => ({ status: 201, body: '' }),
  'a 204': () => ({ status: 204, body: '' }),
  'a 500 with an odd error': () => ({ status: 500, body: JSON.stringify({ error: { message: { nested: true }, code: [] } }) }),
  'a 400 with an array': () => ({ status: 400, body: '[1,2]' }),
  'a 429 with an odd retry-after': () => ({ status: 429, body: '{}', headers: { 'retry-after': 'soon', 'x-rate-limit-reset': 'never' } }),
  'a 401 with null': () => ({ status: 401, body: 'null' }),
};

const respond =
  (answer: () => Answer): HttpFetch =>
  async () => {
    const a = answer();
    return new Response(a.status === 204 ? null : a.body, { status: a.status, headers: { 'content-type': 'application/json', ...a.headers } });
  };

function media(client: PlatformClient): MediaItem[] {
  if (!client.capabilities.requiresMedia) return [];
  const video = !client.capabilities.images;
  const bytes = new Uint8Array(video ? 2048 : 68);
  return [
    {
      hash: 'a'.repeat(64),
      mime: video ? 'video/mp4' : 'image/png',
      bytes: bytes.byteLength,
      altText: 'alt',
      width: 1080,
      height: 1350,
      read: async () => bytes,
      publicUrl: async () => 'https://media.example/a.png',
    },
  ];
}

function contextFor(client: PlatformClient, http: HttpFetch, baseUrl = 'https://platform.example'): ClientContext {
  const ids = { did: 'did:plc:abc', pdsUrl: baseUrl === 'https://platform.example' ? 'https://pds.example' : baseUrl, handle: 'me.example', userId: '17841400000000000', pageId: '100', accountId: '100', boardId: '200', openId: 'open-1', personUrn: 'urn:li:person:1', authorUrn: 'urn:li:person:1', tokenIssuedAt: '0', pages: '[]' };
  return {
    http,
    clock: hurriedClock(),
    log: quiet,
    account: { id: `acc-${client.platform}`, platform: client.platform, handle: 'me', baseUrl, platformUserId: '100' },
    credentials: { accessToken: 'access', refreshToken: 'refresh', expiresAt: Date.UTC(2030, 0, 1), clientId: 'client', clientSecret: 'secret', appPassword: 'app-pass', extra: ids },
  };
}

const request = (client: PlatformClient): PublishRequest => ({ idempotencyKey: 'target-1', text: 'Hello', title: 'Hello', media: media(client), attemptStartedAt: Date.UTC(2026, 10, 23, 8, 59), remember: () => {} });

const OUTCOMES = ['published', 'failed', 'transient', 'rate_limited', 'expired_token', 'unknown'];
const RECONCILED = ['found', 'not_found', 'retry_is_safe', 'cannot_tell'];

const within = <T>(what: string, p: Promise<T>): Promise<T> =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not settle in 5 s`)), 5_000).unref())]);

/** A rejection is fine when it is typed: the platform's words in a PlatformError. */
async function typed<T>(what: string, p: Promise<T>): Promise<T | PlatformError> {
  try {
    return await within(what, p);
  } catch (err) {
    expect(err, `${what} threw ${String(err)}`).toBeInstanceOf(PlatformError);
    return err as PlatformError;
  }
}

/** `via`: the app's own transport against a real server playing the answer (see the last block). */
async function exercise(client: PlatformClient, answer: () => Answer, label: string, via?: { http: HttpFetch; baseUrl: string }): Promise<void> {
  const ctx = via ? contextFor(client, via.http, via.baseUrl) : contextFor(client, respond(answer));
  const what = (call: string) => `${client.platform} ${call} (${label})`;
  const published = await within(what('publish'), client.publish(ctx, request(client)));
  expect(OUTCOMES, what('publish')).toContain(published.kind);
  if (published.kind === 'published') expect(typeof published.platformPostId === 'string' && published.platformPostId.length > 0, what('publish')).toBe(true);
  else if ('reason' in published) expect(typeof published.reason === 'string' && published.reason.length > 0, what('publish')).toBe(true);

  const reconciled = await typed(what('reconcile'), client.reconcile(ctx, request(client)));
  if (!(reconciled instanceof PlatformError)) expect(RECONCILED, what('reconcile')).toContain(reconciled.kind);

  const numbers = await typed(what('metrics'), client.metrics(ctx, '12345'));
  if (!(numbers instanceof PlatformError)) for (const v of Object.values(numbers)) expect(v === null || v === undefined || Number.isFinite(v), what('metrics')).toBe(true);
  if (client.metricsBatch) await typed(what('metricsBatch'), client.metricsBatch.read(ctx, ['12345', '67890']));
  if (client.followers) {
    const n = await typed(what('followers'), client.followers(ctx));
    if (!(n instanceof PlatformError)) expect(n === null || Number.isFinite(n), what('followers')).toBe(true);
  }
  const refreshed = await typed(what('refresh'), client.refresh(ctx));
  if (!(refreshed instanceof PlatformError) && refreshed.ok) expect(typeof refreshed.credentials.accessToken === 'string' && refreshed.credentials.accessToken.length > 0, what('refresh')).toBe(true);
}

/** Connecting: a ConnectResult whose token and profile are strings, or a PlatformError. */
async function connect(platform: (typeof PLATFORMS)[number], answer: () => Answer, label: string): Promise<void> {
  const connector = PLATFORM_CONNECTORS[platform];
  const ctx = { http: respond(answer), clock: hurriedClock(), baseUrl: 'https://platform.example' };
  const what = `${platform} connect (${label})`;
  const result = await typed(
    what,
    connector.kind === 'oauth'
      ? connector.exchange(ctx, { code: 'code', codeVerifier: 'verifier', redirectUri: 'http://127.0.0.1:4000/callback', clientId: 'client', clientSecret: 'secret' })
      : connector.login(ctx, { identifier: 'me.example', password: 'app-pass' }),
  );
  if (result instanceof PlatformError) return;
  expect(typeof result.credentials.accessToken === 'string' && result.credentials.accessToken.length > 0, what).toBe(true);
  for (const v of [result.profile.handle, result.profile.platformUserId]) expect(typeof v === 'string' && v.length > 0, what).toBe(true);
}

describe.each(PLATFORMS.map((p) => [p] as const))('%s client against a misbehaving server', (platform) => {
  const client = PLATFORM_CLIENTS[platform];

  it('turns oversized and malformed answers into typed outcomes and errors', async () => {
    for (const [label, answer] of Object.entries(FIXED)) await exercise(client, answer, label);
  });

  it('connects only with a well-formed answer, and says so with a typed error otherwise', async () => {
    for (const [label, answer] of Object.entries(FIXED)) await connect(platform, answer, label);
    const body = fc.oneof(fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)), fc.string({ maxLength: 40 }));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(200, 201, 400, 401, 500), body, async (st, b) => connect(platform, () => ({ status: st, body: b }), `${st} ${b.slice(0, 60)}`)),
      { numRuns: RUNS * 2, seed: SEED, endOnFailure: true },
    );
  });

  it('does the same for random JSON answers', async () => {
    const body = fc.oneof(fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)), fc.string({ maxLength: 40 }));
    const status = fc.constantFrom(200, 201, 202, 400, 401, 403, 404, 409, 422, 429, 500, 503);
    await fc.assert(
      fc.asyncProperty(status, body, async (s, b) => exercise(client, () => ({ status: s, body: b }), `${s} ${b.slice(0, 60)}`)),
      { numRuns: RUNS * 2, seed: SEED, endOnFailure: true },
    );
  });
});

/**
 * The same odd answers from a real server, through the network worker the app sends platform
 * requests from (net/off-thread-http.ts): it must hand the clients the same answers fetch would.
 */
describe('through the network worker', () => {
  let current: () => Answer = FIXED['empty object']!;
  let hits = 0;
  const network = createOffThreadHttp(fetch);
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hits++;
      const a = current();
      res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
      if (a.status === 204) return void res.end();
      if (typeof a.body === 'string' || a.body instanceof Uint8Array) return void res.end(a.body);
      Readable.fromWeb(a.body as import('node:stream/web').ReadableStream<Uint8Array>).on('error', () => res.destroy()).pipe(res);
    });
  });
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await network.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it.each(PLATFORMS.map((p) => [p] as const))('%s: oversized and malformed answers still end in typed outcomes', async (platform) => {
    hits = 0;
    for (const [label, answer] of Object.entries(FIXED)) {
      current = answer;
      await exercise(PLATFORM_CLIENTS[platform], answer, `${label}, from the worker`, { http: network.http, baseUrl: base });
    }
    expect(hits, 'the server was asked').toBeGreaterThan(0);
  });
});
