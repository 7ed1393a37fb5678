/**
 * Bluesky against a real PDS (@atproto/pds started in-process by @atproto/dev-env), with a
 * fake AppView behind it for metrics and a fault proxy in front of it for 429/5xx/timeouts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostDto } from '../../../shared/contract';
import { call, createTestCore } from '../../support/core';
import { systemClock, type Logger } from '../../../electron/core/deps';
import { blueskyClient, blueskyConnector, tidFromKey } from '../../../electron/core/platforms/bluesky';
import { PlatformError, type ClientContext, type Credentials, type MediaItem, type PublishRequest } from '../../../electron/core/platforms/types';
import type { FakeServer } from '../../fakes/common/fake-server';
import { freePort, startAppViewFake, startBlueskyFake, startPds, type AppViewFake, type RealPds, type TestAccount } from '../../fakes/bluesky';

const log: Logger = { log() {}, debug() {}, info() {}, warn() {}, error() {} };
// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let pds: RealPds;
let appView: AppViewFake;
let proxy: FakeServer;
let alice: TestAccount;
let bob: TestAccount;
let aliceCreds: Credentials;
let n = 0;

function ctxFor(creds: Credentials, baseUrl = pds.url, signal?: AbortSignal): ClientContext {
  return {
    http: fetch,
    clock: systemClock,
    log,
    account: { id: 'acc-alice', platform: 'bluesky', handle: 'alice.test', baseUrl, platformUserId: creds.extra?.did ?? null },
    credentials: creds,
    ...(signal ? { signal } : {}),
  };
}

function request(text: string, extra: Partial<PublishRequest> = {}): PublishRequest {
  n++;
  return { idempotencyKey: `target-${n}-${text.length}`, text, media: [], attemptStartedAt: Date.now(), ...extra };
}

function image(alt: string, over: Partial<MediaItem> = {}): MediaItem {
  return {
    hash: 'png1',
    mime: 'image/png',
    bytes: PNG.length,
    altText: alt,
    width: 1200,
    height: 800,
    read: async () => new Uint8Array(PNG),
    publicUrl: async () => 'http://127.0.0.1:1/unused',
    ...over,
  };
}

const postsWithText = async (text: string) => (await pds.listPosts(alice.did)).filter((r) => r.value.text === text);

beforeAll(async () => {
  appView = await startAppViewFake();
  pds = await startPds({ appViewUrl: appView.url, appViewDid: appView.did });
  appView.pdsUrl = pds.url;
  proxy = await startBlueskyFake({ pdsUrl: pds.url });
  [alice, bob] = await Promise.all([pds.createAccount('alice', 'Alice Example'), pds.createAccount('bob')]);
  aliceCreds = (await blueskyConnector.login({ http: fetch, clock: systemClock, baseUrl: pds.url }, { identifier: 'alice.test', password: alice.appPassword })).credentials;
});

afterAll(async () => {
  await proxy?.stop();
  await pds?.close();
  await appView?.stop();
});

describe('connecting a Bluesky account', () => {
  it('signs in with a handle and an app password against the PDS and reads the profile', async () => {
    const r = await blueskyConnector.login({ http: fetch, clock: systemClock, baseUrl: pds.url }, { identifier: '@alice.test', password: alice.appPassword });
    expect(r.profile).toEqual({ handle: 'alice.test', displayName: 'Alice Example', platformUserId: alice.did });
    expect(r.credentials.accessToken).toMatch(/^ey/);
    expect(r.credentials.refreshToken).toMatch(/^ey/);
    expect(r.credentials.appPassword).toBe(alice.appPassword);
    // Lookups read the repository's own PDS, named in the DID document the session returns.
    expect(r.credentials.extra).toEqual({ did: alice.did, handle: 'alice.test', pdsUrl: pds.url });
    // The PDS's access tokens last 120 minutes; the scheduler refreshes ahead of expiresAt.
    expect(r.credentials.expiresAt! - Date.now()).toBeGreaterThan(110 * 60_000);
  });

  it("refuses the account's main password and a wrong app password with readable reasons", async () => {
    const ctx = { http: fetch, clock: systemClock, baseUrl: pds.url };
    await expect(blueskyConnector.login(ctx, { identifier: 'bob.test', password: bob.password })).rejects.toThrow(/main password.*app password/);
    const wrong = await blueskyConnector.login(ctx, { identifier: 'bob.test', password: 'aaaa-bbbb-cccc-dddd' }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(PlatformError);
    expect((wrong as PlatformError).message).toMatch(/did not accept that handle or app password/);
    expect((wrong as PlatformError).details).toMatch(/HTTP 401: .*AuthenticationRequired/);
  });
});

describe('publishing to a real PDS', () => {
  it('publishes text with link, mention and hashtag facets, and the record reads back', async () => {
    const text = 'Launch day 🎉 with @bob.test: read https://example.com/notes?id=7 #loomcast';
    const req = request(text);
    const out = await blueskyClient.publish(ctxFor(aliceCreds), req);
    expect(out.kind).toBe('published');
    if (out.kind !== 'published') return;
    const rkey = tidFromKey(req.idempotencyKey);
    expect(out.platformPostId).toBe(`at://${alice.did}/app.bsky.feed.post/${rkey}`);
    expect(out.url).toBe(`https://bsky.app/profile/alice.test/post/${rkey}`);
    expect(out.rateLimit).toMatchObject({ limit: expect.any(Number), remaining: expect.any(Number), resetAt: expect.any(Number) });

    const rec = await pds.getRecord(out.platformPostId);
    expect(rec.value.text).toBe(text);
    const bytes = Buffer.from(text, 'utf8');
    const facets = rec.value.facets as { index: { byteStart: number; byteEnd: number }; features: Record<string, string>[] }[];
    const spans = facets.map((f) => [bytes.subarray(f.index.byteStart, f.index.byteEnd).toString('utf8'), f.features[0]]);
    expect(spans).toEqual([
      ['@bob.test', { $type: 'app.bsky.richtext.facet#mention', did: bob.did }],
      ['https://example.com/notes?id=7', { $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com/notes?id=7' }],
      ['#loomcast', { $type: 'app.bsky.richtext.facet#tag', tag: 'loomcast' }],
    ]);
  });

  it('publishes an image with its alt text and aspect ratio, and the blob is stored', async () => {
    const out = await blueskyClient.publish(ctxFor(aliceCreds), request('A photo from the studio', { media: [image('A loom with blue and white thread')] }));
    expect(out.kind).toBe('published');
    if (out.kind !== 'published') return;
    const rec = await pds.getRecord(out.platformPostId);
    const embed = rec.value.embed as { $type: string; images: { alt: string; aspectRatio: unknown; image: { ref: { $link: string }; mimeType: string; size: number } }[] };
    expect(embed.$type).toBe('app.bsky.embed.images');
    expect(embed.images).toHaveLength(1);
    expect(embed.images[0]).toMatchObject({ alt: 'A loom with blue and white thread', aspectRatio: { width: 1200, height: 800 }, image: { mimeType: 'image/png', size: PNG.length } });
    expect(Buffer.from(await pds.getBlob(alice.did, embed.images[0]!.image.ref.$link))).toEqual(PNG);
  });

  it('refuses an image over 2 MB, a fifth image and a video without posting anything', async () => {
    const before = (await pds.listPosts(alice.did)).length;
    const ctx = ctxFor(aliceCreds);
    const big = await blueskyClient.publish(ctx, request('big', { media: [image('big', { bytes: 2_000_001 })] }));
    expect(big).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/2\.0 MB/) });
    const five = await blueskyClient.publish(ctx, request('five', { media: [1, 2, 3, 4, 5].map((i) => image(`image ${i}`)) }));
    expect(five).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/at most 4 images/) });
    const video = await blueskyClient.publish(ctx, request('video', { media: [image('clip', { mime: 'video/mp4' })] }));
    expect(video).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/only images/) });
    const long = await blueskyClient.publish(ctx, request('x'.repeat(301)));
    expect(long).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/301 characters.*at most 300/) });
    expect((await pds.listPosts(alice.did)).length).toBe(before);
  });

  it('attaches the link card of a post without images: the page title, description and picture as its thumb', async () => {
    let asked = 0;
    const card = { ok: true as const, url: 'https://example.com/guide', title: 'The sowing guide', description: 'Every date in one place.', image: { bytes: new Uint8Array(PNG), mime: 'image/png' } };
    const out = await blueskyClient.publish(ctxFor(aliceCreds), request('Every date: https://example.com/guide', { linkCard: async () => (asked++, card) }));
    expect(out).toMatchObject({ kind: 'published' });
    expect(out).not.toHaveProperty('notice');
    if (out.kind !== 'published') return;
    const rec = await pds.getRecord(out.platformPostId);
    const embed = rec.value.embed as { $type: string; external: { uri: string; title: string; description: string; thumb: { ref: { $link: string }; mimeType: string; size: number } } };
    expect(embed).toMatchObject({
      $type: 'app.bsky.embed.external',
      external: { uri: 'https://example.com/guide', title: 'The sowing guide', description: 'Every date in one place.', thumb: { mimeType: 'image/png', size: PNG.length } },
    });
    expect(Buffer.from(await pds.getBlob(alice.did, embed.external.thumb.ref.$link))).toEqual(PNG);
    expect(asked).toBe(1);
  });

  it('shows images rather than a card, as the Bluesky app does: a post with images never reads its link', async () => {
    let asked = 0;
    const out = await blueskyClient.publish(ctxFor(aliceCreds), request('Photo and link https://example.com/x', { media: [image('alt')], linkCard: async () => (asked++, null) }));
    expect(out).toMatchObject({ kind: 'published' });
    if (out.kind !== 'published') return;
    expect((await pds.getRecord(out.platformPostId)).value.embed).toMatchObject({ $type: 'app.bsky.embed.images' });
    expect(asked).toBe(0);
  });

  it('posts without the card and says why when the page could not be read, and without the picture when it is over 1 MB', async () => {
    const unread = await blueskyClient.publish(
      ctxFor(aliceCreds),
      request('Down today https://example.com/down', { linkCard: async () => ({ ok: false, url: 'https://example.com/down', reason: 'The page did not answer within 5 seconds.' }) }),
    );
    expect(unread).toMatchObject({ kind: 'published', notice: 'Posted without its link card: The page did not answer within 5 seconds.' });
    if (unread.kind !== 'published') return;
    expect((await pds.getRecord(unread.platformPostId)).value.embed).toBeUndefined();

    const big = { bytes: new Uint8Array(1_000_001), mime: 'image/png' };
    const heavy = await blueskyClient.publish(
      ctxFor(aliceCreds),
      request('Big picture https://example.com/big', { linkCard: async () => ({ ok: true, url: 'https://example.com/big', title: 'Big', description: '', image: big }) }),
    );
    expect(heavy).toMatchObject({ kind: 'published', notice: expect.stringMatching(/without the page's picture: it is over 1 MB/) });
    if (heavy.kind !== 'published') return;
    const embed = (await pds.getRecord(heavy.platformPostId)).value.embed as { external: Record<string, unknown> };
    expect(embed.external).toEqual({ uri: 'https://example.com/big', title: 'Big', description: '' });
  });

  it("maps the PDS's own validation refusal to failed with a readable reason", async () => {
    // 300 graphemes but 7,500 bytes: within the grapheme limit, over the lexicon's 3,000-byte one.
    const out = await blueskyClient.publish(ctxFor(aliceCreds), request('👨‍👩‍👧‍👦'.repeat(300)));
    expect(out).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/text is longer than Bluesky allows: 7500 bytes where the limit is 3000/), details: expect.stringMatching(/HTTP 400: .*InvalidRequest/) });
  });

  it('posts a thread whose replies point at the root and at the part before', async () => {
    const ctx = ctxFor(aliceCreds);
    const first = await blueskyClient.publish(ctx, request('Thread 1/3'));
    if (first.kind !== 'published') throw new Error(first.kind);
    const second = await blueskyClient.publish(ctx, request('Thread 2/3', { replyTo: { platformPostId: first.platformPostId, rootPostId: first.platformPostId, kind: 'thread' } }));
    if (second.kind !== 'published') throw new Error(second.kind);
    const third = await blueskyClient.publish(ctx, request('Thread 3/3', { replyTo: { platformPostId: second.platformPostId, rootPostId: first.platformPostId, kind: 'thread' } }));
    if (third.kind !== 'published') throw new Error(third.kind);

    const [r1, r2, r3] = await Promise.all([first, second, third].map((p) => pds.getRecord(p.platformPostId)));
    const ref = (r: typeof r1) => ({ uri: r!.uri, cid: r!.cid });
    expect(r2!.value.reply).toEqual({ root: ref(r1), parent: ref(r1) });
    expect(r3!.value.reply).toEqual({ root: ref(r1), parent: ref(r2) });

    // A reply to a post that was deleted meanwhile is refused before anything is written.
    await alice.agent.com.atproto.repo.deleteRecord({ repo: alice.did, collection: 'app.bsky.feed.post', rkey: third.platformPostId.split('/').pop()! });
    const orphan = await blueskyClient.publish(ctx, request('Thread 4/3', { replyTo: { platformPostId: third.platformPostId, rootPostId: first.platformPostId, kind: 'thread' } }));
    expect(orphan).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/replies to is gone/) });
    expect(await postsWithText('Thread 4/3')).toHaveLength(0);
  });

  it('derives a stable, valid TID record key from the idempotency key, stamped in the past', () => {
    const key = tidFromKey('target-42:0');
    expect(tidFromKey('target-42:0')).toBe(key);
    expect(tidFromKey('target-42:1')).not.toBe(key);
    expect(key).toMatch(/^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/);
    const value = [...key].reduce((n, ch) => n * 32n + BigInt('234567abcdefghijklmnopqrstuvwxyz'.indexOf(ch)), 0n);
    const stampMs = Number(value >> 10n) / 1000;
    expect(stampMs).toBeGreaterThanOrEqual(Date.UTC(2023, 0, 1));
    expect(stampMs).toBeLessThan(Date.UTC(2024, 0, 1));
  });

  it('never makes a second record when an attempt is retried with the same idempotency key', async () => {
    const req = request('Only once, however often it is sent');
    const a = await blueskyClient.publish(ctxFor(aliceCreds), req);
    // The PDS refuses the second record at the same rkey (HTTP 500); the client finds the first.
    const b = await blueskyClient.publish(ctxFor(aliceCreds), { ...req, attemptStartedAt: Date.now() });
    expect(a.kind).toBe('published');
    expect(b).toEqual({ ...a, rateLimit: expect.anything() });
    expect(await postsWithText(req.text)).toHaveLength(1);
  });

  it('reconciles to found for a published post and not_found for one never sent', async () => {
    const req = request('Reconcile me');
    const out = await blueskyClient.publish(ctxFor(aliceCreds), req);
    if (out.kind !== 'published') throw new Error(out.kind);
    expect(await blueskyClient.reconcile(ctxFor(aliceCreds), req)).toEqual({ kind: 'found', platformPostId: out.platformPostId, url: out.url });
    expect(await blueskyClient.reconcile(ctxFor(aliceCreds), request('never sent'))).toEqual({ kind: 'not_found' });
  });
});

describe('tokens', () => {
  it('gives expired_token for an access token past its lifetime, then refresh renews it and the post goes out', async () => {
    const stale: Credentials = { ...aliceCreds, accessToken: await pds.expiredAccessJwt(alice.did) };
    const req = request('Posted after a refresh');
    const first = await blueskyClient.publish(ctxFor(stale), req);
    expect(first).toMatchObject({ kind: 'expired_token', details: expect.stringMatching(/HTTP 400: .*ExpiredToken/) });
    expect(await blueskyClient.reconcile(ctxFor(stale), req)).toEqual({ kind: 'not_found' });

    const fresh = await blueskyClient.refresh(ctxFor(stale));
    if (!fresh.ok) throw new Error(fresh.reason);
    expect(fresh.credentials.refreshToken).not.toBe(stale.refreshToken);
    expect(fresh.credentials.appPassword).toBe(alice.appPassword);
    aliceCreds = fresh.credentials;
    expect(await blueskyClient.publish(ctxFor(fresh.credentials), req)).toMatchObject({ kind: 'published' });
    expect(await postsWithText(req.text)).toHaveLength(1);
  });

  it('starts a new session with the app password when the refresh token was revoked, and asks to reconnect once the app password is revoked too', async () => {
    // Signing in with the email address works as well as with the handle.
    const login = await blueskyConnector.login({ http: fetch, clock: systemClock, baseUrl: pds.url }, { identifier: bob.email, password: bob.appPassword });
    expect(login.profile).toEqual({ handle: 'bob.test', displayName: null, platformUserId: bob.did });
    const creds = login.credentials;
    const ctx: ClientContext = { ...ctxFor(creds), account: { id: 'acc-bob', platform: 'bluesky', handle: 'bob.test', baseUrl: pds.url, platformUserId: bob.did } };
    // Signing out ends the refresh token: the PDS now answers refreshSession with ExpiredToken.
    await fetch(`${pds.url}/xrpc/com.atproto.server.deleteSession`, { method: 'POST', headers: { authorization: `Bearer ${creds.refreshToken}` } });
    const renewed = await blueskyClient.refresh(ctx);
    if (!renewed.ok) throw new Error(renewed.reason);
    expect(renewed.credentials.extra?.did).toBe(bob.did);
    expect(renewed.credentials.refreshToken).not.toBe(creds.refreshToken);

    await bob.agent.com.atproto.server.revokeAppPassword({ name: 'loomcast' });
    const gone = await blueskyClient.refresh({ ...ctx, credentials: renewed.credentials });
    expect(gone).toEqual({ ok: false, reason: expect.stringMatching(/no longer accepts the app password.*Reconnect/) });
  });
});

describe('metrics', () => {
  it("reads likes, reposts, replies, quotes and bookmarks through the PDS's AppView proxy", async () => {
    const out = await blueskyClient.publish(ctxFor(aliceCreds), request('Count me'));
    if (out.kind !== 'published') throw new Error(out.kind);
    appView.setCounts(out.platformPostId, { likeCount: 12, repostCount: 3, replyCount: 2, quoteCount: 1, bookmarkCount: 5 });
    const m = await blueskyClient.metrics(ctxFor(aliceCreds), out.platformPostId);
    expect(m).toEqual({ likes: 12, reposts: 3, replies: 2, quotes: 1, bookmarks: 5, views: null, impressions: null, clicks: null });
    // The call went client → PDS → AppView, with the PDS's service auth for Alice.
    expect(appView.viewers.at(-1)).toBe(alice.did);
    await expect(blueskyClient.metrics(ctxFor(aliceCreds), `at://${alice.did}/app.bsky.feed.post/${tidFromKey('nope')}`)).rejects.toThrow(/has no post/);
  });
});

describe('faults between Loomcast and the PDS', () => {
  const via = (signal?: AbortSignal) => ctxFor(aliceCreds, proxy.url, signal);

  it('maps a 429 to rate_limited until the RateLimit-Reset the answer states', async () => {
    const at = Date.UTC(2026, 10, 22, 12, 0, 0);
    proxy.now = () => at;
    proxy.fault({ kind: 'rate_limit', resetInSeconds: 120 });
    const req = request('Rate limited');
    const out = await blueskyClient.publish(via(), req);
    proxy.now = Date.now;
    // RateLimit-Reset is epoch seconds: the proxy sent at/1000 + 120.
    expect(out).toMatchObject({ kind: 'rate_limited', until: at + 120_000, rateLimit: { limit: 3000, remaining: 0, resetAt: at + 120_000 } });
    expect(out).toMatchObject({ details: expect.stringMatching(/HTTP 429: .*RateLimitExceeded/) });
    expect(await blueskyClient.reconcile(via(), req)).toEqual({ kind: 'not_found' });
  });

  it('asks again later, rather than giving up, when the PDS cannot answer the check for now', async () => {
    // The check reads the account's own PDS directly (the proxy's faults are on writes): its
    // first read answers as a PDS behind a load balancer does when it is down.
    let down = true;
    const flaky: typeof fetch = async (input, init) => {
      if (down && String(input).includes('com.atproto.repo.getRecord')) {
        down = false;
        return new Response(JSON.stringify({ error: 'InternalServerError', message: 'Internal Server Error' }), { status: 500, headers: { 'content-type': 'application/json' } });
      }
      return fetch(input, init);
    };
    const req = request('Checked during an outage');
    await expect(blueskyClient.reconcile({ ...ctxFor(aliceCreds), http: flaky }, req)).rejects.toThrow(/just now: HTTP 500/);
    expect(await blueskyClient.reconcile({ ...ctxFor(aliceCreds), http: flaky }, req)).toEqual({ kind: 'not_found' });
  });

  it('maps a 500 on createRecord to unknown, and reconcile then finds nothing', async () => {
    proxy.fault({ kind: 'server_error' });
    const req = request('Server error');
    expect(await blueskyClient.publish(via(), req)).toMatchObject({ kind: 'unknown', details: expect.stringMatching(/HTTP 500/) });
    expect(await blueskyClient.reconcile(via(), req)).toEqual({ kind: 'not_found' });
  });

  it('maps a timeout after the PDS accepted to unknown; reconcile finds the post and a resend makes no second one', async () => {
    proxy.fault({ kind: 'timeout_after_accept' });
    const req = request('Timed out but made');
    expect(await blueskyClient.publish(via(AbortSignal.timeout(300)), req)).toMatchObject({ kind: 'unknown' });
    const found = await blueskyClient.reconcile(via(), req);
    expect(found).toMatchObject({ kind: 'found', platformPostId: `at://${alice.did}/app.bsky.feed.post/${tidFromKey(req.idempotencyKey)}` });
    expect(await blueskyClient.publish(via(), req)).toMatchObject({ kind: 'published', platformPostId: (found as { platformPostId: string }).platformPostId });
    expect(proxy.duplicates()).toBe(0);
    expect(await postsWithText(req.text)).toHaveLength(1);
  });

  it('maps a reset before sending to unknown; reconcile says not_found and publishing again succeeds once', async () => {
    proxy.fault({ kind: 'reset_before_send' });
    const req = request('Reset before send');
    expect(await blueskyClient.publish(via(), req)).toMatchObject({ kind: 'unknown' });
    expect(await blueskyClient.reconcile(via(), req)).toEqual({ kind: 'not_found' });
    expect(await blueskyClient.publish(via(), req)).toMatchObject({ kind: 'published' });
    expect(await postsWithText(req.text)).toHaveLength(1);
    expect(proxy.duplicates()).toBe(0);
  });

  it('maps ExpiredToken to expired_token; after refresh the post goes out', async () => {
    proxy.fault({ kind: 'expired_token' });
    const req = request('Expired at the edge');
    expect(await blueskyClient.publish(via(), req)).toMatchObject({ kind: 'expired_token' });
    const fresh = await blueskyClient.refresh(via());
    if (!fresh.ok) throw new Error(fresh.reason);
    aliceCreds = fresh.credentials;
    expect(await blueskyClient.publish(via(), req)).toMatchObject({ kind: 'published' });
  });

  it('treats a failed image upload as definite non-delivery', async () => {
    proxy.fault({ kind: 'server_error', status: 503 });
    const req = request('Upload fails', { media: [image('alt')] });
    expect(await blueskyClient.publish(via(), req)).toMatchObject({ kind: 'transient', reason: expect.stringMatching(/uploading an image.*nothing was posted/) });
    expect(await postsWithText(req.text)).toHaveLength(0);
  });

  it("treats a card picture the server cannot take now (503) as definite non-delivery, and posts once it can", async () => {
    const card = { ok: true as const, url: 'https://example.com/later', title: 'Later', description: 'Soon.', image: { bytes: new Uint8Array(PNG), mime: 'image/png' } };
    const req = request('Card later https://example.com/later', { linkCard: async () => card });
    proxy.fault({ kind: 'server_error', status: 503 });
    expect(await blueskyClient.publish(via(), req)).toMatchObject({ kind: 'transient', reason: expect.stringMatching(/uploading an image.*nothing was posted/) });
    expect(await postsWithText(req.text)).toHaveLength(0);
    expect(await blueskyClient.publish(via(), req)).toMatchObject({ kind: 'published' });
    const [rec] = await postsWithText(req.text);
    expect(rec!.value.embed).toMatchObject({ $type: 'app.bsky.embed.external', external: { title: 'Later', thumb: { mimeType: 'image/png' } } });
  });

  it('maps a refused connection to transient', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    expect(await blueskyClient.publish(ctxFor(aliceCreds, closed), request('Nobody home'))).toMatchObject({ kind: 'transient', reason: expect.stringMatching(/connection refused/) });
  });
});

describe('link cards through the core', () => {
  /** A small site of our own: a page with og: tags and its picture, counting every request. */
  async function startSite(): Promise<{ link: string; requests: string[]; stop(): Promise<void> }> {
    const requests: string[] = [];
    const server: Server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/guide') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><html><head><title>Notes</title><meta property="og:title" content="The sowing guide"><meta property="og:description" content="Every date in one place."><meta property="og:image" content="/card.png"></head><body></body></html>');
      } else if (req.url === '/card.png') {
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': PNG.length });
        res.end(PNG);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const link = `http://127.0.0.1:${(server.address() as AddressInfo).port}/guide`;
    return { link, requests, stop: () => new Promise((resolve) => server.close(() => resolve())) };
  }

  it('sends the card the composer previewed (in a thread part too), reading the page once, and says so when a page gives none', async () => {
    const site = await startSite();
    const t = await createTestCore({ clients: { bluesky: blueskyClient }, publishing: { autoStart: false }, linkCardsOnLoopback: true });
    try {
      const account = await t.core.services.accounts.add({ platform: 'bluesky', handle: 'alice.test', serverUrl: pds.url, platformUserId: alice.did, credentials: aliceCreds });
      await t.core.services.scheduler.start();
      // The composer's preview reads the page (and its picture)…
      expect(await call(t.core, 'links:preview', { url: site.link })).toMatchObject({ ok: true, title: 'The sowing guide' });
      expect(site.requests).toEqual(['/guide', '/card.png']);

      // …and the post carries that card to Bluesky without reading the page again.
      const text = `Every sowing date: ${site.link}`;
      const post = await call<PostDto>(t.core, 'posts:create', { text, accounts: [account.id], schedule: null });
      await call(t.core, 'compose:publishNow', { postId: post.id });
      await t.core.services.scheduler.wake();
      const out = (await call<PostDto>(t.core, 'posts:get', { id: post.id })).targets[0]!;
      expect(out).toMatchObject({ state: 'published', lastError: null });
      const [rec] = await postsWithText(text);
      const embed = rec!.value.embed as { external: { uri: string; title: string; description: string; thumb: { ref: { $link: string } } } };
      expect(embed.external).toMatchObject({ uri: site.link, title: 'The sowing guide', description: 'Every date in one place.' });
      expect(Buffer.from(await pds.getBlob(alice.did, embed.external.thumb.ref.$link))).toEqual(PNG);
      expect(site.requests).toEqual(['/guide', '/card.png']);

      // A thread's later part carries its own link's card, as the preview showed it.
      const opener = 'Three sowing mistakes, a thread.';
      const threaded = await call<PostDto>(t.core, 'posts:create', { text: opener, accounts: [account.id], schedule: null, thread: [`The dates for each: ${site.link}`] });
      await call(t.core, 'compose:publishNow', { postId: threaded.id });
      await t.core.services.scheduler.wake();
      expect((await call<PostDto>(t.core, 'posts:get', { id: threaded.id })).targets[0]).toMatchObject({ state: 'published', lastError: null });
      const [part] = await postsWithText(`The dates for each: ${site.link}`);
      expect(part!.value.reply).toMatchObject({ root: { uri: expect.stringContaining(alice.did) } });
      expect(part!.value.embed).toMatchObject({ $type: 'app.bsky.embed.external', external: { uri: site.link, title: 'The sowing guide' } });
      expect((await postsWithText(opener))[0]!.value.embed).toBeUndefined();
      expect(site.requests).toEqual(['/guide', '/card.png']);

      // A page that cannot be reached: the post still goes out, and its copy says it has no card.
      const gone = `http://127.0.0.1:${await freePort()}/away`;
      const other = await call<PostDto>(t.core, 'posts:create', { text: `Away for now: ${gone}`, accounts: [account.id], schedule: null });
      await call(t.core, 'compose:publishNow', { postId: other.id });
      await t.core.services.scheduler.wake();
      const bare = (await call<PostDto>(t.core, 'posts:get', { id: other.id })).targets[0]!;
      expect(bare).toMatchObject({ state: 'published', lastError: expect.stringMatching(/^Posted without its link card: The page could not be reached/) });
      expect((await postsWithText(`Away for now: ${gone}`))[0]!.value.embed).toBeUndefined();
    } finally {
      await t.close();
      await site.stop();
    }
  });
});
