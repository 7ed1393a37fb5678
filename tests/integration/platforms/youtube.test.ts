import { createHash, randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock, Logger } from '../../../electron/core/deps';
import type { ClientContext, Credentials, MediaItem, PublishRequest } from '../../../electron/core/platforms/types';
import { createYouTubeClient, youtubeClient, youtubeConnector } from '../../../electron/core/platforms/youtube';
import { startYouTubeFake, TESTING_REFRESH_TTL, type YouTubeFake } from '../../fakes/youtube';

/** Real time, but waits (backoff before resuming) pass in a few ms so the suite stays fast. */
const clock: Clock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const h = setTimeout(fn, Math.min(ms, 5));
    return () => clearTimeout(h);
  },
};
const log: Logger = { log() {}, debug() {}, info() {}, warn() {}, error() {} };
const KiB = 1024;
/** Small chunks so a test video of a megabyte or two is several chunks. */
const chunked = () => createYouTubeClient({ chunkSize: 512 * KiB });

function video(size: number): MediaItem {
  const bytes = randomBytes(size);
  return {
    hash: createHash('sha256').update(bytes).digest('hex'),
    mime: 'video/mp4',
    bytes: size,
    altText: null,
    read: async () => bytes,
    publicUrl: async () => {
      throw new Error('not needed');
    },
  };
}

let fake: YouTubeFake;
let credentials: Credentials;

function ctxFor(extra: Partial<ClientContext> = {}): ClientContext {
  return {
    http: fetch,
    clock,
    log,
    account: { id: 'acct-yt', platform: 'youtube', handle: '@loomstudio', baseUrl: fake.url, platformUserId: fake.channel.id },
    credentials,
    ...extra,
  };
}

let seq = 0;
function request(over: Partial<PublishRequest> = {}): PublishRequest {
  seq++;
  return {
    idempotencyKey: `target-${seq}`,
    title: `Warping the loom, episode ${seq}`,
    text: `How I warp a floor loom in under an hour. #weaving #loom ${seq}`,
    media: [video(2 * 1024 * KiB + 1000)],
    attemptStartedAt: Date.now(),
    ...over,
  };
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

beforeEach(async () => {
  fake = await startYouTubeFake();
  const verifier = 'v'.repeat(43);
  const code = fake.authorize({ clientId: fake.clientId, redirectUri: 'http://127.0.0.1:8765/cb', codeChallenge: createHash('sha256').update(verifier).digest('base64url') });
  credentials = (
    await youtubeConnector.exchange(
      { http: fetch, clock, baseUrl: fake.url },
      { code, codeVerifier: verifier, redirectUri: 'http://127.0.0.1:8765/cb', clientId: fake.clientId, clientSecret: fake.clientSecret },
    )
  ).credentials;
});
afterEach(async () => {
  await fake.stop();
});

describe('YouTube connect', () => {
  it('builds a Google desktop authorization URL with PKCE and offline access, and exchanges the code for tokens and the channel', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirectUri = 'http://127.0.0.1:49213/oauth/youtube';
    expect(youtubeConnector.challengeEncoding).toBe('base64url');
    const prod = new URL(youtubeConnector.authorizationUrl({ baseUrl: youtubeClient.defaultBaseUrl, clientId: 'c', redirectUri, state: 's', codeChallenge: challenge, scopes: youtubeConnector.defaultScopes }));
    expect(prod.origin + prod.pathname).toBe('https://accounts.google.com/o/oauth2/v2/auth');

    const url = new URL(youtubeConnector.authorizationUrl({ baseUrl: fake.url, clientId: fake.clientId, redirectUri, state: 'st-7', codeChallenge: challenge, scopes: youtubeConnector.defaultScopes }));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: fake.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.readonly',
      access_type: 'offline',
      prompt: 'consent',
      state: 'st-7',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const consent = await fetch(url, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const back = new URL(consent.headers.get('location')!);
    expect(back.searchParams.get('state')).toBe('st-7');

    const before = Date.now();
    const r = await youtubeConnector.exchange(
      { http: fetch, clock, baseUrl: fake.url },
      { code: back.searchParams.get('code')!, codeVerifier: verifier, redirectUri, clientId: fake.clientId, clientSecret: fake.clientSecret },
    );
    expect(r.profile).toEqual({ handle: '@loomstudio', displayName: 'Loom Studio', platformUserId: fake.channel.id });
    expect(r.credentials.refreshToken).toMatch(/^rt_/);
    expect(r.credentials.expiresAt! - before).toBeGreaterThanOrEqual(3599 * 1000 - 1000);
    expect(r.credentials).toMatchObject({ clientId: fake.clientId, clientSecret: fake.clientSecret, extra: { channelId: fake.channel.id } });
  });
});

describe('YouTube publishing', () => {
  it('uploads a video through a resumable session in 256 KiB-multiple chunks and links to it', async () => {
    const req = request();
    const out = await chunked().publish(ctxFor(), req);
    expect(out).toEqual({ kind: 'published', platformPostId: fake.videos[0]!.id, url: `https://www.youtube.com/watch?v=${fake.videos[0]!.id}` });
    expect(fake.starts[0]).toMatchObject({
      length: String(2 * 1024 * KiB + 1000),
      type: 'video/mp4',
      metadata: { snippet: { title: req.title, description: req.text, tags: ['weaving', 'loom'], categoryId: '22' }, status: { privacyStatus: 'public' } },
    });
    expect(fake.puts.map((p) => [p.start, p.result])).toEqual([
      [0, '308'],
      [512 * KiB, '308'],
      [1024 * KiB, '308'],
      [1536 * KiB, '308'],
      [2048 * KiB, '201'],
    ]);
  });

  it('resumes an interrupted upload from the Range YouTube reports, without starting over or making a second video', async () => {
    fake.faultChunk({ kind: 'reset_before_send' }, 1);
    fake.faultChunk({ kind: 'server_error' }, 'last');
    const out = await chunked().publish(ctxFor(), request());
    expect(out.kind).toBe('published');
    // The cut chunk left 256 KiB on the server; the client asked, and went on from there.
    expect(fake.puts.map((p) => [p.start, p.result])).toEqual([
      [0, '308'],
      [512 * KiB, 'reset, kept 262144'],
      [768 * KiB, '308'],
      [1280 * KiB, '308'],
      [1792 * KiB, '503'],
      [1792 * KiB, '201'],
    ]);
    expect(fake.puts.filter((p) => p.start === 0)).toHaveLength(1);
    expect(fake.starts).toHaveLength(1);
    expect(fake.videos).toHaveLength(1);
  });

  it('says so when YouTube locks the upload to private', async () => {
    fake.projectVerified = false;
    const t = target();
    const out = await youtubeClient.publish(ctxFor(), t.req());
    expect(out).toMatchObject({ kind: 'published', notice: expect.stringMatching(/YouTube locked this upload to private/) });
    expect(await createYouTubeClient().reconcile(ctxFor(), t.req())).toMatchObject({ kind: 'found', notice: expect.stringMatching(/locked this upload to private/) });
  });

  it('reads views, likes and comments back, turning YouTube’s string counts into numbers', async () => {
    const out = await youtubeClient.publish(ctxFor(), request());
    if (out.kind !== 'published') throw new Error(out.kind);
    fake.setStats(out.platformPostId, { viewCount: 4321, likeCount: 210, commentCount: 17 });
    expect(await youtubeClient.metrics(ctxFor(), out.platformPostId)).toEqual({ views: 4321, likes: 210, replies: 17 });
    // Comments turned off and likes hidden: YouTube leaves the counts out, which is not zero.
    fake.setStats(out.platformPostId, { likeCount: undefined, commentCount: undefined });
    expect(await youtubeClient.metrics(ctxFor(), out.platformPostId)).toEqual({ views: 4321, likes: null, replies: null });
  });

  it('refreshes the access token, keeps the refresh token, and asks to reconnect once Google revoked it', async () => {
    const r = await youtubeClient.refresh(ctxFor());
    if (!r.ok) throw new Error(r.reason);
    expect(r.credentials.accessToken).not.toBe(credentials.accessToken);
    expect(r.credentials.refreshToken).toBe(credentials.refreshToken);
    fake.revokeRefreshTokens();
    expect(await youtubeClient.refresh(ctxFor())).toMatchObject({ ok: false, reason: expect.stringContaining('Token has been expired or revoked.') });
  });

  it('refreshes for 7 days while the consent screen is in Testing, then asks to reconnect and says why', async () => {
    fake.refreshTtlSeconds = TESTING_REFRESH_TTL;
    const issued = Date.now();
    fake.now = () => issued + 6 * 86_400_000;
    expect(await youtubeClient.refresh(ctxFor())).toMatchObject({ ok: true });
    fake.now = () => issued + 7 * 86_400_000 + 60_000;
    expect(await youtubeClient.refresh(ctxFor())).toMatchObject({ ok: false, reason: expect.stringMatching(/Token has been expired or revoked.*7 days/) });
  });

  it('fails with a readable reason when YouTube refuses the title', async () => {
    const out = await youtubeClient.publish(ctxFor(), request({ title: 'Warp <fast>' }));
    expect(out).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/YouTube refused the title/), details: expect.stringContaining('invalidTitle') });
    expect(fake.videos).toHaveLength(0);
  });
});

describe('YouTube faults', () => {
  it('waits a minute on rateLimitExceeded, and until midnight Pacific Time on quotaExceeded', async () => {
    fake.fault({ kind: 'rate_limit', resetInSeconds: 60 });
    const before = Date.now();
    const slow = await youtubeClient.publish(ctxFor(), request());
    expect(slow).toMatchObject({ kind: 'rate_limited', details: expect.stringContaining('rateLimitExceeded') });
    if (slow.kind === 'rate_limited') expect(slow.until - before).toBeGreaterThanOrEqual(60_000);

    fake.rateLimitReason = 'quotaExceeded';
    fake.fault({ kind: 'rate_limit', resetInSeconds: 60 });
    const nextMidnight = (ms: number) => DateTime.fromMillis(ms, { zone: 'America/Los_Angeles' }).plus({ days: 1 }).startOf('day').toMillis();
    const asked = Date.now();
    const quota = await youtubeClient.publish(ctxFor(), request());
    const answered = Date.now();
    expect(quota.kind).toBe('rate_limited');
    if (quota.kind !== 'rate_limited') return;
    // The next midnight as the client saw it: the same either side of the call, unless the
    // call itself straddles midnight in Los Angeles.
    expect([nextMidnight(asked), nextMidnight(answered)]).toContain(quota.until);
    expect(DateTime.fromMillis(quota.until, { zone: 'America/Los_Angeles' }).toFormat('HH:mm')).toBe('00:00');
    expect(fake.videos).toHaveLength(0);
  });

  it('waits for midnight Pacific Time once the daily videos.insert bucket is used up, sending no bytes, and uploads once after', async () => {
    fake.insertsPerDay = 1;
    expect(await youtubeClient.publish(ctxFor(), request())).toMatchObject({ kind: 'published' });
    const putsBefore = fake.puts.length;
    const second = request();
    const asked = Date.now();
    const out = await youtubeClient.publish(ctxFor(), second);
    expect(out).toMatchObject({ kind: 'rate_limited', details: expect.stringContaining('quotaExceeded') });
    if (out.kind !== 'rate_limited') return;
    expect(DateTime.fromMillis(out.until, { zone: 'America/Los_Angeles' }).toFormat('HH:mm')).toBe('00:00');
    expect(out.until).toBeGreaterThan(asked);
    expect(out.until - asked).toBeLessThanOrEqual(25 * 3_600_000);
    expect(fake.puts.length).toBe(putsBefore);
    expect(fake.videos).toHaveLength(1);
    fake.now = () => out.until + 1_000;
    // By then the hour-long access token has lapsed too.
    const r = await youtubeClient.refresh(ctxFor());
    if (!r.ok) throw new Error(r.reason);
    credentials = r.credentials;
    expect(await youtubeClient.publish(ctxFor(), second)).toMatchObject({ kind: 'published' });
    expect(fake.videos).toHaveLength(2);
  });

  it('calls a 5xx on the last chunk unknown when the session cannot be asked, then finds no video and resumes the same upload once', async () => {
    const t = target();
    fake.faultChunk({ kind: 'server_error' }, 'last').faultChunk({ kind: 'server_error' }, 'status');
    expect(await chunked().publish(ctxFor(), t.req())).toMatchObject({ kind: 'unknown' });
    expect(await chunked().reconcile(ctxFor(), t.req())).toEqual({ kind: 'not_found' });
    expect(await chunked().publish(ctxFor(), t.req())).toMatchObject({ kind: 'published' });
    expect(fake.starts).toHaveLength(1);
    expect(fake.videos).toHaveLength(1);
  });

  it('after the app stops mid-upload, a restarted client resumes the remembered session: one session, one video', async () => {
    const t = target();
    // The app "quits" once two chunks are in: every call after that is cut off.
    const quit = new AbortController();
    let puts = 0;
    const dying: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (init?.method === 'PUT' && ++puts === 2) quit.abort();
      return res;
    };
    expect(await chunked().publish(ctxFor({ http: dying, signal: quit.signal }), t.req())).toMatchObject({ kind: 'transient' });
    expect(fake.starts).toHaveLength(1);
    expect(JSON.parse(t.marker()!)).toMatchObject({ uri: expect.stringContaining('upload_id='), total: 2 * 1024 * KiB + 1000 });

    // New client instances stand for the restarted app: they have nothing but the marker.
    expect(await chunked().reconcile(ctxFor(), t.req())).toEqual({ kind: 'not_found' });
    const out = await chunked().publish(ctxFor(), t.req());
    expect(out).toEqual({ kind: 'published', platformPostId: fake.videos[0]!.id, url: `https://www.youtube.com/watch?v=${fake.videos[0]!.id}` });
    expect(fake.starts).toHaveLength(1);
    expect(fake.videos).toHaveLength(1);
    expect(new Set(fake.puts.map((p) => p.uploadId)).size).toBe(1);
    // It went on from where YouTube said the upload stood, never from zero.
    expect(fake.puts.map((p) => [p.start, p.result])).toEqual([
      [0, '308'],
      [512 * KiB, '308'],
      [1024 * KiB, '308'],
      [1536 * KiB, '308'],
      [2048 * KiB, '201'],
    ]);
    expect(fake.duplicates()).toBe(0);
  });

  it('calls a 5xx on the session start a definite non-delivery', async () => {
    fake.fault({ kind: 'server_error' });
    expect(await youtubeClient.publish(ctxFor(), request())).toMatchObject({ kind: 'transient', details: expect.stringContaining('backendError') });
  });

  it('settles a last chunk that timed out after YouTube created the video: the remembered session says so, and so does the uploads list without it', async () => {
    const t = target();
    fake.faultChunk({ kind: 'timeout_after_accept' }, 'last');
    expect(await chunked().publish(ctxFor({ signal: AbortSignal.timeout(300) }), t.req())).toMatchObject({ kind: 'unknown' });
    const id = fake.videos[0]!.id;
    const found = { kind: 'found', platformPostId: id, url: `https://www.youtube.com/watch?v=${id}` };
    expect(await createYouTubeClient().reconcile(ctxFor(), t.req())).toEqual(found);
    expect(await createYouTubeClient().reconcile(ctxFor(), t.base)).toEqual(found);
    // Publishing again with the marker reports the same video and uploads nothing.
    const puts = fake.puts.length;
    expect(await chunked().publish(ctxFor(), t.req())).toMatchObject({ kind: 'published', platformPostId: id });
    expect(fake.puts).toHaveLength(puts);
    expect(fake.starts).toHaveLength(1);
    expect(fake.duplicates()).toBe(0);
  });

  it('after a reset on the last chunk it cannot check, finds nothing and publishes exactly once', async () => {
    const t = target();
    fake.faultChunk({ kind: 'reset_before_send' }, 'last').faultChunk({ kind: 'reset_before_send' }, 'status');
    expect(await chunked().publish(ctxFor(), t.req())).toMatchObject({ kind: 'unknown' });
    expect(await createYouTubeClient().reconcile(ctxFor(), t.base)).toEqual({ kind: 'not_found' });
    expect(await createYouTubeClient().reconcile(ctxFor(), t.req())).toEqual({ kind: 'not_found' });
    expect(await chunked().publish(ctxFor(), t.req())).toMatchObject({ kind: 'published' });
    expect(fake.videos).toHaveLength(1);
    expect(fake.starts).toHaveLength(1);
    expect(fake.duplicates()).toBe(0);
  });

  it('after the upload session expired, asks the creator rather than start a second upload when the uploads list does not show the video (yet)', async () => {
    const t = target();
    fake.faultChunk({ kind: 'timeout_after_accept' }, 'last');
    expect(await chunked().publish(ctxFor({ signal: AbortSignal.timeout(300) }), t.req())).toMatchObject({ kind: 'unknown' });
    const id = fake.videos[0]!.id;
    // Days later: the session answers 404, and (say) the video is still processing, so not listed.
    let listed = false;
    const later: typeof fetch = async (input, init) => {
      if (init?.method === 'PUT' && new Headers(init.headers).get('content-range')?.startsWith('bytes */')) {
        return Response.json({ error: { code: 404, message: 'The upload session was not found or has expired.', errors: [{ reason: 'notFound' }] } }, { status: 404 });
      }
      const res = await fetch(input, init);
      if (listed || !String(input).includes('/playlistItems')) return res;
      return Response.json({ ...((await res.json()) as object), items: [] }, { status: res.status });
    };
    expect(await chunked().reconcile(ctxFor({ http: later }), t.req())).toMatchObject({ kind: 'cannot_tell', reason: expect.stringMatching(/session .* has expired/) });
    listed = true;
    expect(await chunked().reconcile(ctxFor({ http: later }), t.req())).toEqual({ kind: 'found', platformPostId: id, url: `https://www.youtube.com/watch?v=${id}` });
    expect(fake.duplicates()).toBe(0);
  });

  it('asks to look again later when the remembered session cannot be asked right now', async () => {
    const t = target();
    fake.faultChunk({ kind: 'server_error' }, 'last').faultChunk({ kind: 'server_error' }, 'status');
    expect(await chunked().publish(ctxFor(), t.req())).toMatchObject({ kind: 'unknown' });
    fake.faultChunk({ kind: 'server_error' }, 'status');
    await expect(chunked().reconcile(ctxFor(), t.req())).rejects.toThrow(/check again later/);
    expect(await chunked().reconcile(ctxFor(), t.req())).toEqual({ kind: 'not_found' });
  });

  it('calls a reset on the session start a definite non-delivery', async () => {
    fake.fault({ kind: 'reset_before_send' });
    expect(await youtubeClient.publish(ctxFor(), request())).toMatchObject({ kind: 'transient' });
    expect(fake.videos).toHaveLength(0);
  });

  it('reports an expired token, then publishes after a refresh', async () => {
    fake.fault({ kind: 'expired_token' });
    const req = request();
    expect(await youtubeClient.publish(ctxFor(), req)).toMatchObject({ kind: 'expired_token', details: expect.stringContaining('authError') });
    const r = await youtubeClient.refresh(ctxFor());
    if (!r.ok) throw new Error(r.reason);
    credentials = r.credentials;
    expect(await youtubeClient.publish(ctxFor(), req)).toMatchObject({ kind: 'published' });
    expect(fake.videos).toHaveLength(1);
  });
});
