import { afterEach, describe, expect, it } from 'vitest';
import { systemClock, type Clock } from '../../../electron/core/deps';
import { createFacebookConnector, facebookClient as client, facebookConnector } from '../../../electron/core/platforms/facebook';
import type { ClientContext, ConnectResult, MediaItem, OAuthConnector, PublishRequest } from '../../../electron/core/platforms/types';
import { startFacebookFake, type FacebookFake } from '../../fakes/facebook';

const log = { log() {}, debug() {}, info() {}, warn() {}, error() {} };
const REDIRECT = 'http://127.0.0.1:53682/callback';
const PAGE = '1755847768034402';

let fake: FacebookFake;
afterEach(async () => fake?.stop());

async function start() {
  fake = await startFacebookFake();
  return fake;
}

async function connect(connector: OAuthConnector = facebookConnector): Promise<ConnectResult> {
  const url = connector.authorizationUrl({ baseUrl: fake.url, clientId: fake.state.appId, redirectUri: REDIRECT, state: 'st-1', codeChallenge: 'unused', scopes: connector.defaultScopes });
  const { code } = fake.authorize(url);
  return connector.exchange({ http: fetch, clock: systemClock, baseUrl: fake.url }, { code, codeVerifier: 'unused', redirectUri: REDIRECT, clientId: fake.state.appId, clientSecret: fake.state.appSecret });
}

function ctxFor(conn: ConnectResult, over: Partial<ClientContext> = {}): ClientContext {
  return {
    http: fetch,
    clock: systemClock,
    log,
    credentials: conn.credentials,
    account: { id: 'acc-fb', platform: 'facebook', handle: conn.profile.handle, baseUrl: fake.url, platformUserId: conn.profile.platformUserId },
    ...over,
  };
}

const req = (text: string, over: Partial<PublishRequest> = {}): PublishRequest => ({ idempotencyKey: `k-${text}`, text, media: [], attemptStartedAt: Date.now(), ...over });

function photo(n: number, altText: string | null = null): MediaItem {
  const bytes = new Uint8Array([0xff, 0xd8, 0xff, n]);
  return { hash: `h${n}`, mime: 'image/jpeg', bytes: bytes.length, altText, read: async () => bytes, publicUrl: async () => 'unused' };
}

/** A clock frozen at Mon 23 Nov 2026 09:00 UTC. */
const T = Date.UTC(2026, 10, 23, 9, 0);
const frozen: Clock = { now: () => T, setTimer: systemClock.setTimer };

describe('connecting a Facebook Page', () => {
  it('builds the Login dialog URL with the app id, redirect, state and comma-separated permissions', async () => {
    await start();
    const url = new URL(facebookConnector.authorizationUrl({ baseUrl: fake.url, clientId: 'app', redirectUri: REDIRECT, state: 's', codeChallenge: 'c', scopes: ['pages_show_list', 'pages_manage_posts'] }));
    expect(url.pathname).toBe('/v25.0/dialog/oauth');
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: 'app', redirect_uri: REDIRECT, state: 's', response_type: 'code', scope: 'pages_show_list,pages_manage_posts' });
    const real = facebookConnector.authorizationUrl({ baseUrl: 'https://graph.facebook.com', clientId: 'app', redirectUri: REDIRECT, state: 's', codeChallenge: 'c', scopes: [] });
    expect(real.startsWith('https://www.facebook.com/v25.0/dialog/oauth?')).toBe(true);
  });

  it('trades the code for a long-lived user token and connects the first Page with its non-expiring token', async () => {
    await start();
    const conn = await connect();
    expect(conn.profile).toEqual({ handle: 'Loom Studio', displayName: 'Loom Studio', platformUserId: PAGE });
    expect(conn.credentials.expiresAt).toBeUndefined();
    expect(conn.credentials.extra?.pageId).toBe(PAGE);
    expect(JSON.parse(conn.credentials.extra!.pages!)).toEqual([
      { id: PAGE, name: 'Loom Studio' },
      { id: '1755847768034403', name: 'Loom Podcast' },
    ]);
    const token = fake.tokens.get(conn.credentials.accessToken)!;
    expect(token.subject).toBe(`page:${PAGE}:10160000000000001`);
    expect(token.expiresAt).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('connects the Page a creator picks with the pageId option', async () => {
    await start();
    const conn = await connect(createFacebookConnector({ pageId: '1755847768034403' }));
    expect(conn.profile.handle).toBe('Loom Podcast');
    expect(conn.credentials.extra?.pageId).toBe('1755847768034403');
  });
});

describe('publishing to a Facebook Page', () => {
  it('publishes text to the Page feed and reports the usage headers', async () => {
    await start();
    const out = await client.publish(ctxFor(await connect()), req('Hello from Loomcast'));
    expect(out).toMatchObject({ kind: 'published', platformPostId: expect.stringMatching(new RegExp(`^${PAGE}_\\d+$`)), rateLimit: { limit: 100 } });
    if (out.kind !== 'published') return;
    expect(out.url).toBe(`https://www.facebook.com/${PAGE}/posts/${out.platformPostId.split('_')[1]}`);
    expect(fake.posts[0]).toMatchObject({ accountKey: PAGE, text: 'Hello from Loomcast' });
  });

  it('publishes one photo with its alt text in alt_text_custom', async () => {
    await start();
    const out = await client.publish(ctxFor(await connect()), req('New poster', { media: [photo(1, 'A red poster with the word Loom')] }));
    if (out.kind !== 'published') throw new Error(out.kind);
    const [p] = fake.photosOf(out.platformPostId);
    expect(p).toMatchObject({ altText: 'A red poster with the word Loom', mime: 'image/jpeg', published: true });
    expect([...p!.bytes]).toEqual([0xff, 0xd8, 0xff, 1]);
  });

  it('publishes several photos by uploading them unpublished and attaching them to one feed post', async () => {
    await start();
    const out = await client.publish(ctxFor(await connect()), req('Gallery', { media: [photo(1, 'one'), photo(2, 'two'), photo(3, 'three')] }));
    if (out.kind !== 'published') throw new Error(out.kind);
    expect(fake.posts).toHaveLength(1);
    expect(fake.photosOf(out.platformPostId).map((p) => [p.altText, p.published])).toEqual([
      ['one', false],
      ['two', false],
      ['three', false],
    ]);
  });

  it('adds a first comment as the Page, and finds it again after a timeout', async () => {
    await start();
    const ctx = ctxFor(await connect());
    const post = await client.publish(ctx, req('Main post'));
    if (post.kind !== 'published') throw new Error(post.kind);
    const replyTo = { platformPostId: post.platformPostId, rootPostId: post.platformPostId, kind: 'comment' as const };
    expect(await client.publish(ctx, req('Link: https://loomcast.app', { replyTo }))).toMatchObject({ kind: 'published', url: expect.stringContaining('comment_id=') });

    fake.fault({ kind: 'timeout_after_accept' });
    const again = req('One more thing', { replyTo });
    expect((await client.publish({ ...ctx, signal: AbortSignal.timeout(300) }, again)).kind).toBe('unknown');
    expect(await client.reconcile(ctx, again)).toMatchObject({ kind: 'found' });
    expect(fake.duplicates()).toBe(0);
  });

  it('says plainly that videos are not supported yet, without calling Facebook', async () => {
    await start();
    const video: MediaItem = { ...photo(9), mime: 'video/mp4' };
    expect(await client.publish(ctxFor(await connect()), req('Clip', { media: [video] }))).toMatchObject({ kind: 'failed', reason: expect.stringContaining('videos') });
    expect(fake.posts).toHaveLength(0);
  });

  it('reads views and clicks from insights and the counts from the post, with no impressions', async () => {
    await start();
    const ctx = ctxFor(await connect());
    const post = await client.publish(ctx, req('Measure me'));
    if (post.kind !== 'published') throw new Error(post.kind);
    await client.publish(ctx, req('first!', { replyTo: { platformPostId: post.platformPostId, rootPostId: post.platformPostId, kind: 'comment' } }));
    fake.setInsights(post.platformPostId, { views: 480, clicks: 12, reactions: 33, shares: 4 });
    expect(await client.metrics(ctx, post.platformPostId)).toEqual({ impressions: null, views: 480, clicks: 12, likes: 33, replies: 1, reposts: 4 });
    // Meta keeps retiring insights metrics: one that is gone reads as null, the rest still arrive.
    fake.state.retiredMetrics.add('post_clicks');
    expect(await client.metrics(ctx, post.platformPostId)).toMatchObject({ views: 480, clicks: null, likes: 33 });
  });

  // Graph answers these with HTTP 400 alike; the metrics collector reads the status we give.
  it('reads a throttle, an ended sign-in and a deleted post out of the error code, not the HTTP 400', async () => {
    await start();
    const ctx = ctxFor(await connect(), { clock: frozen });
    const post = await client.publish(ctx, req('Count me'));
    if (post.kind !== 'published') throw new Error(post.kind);

    fake.state.readThrottleMinutes = 7;
    await expect(client.metrics(ctx, post.platformPostId)).rejects.toMatchObject({ status: 429, info: { retryAt: T + 7 * 60_000 }, details: expect.stringContaining('80001') });
    fake.state.throttle = 'app';
    await expect(client.metrics(ctx, post.platformPostId)).rejects.toMatchObject({ status: 429, info: { retryAt: T + 3_600_000 } });
    fake.state.readThrottleMinutes = 0;

    await expect(client.metrics(ctx, `${PAGE}_999`)).rejects.toMatchObject({ status: 404, details: expect.stringContaining('"error_subcode":33') });

    fake.fault({ kind: 'expired_token' });
    await client.publish(ctx, req('Expires the token'));
    await expect(client.metrics(ctx, post.platformPostId)).rejects.toMatchObject({ status: 401, message: expect.stringContaining('Reconnect the Page'), details: expect.stringContaining('"code":190') });
  });

  it('cannot refresh a Page token and asks to reconnect', async () => {
    await start();
    expect(await client.refresh(ctxFor(await connect()))).toMatchObject({ ok: false, reason: expect.stringContaining('Reconnect the Page') });
  });
});

describe('when Facebook fails', () => {
  it('waits as long as X-Business-Use-Case-Usage says when the Page is throttled', async () => {
    await start();
    fake.fault({ kind: 'rate_limit', resetInSeconds: 600 });
    const out = await client.publish(ctxFor(await connect(), { clock: frozen }), req('Throttled'));
    expect(out).toMatchObject({ kind: 'rate_limited', until: T + 10 * 60_000, details: expect.stringContaining('80001') });
    expect(fake.posts).toHaveLength(0);
  });

  // Facebook's own copy of the throttle list once lacked these two, so they read as a refusal.
  it.each([9, 80002])('treats throttle code %i as a rate limit and waits as the usage header says', async (code) => {
    await start();
    fake.state.bucCode = code;
    fake.fault({ kind: 'rate_limit', resetInSeconds: 300 });
    const out = await client.publish(ctxFor(await connect(), { clock: frozen }), req(`Throttled ${code}`));
    expect(out).toMatchObject({ kind: 'rate_limited', until: T + 5 * 60_000, details: expect.stringContaining(`"code":${code}`) });
    expect(fake.posts).toHaveLength(0);
  });

  it('waits an hour when only X-App-Usage reports the app throttled', async () => {
    await start();
    fake.state.throttle = 'app';
    fake.fault({ kind: 'rate_limit', resetInSeconds: 600 });
    const out = await client.publish(ctxFor(await connect(), { clock: frozen }), req('App throttled'));
    expect(out).toMatchObject({ kind: 'rate_limited', until: T + 3_600_000, rateLimit: { remaining: 0 } });
  });

  it('calls a 5xx on create unknown, finds nothing when reconciling, and publishes once on retry', async () => {
    await start();
    const ctx = ctxFor(await connect());
    fake.fault({ kind: 'server_error' });
    const r = req('Server trouble');
    expect(await client.publish(ctx, r)).toMatchObject({ kind: 'unknown', details: expect.stringContaining('"code":1') });
    expect(await client.reconcile(ctx, r)).toEqual({ kind: 'not_found' });
    expect((await client.publish(ctx, r)).kind).toBe('published');
    expect(fake.posts).toHaveLength(1);
  });

  it('treats a temporary error while uploading photos as definite non-delivery', async () => {
    await start();
    fake.fault({ kind: 'server_error', status: 503 });
    const out = await client.publish(ctxFor(await connect()), req('Two photos', { media: [photo(1), photo(2)] }));
    expect(out).toMatchObject({ kind: 'transient', reason: expect.stringContaining('nothing was published') });
    expect(fake.posts).toHaveLength(0);
  });

  it('calls a timeout after Facebook accepted unknown, then reconcile finds the post without posting twice', async () => {
    await start();
    const ctx = ctxFor(await connect());
    fake.fault({ kind: 'timeout_after_accept' });
    const r = req('Slow but sure');
    expect((await client.publish({ ...ctx, signal: AbortSignal.timeout(300) }, r)).kind).toBe('unknown');
    expect(await client.reconcile(ctx, r)).toEqual({ kind: 'found', platformPostId: fake.posts[0]!.id, url: expect.stringContaining('/posts/') });
    expect(fake.duplicates()).toBe(0);
  });

  it('pages through the Page posts and comments made since the attempt, and asks rather than say not found when there are too many', async () => {
    await start();
    const ctx = ctxFor(await connect());
    fake.fault({ kind: 'timeout_after_accept' });
    const r = req('Buried under a busy hour');
    expect((await client.publish({ ...ctx, signal: AbortSignal.timeout(300) }, r)).kind).toBe('unknown');
    const ours = fake.posts[0]!.id;
    // 30 newer posts push ours past Graph's first page of 25.
    for (let i = 0; i < 30; i++) fake.accept({ id: `${PAGE}_9${i}`, accountKey: PAGE, text: `Other post ${i}`, data: {} });
    expect(await client.reconcile(ctx, r)).toMatchObject({ kind: 'found', platformPostId: ours });

    // The same for a first comment under many newer comments.
    const replyTo = { platformPostId: ours, rootPostId: ours, kind: 'comment' as const };
    fake.fault({ kind: 'timeout_after_accept' });
    const c = req('Comment buried too', { replyTo });
    expect((await client.publish({ ...ctx, signal: AbortSignal.timeout(300) }, c)).kind).toBe('unknown');
    const comment = fake.state.comments.get(ours)![0]!;
    for (let i = 0; i < 30; i++) fake.state.comments.get(ours)!.push({ ...comment, id: `x_${i}`, message: `Reply ${i}`, time: comment.time + 1 + i });
    expect(await client.reconcile(ctx, c)).toMatchObject({ kind: 'found', platformPostId: comment.id });

    // Past what reconcile reads, ours may still be further down: never "not found".
    for (let i = 0; i < 200; i++) fake.accept({ id: `${PAGE}_8${i}`, accountKey: PAGE, text: `Flood ${i}`, data: {} });
    expect(await client.reconcile(ctx, req('Never sent'))).toMatchObject({ kind: 'cannot_tell' });
    expect(fake.duplicates()).toBe(0);
  });

  it('calls a reset connection unknown, finds nothing, and the next attempt publishes exactly once', async () => {
    await start();
    const ctx = ctxFor(await connect());
    fake.fault({ kind: 'reset_before_send' });
    const r = req('Cut off');
    expect((await client.publish(ctx, r)).kind).toBe('unknown');
    expect(await client.reconcile(ctx, r)).toEqual({ kind: 'not_found' });
    expect((await client.publish(ctx, r)).kind).toBe('published');
    expect(fake.posts).toHaveLength(1);
    expect(fake.duplicates()).toBe(0);
  });

  it('reports an ended sign-in in words, cannot refresh it, and publishes after reconnecting', async () => {
    await start();
    fake.state.expiredSubcode = 460;
    const conn = await connect();
    fake.fault({ kind: 'expired_token' });
    const out = await client.publish(ctxFor(conn), req('After reconnect'));
    expect(out).toMatchObject({ kind: 'expired_token', details: expect.stringMatching(/password was changed.*"code":190,"error_subcode":460/) });
    expect((await client.refresh(ctxFor(conn))).ok).toBe(false);
    expect((await client.publish(ctxFor(await connect()), req('After reconnect'))).kind).toBe('published');
  });

  it('fails with readable reasons for a duplicate post and for a comment on a missing post', async () => {
    await start();
    const ctx = ctxFor(await connect());
    expect((await client.publish(ctx, req('Same words'))).kind).toBe('published');
    expect(await client.publish(ctx, req('Same words'))).toMatchObject({ kind: 'failed', reason: expect.stringContaining('duplicate'), details: expect.stringContaining('506') });
    const orphan = await client.publish(ctx, req('hi', { replyTo: { platformPostId: `${PAGE}_404`, rootPostId: `${PAGE}_404`, kind: 'comment' } }));
    expect(orphan).toMatchObject({ kind: 'failed', reason: expect.stringContaining("Object with ID '1755847768034402_404' does not exist") });
  });
});
