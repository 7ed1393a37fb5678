import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../electron/core/deps';
import { fetchInstanceLimits, mastodonClient, mastodonConnector, registerMastodonApp } from '../../../electron/core/platforms/mastodon';
import type { ConnectResult, Credentials } from '../../../electron/core/platforms/types';
import { PlatformError } from '../../../electron/core/platforms/types';
import { startMastodonFake, type StartedMastodonFake } from '../../fakes/mastodon';
import { PNG, REDIRECT_URI, connectMastodon, contextFor, mediaItem, pkce, request } from '../../fakes/mastodon/harness';

const REDIRECT = REDIRECT_URI;
const HOUR = 3600_000;

/** Real time, but media-processing waits are shortened so polling tests stay quick. */
const clock: Clock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const h = setTimeout(fn, Math.min(ms, 5));
    return () => clearTimeout(h);
  },
};

let fake: StartedMastodonFake;
beforeEach(async () => {
  fake = await startMastodonFake();
});
afterEach(async () => {
  await fake.stop();
});

async function register() {
  return registerMastodonApp({ http: fetch }, { instanceUrl: fake.url, redirectUri: REDIRECT, clientName: 'Loomcast', website: 'https://loomcast.app' });
}

const connect = () => connectMastodon(fake, { clock });
const ctxOf = (c: ConnectResult, extra: { credentials?: Credentials; signal?: AbortSignal; baseUrl?: string } = {}) => contextFor(fake, c, { clock, ...extra });
const req = request;
const media = mediaItem;

describe('connecting a Mastodon account', () => {
  it('builds an authorization URL with response_type=code, the posting scopes, state and an S256 PKCE challenge', async () => {
    const app = await register();
    const url = new URL(
      mastodonConnector.authorizationUrl({ baseUrl: fake.url, clientId: app.clientId, redirectUri: REDIRECT, state: 'st-1', codeChallenge: 'ch-1', scopes: mastodonConnector.defaultScopes }),
    );
    expect(url.origin + url.pathname).toBe(`${fake.url}/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: app.clientId,
      redirect_uri: REDIRECT,
      scope: 'write:statuses write:media read:statuses read:accounts',
      state: 'st-1',
      code_challenge: 'ch-1',
      code_challenge_method: 'S256',
    });
    expect(mastodonConnector.challengeEncoding).toBe('base64url');
    expect(fake.apps.get(app.clientId)?.redirectUris).toEqual([REDIRECT]);
  });

  it('goes through the consent page like a browser and exchanges the code for a non-expiring token and an @user@host profile', async () => {
    const app = await register();
    const { verifier, challenge } = pkce();
    const authUrl = mastodonConnector.authorizationUrl({ baseUrl: fake.url, clientId: app.clientId, redirectUri: REDIRECT, state: 'st-2', codeChallenge: challenge, scopes: mastodonConnector.defaultScopes });
    const page = await (await fetch(authUrl)).text();
    expect(page).toContain('Authorize Loomcast to use your account?');
    expect(page).toContain('data-testid="authorize"');
    const form = /<form method="post" action="\/oauth\/authorize">([\s\S]*?)<\/form>/.exec(page)![1]!;
    const fields = new URLSearchParams([...form.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m): [string, string] => [m[1]!, m[2]!.replace(/&amp;/g, '&')]));
    const res = await fetch(`${fake.url}/oauth/authorize`, { method: 'POST', body: fields, redirect: 'manual' });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('st-2');

    const result = await mastodonConnector.exchange({ http: fetch, clock, baseUrl: fake.url }, { code: back.searchParams.get('code')!, codeVerifier: verifier, redirectUri: REDIRECT, ...app });
    expect(result.profile).toEqual({ handle: `@ada@${fake.host}`, displayName: 'Ada Lovelace', platformUserId: fake.account('ada').id });
    expect(result.credentials.accessToken).toMatch(/^at_/);
    expect(result.credentials.expiresAt).toBeUndefined();
    expect(result.credentials.refreshToken).toBeUndefined();
    expect(result.credentials.clientId).toBe(app.clientId);
  });

  it('sends the creator back with access_denied when they press Deny', async () => {
    const app = await register();
    const fields = new URLSearchParams({ _method: 'delete', client_id: app.clientId, redirect_uri: REDIRECT, response_type: 'code', scope: 'write:statuses', state: 's' });
    const res = await fetch(`${fake.url}/oauth/authorize`, { method: 'POST', body: fields, redirect: 'manual' });
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('access_denied');
  });

  it('shows an error page instead of redirecting to an unregistered redirect_uri', async () => {
    const app = await register();
    const url = mastodonConnector.authorizationUrl({ baseUrl: fake.url, clientId: app.clientId, redirectUri: 'http://127.0.0.1:1/evil', state: 's', codeChallenge: 'c', scopes: ['write:statuses'] });
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('The redirect URI included is not valid.');
  });

  it('refuses a code redeemed with the wrong PKCE verifier, and a code used twice, with invalid_grant', async () => {
    const app = await register();
    const { verifier, challenge } = pkce();
    const code = fake.authorize({ clientId: app.clientId, redirectUri: REDIRECT, scope: 'write:statuses read:accounts', codeChallenge: challenge });
    const wrong = mastodonConnector.exchange({ http: fetch, clock, baseUrl: fake.url }, { code, codeVerifier: pkce().verifier, redirectUri: REDIRECT, ...app });
    await expect(wrong).rejects.toBeInstanceOf(PlatformError);
    await expect(wrong).rejects.toMatchObject({ status: 400, details: expect.stringContaining('"error":"invalid_grant"') });
    await mastodonConnector.exchange({ http: fetch, clock, baseUrl: fake.url }, { code, codeVerifier: verifier, redirectUri: REDIRECT, ...app });
    await expect(mastodonConnector.exchange({ http: fetch, clock, baseUrl: fake.url }, { code, codeVerifier: verifier, redirectUri: REDIRECT, ...app })).rejects.toMatchObject({
      details: expect.stringContaining('invalid_grant'),
    });
  });

  it('refuses a token request without the client secret (invalid_client)', async () => {
    const app = await register();
    const { verifier, challenge } = pkce();
    const code = fake.authorize({ clientId: app.clientId, redirectUri: REDIRECT, scope: 'read:accounts', codeChallenge: challenge });
    await expect(mastodonConnector.exchange({ http: fetch, clock, baseUrl: fake.url }, { code, codeVerifier: verifier, redirectUri: REDIRECT, clientId: app.clientId })).rejects.toMatchObject({
      status: 401,
      details: expect.stringContaining('invalid_client'),
    });
  });

  it('reads the instance limits from /api/v2/instance, including a configured character limit', async () => {
    expect(await fetchInstanceLimits({ http: fetch }, fake.url)).toEqual({ maxCharacters: 500, maxMediaAttachments: 4, charactersReservedPerUrl: 23, imageSizeLimit: 16 * 1024 * 1024, descriptionLimit: 1500 });
    fake.limits.maxCharacters = 5000;
    expect((await fetchInstanceLimits({ http: fetch }, fake.url)).maxCharacters).toBe(5000);
  });
});

describe('publishing to Mastodon', () => {
  it('publishes a text post and returns its id, public URL and the rate-limit headers', async () => {
    const ctx = ctxOf(await connect());
    const r = req('Hello from Loomcast');
    const out = await mastodonClient.publish(ctx, r);
    expect(out).toMatchObject({ kind: 'published', url: expect.stringMatching(new RegExp(`^${fake.url}/@ada/\\d+$`)) });
    if (out.kind !== 'published') return;
    expect(out.rateLimit).toMatchObject({ limit: 300, remaining: 299, resetAt: expect.any(Number) });
    expect(out.rateLimit!.resetAt!).toBeGreaterThan(Date.now());
    const s = fake.statuses.get(out.platformPostId)!;
    expect(s).toMatchObject({ text: 'Hello from Loomcast', visibility: 'public', inReplyToId: null, applicationName: 'Loomcast' });
    expect(fake.posts[0]?.idempotencyKey).toBe(r.idempotencyKey);
  });

  it('uploads an image with its alt text as the description, then attaches it', async () => {
    const ctx = ctxOf(await connect());
    const out = await mastodonClient.publish(ctx, req('A tiny picture', { media: [media('image/png', 'A single grey pixel')] }));
    expect(out.kind).toBe('published');
    if (out.kind !== 'published') return;
    const [m] = fake.statuses.get(out.platformPostId)!.mediaIds.map((id) => fake.media.get(id)!);
    expect(m).toMatchObject({ type: 'image', mime: 'image/png', description: 'A single grey pixel', size: PNG.length });
  });

  it('waits while Mastodon processes an upload (202, then 206 until 200) before posting', async () => {
    await fake.stop();
    fake = await startMastodonFake({ asyncImages: true, processingPolls: 2 });
    const ctx = ctxOf(await connect());
    const out = await mastodonClient.publish(ctx, req('Processed later', { media: [media('image/png', 'grey')] }));
    expect(out.kind).toBe('published');
    expect(fake.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/v1/media/'))).toHaveLength(3);
  });

  it('posts a video through the same upload, polling until processing is done', async () => {
    const ctx = ctxOf(await connect());
    const mp4 = new Uint8Array(2048).fill(7);
    const out = await mastodonClient.publish(ctx, req('A short clip', { media: [media('video/mp4', 'Waves on a beach', mp4)] }));
    expect(out.kind).toBe('published');
    if (out.kind !== 'published') return;
    expect(fake.media.get(fake.statuses.get(out.platformPostId)!.mediaIds[0]!)).toMatchObject({ type: 'video', description: 'Waves on a beach' });
  });

  it('shortens alt text longer than the 1500-character description limit instead of failing', async () => {
    const ctx = ctxOf(await connect());
    const out = await mastodonClient.publish(ctx, req('Long description', { media: [media('image/png', 'é'.repeat(1600))] }));
    expect(out.kind).toBe('published');
    if (out.kind !== 'published') return;
    const d = fake.media.get(fake.statuses.get(out.platformPostId)!.mediaIds[0]!)!.description!;
    expect([...d]).toHaveLength(1500);
    expect(d.endsWith('…')).toBe(true);
  });

  it('fails with a readable reason when Mastodon cannot process the media', async () => {
    const ctx = ctxOf(await connect());
    fake.failProcessing = 1;
    const out = await mastodonClient.publish(ctx, req('Broken file', { media: [media('image/png', 'x')] }));
    expect(out).toMatchObject({ kind: 'failed', reason: expect.stringContaining('could not process'), details: expect.stringContaining('Error processing thumbnail') });
    expect(fake.statuses.size).toBe(0);
  });

  it('chains a thread part and a first comment with in_reply_to_id', async () => {
    const ctx = ctxOf(await connect());
    const root = await mastodonClient.publish(ctx, req('1/ A thread'));
    if (root.kind !== 'published') throw new Error(root.kind);
    const part = await mastodonClient.publish(ctx, req('2/ continues', { replyTo: { platformPostId: root.platformPostId, rootPostId: root.platformPostId, kind: 'thread' } }));
    if (part.kind !== 'published') throw new Error(part.kind);
    const comment = await mastodonClient.publish(ctx, req('Link in the first comment: https://example.com', { replyTo: { platformPostId: root.platformPostId, rootPostId: root.platformPostId, kind: 'comment' } }));
    if (comment.kind !== 'published') throw new Error(comment.kind);
    expect(fake.statuses.get(part.platformPostId)!.inReplyToId).toBe(root.platformPostId);
    expect(fake.statuses.get(comment.platformPostId)!.inReplyToId).toBe(root.platformPostId);
    expect(await mastodonClient.metrics(ctx, root.platformPostId)).toMatchObject({ replies: 2 });
  });

  it('reads replies, boosts, favourites and quotes back as replies, reposts, likes and quotes', async () => {
    const ctx = ctxOf(await connect());
    const out = await mastodonClient.publish(ctx, req('Count me'));
    if (out.kind !== 'published') throw new Error(out.kind);
    fake.setCounts(out.platformPostId, { replies: 3, reblogs: 5, favourites: 8, quotes: 1 });
    expect(await mastodonClient.metrics(ctx, out.platformPostId)).toEqual({ replies: 3, reposts: 5, likes: 8, quotes: 1 });
    await expect(mastodonClient.metrics(ctx, '1')).rejects.toMatchObject({ status: 404 });
  });

  it('maps an empty post (422 Text can\'t be blank) to failed with a readable reason', async () => {
    const out = await mastodonClient.publish(ctxOf(await connect()), req('   '));
    expect(out).toMatchObject({ kind: 'failed', reason: expect.stringContaining('empty post'), details: expect.stringContaining("Validation failed: Text can't be blank") });
  });

  it('maps a post over the instance limit to failed, naming the limit', async () => {
    const out = await mastodonClient.publish(ctxOf(await connect()), req('x'.repeat(501)));
    expect(out).toMatchObject({ kind: 'failed', reason: 'The post is longer than this Mastodon server allows (500 characters).' });
  });

  it('counts each URL as 23 characters, as the instance does', async () => {
    const text = `${'y'.repeat(470)} https://example.com/${'p'.repeat(100)}`;
    expect((await mastodonClient.publish(ctxOf(await connect()), req(text))).kind).toBe('published');
  });

  it('fails a reply whose parent no longer exists', async () => {
    const out = await mastodonClient.publish(ctxOf(await connect()), req('orphan', { replyTo: { platformPostId: '999', rootPostId: '999', kind: 'thread' } }));
    expect(out).toMatchObject({ kind: 'failed', reason: expect.stringContaining('no longer exists') });
  });

  it('reports a refused connection as transient: nothing was sent', async () => {
    const c = await connect();
    // A port nothing listens on (and this process never connected to, so no pooled socket exists).
    const closed = await startMastodonFake();
    const baseUrl = closed.url;
    await closed.stop();
    const out = await mastodonClient.publish(ctxOf(c, { baseUrl }), req('nobody home'));
    expect(out).toMatchObject({ kind: 'transient', reason: expect.stringContaining('connection refused') });
  });
});

describe('Mastodon faults end in a truthful state', () => {
  it('429 → rate_limited until the ISO-8601 X-RateLimit-Reset', async () => {
    const ctx = ctxOf(await connect());
    const T = Date.UTC(2026, 10, 23, 9, 0, 0);
    fake.now = () => T;
    fake.fault({ kind: 'rate_limit', resetInSeconds: 120 });
    const out = await mastodonClient.publish(ctx, req('Too soon'));
    expect(out).toMatchObject({ kind: 'rate_limited', until: T + 120_000, details: expect.stringContaining('Too many requests') });
    expect(out.rateLimit).toEqual({ limit: 300, remaining: 0, resetAt: T + 120_000 });
    expect(fake.statuses.size).toBe(0);
  });

  it('429 on the media upload → rate_limited, and no post exists', async () => {
    const ctx = ctxOf(await connect());
    fake.fault({ kind: 'rate_limit', resetInSeconds: 600 });
    const out = await mastodonClient.publish(ctx, req('With a picture', { media: [media('image/png', 'alt')] }));
    expect(out.kind).toBe('rate_limited');
    expect(fake.statuses.size).toBe(0);
  });

  it('5xx on the media upload → transient: the status was never requested', async () => {
    const ctx = ctxOf(await connect());
    fake.fault({ kind: 'server_error' });
    const out = await mastodonClient.publish(ctx, req('With a picture', { media: [media('image/png', 'alt')] }));
    expect(out).toMatchObject({ kind: 'transient', reason: expect.stringContaining('nothing was posted') });
  });

  it('5xx on the create call → unknown; retry is safe within the hour, and a later look finds nothing', async () => {
    const ctx = ctxOf(await connect());
    fake.fault({ kind: 'server_error', status: 500 });
    const r = req('Server trouble');
    const out = await mastodonClient.publish(ctx, r);
    expect(out).toMatchObject({ kind: 'unknown', details: expect.stringContaining('something went wrong') });
    expect(await mastodonClient.reconcile(ctx, r)).toEqual({ kind: 'retry_is_safe' });
    expect(await mastodonClient.reconcile(ctx, { ...r, attemptStartedAt: Date.now() - 2 * HOUR })).toEqual({ kind: 'not_found' });
  });

  it('502 from the proxy on the create call (an HTML page) → unknown', async () => {
    const ctx = ctxOf(await connect());
    fake.fault({ kind: 'server_error', status: 502 });
    expect((await mastodonClient.publish(ctx, req('Gateway'))).kind).toBe('unknown');
  });

  it('timeout after accept → unknown; the Idempotency-Key makes the retry return the same status, never a second one', async () => {
    const c = await connect();
    fake.fault({ kind: 'timeout_after_accept' });
    const r = req('Slow but made');
    const out = await mastodonClient.publish(ctxOf(c, { signal: AbortSignal.timeout(300) }), r);
    expect(out.kind).toBe('unknown');
    expect(fake.statuses.size).toBe(1);
    const ctx = ctxOf(c);
    expect(await mastodonClient.reconcile(ctx, r)).toEqual({ kind: 'retry_is_safe' });
    const again = await mastodonClient.publish(ctx, r);
    expect(again).toMatchObject({ kind: 'published', platformPostId: [...fake.statuses.keys()][0] });
    expect(fake.statuses.size).toBe(1);
    expect(fake.duplicates()).toBe(0);
  });

  it('timeout after accept, checked after the key has lapsed → reconcile finds the post in the account’s recent statuses', async () => {
    const c = await connect();
    fake.fault({ kind: 'timeout_after_accept' });
    const text = 'Tips & <tricks> for "you" @bob@other.social\n\nhttps://example.com/a/very/long/path/that/gets/shortened #Loomcast';
    const r = req(text, { attemptStartedAt: Date.now() - 2 * HOUR });
    expect((await mastodonClient.publish(ctxOf(c, { signal: AbortSignal.timeout(300) }), r)).kind).toBe('unknown');
    await mastodonClient.publish(ctxOf(c), req('Tips & tricks, a different post'));
    const made = fake.posts.find((p) => p.text === text)!;
    expect(await mastodonClient.reconcile(ctxOf(c), r)).toEqual({ kind: 'found', platformPostId: made.id, url: `${fake.url}/@ada/${made.id}` });
    expect(fake.duplicates()).toBe(0);
  });

  it('reset before send → unknown → reconcile → (retry safe | not found) → publishing again succeeds once', async () => {
    const ctx = ctxOf(await connect());
    fake.fault({ kind: 'reset_before_send' });
    const r = req('Cut off');
    expect((await mastodonClient.publish(ctx, r)).kind).toBe('unknown');
    expect(await mastodonClient.reconcile(ctx, r)).toEqual({ kind: 'retry_is_safe' });
    expect(await mastodonClient.reconcile(ctx, { ...r, attemptStartedAt: Date.now() - 2 * HOUR })).toEqual({ kind: 'not_found' });
    expect((await mastodonClient.publish(ctx, r)).kind).toBe('published');
    expect(fake.posts).toHaveLength(1);
    expect(fake.duplicates()).toBe(0);
  });

  it('a revoked token (401) → expired_token → refresh says reconnect → after reconnecting, publishing succeeds', async () => {
    const ctx = ctxOf(await connect());
    fake.fault({ kind: 'expired_token' });
    const r = req('After a revoke');
    const out = await mastodonClient.publish(ctx, r);
    expect(out).toMatchObject({ kind: 'expired_token', details: expect.stringContaining('The access token was revoked') });
    expect(await mastodonClient.refresh(ctx)).toEqual({ ok: false, reason: "Mastodon tokens don't expire; this one was revoked — reconnect" });
    const again = await connect();
    expect((await mastodonClient.publish(ctxOf(again), r)).kind).toBe('published');
    expect(fake.posts).toHaveLength(1);
  });

  it('an unknown token (401 The access token is invalid) → expired_token', async () => {
    const c = await connect();
    const out = await mastodonClient.publish(ctxOf(c, { credentials: { ...c.credentials, accessToken: 'nope' } }), req('Who am I'));
    expect(out).toMatchObject({ kind: 'expired_token', details: expect.stringContaining('The access token is invalid') });
  });

  it('reconcile never posts', async () => {
    const ctx = ctxOf(await connect());
    await mastodonClient.reconcile(ctx, req('Just looking', { attemptStartedAt: Date.now() - 2 * HOUR }));
    expect(fake.requests.filter((q) => q.method === 'POST' && q.path.startsWith('/api/'))).toEqual([{ method: 'POST', path: '/api/v1/apps' }]);
  });
});
