import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../electron/core/deps';
import { createXClient, createXConnector, xClient, xConnector } from '../../../electron/core/platforms/x';
import { PlatformError, type ClientContext, type ConnectResult } from '../../../electron/core/platforms/types';
import { startXFake, type XFake } from '../../fakes/x';
import { connectX, contextFor, mediaItem, pkce, request } from '../../fakes/x/harness';

// Polls and chunks small, so the video flow runs in milliseconds against the fake.
const client = createXClient({ pollDelayMs: () => 5, chunkBytes: 64 * 1024 });
const fixedClock = (t: number): Clock => ({ now: () => t, setTimer: () => () => {} });

let fake: XFake;
let connected: ConnectResult;
let ctx: ClientContext;

beforeEach(async () => {
  fake = await startXFake({ checkAfterSecs: 1, processingPolls: 2 });
  connected = await connectX(fake);
  ctx = contextFor(fake, connected);
});
afterEach(() => fake.stop());

describe('connecting an X account', () => {
  it('builds an authorization URL with PKCE S256 and the posting scopes', () => {
    const url = new URL(xConnector.authorizationUrl({ baseUrl: fake.url, clientId: 'cid', redirectUri: 'http://127.0.0.1:53682/cb', state: 's1', codeChallenge: 'ch', scopes: xConnector.defaultScopes }));
    expect(url.origin + url.pathname).toBe(`${fake.url}/i/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'cid',
      redirect_uri: 'http://127.0.0.1:53682/cb',
      scope: 'tweet.read tweet.write users.read offline.access media.write',
      state: 's1',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
    expect(xConnector.challengeEncoding).toBe('base64url');
  });

  it('sends the real API to the consent screen on x.com', () => {
    const url = xConnector.authorizationUrl({ baseUrl: xClient.defaultBaseUrl, clientId: 'c', redirectUri: 'http://127.0.0.1:1/cb', state: 's', codeChallenge: 'x', scopes: ['tweet.read'] });
    expect(url.startsWith('https://x.com/i/oauth2/authorize?')).toBe(true);
    expect(createXConnector({ authBase: 'https://example.test/' }).authorizationUrl({ baseUrl: xClient.defaultBaseUrl, clientId: 'c', redirectUri: 'r', state: 's', codeChallenge: 'x', scopes: [] })).toMatch(/^https:\/\/example\.test\/i\/oauth2\/authorize\?/);
  });

  it('exchanges the code for a 2-hour token, a refresh token and the profile', async () => {
    const at = 1_800_000_000_000;
    const c = await connectX(fake, { clock: fixedClock(at) });
    expect(c.profile).toEqual({ handle: 'loomcast_dev', displayName: 'Loomcast Dev', platformUserId: '2244994945' });
    expect(c.credentials.expiresAt).toBe(at + 7200_000);
    expect(c.credentials.refreshToken).toMatch(/^rt_/);
    expect(c.credentials.clientId).toBe(fake.client.clientId);
  });

  it('redirects the consent screen back to the loopback with the code and state', async () => {
    const { challenge } = pkce();
    const url = xConnector.authorizationUrl({ baseUrl: fake.url, clientId: fake.client.clientId, redirectUri: fake.client.redirectUris[0]!, state: 'abc', codeChallenge: challenge, scopes: xConnector.defaultScopes });
    const res = await fetch(url, { redirect: 'manual' });
    const back = new URL(res.headers.get('location')!);
    expect(res.status).toBe(302);
    expect(back.searchParams.get('state')).toBe('abc');
    expect(back.searchParams.get('code')).toBeTruthy();
  });

  it('authenticates a confidential app with HTTP Basic', async () => {
    const secretFake = await startXFake({ client: { clientId: 'conf', clientSecret: 's3cret', redirectUris: ['http://127.0.0.1:53682/cb'] } });
    try {
      const c = await connectX(secretFake, { clientSecret: 's3cret' });
      expect(c.credentials.clientSecret).toBe('s3cret');
      await expect(connectX(secretFake)).rejects.toThrow(PlatformError);
    } finally {
      await secretFake.stop();
    }
  });

  it('refuses a code exchanged with the wrong PKCE verifier', async () => {
    const { challenge } = pkce();
    const redirectUri = fake.client.redirectUris[0]!;
    const { code } = fake.authorize(xConnector.authorizationUrl({ baseUrl: fake.url, clientId: fake.client.clientId, redirectUri, state: 's', codeChallenge: challenge, scopes: xConnector.defaultScopes }));
    const exchange = xConnector.exchange({ http: fetch, clock: fixedClock(0), baseUrl: fake.url }, { code, codeVerifier: pkce().verifier, redirectUri, clientId: fake.client.clientId });
    await expect(exchange).rejects.toMatchObject({ details: expect.stringContaining('authorization code was invalid') });
  });
});

describe('publishing to X', () => {
  it('publishes a text post and links to it', async () => {
    const out = await client.publish(ctx, request('Hello from Loomcast'));
    expect(out).toMatchObject({ kind: 'published', url: expect.stringMatching(/^https:\/\/x\.com\/loomcast_dev\/status\/\d+$/) });
    expect(out.rateLimit).toMatchObject({ limit: 100, remaining: 99 });
    expect(fake.posts.map((p) => p.text)).toEqual(['Hello from Loomcast']);
  });

  it('uploads images and sets their alt text before posting', async () => {
    const a = mediaItem('image/png', new Uint8Array([137, 80, 78, 71, 1, 2, 3]), 'A red square');
    const b = mediaItem('image/jpeg', new Uint8Array([255, 216, 255, 9]), null);
    const out = await client.publish(ctx, request('Two pictures', { media: [a, b] }));
    expect(out.kind).toBe('published');
    const ids = fake.posts[0]!.data.mediaIds as string[];
    expect(ids).toHaveLength(2);
    expect(fake.media.get(ids[0]!)).toMatchObject({ category: 'tweet_image', altText: 'A red square' });
    expect([...fake.media.get(ids[0]!)!.segments.values()][0]).toEqual(Buffer.from([137, 80, 78, 71, 1, 2, 3]));
    expect(fake.media.get(ids[1]!)!.altText).toBeUndefined();
  });

  it('uploads a video in chunks and polls STATUS as check_after_secs asks before posting', async () => {
    const waits: number[] = [];
    const polling = createXClient({ chunkBytes: 64 * 1024, pollDelayMs: (secs) => (waits.push(secs), 5) });
    const bytes = new Uint8Array(150 * 1024).map((_, i) => i % 251);
    const out = await polling.publish(ctx, request('Watch this', { media: [mediaItem('video/mp4', bytes)] }));
    expect(out.kind).toBe('published');
    expect(waits).toEqual([1, 1]);
    const video = fake.media.get((fake.posts[0]!.data.mediaIds as string[])[0]!)!;
    expect(video).toMatchObject({ category: 'tweet_video', processing: 'succeeded', totalBytes: bytes.byteLength });
    expect([...video.segments.keys()]).toEqual([0, 1, 2]);
    expect(Buffer.concat([...video.segments.values()]).equals(bytes)).toBe(true);
    expect(fake.requests.filter((r) => r.method === 'GET' && r.path === '/2/media/upload').length).toBe(2);
  });

  it('uploads a GIF in chunks with its alt text', async () => {
    const out = await client.publish(ctx, request('', { media: [mediaItem('image/gif', new Uint8Array([71, 73, 70, 56, 57, 97]), 'A dancing cat')] }));
    expect(out.kind).toBe('published');
    const ids = fake.posts[0]!.data.mediaIds as string[];
    expect(fake.media.get(ids[0]!)).toMatchObject({ category: 'tweet_gif', processing: 'succeeded', altText: 'A dancing cat' });
  });

  it('fails without posting when X cannot process the video', async () => {
    fake.failNextProcessing = 'Unsupported video codec';
    const out = await client.publish(ctx, request('Broken video', { media: [mediaItem('video/mp4', new Uint8Array(1000))] }));
    expect(out).toMatchObject({ kind: 'failed', reason: expect.stringContaining('Unsupported video codec') });
    expect(fake.posts).toHaveLength(0);
  });

  it('chains a thread and a first comment as replies', async () => {
    const root = await client.publish(ctx, request('1/ The thread'));
    if (root.kind !== 'published') throw new Error(root.kind);
    const part = await client.publish(ctx, request('2/ More', { replyTo: { platformPostId: root.platformPostId, rootPostId: root.platformPostId, kind: 'thread' } }));
    if (part.kind !== 'published') throw new Error(part.kind);
    const comment = await client.publish(ctx, request('Link in the first comment', { replyTo: { platformPostId: part.platformPostId, rootPostId: root.platformPostId, kind: 'comment' } }));
    expect(comment.kind).toBe('published');
    expect(fake.posts.map((p) => p.data.replyTo ?? null)).toEqual([null, root.platformPostId, part.platformPostId]);
  });

  it('rejects a mix X does not take before uploading anything', async () => {
    const out = await client.publish(ctx, request('Mixed', { media: [mediaItem('video/mp4', new Uint8Array(10)), mediaItem('image/png', new Uint8Array(10))] }));
    expect(out).toMatchObject({ kind: 'failed', reason: expect.stringContaining('one GIF or one video') });
    expect(fake.media.size).toBe(0);
  });
});

describe('metrics and tokens', () => {
  it('reads impressions, engagement and link clicks', async () => {
    const out = await client.publish(ctx, request('Count me'));
    if (out.kind !== 'published') throw new Error(out.kind);
    fake.setMetrics(out.platformPostId, { impressions: 1200, likes: 40, replies: 3, reposts: 5, quotes: 2, bookmarks: 7, linkClicks: 11 });
    expect(await client.metrics(ctx, out.platformPostId)).toEqual({ impressions: 1200, likes: 40, replies: 3, reposts: 5, quotes: 2, bookmarks: 7, clicks: 11 });
  });

  it('falls back to public metrics for a post older than 30 days', async () => {
    const out = await client.publish(ctx, request('Old news'));
    if (out.kind !== 'published') throw new Error(out.kind);
    fake.setMetrics(out.platformPostId, { impressions: 90, likes: 4, linkClicks: 3 });
    fake.posts[0]!.createdAt -= 31 * 86_400_000;
    expect(await client.metrics(ctx, out.platformPostId)).toMatchObject({ impressions: 90, likes: 4, clicks: null });
  });

  it('rotates the refresh token on refresh', async () => {
    const r = await client.refresh(ctx);
    if (!r.ok) throw new Error(r.reason);
    expect(r.credentials.accessToken).not.toBe(connected.credentials.accessToken);
    expect(r.credentials.refreshToken).not.toBe(connected.credentials.refreshToken);
    expect(await client.refresh(ctx)).toMatchObject({ ok: false });
    expect((await client.publish(contextFor(fake, connected, r.credentials), request('After refresh'))).kind).toBe('published');
  });
});

describe('when X or the network misbehaves', () => {
  it('waits for the reset X states on a 429 in problem-details shape', async () => {
    const t = Math.floor(Date.now() / 1000) * 1000;
    fake.now = () => t;
    fake.fault({ kind: 'rate_limit', resetInSeconds: 600 });
    const out = await client.publish(ctx, request('Too fast'));
    expect(out).toMatchObject({ kind: 'rate_limited', until: t + 600_000, details: expect.stringContaining('Too Many Requests') });
    expect(fake.posts).toHaveLength(0);
  });

  it('accepts the documented {errors:[{code:88}]} 429 shape too', async () => {
    const t = Math.floor(Date.now() / 1000) * 1000;
    fake.now = () => t;
    fake.rateLimitShape = 'codes';
    fake.fault({ kind: 'rate_limit', resetInSeconds: 60 });
    expect(await client.publish(ctx, request('Too fast again'))).toMatchObject({ kind: 'rate_limited', until: t + 60_000, details: expect.stringContaining('Rate limit exceeded') });
  });

  it("waits for the user's 24-hour cap when that is what ran out", async () => {
    fake.userDailyPostLimit = 1;
    const first = await client.publish(ctx, request('Only one today'));
    expect(first.rateLimit).toMatchObject({ remaining: 0 });
    const out = await client.publish(ctx, request('One too many'));
    if (out.kind !== 'rate_limited') throw new Error(out.kind);
    expect(out.until).toBe(Math.ceil((fake.posts[0]!.createdAt + 86_400_000) / 1000) * 1000);
  });

  it('marks a 5xx on the create call unknown, and reconcile finds nothing', async () => {
    fake.fault({ kind: 'server_error', status: 503 });
    const req = request('Server trouble');
    expect(await client.publish(ctx, req)).toMatchObject({ kind: 'unknown', details: expect.stringContaining('503') });
    expect(await client.reconcile(ctx, req)).toEqual({ kind: 'not_found' });
  });

  it('marks a timeout after X accepted unknown, then reconcile finds the post without posting again', async () => {
    fake.fault({ kind: 'timeout_after_accept' });
    const req = request('Tips & tricks <3 https://example.com/guide');
    expect((await client.publish(contextFor(fake, connected, undefined, AbortSignal.timeout(300)), req)).kind).toBe('unknown');
    const found = await client.reconcile(ctx, req);
    expect(found).toEqual({ kind: 'found', platformPostId: fake.posts[0]!.id, url: `https://x.com/loomcast_dev/status/${fake.posts[0]!.id}` });
    expect(fake.duplicates()).toBe(0);
    expect(fake.postsWithText(req.text)).toBe(1);
  });

  it('marks a reset unknown, reconcile says not found, and publishing again posts once', async () => {
    fake.fault({ kind: 'reset_before_send' });
    const req = request('Cut connection');
    expect((await client.publish(ctx, req)).kind).toBe('unknown');
    expect(await client.reconcile(ctx, req)).toEqual({ kind: 'not_found' });
    expect((await client.publish(ctx, req)).kind).toBe('published');
    expect(fake.postsWithText(req.text)).toBe(1);
  });

  it('reports an expired token, and after a refresh the post goes out', async () => {
    fake.fault({ kind: 'expired_token' });
    const req = request('Token trouble');
    expect(await client.publish(ctx, req)).toMatchObject({ kind: 'expired_token', details: expect.stringContaining('Unauthorized') });
    const r = await client.refresh(ctx);
    if (!r.ok) throw new Error(r.reason);
    expect((await client.publish(contextFor(fake, connected, r.credentials), req)).kind).toBe('published');
  });

  it('fails a duplicate with a reason the creator understands', async () => {
    await client.publish(ctx, request('Same words'));
    const out = await client.publish(ctx, request('Same words'));
    expect(out).toMatchObject({ kind: 'failed', reason: 'X refused this as a duplicate of a post you already published.', details: expect.stringContaining('duplicate content') });
    expect(fake.duplicates()).toBe(0);
  });

  it('fails text over 280 weighted characters as invalid', async () => {
    const out = await client.publish(ctx, request('字'.repeat(141)));
    expect(out).toMatchObject({ kind: 'failed', reason: expect.stringContaining('too long') });
  });

  it('treats a failed media upload as not posted', async () => {
    fake.fault({ kind: 'reset_before_send' });
    const out = await client.publish(ctx, request('Picture', { media: [mediaItem('image/png', new Uint8Array([1, 2, 3]), 'alt')] }));
    expect(out.kind).toBe('transient');
    fake.fault({ kind: 'server_error', status: 500 });
    expect((await client.publish(ctx, request('Picture', { media: [mediaItem('image/png', new Uint8Array([1, 2, 3]))] }))).kind).toBe('transient');
    expect(fake.posts).toHaveLength(0);
  });

  it('reconciles a thread part only against replies to the post before it', async () => {
    const root = await client.publish(ctx, request('Root post'));
    if (root.kind !== 'published') throw new Error(root.kind);
    fake.fault({ kind: 'timeout_after_accept' });
    const req = request('2/ follow-up', { replyTo: { platformPostId: root.platformPostId, rootPostId: root.platformPostId, kind: 'thread' } });
    await client.publish(contextFor(fake, connected, undefined, AbortSignal.timeout(300)), req);
    expect(await client.reconcile(ctx, req)).toMatchObject({ kind: 'found', platformPostId: fake.posts[1]!.id });
    expect(await client.reconcile(ctx, { ...req, replyTo: { ...req.replyTo!, platformPostId: '1' } })).toEqual({ kind: 'not_found' });
  });

  it('tells a lost post from one made just before with the same words and another link, or another name first', async () => {
    const lost = async (before: string, text: string) => {
      expect((await client.publish(ctx, request(before))).kind).toBe('published');
      fake.fault({ kind: 'server_error', status: 503 });
      const req = request(text);
      expect((await client.publish(ctx, req)).kind).toBe('unknown');
      return client.reconcile(ctx, req);
    };
    expect(await lost('New episode is out: https://pod.example/ep/41', 'New episode is out: https://pod.example/ep/42')).toEqual({ kind: 'not_found' });
    expect(await lost('@alice thanks for the shout-out!', '@bob thanks for the shout-out!')).toEqual({ kind: 'not_found' });
    expect(await lost('Read it at example.com/a', 'Read it at example.com/b')).toEqual({ kind: 'not_found' });
    expect(fake.posts).toHaveLength(3);
  });

  it('finds a post with a link written without a scheme and a photo, through the links X reads back', async () => {
    // As if its answer had been lost: the check reads the post back as X shows it (t.co links, one for the photo).
    const req = request('Guide at www.example.com/guide/ & more', { media: [mediaItem('image/png', new Uint8Array([1, 2, 3]), 'alt')] });
    expect((await client.publish(ctx, req)).kind).toBe('published');
    expect(fake.posts[0]!.data.shown).toMatch(/^Guide at https:\/\/t\.co\/\w{10} &amp; more https:\/\/t\.co\/\w{10}$/);
    expect(await client.reconcile(ctx, req)).toMatchObject({ kind: 'found', platformPostId: fake.posts[0]!.id });
  });

  it('cannot tell, rather than guess, when X does not say where the links of a post with our words lead', async () => {
    fake.fault({ kind: 'timeout_after_accept' });
    const req = request('Out now: https://example.com/launch');
    expect((await client.publish(contextFor(fake, connected, undefined, AbortSignal.timeout(300)), req)).kind).toBe('unknown');
    const withoutEntities: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).includes('/tweets?')) return res;
      const body = (await res.json()) as { data?: { entities?: unknown }[] };
      for (const t of body.data ?? []) delete t.entities;
      return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
    };
    expect(await client.reconcile({ ...ctx, http: withoutEntities }, req)).toMatchObject({ kind: 'cannot_tell', reason: expect.stringMatching(/links/) });
  });

  it("cannot tell when the developer plan can't list the account's posts", async () => {
    fake.timelineAccess = false;
    fake.fault({ kind: 'timeout_after_accept' });
    const req = request('Posted on a Free plan');
    await client.publish(contextFor(fake, connected, undefined, AbortSignal.timeout(300)), req);
    expect(await client.reconcile(ctx, req)).toMatchObject({ kind: 'cannot_tell', reason: expect.stringContaining('developer plan') });
  });
});
