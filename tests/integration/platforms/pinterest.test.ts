import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock, Logger } from '../../../electron/core/deps';
import { pinterestClient, pinterestConnector } from '../../../electron/core/platforms/pinterest';
import { PlatformError, type ClientContext, type Credentials, type MediaItem, type PublishRequest } from '../../../electron/core/platforms/types';
import { startPinterestFake, type PinterestFake } from '../../fakes/pinterest';

const log: Logger = { log() {}, debug() {}, info() {}, warn() {}, error() {} };
/** Real time, but timers (video status polls) fire at once. */
const clock: Clock = {
  now: () => Date.now(),
  setTimer(_ms, fn) {
    const h = setTimeout(fn, 0);
    return () => clearTimeout(h);
  },
};
const REDIRECT = 'http://127.0.0.1:53682/callback';
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8]);
const MP4 = Uint8Array.from({ length: 4096 }, (_, i) => (i * 31) % 256);

function media(bytes: Uint8Array, mime: string, opts: { altText?: string; publicUrl?: () => Promise<string> } = {}): MediaItem {
  return {
    hash: createHash('sha256').update(bytes).digest('hex'),
    mime,
    bytes: bytes.byteLength,
    altText: opts.altText ?? null,
    read: async () => bytes,
    publicUrl:
      opts.publicUrl ??
      (async () => {
        throw new Error('This platform fetches media from a public link. Set up a media bucket (S3-compatible) in Settings first.');
      }),
  };
}

let n = 0;
function pinReq(fake: PinterestFake, over: Partial<PublishRequest> = {}): PublishRequest {
  n++;
  return {
    idempotencyKey: `target-${n}`,
    title: `Loom sketch ${n}`,
    text: `Warp and weft study number ${n}.\nHand-dyed wool.`,
    media: [media(PNG, 'image/png', { altText: `A loom with blue wool, study ${n}`, publicUrl: async () => fake.files.host(PNG, 'image/png') })],
    attemptStartedAt: Date.now(),
    ...over,
  };
}

describe('Pinterest', () => {
  let fake: PinterestFake;
  let credentials: Credentials;
  let ctx: (over?: Partial<ClientContext>) => ClientContext;
  const textOf = (r: PublishRequest) => `${r.title}\n${r.text.trim()}`;
  const postsWith = (r: PublishRequest) => fake.posts.filter((p) => p.text === textOf(r));

  async function connect(to: PinterestFake = fake) {
    const url = pinterestConnector.authorizationUrl({
      baseUrl: to.baseUrl,
      clientId: to.options.clientId,
      redirectUri: REDIRECT,
      state: 'st-123',
      codeChallenge: 'unused',
      scopes: pinterestConnector.defaultScopes,
    });
    const { code } = to.authorize(url);
    return pinterestConnector.exchange(
      { http: fetch, clock, baseUrl: to.baseUrl },
      { code, codeVerifier: 'unused', redirectUri: REDIRECT, clientId: to.options.clientId, clientSecret: to.options.clientSecret },
    );
  }

  /** A context for an account connected to another fake (one started with different options). */
  async function ctxFor(other: PinterestFake): Promise<ClientContext> {
    const c = await connect(other);
    return ctx({ credentials: c.credentials, account: { ...ctx().account, baseUrl: other.baseUrl } });
  }

  async function refreshed(): Promise<void> {
    const r = await pinterestClient.refresh(ctx());
    if (!r.ok) throw new Error(r.reason);
    credentials = r.credentials;
  }

  beforeAll(async () => {
    fake = await startPinterestFake();
    const connected = await connect();
    credentials = connected.credentials;
    ctx = (over = {}) => ({
      http: fetch,
      clock,
      log,
      account: { id: 'acc-pin', platform: 'pinterest', handle: connected.profile.handle, baseUrl: fake.baseUrl, platformUserId: connected.profile.platformUserId },
      credentials,
      ...over,
    });
  });
  afterAll(async () => {
    await fake.stop();
  });

  describe('connecting', () => {
    it('sends the creator to the consent screen with client id, redirect, code response type, comma-separated scopes and state', () => {
      const url = new URL(
        pinterestConnector.authorizationUrl({
          baseUrl: 'https://api.pinterest.com/v5',
          clientId: 'app-1',
          redirectUri: REDIRECT,
          state: 'xyz',
          codeChallenge: 'c',
          scopes: pinterestConnector.defaultScopes,
        }),
      );
      expect(url.origin + url.pathname).toBe('https://www.pinterest.com/oauth/');
      expect(Object.fromEntries(url.searchParams)).toEqual({
        client_id: 'app-1',
        redirect_uri: REDIRECT,
        response_type: 'code',
        scope: 'boards:read,pins:read,pins:write,user_accounts:read',
        state: 'xyz',
      });
    });

    it('exchanges a code for 30-day tokens with a 60-day refresh token, the profile and the first board', async () => {
      const before = Date.now();
      const { credentials: c, profile } = await connect();
      expect(profile).toMatchObject({ handle: 'loomstudio', displayName: 'Loom Studio' });
      expect(profile.platformUserId).toBeTruthy();
      expect(c.extra).toEqual({ boardId: '549755885175', boardName: 'Studio work' });
      expect(c.clientId).toBe(fake.options.clientId);
      expect(c.expiresAt! - before).toBeGreaterThanOrEqual(30 * 86_400_000 - 1000);
      expect(c.refreshExpiresAt! - before).toBeGreaterThan(59 * 86_400_000);
      expect(fake.tokenRequests.at(-1)).toMatchObject({ grant_type: 'authorization_code', redirect_uri: REDIRECT });
    });

    it('says the app secret is wrong when Pinterest refuses the exchange', async () => {
      const { code } = fake.authorize(
        pinterestConnector.authorizationUrl({ baseUrl: fake.baseUrl, clientId: fake.options.clientId, redirectUri: REDIRECT, state: 's', codeChallenge: 'c', scopes: ['boards:read'] }),
      );
      const attempt = pinterestConnector.exchange(
        { http: fetch, clock, baseUrl: fake.baseUrl },
        { code, codeVerifier: 'v', redirectUri: REDIRECT, clientId: fake.options.clientId, clientSecret: 'wrong' },
      );
      await expect(attempt).rejects.toBeInstanceOf(PlatformError);
      await expect(attempt).rejects.toThrow(/did not accept the sign-in.*app id and secret/);
    });
  });

  describe('publishing', () => {
    it('pins an image from its public URL with title, description and alt text', async () => {
      const req = pinReq(fake);
      const out = await pinterestClient.publish(ctx(), req);
      expect(out).toMatchObject({ kind: 'published', url: expect.stringMatching(/^https:\/\/www\.pinterest\.com\/pin\/\d+\/$/) });
      const [post] = postsWith(req);
      expect(out.kind === 'published' && out.platformPostId).toBe(post!.id);
      expect(post!.data).toMatchObject({
        board_id: '549755885175',
        title: req.title,
        description: req.text.trim(),
        alt_text: req.media[0]!.altText,
        media_source: { source_type: 'image_url' },
      });
      expect(Buffer.from(post!.data.imageBytes as Buffer)).toEqual(Buffer.from(PNG));
    });

    it('sends the image inline as base64 when no media bucket is set up', async () => {
      const req = pinReq(fake, { title: undefined, media: [media(PNG, 'image/png', { altText: 'Blue wool' })] });
      const out = await pinterestClient.publish(ctx(), req);
      expect(out.kind).toBe('published');
      const post = fake.posts.at(-1)!;
      // Without a title the first line of the text is the pin's title.
      expect(post.data).toMatchObject({ title: req.text.split('\n')[0], media_source: { source_type: 'image_base64', content_type: 'image/png' } });
      expect(Buffer.from(post.data.imageBytes as Buffer)).toEqual(Buffer.from(PNG));
    });

    it('pins a video: registers it, uploads it to the S3 form, waits for processing, then pins the media id', async () => {
      const req = pinReq(fake, { media: [media(MP4, 'video/mp4', { altText: 'Weaving timelapse' })] });
      const out = await pinterestClient.publish(ctx(), req);
      expect(out.kind).toBe('published');
      const m = fake.media().at(-1)!;
      expect(Buffer.from(m.uploaded!)).toEqual(Buffer.from(MP4));
      expect(m.uploadedType).toBe('video/mp4');
      expect(m.statuses).toEqual(['registered', 'processing', 'succeeded']);
      expect(postsWith(req)[0]!.data.media_source).toEqual({ source_type: 'video_id', media_id: m.id, cover_image_key_frame_time: 0 });
    });

    it('fails with a readable reason when Pinterest cannot process the video, and makes no pin', async () => {
      const other = await startPinterestFake({ videoProcessing: 'fails' });
      try {
        const otherCtx = await ctxFor(other);
        const out = await pinterestClient.publish(otherCtx, pinReq(other, { media: [media(MP4, 'video/mp4')] }));
        expect(out).toMatchObject({ kind: 'failed', reason: expect.stringContaining('could not process the video') });
        expect(other.posts).toHaveLength(0);
      } finally {
        await other.stop();
      }
    });

    it('treats a server error while registering a video as definite non-delivery', async () => {
      fake.fault({ kind: 'server_error', status: 503 });
      const req = pinReq(fake, { media: [media(MP4, 'video/mp4')] });
      const out = await pinterestClient.publish(ctx(), req);
      expect(out).toMatchObject({ kind: 'transient', details: expect.stringContaining('HTTP 503') });
      expect(postsWith(req)).toHaveLength(0);
    });

    it('refuses a text-only post, a reply and an over-long title without calling Pinterest', async () => {
      const calls = fake.requests.length;
      expect(pinterestClient.capabilities).toMatchObject({ text: false, requiresMedia: true, threads: false, firstComment: false });
      expect(await pinterestClient.publish(ctx(), pinReq(fake, { media: [] }))).toMatchObject({ kind: 'failed', reason: expect.stringContaining('no text-only pins') });
      expect(await pinterestClient.publish(ctx(), pinReq(fake, { replyTo: { platformPostId: '1', rootPostId: '1', kind: 'comment' } }))).toMatchObject({ kind: 'failed' });
      expect(await pinterestClient.publish(ctx(), pinReq(fake, { title: 'x'.repeat(101) }))).toMatchObject({
        kind: 'failed',
        reason: 'Pinterest titles are at most 100 characters; this one has 101.',
      });
      expect(fake.requests.length).toBe(calls);
    });

    it("maps Pinterest's 400 to failed with its own words in details", async () => {
      const req = pinReq(fake, { media: [media(PNG, 'image/png', { publicUrl: async () => `${fake.files.url}/missing.png` })] });
      const out = await pinterestClient.publish(ctx(), req);
      expect(out).toMatchObject({ kind: 'failed', reason: 'Pinterest refused the pin: Invalid request: Sorry! We could not fetch the image..' });
      expect(out.kind === 'failed' && out.details).toMatch(/^HTTP 400: \{"code":1/);
    });
  });

  describe('metrics', () => {
    it('reads impressions, clicks (outbound + pin), saves, comments and reactions', async () => {
      const out = await pinterestClient.publish(ctx(), pinReq(fake));
      if (out.kind !== 'published') throw new Error(out.kind);
      fake.setMetrics(out.platformPostId, { IMPRESSION: 1200, OUTBOUND_CLICK: 14, PIN_CLICK: 30, SAVE: 9, TOTAL_COMMENTS: 2, TOTAL_REACTIONS: 17 });
      expect(await pinterestClient.metrics(ctx(), out.platformPostId)).toEqual({ impressions: 1200, clicks: 44, saves: 9, replies: 2, likes: 17 });
    });

    /** A pin's analytics read that Pinterest throttles: the PlatformError it ends in, with the times around the read. */
    async function throttledRead(on: PinterestFake, onCtx: ClientContext, resetInSeconds: number) {
      const out = await pinterestClient.publish(onCtx, pinReq(on));
      if (out.kind !== 'published') throw new Error(out.kind);
      on.faultAnalytics({ kind: 'rate_limit', resetInSeconds });
      const before = Date.now();
      const err = await pinterestClient.metrics(onCtx, out.platformPostId).then(
        () => null,
        (e: unknown) => e,
      );
      const after = Date.now();
      expect(err).toBeInstanceOf(PlatformError);
      expect((err as PlatformError).status).toBe(429);
      // The next read is not throttled.
      expect(await pinterestClient.metrics(onCtx, out.platformPostId)).toMatchObject({ impressions: null });
      return { err: err as PlatformError, before, after };
    }

    it('429 on a pin’s numbers → retryAt at the x-ratelimit-reset it states (seconds from now)', async () => {
      const { err, before, after } = await throttledRead(fake, ctx(), 420);
      expect(err.info.retryAt).toBeGreaterThanOrEqual(before + 420_000);
      expect(err.info.retryAt).toBeLessThanOrEqual(after + 420_000);
    });

    it.each(['x-ratelimit-epoch', 'retry-after'] as const)('429 on a pin’s numbers with %s headers → retryAt at the time they state', async (mode) => {
      const other = await startPinterestFake({ rateLimitHeaders: mode });
      try {
        const { err, before, after } = await throttledRead(other, await ctxFor(other), 600);
        // Epoch seconds round up to the second.
        expect(err.info.retryAt).toBeGreaterThanOrEqual(before + 600_000);
        expect(err.info.retryAt).toBeLessThanOrEqual(after + 601_000);
      } finally {
        await other.stop();
      }
    });

    it('429 on a pin’s numbers without a rate-limit header → no retryAt (the collector keeps its own wait)', async () => {
      const other = await startPinterestFake({ rateLimitHeaders: 'none' });
      try {
        const { err } = await throttledRead(other, await ctxFor(other), 600);
        expect(err.info.retryAt).toBeUndefined();
      } finally {
        await other.stop();
      }
    });
  });

  describe('tokens', () => {
    it('refreshes continuously: a new access token and a new refresh token, and the old refresh token stops working', async () => {
      const old = credentials;
      await refreshed();
      expect(fake.tokenRequests.at(-1)).toEqual({ grant_type: 'refresh_token', refresh_token: old.refreshToken, continuous_refresh: 'true' });
      expect(credentials.accessToken).not.toBe(old.accessToken);
      expect(credentials.refreshToken).not.toBe(old.refreshToken);
      expect(credentials.extra).toEqual(old.extra);
      const again = await pinterestClient.refresh(ctx({ credentials: old }));
      expect(again).toMatchObject({ ok: false, reason: expect.stringContaining('Reconnect Pinterest') });
    });

    it('expired token → expired_token, then refresh, then the pin goes out once', async () => {
      fake.fault({ kind: 'expired_token' });
      const req = pinReq(fake);
      expect(await pinterestClient.publish(ctx(), req)).toMatchObject({ kind: 'expired_token', details: expect.stringContaining('Authentication failed') });
      await refreshed();
      expect((await pinterestClient.publish(ctx(), req)).kind).toBe('published');
      expect(postsWith(req)).toHaveLength(1);
    });
  });

  describe('faults', () => {
    it('429 → rate_limited until the x-ratelimit-reset it states', async () => {
      fake.fault({ kind: 'rate_limit', resetInSeconds: 120 });
      const before = Date.now();
      const out = await pinterestClient.publish(ctx(), pinReq(fake));
      const after = Date.now();
      expect(out.kind).toBe('rate_limited');
      if (out.kind !== 'rate_limited') return;
      expect(out.until).toBeGreaterThanOrEqual(before + 120_000);
      expect(out.until).toBeLessThanOrEqual(after + 120_000);
      expect(out.rateLimit).toMatchObject({ limit: 100, remaining: 0 });
      expect(out.details).toContain('"code":8');
    });

    it.each([
      ['x-ratelimit-epoch', 'x-ratelimit-reset'],
      ['retry-after', 'Retry-After'],
    ] as const)('429 with %s headers → rate_limited until the time they state', async (mode, source) => {
      const other = await startPinterestFake({ rateLimitHeaders: mode });
      try {
        const otherCtx = await ctxFor(other);
        other.fault({ kind: 'rate_limit', resetInSeconds: 300 });
        const before = Date.now();
        const out = await pinterestClient.publish(otherCtx, pinReq(other));
        expect(out).toMatchObject({ kind: 'rate_limited', reason: expect.stringContaining(source) });
        if (out.kind !== 'rate_limited') return;
        // Epoch seconds round to the second, so allow one second either side.
        expect(out.until).toBeGreaterThanOrEqual(before + 299_000);
        expect(out.until).toBeLessThanOrEqual(Date.now() + 301_000);
      } finally {
        await other.stop();
      }
    });

    it('429 without any rate-limit header → waits 60 seconds and says so', async () => {
      const other = await startPinterestFake({ rateLimitHeaders: 'none' });
      try {
        const otherCtx = await ctxFor(other);
        other.fault({ kind: 'rate_limit', resetInSeconds: 999 });
        const before = Date.now();
        const out = await pinterestClient.publish(otherCtx, pinReq(other));
        expect(out).toMatchObject({ kind: 'rate_limited', reason: expect.stringContaining('waits 60 seconds') });
        if (out.kind !== 'rate_limited') return;
        expect(out.until).toBeGreaterThanOrEqual(before + 60_000);
        expect(out.until).toBeLessThanOrEqual(Date.now() + 60_000);
      } finally {
        await other.stop();
      }
    });

    it('5xx on creating the pin → unknown, then reconcile finds nothing → not_found', async () => {
      fake.fault({ kind: 'server_error' });
      const req = pinReq(fake);
      expect(await pinterestClient.publish(ctx(), req)).toMatchObject({ kind: 'unknown', details: expect.stringContaining('HTTP 500') });
      expect(await pinterestClient.reconcile(ctx(), req)).toEqual({ kind: 'not_found' });
    });

    it('timeout after Pinterest accepted → unknown, then reconcile finds the pin and nothing is posted twice', async () => {
      fake.fault({ kind: 'timeout_after_accept' });
      const req = pinReq(fake);
      const out = await pinterestClient.publish(ctx({ signal: AbortSignal.timeout(300) }), req);
      expect(out.kind).toBe('unknown');
      const found = await pinterestClient.reconcile(ctx(), req);
      const [post] = postsWith(req);
      expect(found).toEqual({ kind: 'found', platformPostId: post!.id, url: `https://www.pinterest.com/pin/${post!.id}/` });
      expect(postsWith(req)).toHaveLength(1);
      expect(fake.duplicates()).toBe(0);
    });

    it('reset before sending → unknown, reconcile → not_found, and publishing again makes exactly one pin', async () => {
      fake.fault({ kind: 'reset_before_send' });
      const req = pinReq(fake);
      expect((await pinterestClient.publish(ctx(), req)).kind).toBe('unknown');
      expect(await pinterestClient.reconcile(ctx(), req)).toEqual({ kind: 'not_found' });
      expect((await pinterestClient.publish(ctx(), req)).kind).toBe('published');
      expect(postsWith(req)).toHaveLength(1);
      expect(fake.duplicates()).toBe(0);
    });

    it('reconcile cannot tell a pin without words from another wordless pin saved since, so it never claims one', async () => {
      const started = Date.now() - 1_000;
      const wordless = (seed: number, at: number) => {
        const bytes = Uint8Array.from([...PNG, seed]);
        return pinReq(fake, { title: undefined, text: '', attemptStartedAt: at, media: [media(bytes, 'image/png', { publicUrl: async () => fake.files.host(bytes, 'image/png') })] });
      };
      expect((await pinterestClient.publish(ctx(), wordless(1, Date.now()))).kind).toBe('published');
      fake.fault({ kind: 'server_error' });
      const req = wordless(2, started);
      expect((await pinterestClient.publish(ctx(), req)).kind).toBe('unknown');
      expect(await pinterestClient.reconcile(ctx(), req)).toEqual({ kind: 'cannot_tell', reason: expect.stringMatching(/no title or description/) });
    });

    it('reconcile ignores the same text pinned before the attempt began', async () => {
      const req = pinReq(fake);
      expect((await pinterestClient.publish(ctx(), req)).kind).toBe('published');
      const later = { ...req, attemptStartedAt: Date.now() + 5 * 60_000 };
      expect(await pinterestClient.reconcile(ctx(), later)).toEqual({ kind: 'not_found' });
    });

    it('reconcile asks to look again later when the board listing fails for now (503, 429, a cut connection), instead of giving up', async () => {
      fake.fault({ kind: 'server_error' });
      const req = pinReq(fake);
      expect((await pinterestClient.publish(ctx(), req)).kind).toBe('unknown');
      fake.faultListing({ kind: 'server_error', status: 503 });
      const thrown = await pinterestClient.reconcile(ctx(), req).then(
        () => null,
        (e: unknown) => e,
      );
      expect(thrown).toBeInstanceOf(PlatformError);
      expect(thrown).toMatchObject({ status: 503, message: expect.stringMatching(/check again later/), details: expect.stringContaining('HTTP 503') });
      fake.faultListing({ kind: 'rate_limit', resetInSeconds: 30 }, { kind: 'reset_before_send' });
      await expect(pinterestClient.reconcile(ctx(), req)).rejects.toThrow(PlatformError);
      await expect(pinterestClient.reconcile(ctx(), req)).rejects.toThrow(PlatformError);
      // Once the board can be read again, it settles.
      expect(await pinterestClient.reconcile(ctx(), req)).toEqual({ kind: 'not_found' });
    });

    it('reconcile cannot tell when the board itself is refused', async () => {
      const noBoard = ctx({ credentials: { ...credentials, extra: { ...credentials.extra, boardId: '999' } } });
      expect(await pinterestClient.reconcile(noBoard, pinReq(fake))).toMatchObject({ kind: 'cannot_tell', reason: expect.stringContaining('HTTP 404') });
    });

    it('refused connection → transient (nothing was sent)', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const out = await pinterestClient.publish(ctx({ account: { ...ctx().account, baseUrl: `http://127.0.0.1:${port}/v5` } }), pinReq(fake));
      expect(out.kind).toBe('transient');
    });
  });
});
