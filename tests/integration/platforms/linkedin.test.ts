import { afterEach, describe, expect, it } from 'vitest';
import { systemClock, type Clock } from '../../../electron/core/deps';
import { createLinkedInClient, createLinkedInConnector, linkedinConnector } from '../../../electron/core/platforms/linkedin';
import type { ClientContext, ConnectResult, MediaItem, PublishRequest } from '../../../electron/core/platforms/types';
import { startLinkedInFake, type LinkedInFake, type LinkedInFakeOptions } from '../../fakes/linkedin';

const log = { log() {}, debug() {}, info() {}, warn() {}, error() {} };
const client = createLinkedInClient({ videoPollMs: 5 });
const REDIRECT = 'http://127.0.0.1:53682/callback';
const FULL_SCOPES = ['openid', 'profile', 'w_member_social', 'r_member_social', 'r_member_postAnalytics'];
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

let fake: LinkedInFake;
afterEach(async () => fake?.stop());

async function start(opts: LinkedInFakeOptions = {}) {
  fake = await startLinkedInFake(opts);
  return fake;
}

async function connect(scopes = FULL_SCOPES, connector = linkedinConnector): Promise<ConnectResult> {
  const url = connector.authorizationUrl({ baseUrl: fake.url, clientId: fake.state.clientId, redirectUri: REDIRECT, state: 'st-1', codeChallenge: CHALLENGE, scopes });
  const { code } = fake.authorize(url);
  return connector.exchange(
    { http: fetch, clock: systemClock, baseUrl: fake.url },
    { code, codeVerifier: VERIFIER, redirectUri: REDIRECT, clientId: fake.state.clientId, clientSecret: fake.state.clientSecret },
  );
}

function ctxFor(conn: ConnectResult, over: Partial<ClientContext> = {}): ClientContext {
  return {
    http: fetch,
    clock: systemClock,
    log,
    credentials: conn.credentials,
    account: { id: 'acc-li', platform: 'linkedin', handle: conn.profile.handle, baseUrl: fake.url, platformUserId: conn.profile.platformUserId },
    ...over,
  };
}

const req = (text: string, over: Partial<PublishRequest> = {}): PublishRequest => ({ idempotencyKey: `k-${text}`, text, media: [], attemptStartedAt: Date.now(), ...over });

function item(mime: string, bytes: Uint8Array, altText: string | null = null): MediaItem {
  return { hash: `h${bytes.length}`, mime, bytes: bytes.length, altText, read: async () => bytes, publicUrl: async () => 'unused' };
}

/** A clock frozen at Mon 23 Nov 2026 09:00 UTC. */
const frozen: Clock = { now: () => Date.UTC(2026, 10, 23, 9, 0), setTimer: systemClock.setTimer };

describe('connecting LinkedIn', () => {
  it('builds the authorization URL for the secret-based code flow without PKCE', async () => {
    await start();
    const url = new URL(linkedinConnector.authorizationUrl({ baseUrl: fake.url, clientId: 'cid', redirectUri: REDIRECT, state: 's', codeChallenge: CHALLENGE, scopes: ['openid', 'w_member_social'] }));
    expect(url.pathname).toBe('/oauth/v2/authorization');
    expect(Object.fromEntries(url.searchParams)).toEqual({ response_type: 'code', client_id: 'cid', redirect_uri: REDIRECT, state: 's', scope: 'openid w_member_social' });
    const real = new URL(linkedinConnector.authorizationUrl({ baseUrl: 'https://api.linkedin.com', clientId: 'cid', redirectUri: REDIRECT, state: 's', codeChallenge: CHALLENGE, scopes: [] }));
    expect(real.origin).toBe('https://www.linkedin.com');
  });

  it('exchanges a code for a 60-day token and reads the member from userinfo', async () => {
    await start();
    const conn = await connect();
    expect(conn.profile).toEqual({ handle: 'Ada Lovelace', displayName: 'Ada Lovelace', platformUserId: 'yrZCpj2Z12' });
    expect(conn.credentials.extra?.personUrn).toBe('urn:li:person:yrZCpj2Z12');
    expect(conn.credentials.expiresAt! - Date.now()).toBeGreaterThan(59 * 86_400_000);
    expect(conn.credentials.refreshToken).toBeUndefined();
  });

  it('sends code_verifier instead of the client secret when the app uses PKCE', async () => {
    await start();
    const pkce = createLinkedInConnector({ pkce: true });
    const url = new URL(pkce.authorizationUrl({ baseUrl: fake.url, clientId: fake.state.clientId, redirectUri: REDIRECT, state: 's', codeChallenge: CHALLENGE, scopes: FULL_SCOPES }));
    expect(url.searchParams.get('code_challenge')).toBe(CHALLENGE);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    const { code } = fake.authorize(url.toString());
    const conn = await pkce.exchange({ http: fetch, clock: systemClock, baseUrl: fake.url }, { code, codeVerifier: VERIFIER, redirectUri: REDIRECT, clientId: fake.state.clientId });
    expect(conn.profile.platformUserId).toBe('yrZCpj2Z12');
  });

  it('refuses calls that lack the LinkedIn-Version or Restli protocol header, like LinkedIn', async () => {
    await start();
    const conn = await connect();
    const auth = { Authorization: `Bearer ${conn.credentials.accessToken}` };
    const noVersion = await fetch(`${fake.url}/rest/posts?q=author&author=x`, { headers: { ...auth, 'X-Restli-Protocol-Version': '2.0.0' } });
    expect(noVersion.status).toBe(400);
    expect(await noVersion.json()).toMatchObject({ status: 400, code: 'VERSION_MISSING' });
    const noRestli = await fetch(`${fake.url}/rest/posts?q=author&author=x`, { headers: { ...auth, 'LinkedIn-Version': '202606' } });
    expect(noRestli.status).toBe(400);
  });

  it('refuses an article without its source or title, and a thumbnail that was never uploaded, like LinkedIn', async () => {
    await start();
    const conn = await connect();
    const headers = { Authorization: `Bearer ${conn.credentials.accessToken}`, 'LinkedIn-Version': '202606', 'X-Restli-Protocol-Version': '2.0.0', 'Content-Type': 'application/json' };
    const post = (article: Record<string, unknown>) =>
      fetch(`${fake.url}/rest/posts`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ author: `urn:li:person:${conn.profile.platformUserId}`, commentary: 'Link', visibility: 'PUBLIC', distribution: { feedDistribution: 'MAIN_FEED' }, lifecycleState: 'PUBLISHED', content: { article } }),
      });
    for (const [article, field] of [
      [{ title: 'No source' }, '/content/article/source'],
      [{ source: 'https://example.com/a' }, '/content/article/title'],
      [{ source: 'https://example.com/a', title: 'T', thumbnail: 'urn:li:image:never' }, '/content/media/id'],
    ] as const) {
      const res = await post(article);
      expect(res.status).toBe(422);
      expect(((await res.json()) as { message: string }).message).toContain(field);
    }
    expect(fake.posts).toHaveLength(0);
  });
});

describe('publishing to LinkedIn', () => {
  it('publishes text with reserved characters escaped so members see all of it', async () => {
    await start();
    const ctx = ctxFor(await connect());
    const text = 'Launch (v2) is live: 50% off for #makers @ [studio] <3 ~ *now* _really_';
    const out = await client.publish(ctx, req(text));
    expect(out).toMatchObject({ kind: 'published', platformPostId: expect.stringMatching(/^urn:li:share:\d+$/) });
    if (out.kind !== 'published') return;
    expect(out.url).toBe(`https://www.linkedin.com/feed/update/${out.platformPostId}`);
    expect(fake.visibleText(out.platformPostId)).toBe(text);
    expect(fake.posts[0]!.data).toMatchObject({ author: 'urn:li:person:yrZCpj2Z12', visibility: 'PUBLIC', lifecycleState: 'PUBLISHED' });
  });

  it('publishes an image with its alt text', async () => {
    await start();
    const ctx = ctxFor(await connect());
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const out = await client.publish(ctx, req('A chart', { media: [item('image/png', png, 'Bar chart of weekly sign-ups')] }));
    expect(out.kind).toBe('published');
    const content = fake.posts[0]!.data.content as { media: { id: string; altText: string } };
    expect(content.media.altText).toBe('Bar chart of weekly sign-ups');
    expect([...fake.state.images.get(content.media.id)!.bytes!]).toEqual([...png]);
  });

  it("gives a post without media its link's card as an article, the page's picture as its thumbnail", async () => {
    await start();
    const ctx = ctxFor(await connect());
    const picture = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 9, 9]);
    let asked = 0;
    const card = { ok: true as const, url: 'https://example.com/guide', title: 'The sowing guide', description: 'Every date in one place.', image: { bytes: picture, mime: 'image/png' } };
    const out = await client.publish(ctx, req('Every date: https://example.com/guide', { linkCard: async () => (asked++, card) }));
    expect(out).toMatchObject({ kind: 'published' });
    expect(out).not.toHaveProperty('notice');
    const content = fake.posts[0]!.data.content as { article: { source: string; title: string; description: string; thumbnail: string } };
    expect(content.article).toEqual({ source: 'https://example.com/guide', title: 'The sowing guide', description: 'Every date in one place.', thumbnail: expect.stringMatching(/^urn:li:image:/) });
    expect(fake.state.images.get(content.article.thumbnail)).toMatchObject({ mime: 'image/png', bytes: Buffer.from(picture) });
    expect(asked).toBe(1);

    // With media the media is the post's content, and the link is not read.
    await client.publish(ctx, req('A chart and a link https://example.com/c', { media: [item('image/png', picture, 'Chart')], linkCard: async () => (asked++, card) }));
    expect(fake.posts[1]!.data.content).toHaveProperty('media');
    expect(asked).toBe(1);
  });

  it('posts the text alone and says why when the page gave no card; a card without a picture has no thumbnail', async () => {
    await start();
    const ctx = ctxFor(await connect());
    const unread = await client.publish(ctx, req('Down today https://example.com/down', { linkCard: async () => ({ ok: false, url: 'https://example.com/down', reason: 'The page could not be reached.' }) }));
    expect(unread).toMatchObject({ kind: 'published', notice: 'Posted without its link card: The page could not be reached.' });
    expect(fake.posts[0]!.data.content).toBeUndefined();
    await client.publish(ctx, req('Plain card https://example.com/p', { linkCard: async () => ({ ok: true, url: 'https://example.com/p', title: 'Plain', description: '', image: null }) }));
    expect(fake.posts[1]!.data.content).toEqual({ article: { source: 'https://example.com/p', title: 'Plain' } });
  });

  it('publishes several images as one multiImage post', async () => {
    await start();
    const ctx = ctxFor(await connect());
    const out = await client.publish(ctx, req('Three shots', { media: [1, 2, 3].map((n) => item('image/jpeg', new Uint8Array([n, n]), `Shot ${n}`)) }));
    expect(out.kind).toBe('published');
    const images = (fake.posts[0]!.data.content as { multiImage: { images: { altText: string }[] } }).multiImage.images;
    expect(images.map((i) => i.altText)).toEqual(['Shot 1', 'Shot 2', 'Shot 3']);
  });

  it('uploads a video in the parts LinkedIn asks for, finalizes with their ETags and waits until it is available', async () => {
    await start({ videoPartSize: 1000, videoProcessingPolls: 2 });
    const ctx = ctxFor(await connect());
    const bytes = new Uint8Array(2500).map((_, i) => i % 251);
    const out = await client.publish(ctx, req('Watch this', { media: [item('video/mp4', bytes)], title: 'Demo' }));
    expect(out.kind).toBe('published');
    const media = (fake.posts[0]!.data.content as { media: { id: string; title: string } }).media;
    expect(media.title).toBe('Demo');
    const video = fake.state.videos.get(media.id)!;
    expect(video.parts.map((p) => p.bytes!.length)).toEqual([1000, 1000, 500]);
    expect(Buffer.concat(video.parts.map((p) => p.bytes!)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('adds a first comment under the post, and finds it again after a timeout', async () => {
    await start();
    const ctx = ctxFor(await connect());
    const post = await client.publish(ctx, req('Main post'));
    if (post.kind !== 'published') throw new Error(post.kind);
    const replyTo = { platformPostId: post.platformPostId, rootPostId: post.platformPostId, kind: 'comment' as const };
    const first = await client.publish(ctx, req('Link in the first comment: https://loomcast.app', { replyTo }));
    expect(first).toMatchObject({ kind: 'published', platformPostId: expect.stringContaining('urn:li:comment:') });

    fake.fault({ kind: 'timeout_after_accept' });
    const again = req('And a second thought', { replyTo });
    expect((await client.publish({ ...ctx, signal: AbortSignal.timeout(300) }, again)).kind).toBe('unknown');
    expect(await client.reconcile(ctx, again)).toMatchObject({ kind: 'found', platformPostId: expect.stringContaining('urn:li:comment:') });
    expect(fake.duplicates()).toBe(0);
  });

  it('refuses a thread part, because LinkedIn has no threads', async () => {
    await start();
    const ctx = ctxFor(await connect());
    const out = await client.publish(ctx, req('part 2', { replyTo: { platformPostId: 'urn:li:share:1', rootPostId: 'urn:li:share:1', kind: 'thread' } }));
    expect(out).toMatchObject({ kind: 'failed', reason: expect.stringContaining('no threads') });
  });

  it('posts as an organisation page when the account names one, and reads its share statistics', async () => {
    await start({ adminOf: { yrZCpj2Z12: ['urn:li:organization:2414183'] } });
    const conn = await connect([...FULL_SCOPES, 'w_organization_social', 'r_organization_social']);
    const ctx = ctxFor(conn, { credentials: { ...conn.credentials, extra: { ...conn.credentials.extra, authorUrn: 'urn:li:organization:2414183' } } });
    const out = await client.publish(ctx, req('Company news'));
    if (out.kind !== 'published') throw new Error(out.kind);
    expect(fake.posts[0]!.accountKey).toBe('urn:li:organization:2414183');
    fake.setAnalytics(out.platformPostId, { IMPRESSION: 900, CLICK: 40, REACTION: 31, COMMENT: 4, RESHARE: 2 });
    expect(await client.metrics(ctx, out.platformPostId)).toEqual({ impressions: 900, clicks: 40, likes: 31, replies: 4, reposts: 2 });
  });

  it('reads member post analytics one metric per call', async () => {
    await start();
    const ctx = ctxFor(await connect());
    const out = await client.publish(ctx, req('Numbers please'));
    if (out.kind !== 'published') throw new Error(out.kind);
    fake.setAnalytics(out.platformPostId, { IMPRESSION: 1234, REACTION: 56, COMMENT: 7, RESHARE: 3 });
    expect(await client.metrics(ctx, out.platformPostId)).toEqual({ impressions: 1234, likes: 56, replies: 7, reposts: 3 });
    expect(fake.requests.filter((r) => r.path === '/rest/memberCreatorPostAnalytics')).toHaveLength(4);
  });
});

describe('refreshing LinkedIn tokens', () => {
  it('refreshes a partner app token and keeps the same, non-extended refresh token', async () => {
    await start({ partner: true });
    const conn = await connect();
    expect(conn.credentials.refreshToken).toBeDefined();
    const r = await client.refresh(ctxFor(conn));
    if (!r.ok) throw new Error(r.reason);
    expect(r.credentials.accessToken).not.toBe(conn.credentials.accessToken);
    expect(r.credentials.refreshToken).toBe(conn.credentials.refreshToken);
    expect(r.credentials.refreshExpiresAt!).toBeLessThanOrEqual(conn.credentials.refreshExpiresAt! + 1000);
  });

  it('asks to reconnect when the app gets no refresh tokens', async () => {
    await start();
    expect(await client.refresh(ctxFor(await connect()))).toEqual({ ok: false, reason: 'LinkedIn tokens last 60 days; reconnect to continue' });
  });
});

describe('when LinkedIn fails', () => {
  it('waits until midnight UTC on a 429, which carries no rate headers', async () => {
    await start();
    const ctx = ctxFor(await connect(), { clock: frozen });
    fake.fault({ kind: 'rate_limit', resetInSeconds: 60 });
    const out = await client.publish(ctx, req('Too many'));
    expect(out).toMatchObject({ kind: 'rate_limited', until: Date.UTC(2026, 10, 24), rateLimit: { remaining: 0, resetAt: Date.UTC(2026, 10, 24) } });
    expect(fake.posts).toHaveLength(0);
  });

  it('reads analytics again after midnight UTC, not in 15 minutes, when the daily limit is spent', async () => {
    await start();
    const ctx = ctxFor(await connect(), { clock: frozen });
    const out = await client.publish(ctx, req('Counted tomorrow'));
    if (out.kind !== 'published') throw new Error(out.kind);
    fake.state.analyticsThrottled = true;
    await expect(client.metrics(ctx, out.platformPostId)).rejects.toMatchObject({ status: 429, info: { retryAt: Date.UTC(2026, 10, 24) }, details: expect.stringContaining('APPLICATION DAY') });
  });

  it('calls a 5xx on create unknown, finds nothing when reconciling, and publishes once on retry', async () => {
    await start();
    const ctx = ctxFor(await connect());
    fake.fault({ kind: 'server_error', status: 503 });
    const r = req('Server trouble');
    expect((await client.publish(ctx, r)).kind).toBe('unknown');
    expect(await client.reconcile(ctx, r)).toEqual({ kind: 'not_found' });
    expect((await client.publish(ctx, r)).kind).toBe('published');
    expect(fake.posts).toHaveLength(1);
  });

  it('calls a timeout after LinkedIn accepted unknown, then reconcile finds the post without posting twice', async () => {
    await start();
    const ctx = ctxFor(await connect());
    fake.fault({ kind: 'timeout_after_accept' });
    const r = req('Slow (but) sure #1');
    expect((await client.publish({ ...ctx, signal: AbortSignal.timeout(300) }, r)).kind).toBe('unknown');
    const found = await client.reconcile(ctx, r);
    expect(found).toEqual({ kind: 'found', platformPostId: fake.posts[0]!.id, url: `https://www.linkedin.com/feed/update/${fake.posts[0]!.id}` });
    expect(fake.duplicates()).toBe(0);
  });

  it('finds a post whose answer was lost behind many newer ones, page by page, and asks when there are too many', async () => {
    await start();
    const ctx = ctxFor(await connect());
    fake.fault({ kind: 'timeout_after_accept' });
    const mine = req('Launch day: the new loom is here');
    expect((await client.publish({ ...ctx, signal: AbortSignal.timeout(300) }, mine)).kind).toBe('unknown');
    // The account's other due posts go out meanwhile: the lane does not wait for one being checked.
    for (let i = 0; i < 60; i++) expect((await client.publish(ctx, req(`Other post ${i}`))).kind).toBe('published');
    expect(await client.reconcile(ctx, mine)).toMatchObject({ kind: 'found', platformPostId: fake.posts[0]!.id });
    for (let i = 60; i < 200; i++) await client.publish(ctx, req(`Other post ${i}`));
    expect(await client.reconcile(ctx, mine)).toMatchObject({ kind: 'cannot_tell', reason: expect.stringMatching(/More than 200/) });
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

  it('reports an expired token, refreshes it (partner app) and then publishes', async () => {
    await start({ partner: true });
    const conn = await connect();
    fake.fault({ kind: 'expired_token' });
    const out = await client.publish(ctxFor(conn), req('After refresh'));
    expect(out).toMatchObject({ kind: 'expired_token', details: expect.stringContaining('65600') });
    const r = await client.refresh(ctxFor(conn));
    if (!r.ok) throw new Error(r.reason);
    expect((await client.publish(ctxFor({ ...conn, credentials: r.credentials }), req('After refresh'))).kind).toBe('published');
  });

  it('reports an expired token and, without refresh tokens, publishes after reconnecting', async () => {
    await start();
    const conn = await connect();
    fake.fault({ kind: 'expired_token' });
    expect((await client.publish(ctxFor(conn), req('Reconnect me'))).kind).toBe('expired_token');
    expect((await client.refresh(ctxFor(conn))).ok).toBe(false);
    expect((await client.publish(ctxFor(await connect()), req('Reconnect me'))).kind).toBe('published');
  });

  it('fails with readable reasons for a duplicate and for text over 3000 characters', async () => {
    await start();
    const ctx = ctxFor(await connect());
    expect((await client.publish(ctx, req('Same words'))).kind).toBe('published');
    const dup = await client.publish(ctx, req('Same words'));
    expect(dup).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/duplicate of one you already published \(urn:li:share:\d+\)/), details: expect.stringContaining('HTTP 422') });
    const long = await client.publish(ctx, req('x'.repeat(3001)));
    expect(long).toMatchObject({ kind: 'failed', reason: 'LinkedIn rejected the post while creating the post: commentary: length 3001 exceeds the maximum of 3000.' });
  });

  it('treats a server error while uploading an image as definite non-delivery', async () => {
    await start();
    const ctx = ctxFor(await connect());
    fake.fault({ kind: 'server_error' });
    const out = await client.publish(ctx, req('With picture', { media: [item('image/png', new Uint8Array([1]), 'alt')] }));
    expect(out).toMatchObject({ kind: 'transient', reason: expect.stringContaining('nothing was posted') });
    expect(fake.posts).toHaveLength(0);
  });

  it("treats a server error while uploading a link card's picture as definite non-delivery", async () => {
    await start();
    const ctx = ctxFor(await connect());
    fake.fault({ kind: 'server_error' });
    const card = { ok: true as const, url: 'https://example.com/g', title: 'Guide', description: 'd', image: { bytes: new Uint8Array([1, 2]), mime: 'image/png' } };
    const out = await client.publish(ctx, req('Card later https://example.com/g', { linkCard: async () => card }));
    expect(out).toMatchObject({ kind: 'transient', reason: expect.stringMatching(/link card's picture.*nothing was posted/) });
    expect(fake.posts).toHaveLength(0);
  });

  it('cannot tell whether a post went out when the app may not read the member posts', async () => {
    await start();
    const ctx = ctxFor(await connect(['openid', 'profile', 'w_member_social']));
    expect(await client.reconcile(ctx, req('Did it?'))).toMatchObject({ kind: 'cannot_tell', reason: expect.stringContaining('r_member_social') });
  });
});
