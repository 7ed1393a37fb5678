import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock, type Clock, type Logger } from '../../../electron/core/deps';
import { createInstagramClient, instagramConnector } from '../../../electron/core/platforms/instagram';
import type { ClientContext, ConnectResult, MediaItem, PublishRequest } from '../../../electron/core/platforms/types';
import { startInstagramFake, type InstagramFake } from '../../fakes/instagram';
import { judge as judgeMetricsError } from '../../../electron/core/analytics/collect/outcome';

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0xff, 0xd9]);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
const MP4 = Uint8Array.from([0, 0, 0, 0x18, ...Buffer.from('ftypmp42'), 0, 0, 0, 0, ...Buffer.from('isommp42')]);
const REDIRECT = 'http://127.0.0.1:53682/callback';
const log: Logger = { log() {}, debug() {}, info() {}, warn() {}, error() {} };
const client = createInstagramClient({ poll: { firstDelayMs: 5, maxDelayMs: 20, maxWaitMs: 2_000 } });

let fake: InstagramFake;
let t0: number;
/** The client's clock stands still (so `until` values are exact); its timers are real. */
const clock: Clock = { now: () => t0, setTimer: (ms, fn) => systemClock.setTimer(ms, fn) };

beforeEach(async () => {
  fake = await startInstagramFake();
  t0 = Date.now();
});
afterEach(async () => {
  await fake.stop();
});

async function connect(): Promise<ConnectResult> {
  const code = fake.authorize({ redirectUri: REDIRECT, scopes: instagramConnector.defaultScopes });
  return instagramConnector.exchange(
    { http: fetch, clock, baseUrl: fake.url },
    { code, codeVerifier: 'unused', redirectUri: REDIRECT, clientId: fake.clientId, clientSecret: fake.clientSecret },
  );
}

function ctxOf(c: ConnectResult, extra: Partial<ClientContext> = {}): ClientContext {
  return {
    http: fetch,
    clock,
    log,
    credentials: c.credentials,
    account: { id: 'acct-ig', platform: 'instagram', handle: c.profile.handle, baseUrl: fake.url, platformUserId: c.profile.platformUserId },
    ...extra,
  };
}

function media(name: string, bytes: Uint8Array, mime: string, altText: string | null = null, servedAs = mime): MediaItem {
  const url = fake.serveFile(name, bytes, servedAs);
  return { hash: name, mime, bytes: bytes.length, altText, read: async () => bytes, publicUrl: async () => url };
}

const post = (text: string, items: MediaItem[], extra: Partial<PublishRequest> = {}): PublishRequest => ({
  idempotencyKey: `target-${text.length}`,
  text,
  media: items,
  attemptStartedAt: clock.now(),
  ...extra,
});

const posts = () => fake.requests.filter((r) => r.method === 'POST' && !r.path.startsWith('/oauth')).length;

describe('Instagram connect', () => {
  it('builds the Instagram Login consent URL with the business scopes and no PKCE', () => {
    const url = new URL(
      instagramConnector.authorizationUrl({ baseUrl: 'https://graph.instagram.com', clientId: '990602627938098', redirectUri: REDIRECT, state: 'st-1', codeChallenge: 'ch', scopes: instagramConnector.defaultScopes }),
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://www.instagram.com/oauth/authorize');
    expect(url.searchParams.get('client_id')).toBe('990602627938098');
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('state')).toBe('st-1');
    expect(url.searchParams.get('scope')!.split(',')).toEqual(
      expect.arrayContaining(['instagram_business_basic', 'instagram_business_content_publish', 'instagram_business_manage_insights']),
    );
    expect(url.searchParams.has('code_challenge')).toBe(false);
  });

  it('exchanges the code from the consent redirect for a 60-day token and the professional account', async () => {
    const consent = instagramConnector.authorizationUrl({ baseUrl: fake.url, clientId: fake.clientId, redirectUri: REDIRECT, state: 'st-2', codeChallenge: 'ch', scopes: instagramConnector.defaultScopes });
    const res = await fetch(consent, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    expect(back.searchParams.get('state')).toBe('st-2');
    const r = await instagramConnector.exchange(
      { http: fetch, clock, baseUrl: fake.url },
      { code: back.searchParams.get('code')!, codeVerifier: 'unused', redirectUri: REDIRECT, clientId: fake.clientId, clientSecret: fake.clientSecret },
    );
    expect(r.profile).toEqual({ handle: 'loomcast.studio', displayName: 'Loomcast Studio', platformUserId: fake.user.id });
    expect(r.credentials.expiresAt).toBe(t0 + 60 * 86_400_000);
    expect(fake.oauth.info.get(r.credentials.accessToken)?.kind).toBe('long');
  });

  it('refuses to connect without the app secret', async () => {
    const code = fake.authorize({ redirectUri: REDIRECT, scopes: ['instagram_business_basic'] });
    await expect(instagramConnector.exchange({ http: fetch, clock, baseUrl: fake.url }, { code, codeVerifier: 'v', redirectUri: REDIRECT, clientId: fake.clientId })).rejects.toThrow(/secret/);
  });
});

describe('Instagram publish', () => {
  it('publishes a photo with alt text through a container and returns its permalink', async () => {
    const c = await connect();
    const out = await client.publish(ctxOf(c), post('Morning light #studio', [media('a.jpg', JPEG, 'image/jpeg', 'A desk by a window')]));
    expect(out).toMatchObject({ kind: 'published', url: expect.stringMatching(/^https:\/\/www\.instagram\.com\/p\/[\w-]+\/$/) });
    expect(fake.posts).toHaveLength(1);
    expect(fake.posts[0]).toMatchObject({ text: 'Morning light #studio', data: { kind: 'IMAGE', altText: 'A desk by a window' } });
    // Polled until FINISHED (one IN_PROGRESS answer first), then published.
    const [container] = [...fake.containers.keys()];
    expect(fake.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/${container}`)).length).toBeGreaterThanOrEqual(2);
  });

  it('gives up without publishing while Instagram keeps processing the media', async () => {
    fake.pollsBeforeFinished = 1_000;
    const c = await connect();
    const impatient = createInstagramClient({ poll: { firstDelayMs: 5, maxDelayMs: 10, maxWaitMs: 30 } });
    const out = await impatient.publish(ctxOf(c), post('Slow media', [media('slow.jpg', JPEG, 'image/jpeg')]));
    expect(out).toMatchObject({ kind: 'transient', reason: expect.stringMatching(/still processing/) });
    expect(fake.requests.some((r) => r.path.endsWith('/media_publish'))).toBe(false);
  });

  it('waits longer for a Reel than for a photo, so a video that takes a while to process still goes out', async () => {
    fake.pollsBeforeFinished = 8;
    const c = await connect();
    const patient = createInstagramClient({ poll: { firstDelayMs: 5, maxDelayMs: 10, maxWaitMs: 30, videoMaxWaitMs: 2_000 } });
    expect(await patient.publish(ctxOf(c), post('Slow photo', [media('sp.jpg', JPEG, 'image/jpeg')]))).toMatchObject({ kind: 'transient' });
    const out = await patient.publish(ctxOf(c), post('Slow reel', [media('sr.mp4', MP4, 'video/mp4')]));
    expect(out).toMatchObject({ kind: 'published', url: expect.stringContaining('/reel/') });
    expect(fake.posts).toHaveLength(1);
  });

  it('shares one wait between the containers of a carousel, so a post with videos ends before the publish timeout', async () => {
    fake.pollsBeforeFinished = 6;
    const c = await connect();
    const impatient = createInstagramClient({ poll: { firstDelayMs: 5, maxDelayMs: 10, maxWaitMs: 10, videoMaxWaitMs: 60 } });
    const items = [media('c1.mp4', MP4, 'video/mp4'), media('c2.mp4', MP4, 'video/mp4'), media('c3.mp4', MP4, 'video/mp4')];
    // Each child alone fits in 60 ms of waiting (5+10+10+10+10+10); three in a row do not.
    const out = await impatient.publish(ctxOf(c), post('Three clips', items));
    expect(out).toMatchObject({ kind: 'transient', reason: expect.stringMatching(/still processing/) });
    expect(fake.requests.some((r) => r.path.endsWith('/media_publish'))).toBe(false);
  });

  it('creates every carousel item before waiting, so their processing overlaps and the post fits its wait', async () => {
    fake.pollsBeforeFinished = 0;
    fake.processingMs = 80;
    const c = await connect();
    const patient = createInstagramClient({ poll: { firstDelayMs: 5, maxDelayMs: 10, maxWaitMs: 10, videoMaxWaitMs: 150 } });
    const items = [media('o1.mp4', MP4, 'video/mp4'), media('o2.mp4', MP4, 'video/mp4'), media('o3.mp4', MP4, 'video/mp4')];
    // One after another, three 80 ms waits would not fit in 150 ms; side by side they do.
    expect((await patient.publish(ctxOf(c), post('Overlapping clips', items))).kind).toBe('published');
  });

  it('publishes a carousel of photos and a video as one post', async () => {
    const c = await connect();
    const items = [media('1.jpg', JPEG, 'image/jpeg', 'first'), media('2.jpg', JPEG, 'image/jpeg'), media('3.mp4', MP4, 'video/mp4')];
    const out = await client.publish(ctxOf(c), post('Three frames', items));
    expect(out.kind).toBe('published');
    const m = fake.media.get((out as { platformPostId: string }).platformPostId)!;
    expect(m).toMatchObject({ mediaType: 'CAROUSEL_ALBUM', caption: 'Three frames' });
    expect(m.children).toHaveLength(3);
  });

  it('publishes a single video as a Reel', async () => {
    const c = await connect();
    const out = await client.publish(ctxOf(c), post('Timelapse', [media('v.mp4', MP4, 'video/mp4')]));
    expect(out).toMatchObject({ kind: 'published', url: expect.stringContaining('/reel/') });
  });

  it('adds a first comment under the published post', async () => {
    const c = await connect();
    const root = await client.publish(ctxOf(c), post('With a comment', [media('c.jpg', JPEG, 'image/jpeg')]));
    const rootId = (root as { platformPostId: string }).platformPostId;
    const out = await client.publish(ctxOf(c), post('Links in bio', [], { replyTo: { platformPostId: rootId, rootPostId: rootId, kind: 'comment' } }));
    expect(out).toMatchObject({ kind: 'published', url: null });
    expect([...fake.comments.values()]).toEqual([expect.objectContaining({ mediaId: rootId, text: 'Links in bio' })]);
  });

  it('fails with Instagram\'s words when the post to comment on is gone', async () => {
    const c = await connect();
    const out = await client.publish(ctxOf(c), post('Orphan comment', [], { replyTo: { platformPostId: '404404', rootPostId: '404404', kind: 'comment' } }));
    expect(out).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/^Instagram refused adding the first comment: Unsupported get request/), details: expect.stringMatching(/^HTTP 400: .*"code":100/) });
  });

  it('fails and asks for a reconnect when a permission was not granted', async () => {
    const code = fake.authorize({ redirectUri: REDIRECT, scopes: ['instagram_business_basic', 'instagram_business_content_publish'] });
    const c = await instagramConnector.exchange({ http: fetch, clock, baseUrl: fake.url }, { code, codeVerifier: 'v', redirectUri: REDIRECT, clientId: fake.clientId, clientSecret: fake.clientSecret });
    const root = await client.publish(ctxOf(c), post('No comments allowed', [media('nc.jpg', JPEG, 'image/jpeg')]));
    const rootId = (root as { platformPostId: string }).platformPostId;
    const out = await client.publish(ctxOf(c), post('First', [], { replyTo: { platformPostId: rootId, rootPostId: rootId, kind: 'comment' } }));
    expect(out).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/lacks a permission.*Reconnect/) });
  });

  it('refuses a text-only post without calling Instagram', async () => {
    const c = await connect();
    const out = await client.publish(ctxOf(c), post('Just words', []));
    expect(out).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/no text-only posts/) });
    expect(posts()).toBe(0);
  });

  it('refuses a caption with more than 30 hashtags', async () => {
    const c = await connect();
    const tags = Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(' ');
    const out = await client.publish(ctxOf(c), post(tags, [media('h.jpg', JPEG, 'image/jpeg')]));
    expect(out).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/31 hashtags/) });
    expect(posts()).toBe(0);
  });

  it('fails when Instagram finds the file is not a JPEG, and publishes nothing', async () => {
    const c = await connect();
    const out = await client.publish(ctxOf(c), post('Not really a JPEG', [media('p.jpg', PNG, 'image/jpeg')]));
    expect(out).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/could not use the media.*JPEG/) });
    expect(fake.posts).toHaveLength(0);
  });

  it('fails when Instagram cannot fetch the media URL', async () => {
    const c = await connect();
    const gone: MediaItem = { hash: 'x', mime: 'image/jpeg', bytes: 10, altText: null, read: async () => JPEG, publicUrl: async () => `${fake.files.url}/missing.jpg` };
    const out = await client.publish(ctxOf(c), post('Gone', [gone]));
    expect(out).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/Media download has failed/) });
    expect(fake.posts).toHaveLength(0);
  });

  it('is transient when Instagram cannot be reached at all', async () => {
    const c = await connect();
    await fake.stop();
    const out = await client.publish(ctxOf(c), post('Offline', [media('o.jpg', JPEG, 'image/jpeg')]));
    expect(out.kind).toBe('transient');
    fake = await startInstagramFake();
  });
});

describe('Instagram metrics and refresh', () => {
  it('maps insights to a snapshot, with metrics Meta has no data for as null', async () => {
    const c = await connect();
    const out = await client.publish(ctxOf(c), post('Counted', [media('m.jpg', JPEG, 'image/jpeg')]));
    const id = (out as { platformPostId: string }).platformPostId;
    expect(await client.metrics(ctxOf(c), id)).toEqual({ views: null, likes: null, replies: null, shares: null, saves: null });
    fake.setInsights(id, { views: 120, reach: 90, likes: 7, comments: 2, saved: 1 });
    expect(await client.metrics(ctxOf(c), id)).toEqual({ views: 120, likes: 7, replies: 2, shares: null, saves: 1 });
  });

  it('tells the metrics collector a deleted post is gone, a throttle when to look again, and an ended sign-in or missing permission apart', async () => {
    const c = await connect();
    const id = (await client.publish(ctxOf(c), post('Counted later', [media('ml.jpg', JPEG, 'image/jpeg')])) as { platformPostId: string }).platformPostId;
    const verdict = async (ctx: ClientContext, mediaId: string) => judgeMetricsError(await client.metrics(ctx, mediaId).then(() => null, (e: unknown) => e), 'instagram', t0);
    // Graph answers all of these with HTTP 400; only the error code tells them apart.
    expect(await verdict(ctxOf(c), '17999999999999999')).toMatchObject({ status: 'not_found' });
    fake.faultAt('insights', { kind: 'rate_limit', resetInSeconds: 600 });
    expect(await verdict(ctxOf(c), id)).toEqual({ status: 'rate_limited', detail: expect.any(String), retryAt: t0 + 10 * 60_000 });
    const code = fake.authorize({ redirectUri: REDIRECT, scopes: ['instagram_business_basic', 'instagram_business_content_publish'] });
    const noInsights = await instagramConnector.exchange({ http: fetch, clock, baseUrl: fake.url }, { code, codeVerifier: 'v', redirectUri: REDIRECT, clientId: fake.clientId, clientSecret: fake.clientSecret });
    expect(await verdict(ctxOf(noInsights), id)).toMatchObject({ status: 'permission_required', detail: expect.stringContaining('instagram_business_manage_insights') });
    fake.now = () => Date.now() + 61 * 86_400_000;
    expect(await verdict(ctxOf(c), id)).toMatchObject({ status: 'permission_required', detail: expect.stringMatching(/reconnect/i) });
  });

  it('renews a token once it is 24 hours old, and not before', async () => {
    const c = await connect();
    const early = await client.refresh(ctxOf(c));
    expect(early).toMatchObject({ ok: false, reason: expect.stringMatching(/24 hours/) });
    fake.now = () => Date.now() + 25 * 3_600_000;
    t0 += 25 * 3_600_000;
    const later = await client.refresh(ctxOf(c));
    if (!later.ok) throw new Error(later.reason);
    expect(later.credentials.accessToken).not.toBe(c.credentials.accessToken);
    expect(later.credentials.expiresAt).toBe(t0 + 60 * 86_400_000);
    const out = await client.publish(ctxOf({ ...c, credentials: later.credentials }), post('After renewal', [media('r.jpg', JPEG, 'image/jpeg')]));
    expect(out.kind).toBe('published');
  });

  it('asks for a reconnect when the token already expired', async () => {
    const c = await connect();
    const r = await client.refresh(ctxOf({ ...c, credentials: { ...c.credentials, expiresAt: t0 - 1 } }));
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/reconnect/) });
  });
});

describe('Instagram faults', () => {
  it('is rate limited until the usage header says access returns', async () => {
    const c = await connect();
    fake.fault({ kind: 'rate_limit', resetInSeconds: 120 });
    const out = await client.publish(ctxOf(c), post('Too fast', [media('rl.jpg', JPEG, 'image/jpeg')]));
    expect(out).toMatchObject({ kind: 'rate_limited', until: t0 + 2 * 60_000 });
    expect(fake.posts).toHaveLength(0);
  });

  it('waits for the oldest post to leave the 24-hour window when the publishing cap is reached', async () => {
    fake.quotaTotal = 1;
    const c = await connect();
    expect((await client.publish(ctxOf(c), post('First of the day', [media('q1.jpg', JPEG, 'image/jpeg')]))).kind).toBe('published');
    const first = [...fake.media.values()][0]!;
    const out = await client.publish(ctxOf(c), post('One too many', [media('q2.jpg', JPEG, 'image/jpeg')]));
    expect(out).toMatchObject({ kind: 'rate_limited', until: Math.floor(first.createdAt / 1000) * 1000 + 86_400_000, reason: expect.stringMatching(/24 hours/) });
    expect(fake.posts).toHaveLength(1);
  });

  it('is transient on a server error while preparing the media', async () => {
    const c = await connect();
    fake.faultAt('container', { kind: 'server_error' });
    const out = await client.publish(ctxOf(c), post('Prep fails', [media('s0.jpg', JPEG, 'image/jpeg')]));
    expect(out).toMatchObject({ kind: 'transient', reason: expect.stringMatching(/nothing was published/) });
  });

  it('is unknown on a server error from media_publish, and reconcile finds nothing', async () => {
    const c = await connect();
    fake.faultAt('publish', { kind: 'server_error', status: 503 });
    const req = post('Server hiccup', [media('s.jpg', JPEG, 'image/jpeg')]);
    expect((await client.publish(ctxOf(c), req)).kind).toBe('unknown');
    expect(await client.reconcile(ctxOf(c), req)).toEqual({ kind: 'not_found' });
  });

  it('is unknown when media_publish times out after Instagram accepted it, and reconcile finds the post', async () => {
    const c = await connect();
    fake.faultAt('publish', { kind: 'timeout_after_accept' });
    const req = post('Slow answer', [media('t.jpg', JPEG, 'image/jpeg')]);
    expect((await client.publish(ctxOf(c, { signal: AbortSignal.timeout(300) }), req)).kind).toBe('unknown');
    const found = await client.reconcile(ctxOf(c), req);
    const made = [...fake.media.values()][0]!;
    expect(found).toEqual({ kind: 'found', platformPostId: made.id, url: made.permalink });
    expect(fake.duplicates()).toBe(0);
  });

  it('cannot tell a lost photo without a caption from another one posted since, so it never claims it', async () => {
    const c = await connect();
    expect((await client.publish(ctxOf(c), post('', [media('a.jpg', JPEG, 'image/jpeg')]))).kind).toBe('published');
    t0 += 60_000;
    fake.faultAt('publish', { kind: 'server_error', status: 503 });
    const req = post('', [media('b.jpg', JPEG, 'image/jpeg')], { idempotencyKey: 'target-b' });
    expect((await client.publish(ctxOf(c), req)).kind).toBe('unknown');
    expect(fake.media.size).toBe(1);
    expect(await client.reconcile(ctxOf(c), req)).toEqual({ kind: 'cannot_tell', reason: expect.stringMatching(/no text/) });
  });

  it('is unknown when the connection resets, reconcile finds nothing, and publishing again posts once', async () => {
    const c = await connect();
    fake.faultAt('publish', { kind: 'reset_before_send' });
    const req = post('Cut off', [media('x.jpg', JPEG, 'image/jpeg')]);
    expect((await client.publish(ctxOf(c), req)).kind).toBe('unknown');
    expect(await client.reconcile(ctxOf(c), req)).toEqual({ kind: 'not_found' });
    expect((await client.publish(ctxOf(c), req)).kind).toBe('published');
    expect(fake.posts).toHaveLength(1);
  });

  it('reports an expired token, asks for a reconnect (an expired token cannot be renewed), then publishes', async () => {
    const c = await connect();
    fake.fault({ kind: 'expired_token' });
    const req = post('After expiry', [media('e.jpg', JPEG, 'image/jpeg')]);
    expect((await client.publish(ctxOf(c), req)).kind).toBe('expired_token');
    expect(await client.refresh(ctxOf(c))).toMatchObject({ ok: false, reason: expect.stringMatching(/reconnect/) });
    const again = await connect();
    expect((await client.publish(ctxOf(again), req)).kind).toBe('published');
    expect(fake.posts).toHaveLength(1);
  });

  it('settles a first comment that timed out by finding it under the post', async () => {
    const c = await connect();
    const root = await client.publish(ctxOf(c), post('Root', [media('root.jpg', JPEG, 'image/jpeg')]));
    const rootId = (root as { platformPostId: string }).platformPostId;
    fake.faultAt('comment', { kind: 'timeout_after_accept' });
    const req = post('First!', [], { replyTo: { platformPostId: rootId, rootPostId: rootId, kind: 'comment' } });
    expect((await client.publish(ctxOf(c, { signal: AbortSignal.timeout(300) }), req)).kind).toBe('unknown');
    expect(await client.reconcile(ctxOf(c), req)).toMatchObject({ kind: 'found', url: null });
    expect(fake.duplicates()).toBe(0);
  });

  it("does not take a follower's comment with the same words for a lost first comment", async () => {
    const c = await connect();
    const root = await client.publish(ctxOf(c), post('Giveaway', [media('g.jpg', JPEG, 'image/jpeg')]));
    const rootId = (root as { platformPostId: string }).platformPostId;
    fake.faultAt('comment', { kind: 'reset_before_send' });
    const req = post('Link in bio', [], { replyTo: { platformPostId: rootId, rootPostId: rootId, kind: 'comment' } });
    expect((await client.publish(ctxOf(c), req)).kind).toBe('unknown');
    const theirs = fake.commentAs(rootId, 'a.follower', 'Link in bio');
    expect(await client.reconcile(ctxOf(c), req)).toEqual({ kind: 'not_found' });
    const ours = await client.publish(ctxOf(c), req);
    expect(ours.kind).toBe('published');
    const found = await client.reconcile(ctxOf(c), req);
    expect(found).toMatchObject({ kind: 'found', platformPostId: (ours as { platformPostId: string }).platformPostId });
    expect(found).not.toMatchObject({ platformPostId: theirs.id });
  });
});
