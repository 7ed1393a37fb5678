/**
 * The most media one post takes where a platform takes more than 10 (shared/domain/media-limits.ts):
 * Threads' carousel of 20, LinkedIn's multi-image post of 20, TikTok's photo post of 35. Each
 * client sends that many and refuses one more before calling the platform; each fake refuses
 * one more too, as the platform does.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock, type Logger } from '../../../electron/core/deps';
import { createLinkedInClient, linkedinConnector } from '../../../electron/core/platforms/linkedin';
import { restHeaders } from '../../../electron/core/platforms/linkedin/api';
import { createThreadsClient, threadsConnector } from '../../../electron/core/platforms/threads';
import { thPost } from '../../../electron/core/platforms/threads/api';
import { createTikTokClient, tiktokConnector } from '../../../electron/core/platforms/tiktok';
import type { ClientContext, ConnectResult, MediaItem, PublishRequest } from '../../../electron/core/platforms/types';
import type { Platform } from '../../../shared/domain/platforms';
import { PLATFORM_MEDIA } from '../../../shared/domain/media-limits';
import { startLinkedInFake, type LinkedInFake } from '../../fakes/linkedin';
import { startThreadsFake, type ThreadsFake } from '../../fakes/threads';
import { startTikTokFake, type TikTokFake } from '../../fakes/tiktok';

const log: Logger = { log() {}, debug() {}, info() {}, warn() {}, error() {} };
const REDIRECT = 'http://127.0.0.1:53682/callback';
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0xff, 0xd9]);

let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
});

const most = (p: Platform) => PLATFORM_MEDIA[p].maxItems!;
const post = (text: string, media: MediaItem[]): PublishRequest => ({ idempotencyKey: `k-${text}-${media.length}`, text, media, attemptStartedAt: Date.now() });
const ctxOf = (platform: Platform, c: ConnectResult, baseUrl: string): ClientContext => ({
  http: fetch,
  clock: systemClock,
  log,
  credentials: c.credentials,
  account: { id: `acct-${platform}`, platform, handle: c.profile.handle, baseUrl, platformUserId: c.profile.platformUserId },
});
/** JPEGs, each a different file, each at `url(i)` where the platform fetches it. */
const photos = (n: number, url: (i: number, bytes: Uint8Array) => string): MediaItem[] =>
  Array.from({ length: n }, (_, i) => {
    const bytes = Uint8Array.from([...JPEG.subarray(0, -2), i, 0xff, 0xd9]);
    const at = url(i, bytes);
    return { hash: `h${i}`, mime: 'image/jpeg', bytes: bytes.length, altText: `Photo ${i + 1}`, read: async () => bytes, publicUrl: async () => at };
  });

describe('Threads: a carousel of up to 20', () => {
  async function start(): Promise<{ fake: ThreadsFake; ctx: ClientContext }> {
    const fake = await startThreadsFake();
    stop = () => fake.stop();
    const code = fake.authorize({ redirectUri: REDIRECT, scopes: threadsConnector.defaultScopes });
    const c = await threadsConnector.exchange({ http: fetch, clock: systemClock, baseUrl: fake.url }, { code, codeVerifier: 'unused', redirectUri: REDIRECT, clientId: fake.clientId, clientSecret: fake.clientSecret });
    return { fake, ctx: ctxOf('threads', c, fake.url) };
  }
  const client = createThreadsClient({ poll: { firstDelayMs: 1, maxDelayMs: 5, maxWaitMs: 5_000 } });

  it('publishes 20 photos as one carousel, and refuses 21 before calling Threads', async () => {
    expect(most('threads')).toBe(20);
    const { fake, ctx } = await start();
    const out = await client.publish(ctx, post('Twenty', photos(20, (i, b) => fake.serveFile(`t${i}.jpg`, b, 'image/jpeg'))));
    expect(out.kind).toBe('published');
    expect(fake.posts).toEqual([expect.objectContaining({ data: expect.objectContaining({ kind: 'CAROUSEL', children: 20 }) })]);

    const before = fake.requests.length;
    const over = await client.publish(ctx, post('Twenty-one', photos(21, (i, b) => fake.serveFile(`u${i}.jpg`, b, 'image/jpeg'))));
    expect(over).toMatchObject({ kind: 'failed', reason: 'Threads takes at most 20 images or videos in one post; this one has 21.' });
    expect(fake.requests.length).toBe(before);
  });

  it('the fake refuses a carousel of 21 children, as Threads does', async () => {
    const { fake, ctx } = await start();
    const user = ctx.account.platformUserId!;
    const children: string[] = [];
    for (let i = 0; i < 21; i++) {
      const url = fake.serveFile(`c${i}.jpg`, JPEG, 'image/jpeg');
      const made = await thPost(ctx, `/${user}/threads`, { media_type: 'IMAGE', image_url: url, is_carousel_item: 'true' });
      children.push(String((made as { body?: { id?: string } }).body?.id));
    }
    const refused = await thPost(ctx, `/${user}/threads`, { media_type: 'CAROUSEL', children: children.join(',') });
    expect(refused).toMatchObject({ status: 400, body: { error: { message: 'A carousel takes 2 to 20 children.' } } });
  });
});

describe('LinkedIn: a multi-image post of up to 20', () => {
  async function start(): Promise<{ fake: LinkedInFake; ctx: ClientContext }> {
    const fake = await startLinkedInFake();
    stop = () => fake.stop();
    const url = linkedinConnector.authorizationUrl({ baseUrl: fake.url, clientId: fake.state.clientId, redirectUri: REDIRECT, state: 's', codeChallenge: 'c', scopes: ['openid', 'profile', 'w_member_social'] });
    const { code } = fake.authorize(url);
    const c = await linkedinConnector.exchange({ http: fetch, clock: systemClock, baseUrl: fake.url }, { code, codeVerifier: 'v', redirectUri: REDIRECT, clientId: fake.state.clientId, clientSecret: fake.state.clientSecret });
    return { fake, ctx: ctxOf('linkedin', c, fake.url) };
  }
  const client = createLinkedInClient({ videoPollMs: 5 });

  it('publishes 20 images as one multiImage post, and refuses 21 before calling LinkedIn', async () => {
    expect(most('linkedin')).toBe(20);
    const { fake, ctx } = await start();
    const out = await client.publish(ctx, post('Twenty', photos(20, () => 'unused')));
    expect(out.kind).toBe('published');
    const images = (fake.posts[0]!.data.content as { multiImage: { images: { altText: string }[] } }).multiImage.images;
    expect(images.map((i) => i.altText)).toEqual(Array.from({ length: 20 }, (_, i) => `Photo ${i + 1}`));

    const before = fake.requests.length;
    const over = await client.publish(ctx, post('Twenty-one', photos(21, () => 'unused')));
    expect(over).toMatchObject({ kind: 'failed', reason: expect.stringContaining('A LinkedIn post takes at most 20 images; this one has 21.') });
    expect(fake.requests.length).toBe(before);
  });

  it('the fake refuses a multiImage post of 21, as LinkedIn does', async () => {
    const { fake, ctx } = await start();
    const res = await fetch(`${fake.url}/rest/posts`, {
      method: 'POST',
      headers: restHeaders(ctx.credentials.accessToken, { 'Content-Type': 'application/json' }),
      body: JSON.stringify({
        author: `urn:li:person:${ctx.account.platformUserId}`,
        commentary: 'Too many',
        visibility: 'PUBLIC',
        distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
        lifecycleState: 'PUBLISHED',
        content: { multiImage: { images: Array.from({ length: 21 }, (_, i) => ({ id: `urn:li:image:${i}` })) } },
      }),
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('a multi-image post takes 2 to 20 images, got 21');
    expect(fake.posts).toHaveLength(0);
  });
});

describe('TikTok: a photo post of up to 35', () => {
  async function start(): Promise<{ fake: TikTokFake; ctx: ClientContext }> {
    const fake = await startTikTokFake();
    stop = () => fake.stop();
    const verifier = 'v'.repeat(43);
    const code = fake.authorize({ clientKey: fake.clientKey, redirectUri: REDIRECT, codeChallenge: createHash('sha256').update(verifier).digest('hex') });
    const c = await tiktokConnector.exchange({ http: fetch, clock: systemClock, baseUrl: fake.url }, { code, codeVerifier: verifier, redirectUri: REDIRECT, clientId: fake.clientKey, clientSecret: fake.clientSecret });
    return { fake, ctx: ctxOf('tiktok', c, fake.url) };
  }
  const client = createTikTokClient({ pollIntervalMs: 5 });

  it('publishes 35 photos, and refuses 36 before calling TikTok', async () => {
    expect(most('tiktok')).toBe(35);
    const { fake, ctx } = await start();
    const out = await client.publish(ctx, post('Thirty-five', photos(35, (i, b) => fake.hostMedia(`p${i}.jpg`, b, 'image/jpeg'))));
    expect(out.kind).toBe('published');
    expect(fake.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/media/p'))).toHaveLength(35);

    const before = fake.requests.length;
    const over = await client.publish(ctx, post('Thirty-six', photos(36, (i, b) => fake.hostMedia(`q${i}.jpg`, b, 'image/jpeg'))));
    expect(over).toMatchObject({ kind: 'failed', reason: 'A TikTok photo post takes at most 35 photos.' });
    expect(fake.requests.length).toBe(before);
  });

  it('the fake refuses 36 photos, as TikTok does', async () => {
    const { fake, ctx } = await start();
    const res = await fetch(`${fake.url}/v2/post/publish/content/init/`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ctx.credentials.accessToken}`, 'Content-Type': 'application/json; charset=UTF-8' },
      body: JSON.stringify({
        media_type: 'PHOTO',
        post_mode: 'DIRECT_POST',
        post_info: { title: 'Too many', description: 'Too many', privacy_level: fake.privacyOptions()[0] },
        source_info: { source: 'PULL_FROM_URL', photo_cover_index: 0, photo_images: Array.from({ length: 36 }, (_, i) => fake.hostMedia(`r${i}.jpg`, randomBytes(100), 'image/jpeg')) },
      }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_params', message: 'photo_images must hold 1 to 35 URLs.' } });
    expect(fake.videos).toHaveLength(0);
  });
});
