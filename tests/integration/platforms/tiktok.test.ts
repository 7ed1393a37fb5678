import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock, Logger } from '../../../electron/core/deps';
import { createTikTokClient, tiktokClient, tiktokConnector } from '../../../electron/core/platforms/tiktok';
import type { ClientContext, Credentials, MediaItem, PublishRequest } from '../../../electron/core/platforms/types';
import { startTikTokFake, type TikTokFake } from '../../fakes/tiktok';

/**
 * Real time plus `skew`: waits (status polling) pass in a few ms so the suite stays fast, but move
 * this clock, which the fake shares, by their full length, so TikTok's per-minute limits see the
 * client's true pace.
 */
let skew = 0;
const clock: Clock = {
  now: () => Date.now() + skew,
  setTimer(ms, fn) {
    const h = setTimeout(() => {
      skew += ms;
      fn();
    }, Math.min(ms, 5));
    return () => clearTimeout(h);
  },
};
const log: Logger = { log() {}, debug() {}, info() {}, warn() {}, error() {} };
const MB = 1024 * 1024;

function media(bytes: Uint8Array, mime: string, opts: { altText?: string; url?: string } = {}): MediaItem {
  return {
    hash: createHash('sha256').update(bytes).digest('hex'),
    mime,
    bytes: bytes.byteLength,
    altText: opts.altText ?? null,
    read: async () => bytes,
    publicUrl: async () => {
      if (!opts.url) throw new Error('no media bucket is set up');
      return opts.url;
    },
  };
}
const smallVideo = () => media(randomBytes(300 * 1024), 'video/mp4');

let fake: TikTokFake;
let credentials: Credentials;

async function connect(f: TikTokFake): Promise<Credentials> {
  const code = f.authorize({ clientKey: f.clientKey, redirectUri: 'http://127.0.0.1:53682/callback', codeChallenge: createHash('sha256').update('v'.repeat(43)).digest('hex') });
  const r = await tiktokConnector.exchange(
    { http: fetch, clock, baseUrl: f.url },
    { code, codeVerifier: 'v'.repeat(43), redirectUri: 'http://127.0.0.1:53682/callback', clientId: f.clientKey, clientSecret: f.clientSecret },
  );
  return r.credentials;
}

function ctxFor(extra: Partial<ClientContext> = {}): ClientContext {
  return {
    http: fetch,
    clock,
    log,
    account: { id: 'acct-tiktok', platform: 'tiktok', handle: 'Loom Tester', baseUrl: fake.url, platformUserId: fake.user.openId },
    credentials,
    ...extra,
  };
}

let seq = 0;
function request(over: Partial<PublishRequest> = {}): PublishRequest {
  seq++;
  return { idempotencyKey: `target-${seq}`, text: `Studio tour, part ${seq} #behindthescenes`, media: [smallVideo()], attemptStartedAt: Date.now(), ...over };
}

/**
 * One target as the scheduler keeps it: `remember` saves the marker (the scheduler commits it to
 * the database), and every later request for the target carries it back as `attemptMarker`.
 */
function target(over: Partial<PublishRequest> = {}) {
  const base = request(over);
  let marker: string | null = null;
  return {
    base,
    marker: () => marker,
    req: (): PublishRequest => ({
      ...base,
      attemptMarker: marker,
      remember: (m: string) => {
        marker = m;
      },
    }),
  };
}

const videoInits = () => fake.requests.filter((r) => r.path === '/v2/post/publish/video/init/').length;

beforeEach(async () => {
  skew = 0;
  fake = await startTikTokFake();
  fake.now = clock.now;
  credentials = await connect(fake);
});
afterEach(async () => {
  await fake.stop();
});

describe('TikTok connect', () => {
  it('builds a desktop authorization URL with a hex PKCE challenge and exchanges the code for rotating tokens and a profile', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('hex');
    const redirectUri = 'http://127.0.0.1:49152/oauth/tiktok';
    expect(tiktokConnector.challengeEncoding).toBe('hex');
    const prod = new URL(tiktokConnector.authorizationUrl({ baseUrl: tiktokClient.defaultBaseUrl, clientId: 'ck', redirectUri, state: 's', codeChallenge: challenge, scopes: tiktokConnector.defaultScopes }));
    expect(prod.origin + prod.pathname).toBe('https://www.tiktok.com/v2/auth/authorize/');

    const url = new URL(tiktokConnector.authorizationUrl({ baseUrl: fake.url, clientId: fake.clientKey, redirectUri, state: 'st-42', codeChallenge: challenge, scopes: tiktokConnector.defaultScopes }));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_key: fake.clientKey,
      scope: 'user.info.basic,video.publish,video.upload,video.list',
      redirect_uri: redirectUri,
      state: 'st-42',
      response_type: 'code',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    // The fake's consent page approves and redirects back to the loopback URI with a code.
    const consent = await fetch(url, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const back = new URL(consent.headers.get('location')!);
    expect(back.searchParams.get('state')).toBe('st-42');

    const before = Date.now();
    const r = await tiktokConnector.exchange(
      { http: fetch, clock, baseUrl: fake.url },
      { code: back.searchParams.get('code')!, codeVerifier: verifier, redirectUri, clientId: fake.clientKey, clientSecret: fake.clientSecret },
    );
    expect(r.profile).toEqual({ handle: 'Loom Tester', displayName: 'Loom Tester', platformUserId: fake.user.openId });
    expect(r.credentials.refreshToken).toMatch(/^rt_/);
    expect(r.credentials.expiresAt! - before).toBeGreaterThanOrEqual(7200 * 1000 - 1000);
    expect(r.credentials.refreshExpiresAt! - before).toBeGreaterThanOrEqual(180 * 86400 * 1000 - 1000);
    expect(r.credentials.extra).toEqual({ openId: fake.user.openId });
    expect(JSON.stringify(r.profile)).not.toContain(r.credentials.accessToken);
  });

  it('refuses a code exchanged with the wrong PKCE verifier', async () => {
    const code = fake.authorize({ clientKey: fake.clientKey, redirectUri: 'http://127.0.0.1:5000/cb', codeChallenge: createHash('sha256').update('right').digest('hex') });
    await expect(
      tiktokConnector.exchange({ http: fetch, clock, baseUrl: fake.url }, { code, codeVerifier: 'wrong', redirectUri: 'http://127.0.0.1:5000/cb', clientId: fake.clientKey, clientSecret: fake.clientSecret }),
    ).rejects.toThrow(/did not accept the sign-in/);
  });
});

describe('TikTok publishing', () => {
  it('uploads a small video as one chunk and reports the int64 post id exactly', async () => {
    const out = await tiktokClient.publish(ctxFor(), request());
    expect(out.kind).toBe('published');
    if (out.kind !== 'published') return;
    expect(out.platformPostId).toBe(fake.posts[0]!.id);
    expect(out.platformPostId).toMatch(/^\d{19}$/);
    expect(out.url).toBe(`https://www.tiktok.com/@loomtester/video/${out.platformPostId}`);
    expect(fake.chunks).toEqual([{ publishId: expect.any(String), range: `0-${300 * 1024 - 1}/${300 * 1024}`, bytes: 300 * 1024, contentType: 'video/mp4' }]);
    expect(fake.posts[0]!.data.privacy).toBe('PUBLIC_TO_EVERYONE');
  });

  it('uploads a larger video in 5 MB chunks, in order, the last one taking the remainder', async () => {
    const size = 11 * MB + 12345;
    const out = await tiktokClient.publish(ctxFor(), request({ media: [media(randomBytes(size), 'video/mp4')] }));
    expect(out.kind).toBe('published');
    expect(fake.chunks.map((c) => c.range)).toEqual([`0-${5 * MB - 1}/${size}`, `${5 * MB}-${size - 1}/${size}`]);
  });

  it('lets TikTok pull a video from its public link', async () => {
    const client = createTikTokClient({ videoSource: 'PULL_FROM_URL' });
    const url = fake.hostMedia('clip.mp4', randomBytes(1000), 'video/mp4');
    const out = await client.publish(ctxFor(), request({ media: [media(randomBytes(1000), 'video/mp4', { url })] }));
    expect(out.kind).toBe('published');
    expect(fake.chunks).toHaveLength(0);
    expect(fake.posts).toHaveLength(1);
  });

  it('posts photos by public link with a title, and turns PNG photos away before calling TikTok', async () => {
    const jpeg = media(randomBytes(2000), 'image/jpeg', { altText: 'A loom with blue thread', url: fake.hostMedia('a.jpg', randomBytes(2000), 'image/jpeg') });
    const out = await tiktokClient.publish(ctxFor(), request({ title: 'Weaving day', text: 'Blue thread week', media: [jpeg] }));
    expect(out.kind).toBe('published');
    expect(fake.videos[0]).toMatchObject({ title: 'Weaving day', caption: 'Blue thread week' });

    const requestsBefore = fake.requests.length;
    const png = media(randomBytes(100), 'image/png', { url: fake.hostMedia('b.png', randomBytes(100), 'image/png') });
    const refused = await tiktokClient.publish(ctxFor(), request({ media: [png] }));
    expect(refused).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/PNG/) });
    expect(fake.requests.length).toBe(requestsBefore);
  });

  it('posts privately when the app may only post SELF_ONLY, says so, and settles it by the remembered publish_id', async () => {
    fake.audited = false;
    const t = target();
    const out = await createTikTokClient().publish(ctxFor(), t.req());
    expect(out).toMatchObject({ kind: 'published', url: null, notice: expect.stringMatching(/private/) });
    expect(fake.posts[0]!.data.privacy).toBe('SELF_ONLY');
    expect(JSON.parse(t.marker()!)).toMatchObject({ publishId: fake.posts[0]!.data.publishId, privacy: 'SELF_ONLY' });
    // Any client, with the marker, can ask TikTok about that exact attempt…
    expect(await createTikTokClient().reconcile(ctxFor(), t.req())).toMatchObject({ kind: 'found', notice: expect.stringMatching(/private/) });
    // …without it only the public video list is left, and private posts are not in it.
    expect(await createTikTokClient().reconcile(ctxFor(), t.base)).toMatchObject({ kind: 'cannot_tell', reason: expect.stringMatching(/only public videos/) });
  });

  it('reads views, likes, comments and shares back', async () => {
    const out = await tiktokClient.publish(ctxFor(), request());
    if (out.kind !== 'published') throw new Error(out.kind);
    fake.setStats(out.platformPostId, { view_count: 1200, like_count: 87, comment_count: 9, share_count: 4 });
    expect(await tiktokClient.metrics(ctxFor(), out.platformPostId)).toEqual({ views: 1200, likes: 87, replies: 9, shares: 4 });
  });

  it('refreshes with a rotating refresh token and asks to reconnect once it is dead', async () => {
    const r = await tiktokClient.refresh(ctxFor());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.credentials.refreshToken).not.toBe(credentials.refreshToken);
    expect(r.credentials.accessToken).not.toBe(credentials.accessToken);
    // The old refresh token was spent by the rotation.
    const again = await tiktokClient.refresh(ctxFor());
    expect(again).toMatchObject({ ok: false, reason: expect.stringMatching(/reconnect/) });
  });

  it('fails with a readable reason when TikTok refuses the caption or the processed video', async () => {
    const long = await tiktokClient.publish(ctxFor(), request({ text: 'x'.repeat(2300) }));
    expect(long).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/TikTok refused the post as invalid/), details: expect.stringContaining('invalid_params') });
    fake.failNextProcessing('duration_check_failed');
    const tooLong = await tiktokClient.publish(ctxFor(), request());
    expect(tooLong).toMatchObject({ kind: 'failed', reason: 'The video is longer than this TikTok account may post.' });
    expect(fake.posts).toHaveLength(0);
  });
});

describe('TikTok limits and scopes', () => {
  it('posts a video with a Direct Post token, which carries video.publish but not video.upload (the inbox scope)', async () => {
    const verifier = 'd'.repeat(43);
    const redirectUri = 'http://127.0.0.1:53682/callback';
    const code = fake.authorize({ clientKey: fake.clientKey, redirectUri, codeChallenge: createHash('sha256').update(verifier).digest('hex'), scope: 'user.info.basic,video.publish,video.list' });
    const r = await tiktokConnector.exchange({ http: fetch, clock, baseUrl: fake.url }, { code, codeVerifier: verifier, redirectUri, clientId: fake.clientKey, clientSecret: fake.clientSecret });
    credentials = r.credentials;
    expect(await tiktokClient.publish(ctxFor(), request())).toMatchObject({ kind: 'published' });
    expect(fake.posts).toHaveLength(1);
  });

  it('waits a minute when a seventh publish init within a minute meets TikTok’s limit of 6 per token, and sends it once after', async () => {
    for (let i = 0; i < 6; i++) expect(await tiktokClient.publish(ctxFor(), request())).toMatchObject({ kind: 'published' });
    const seventh = request();
    expect(await tiktokClient.publish(ctxFor(), seventh)).toMatchObject({ kind: 'rate_limited', until: expect.any(Number), details: expect.stringContaining('rate_limit_exceeded') });
    expect(fake.posts).toHaveLength(6);
    skew += 60_000;
    expect(await tiktokClient.publish(ctxFor(), seventh)).toMatchObject({ kind: 'published' });
    expect(fake.posts).toHaveLength(7);
    expect(fake.duplicates()).toBe(0);
  });

  it('reads a rate-limited status read after the upload as unconfirmed, never failed or absent, and settles it once the minute has passed', async () => {
    fake.statusLimitPerMinute = 1;
    fake.moderationPolls = 0;
    const t = target();
    const out = await createTikTokClient({ maxPolls: 3 }).publish(ctxFor(), t.req());
    expect(out).toMatchObject({ kind: 'unknown' });
    expect(fake.posts).toHaveLength(1);
    await expect(createTikTokClient().reconcile(ctxFor(), t.req())).rejects.toThrow(/check again later/);
    expect(await createTikTokClient().publish(ctxFor(), t.req())).toMatchObject({ kind: 'rate_limited' });
    skew += 60_000;
    expect(await createTikTokClient().reconcile(ctxFor(), t.req())).toMatchObject({ kind: 'found', platformPostId: fake.posts[0]!.id });
    expect(videoInits()).toBe(1);
  });

  it('asks to reconnect once TikTok lets the refresh token lapse after 180 days, even without a stored expiry', async () => {
    skew += 181 * 86_400_000;
    const { refreshExpiresAt: _dropped, ...noExpiry } = credentials;
    expect(await tiktokClient.refresh(ctxFor({ credentials: noExpiry }))).toMatchObject({ ok: false, reason: expect.stringMatching(/reconnect/) });
  });
});

describe('TikTok moderation', () => {
  it('waits for the post id TikTok hands out only after moderation, so a public post gets its link and statistics', async () => {
    fake.moderationPolls = 3;
    const out = await tiktokClient.publish(ctxFor(), request());
    expect(out).toMatchObject({ kind: 'published', platformPostId: fake.posts[0]!.id, url: `https://www.tiktok.com/@loomtester/video/${fake.posts[0]!.id}` });
    expect(out).not.toHaveProperty('notice');
    expect(await tiktokClient.metrics(ctxFor(), fake.posts[0]!.id)).toEqual({ views: 0, likes: 0, replies: 0, shares: 0 });
  });

  it('reconcile waits for the post id the same way after a last chunk whose answer was lost', async () => {
    fake.moderationPolls = 3;
    const t = target();
    fake.faultChunk({ kind: 'timeout_after_accept' }, 'last');
    expect(await createTikTokClient().publish(ctxFor({ signal: AbortSignal.timeout(300) }), t.req())).toMatchObject({ kind: 'unknown' });
    expect(await createTikTokClient().reconcile(ctxFor(), t.req())).toMatchObject({ kind: 'found', platformPostId: fake.posts[0]!.id });
  });

  it('when moderation outlasts the polls, reports the post published under its publish id and says why there is no link', async () => {
    fake.moderationPolls = 1_000;
    const out = await createTikTokClient({ maxPolls: 4 }).publish(ctxFor(), request());
    expect(out).toMatchObject({ kind: 'published', platformPostId: [...fake.publishes.keys()][0], url: null, notice: expect.stringMatching(/under review/) });
    expect(fake.posts).toHaveLength(1);
  });
});

describe('TikTok faults', () => {
  it('waits out a 429 for one minute, the documented window, since TikTok sends no reset header', async () => {
    fake.fault({ kind: 'rate_limit', resetInSeconds: 30 });
    const before = Date.now();
    const out = await tiktokClient.publish(ctxFor(), request());
    expect(out.kind).toBe('rate_limited');
    if (out.kind !== 'rate_limited') return;
    expect(out.until).toBeGreaterThanOrEqual(before + 60_000);
    expect(out.until).toBeLessThanOrEqual(Date.now() + 60_000);
    expect(out.details).toContain('rate_limit_exceeded');
  });

  it('calls a 5xx on a pull init unknown, then finds nothing; a 5xx on an upload init is definitely not a post', async () => {
    const client = createTikTokClient({ videoSource: 'PULL_FROM_URL' });
    const url = fake.hostMedia('c.mp4', randomBytes(500), 'video/mp4');
    const req = request({ media: [media(randomBytes(500), 'video/mp4', { url })] });
    fake.fault({ kind: 'server_error' });
    expect(await client.publish(ctxFor(), req)).toMatchObject({ kind: 'unknown', details: expect.stringContaining('internal_error') });
    expect(await client.reconcile(ctxFor(), req)).toEqual({ kind: 'not_found' });

    fake.fault({ kind: 'server_error', status: 503 });
    expect(await tiktokClient.publish(ctxFor(), request())).toMatchObject({ kind: 'transient' });
    expect(fake.posts).toHaveLength(0);
  });

  it('settles a pull init that timed out after TikTok accepted it by finding the caption in recent videos', async () => {
    const client = createTikTokClient({ videoSource: 'PULL_FROM_URL' });
    const url = fake.hostMedia('d.mp4', randomBytes(500), 'video/mp4');
    const req = request({ media: [media(randomBytes(500), 'video/mp4', { url })] });
    fake.fault({ kind: 'timeout_after_accept' });
    expect(await client.publish(ctxFor({ signal: AbortSignal.timeout(300) }), req)).toMatchObject({ kind: 'unknown' });
    expect(await client.reconcile(ctxFor(), req)).toEqual({ kind: 'found', platformPostId: fake.posts[0]!.id, url: expect.stringContaining(fake.posts[0]!.id) });
    expect(fake.duplicates()).toBe(0);
  });

  it('settles a last chunk whose answer never came by asking TikTok about the publish_id', async () => {
    const t = target();
    fake.faultChunk({ kind: 'timeout_after_accept' }, 'last');
    expect(await createTikTokClient().publish(ctxFor({ signal: AbortSignal.timeout(300) }), t.req())).toMatchObject({ kind: 'unknown' });
    expect(await createTikTokClient().reconcile(ctxFor(), t.req())).toMatchObject({ kind: 'found', platformPostId: fake.posts[0]!.id });
    expect(fake.duplicates()).toBe(0);
  });

  it('after a restart, finds a private post cut off after init by its remembered publish_id, and publishing again posts nothing new', async () => {
    fake.audited = false;
    const t = target();
    fake.faultChunk({ kind: 'timeout_after_accept' }, 'last');
    expect(await createTikTokClient().publish(ctxFor({ signal: AbortSignal.timeout(300) }), t.req())).toMatchObject({ kind: 'unknown' });
    const publishId = [...fake.publishes.keys()][0]!;
    expect(JSON.parse(t.marker()!)).toMatchObject({ publishId, videoSize: 300 * 1024 });

    // A new client stands for the restarted app: it has nothing but the marker.
    const restarted = createTikTokClient();
    // The post is private, so the public video list does not show it; status/fetch does.
    expect(fake.videos[0]!.privacy).toBe('SELF_ONLY');
    expect(await restarted.reconcile(ctxFor(), t.req())).toEqual({ kind: 'found', platformPostId: publishId, url: null, notice: expect.stringMatching(/private/) });
    expect(await restarted.publish(ctxFor(), t.req())).toMatchObject({ kind: 'published', platformPostId: publishId, notice: expect.stringMatching(/private/) });
    expect(videoInits()).toBe(1);
    expect(fake.posts).toHaveLength(1);
    expect(fake.duplicates()).toBe(0);
  });

  it('after a restart, sees from the remembered publish_id that a cut upload made nothing, and the retry posts once', async () => {
    const t = target();
    fake.faultChunk({ kind: 'reset_before_send' }, 'last');
    expect(await createTikTokClient().publish(ctxFor(), t.req())).toMatchObject({ kind: 'transient' });
    const first = t.marker();
    expect(await createTikTokClient().reconcile(ctxFor(), t.req())).toEqual({ kind: 'not_found' });
    expect(await createTikTokClient().publish(ctxFor(), t.req())).toMatchObject({ kind: 'published' });
    expect(t.marker()).not.toBe(first);
    expect(videoInits()).toBe(2);
    expect(fake.posts).toHaveLength(1);
  });

  it('while TikTok still processes the remembered attempt: reconcile asks to look again later, a retry sends nothing, and after an hour it cannot tell', async () => {
    fake.processingPolls = 1_000;
    const t = target();
    expect(await createTikTokClient().publish(ctxFor(), t.req())).toMatchObject({ kind: 'unknown', reason: expect.stringMatching(/still processing/) });
    await expect(createTikTokClient().reconcile(ctxFor(), t.req())).rejects.toThrow(/still processing; check again later/);
    expect(await createTikTokClient().publish(ctxFor(), t.req())).toMatchObject({ kind: 'unknown', reason: expect.stringMatching(/earlier attempt/) });
    expect(videoInits()).toBe(1);
    const anHourOn: Clock = { ...clock, now: () => Date.now() + 61 * 60_000 };
    expect(await createTikTokClient().reconcile(ctxFor({ clock: anHourOn }), t.req())).toMatchObject({ kind: 'cannot_tell', reason: expect.stringMatching(/processing the post for 6\d minutes/) });
  });

  it('reads an answer about the remembered publish_id that is no status as "cannot tell", in a retry as in reconcile: a forgotten id (400) sends nothing twice', async () => {
    const t = target();
    fake.faultChunk({ kind: 'timeout_after_accept' }, 'last');
    expect(await createTikTokClient().publish(ctxFor({ signal: AbortSignal.timeout(300) }), t.req())).toMatchObject({ kind: 'unknown' });
    // The post is up, but TikTok no longer knows its publish_id: status/fetch answers 400.
    fake.publishes.clear();
    expect(await createTikTokClient().reconcile(ctxFor(), t.req())).toMatchObject({ kind: 'cannot_tell' });
    const retry = await createTikTokClient().publish(ctxFor(), t.req());
    expect(retry).toMatchObject({ kind: 'unknown', reason: expect.stringMatching(/earlier attempt/), details: expect.stringContaining('invalid_publish_id') });
    // A token without video.publish cannot ask either: not a definite failure while the post may be up.
    const narrow = { ...credentials, accessToken: fake.issueToken(fake.user.openId, 'user.info.basic,video.upload,video.list').accessToken };
    expect(await createTikTokClient().publish(ctxFor({ credentials: narrow }), t.req())).toMatchObject({ kind: 'unknown' });
    expect(videoInits()).toBe(1);
    expect(fake.posts).toHaveLength(1);
  });

  it('after a reset on a pull init finds nothing and publishes exactly once on the retry', async () => {
    const client = createTikTokClient({ videoSource: 'PULL_FROM_URL' });
    const url = fake.hostMedia('e.mp4', randomBytes(500), 'video/mp4');
    const req = request({ media: [media(randomBytes(500), 'video/mp4', { url })] });
    fake.fault({ kind: 'reset_before_send' });
    expect(await client.publish(ctxFor(), req)).toMatchObject({ kind: 'unknown' });
    expect(await client.reconcile(ctxFor(), req)).toEqual({ kind: 'not_found' });
    expect(await client.publish(ctxFor(), req)).toMatchObject({ kind: 'published' });
    expect(fake.posts).toHaveLength(1);
  });

  it('knows a cut upload is not a post: a reset on the last chunk or a 5xx mid-upload is safe to retry', async () => {
    const req = request({ media: [media(randomBytes(11 * MB), 'video/mp4')] });
    fake.faultChunk({ kind: 'reset_before_send' }, 'last');
    expect(await tiktokClient.publish(ctxFor(), req)).toMatchObject({ kind: 'transient', reason: expect.stringMatching(/nothing was posted/) });
    fake.faultChunk({ kind: 'server_error' }, 0);
    expect(await tiktokClient.publish(ctxFor(), req)).toMatchObject({ kind: 'transient', details: expect.stringContaining('internal_error') });
    expect(fake.posts).toHaveLength(0);
    expect(await tiktokClient.publish(ctxFor(), req)).toMatchObject({ kind: 'published' });
    expect(fake.posts).toHaveLength(1);
  });

  it('reports an expired token, then publishes after a refresh', async () => {
    fake.fault({ kind: 'expired_token' });
    const req = request();
    expect(await tiktokClient.publish(ctxFor(), req)).toMatchObject({ kind: 'expired_token', details: expect.stringContaining('access_token_invalid') });
    const r = await tiktokClient.refresh(ctxFor());
    if (!r.ok) throw new Error(r.reason);
    credentials = r.credentials;
    expect(await tiktokClient.publish(ctxFor(), req)).toMatchObject({ kind: 'published' });
    expect(fake.posts).toHaveLength(1);
  });
});
