import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock, type Clock, type Logger } from '../../../electron/core/deps';
import { createThreadsClient, threadsConnector } from '../../../electron/core/platforms/threads';
import type { ClientContext, ConnectResult, MediaItem, PublishOutcome, PublishRequest } from '../../../electron/core/platforms/types';
import { startThreadsFake, type ThreadsFake } from '../../fakes/threads';
import { judge as judgeMetricsError } from '../../../electron/core/analytics/collect/outcome';

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0xff, 0xd9]);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
const MP4 = Uint8Array.from([0, 0, 0, 0x18, ...Buffer.from('ftypmp42'), 0, 0, 0, 0, ...Buffer.from('isommp42')]);
const REDIRECT = 'http://127.0.0.1:53682/callback';
const log: Logger = { log() {}, debug() {}, info() {}, warn() {}, error() {} };
const client = createThreadsClient({ poll: { firstDelayMs: 5, maxDelayMs: 20, maxWaitMs: 2_000 } });

let fake: ThreadsFake;
let t0: number;
/** The client's clock stands still (so `until` values are exact); its timers are real. */
const clock: Clock = { now: () => t0, setTimer: (ms, fn) => systemClock.setTimer(ms, fn) };

beforeEach(async () => {
  fake = await startThreadsFake();
  t0 = Date.now();
});
afterEach(async () => {
  await fake.stop();
});

async function connect(): Promise<ConnectResult> {
  const code = fake.authorize({ redirectUri: REDIRECT, scopes: threadsConnector.defaultScopes });
  return threadsConnector.exchange(
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
    account: { id: 'acct-th', platform: 'threads', handle: c.profile.handle, baseUrl: fake.url, platformUserId: c.profile.platformUserId },
    ...extra,
  };
}

function media(name: string, bytes: Uint8Array, mime: string, altText: string | null = null): MediaItem {
  const url = fake.serveFile(name, bytes, mime);
  return { hash: name, mime, bytes: bytes.length, altText, read: async () => bytes, publicUrl: async () => url };
}

const post = (text: string, items: MediaItem[] = [], extra: Partial<PublishRequest> = {}): PublishRequest => ({
  idempotencyKey: `target-${text.length}`,
  text,
  media: items,
  attemptStartedAt: clock.now(),
  ...extra,
});

const idOf = (out: PublishOutcome) => {
  if (out.kind !== 'published') throw new Error(`expected published, got ${JSON.stringify(out)}`);
  return out.platformPostId;
};
const writes = () => fake.requests.filter((r) => r.method === 'POST' && !r.path.startsWith('/oauth')).length;

describe('Threads connect', () => {
  it('builds the threads.net consent URL with the publishing and insights scopes', () => {
    const url = new URL(
      threadsConnector.authorizationUrl({ baseUrl: 'https://graph.threads.net', clientId: '1234567890123456', redirectUri: REDIRECT, state: 'st-1', codeChallenge: 'ch', scopes: threadsConnector.defaultScopes }),
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://threads.net/oauth/authorize');
    expect(url.searchParams.get('client_id')).toBe('1234567890123456');
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('state')).toBe('st-1');
    expect(url.searchParams.get('scope')!.split(',')).toEqual(expect.arrayContaining(['threads_basic', 'threads_content_publish', 'threads_manage_insights']));
  });

  it('exchanges the code from the consent redirect for a 60-day token and the profile', async () => {
    const consent = threadsConnector.authorizationUrl({ baseUrl: fake.url, clientId: fake.clientId, redirectUri: REDIRECT, state: 'st-2', codeChallenge: 'ch', scopes: threadsConnector.defaultScopes });
    const res = await fetch(consent, { redirect: 'manual' });
    const back = new URL(res.headers.get('location')!);
    expect(back.searchParams.get('state')).toBe('st-2');
    const r = await threadsConnector.exchange(
      { http: fetch, clock, baseUrl: fake.url },
      { code: back.searchParams.get('code')!, codeVerifier: 'unused', redirectUri: REDIRECT, clientId: fake.clientId, clientSecret: fake.clientSecret },
    );
    expect(r.profile).toEqual({ handle: 'loomcast.studio', displayName: 'Loomcast Studio', platformUserId: fake.user.id });
    expect(r.credentials.expiresAt).toBe(t0 + 60 * 86_400_000);
  });

  it('says why when the code was already used', async () => {
    const code = fake.authorize({ redirectUri: REDIRECT, scopes: ['threads_basic'] });
    const p = { code, codeVerifier: 'v', redirectUri: REDIRECT, clientId: fake.clientId, clientSecret: fake.clientSecret };
    await threadsConnector.exchange({ http: fetch, clock, baseUrl: fake.url }, p);
    await expect(threadsConnector.exchange({ http: fetch, clock, baseUrl: fake.url }, p)).rejects.toThrow(/used or has expired/);
  });
});

describe('Threads publish', () => {
  it('publishes a text post at once, without waiting on the container', async () => {
    const c = await connect();
    const out = await client.publish(ctxOf(c), post('Hello from Loomcast'));
    expect(out).toMatchObject({ kind: 'published', url: expect.stringMatching(/^https:\/\/www\.threads\.net\/@loomcast\.studio\/post\//) });
    expect(fake.posts).toEqual([expect.objectContaining({ text: 'Hello from Loomcast', data: expect.objectContaining({ kind: 'TEXT' }) })]);
    const [container] = [...fake.containers.keys()];
    expect(fake.requests.some((r) => r.method === 'GET' && r.path.endsWith(`/${container}`))).toBe(false);
  });

  it('publishes an image with alt text once its container is finished', async () => {
    const c = await connect();
    const out = await client.publish(ctxOf(c), post('A photo', [media('a.png', PNG, 'image/png', 'A red door')]));
    expect(out.kind).toBe('published');
    expect(fake.posts[0]).toMatchObject({ data: { kind: 'IMAGE', altText: 'A red door' } });
    const [container] = [...fake.containers.keys()];
    expect(fake.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/${container}`)).length).toBeGreaterThanOrEqual(2);
  });

  it('publishes a video, and a carousel of an image and a video', async () => {
    const c = await connect();
    expect((await client.publish(ctxOf(c), post('A clip', [media('v.mp4', MP4, 'video/mp4')]))).kind).toBe('published');
    const out = await client.publish(ctxOf(c), post('Two things', [media('1.jpg', JPEG, 'image/jpeg'), media('2.mp4', MP4, 'video/mp4')]));
    const m = fake.media.get(idOf(out))!;
    expect(m).toMatchObject({ mediaType: 'CAROUSEL_ALBUM', text: 'Two things' });
    expect(m.children).toHaveLength(2);
  });

  it('waits longer for a video than for an image, so a video that takes a while to process still goes out', async () => {
    fake.pollsBeforeFinished = 8;
    const c = await connect();
    const patient = createThreadsClient({ poll: { firstDelayMs: 5, maxDelayMs: 10, maxWaitMs: 30, videoMaxWaitMs: 2_000 } });
    expect(await patient.publish(ctxOf(c), post('Slow image', [media('si.jpg', JPEG, 'image/jpeg')]))).toMatchObject({ kind: 'transient' });
    expect((await patient.publish(ctxOf(c), post('Slow clip', [media('sv.mp4', MP4, 'video/mp4')]))).kind).toBe('published');
    expect(fake.posts).toHaveLength(1);
  });

  it('chains a thread and a first comment as replies to the post before', async () => {
    const c = await connect();
    const root = idOf(await client.publish(ctxOf(c), post('1/ A thread')));
    const second = idOf(await client.publish(ctxOf(c), post('2/ goes on', [], { replyTo: { platformPostId: root, rootPostId: root, kind: 'thread' } })));
    const comment = idOf(await client.publish(ctxOf(c), post('Sources below', [], { replyTo: { platformPostId: second, rootPostId: root, kind: 'comment' } })));
    expect(fake.media.get(second)?.replyTo).toBe(root);
    expect(fake.media.get(comment)?.replyTo).toBe(second);
  });

  it('fails with Threads\' words when the post to reply to does not exist', async () => {
    const c = await connect();
    const out = await client.publish(ctxOf(c), post('Into the void', [], { replyTo: { platformPostId: '404404', rootPostId: '404404', kind: 'thread' } }));
    expect(out).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/^Threads refused preparing the post: .*reply_to_id/), details: expect.stringMatching(/"code":100/) });
    expect(fake.posts).toHaveLength(0);
  });

  it('counts emoji as their UTF-8 bytes against the 500 limit', async () => {
    const c = await connect();
    const over = await client.publish(ctxOf(c), post(`${'a'.repeat(497)}😀`));
    expect(over).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/501.*500/) });
    expect(writes()).toBe(0);
    expect((await client.publish(ctxOf(c), post(`${'a'.repeat(496)}😀`))).kind).toBe('published');
  });

  it('refuses more than 5 different links before calling Threads, which fails such a post (and the fake does too)', async () => {
    const c = await connect();
    const text = Array.from({ length: 6 }, (_, i) => `https://example.com/${i}`).join(' ');
    expect(await client.publish(ctxOf(c), post(text))).toMatchObject({ kind: 'failed', reason: 'The text does not fit Threads: 6 links; Threads allows at most 5 per post.' });
    expect(writes()).toBe(0);
    const raw = await fetch(`${fake.url}/v1.0/${c.profile.platformUserId}/threads?access_token=${encodeURIComponent(c.credentials.accessToken)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ media_type: 'TEXT', text }).toString(),
    });
    expect(raw.status).toBe(400);
    expect(JSON.stringify(await raw.json())).toContain('THREADS_API__LINK_LIMIT_EXCEEDED');
    expect((await client.publish(ctxOf(c), post(text.replace(' https://example.com/5', ''))))).toMatchObject({ kind: 'published' });
  });

  it('refuses an empty post and a file type Threads does not take, without calling Threads', async () => {
    const c = await connect();
    expect(await client.publish(ctxOf(c), post('   '))).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/empty/) });
    expect(await client.publish(ctxOf(c), post('gif', [media('g.gif', PNG, 'image/gif')]))).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/JPEG or PNG/) });
    expect(writes()).toBe(0);
  });

  it('fails when Threads cannot download the video, and publishes nothing', async () => {
    const c = await connect();
    const gone: MediaItem = { hash: 'x', mime: 'video/mp4', bytes: 10, altText: null, read: async () => MP4, publicUrl: async () => `${fake.files.url}/missing.mp4` };
    const out = await client.publish(ctxOf(c), post('Gone', [gone]));
    expect(out).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/could not download the video.*FAILED_DOWNLOADING_VIDEO/) });
    expect(fake.posts).toHaveLength(0);
  });
});

describe('Threads metrics and refresh', () => {
  it('maps insights to a snapshot, with metrics not reported yet as null', async () => {
    const c = await connect();
    const id = idOf(await client.publish(ctxOf(c), post('Counted')));
    expect(await client.metrics(ctxOf(c), id)).toEqual({ views: null, likes: null, replies: null, reposts: null, quotes: null, shares: null });
    fake.setInsights(id, { views: 300, likes: 12, replies: 3, reposts: 2, quotes: 1, shares: 4 });
    expect(await client.metrics(ctxOf(c), id)).toEqual({ views: 300, likes: 12, replies: 3, reposts: 2, quotes: 1, shares: 4 });
  });

  it('tells the metrics collector a deleted post is gone, a throttle when to look again, and an ended sign-in or missing permission apart', async () => {
    const c = await connect();
    const id = idOf(await client.publish(ctxOf(c), post('Counted later')));
    const verdict = async (ctx: ClientContext, mediaId: string) => judgeMetricsError(await client.metrics(ctx, mediaId).then(() => null, (e: unknown) => e), 'threads', t0);
    // Graph answers all of these with HTTP 400; only the error code tells them apart.
    expect(await verdict(ctxOf(c), '17999999999999999')).toMatchObject({ status: 'not_found' });
    fake.faultAt('insights', { kind: 'rate_limit', resetInSeconds: 600 });
    // Threads sends no usage headers: Meta's one-hour window.
    expect(await verdict(ctxOf(c), id)).toEqual({ status: 'rate_limited', detail: expect.any(String), retryAt: t0 + 60 * 60_000 });
    const code = fake.authorize({ redirectUri: REDIRECT, scopes: ['threads_basic', 'threads_content_publish'] });
    const noInsights = await threadsConnector.exchange({ http: fetch, clock, baseUrl: fake.url }, { code, codeVerifier: 'v', redirectUri: REDIRECT, clientId: fake.clientId, clientSecret: fake.clientSecret });
    expect(await verdict(ctxOf(noInsights), id)).toMatchObject({ status: 'permission_required', detail: expect.stringContaining('threads_manage_insights') });
    fake.now = () => Date.now() + 61 * 86_400_000;
    expect(await verdict(ctxOf(c), id)).toMatchObject({ status: 'permission_required', detail: expect.stringMatching(/reconnect/i) });
  });

  it('renews a token once it is 24 hours old, and not before', async () => {
    const c = await connect();
    expect(await client.refresh(ctxOf(c))).toMatchObject({ ok: false, reason: expect.stringMatching(/24 hours/) });
    fake.now = () => Date.now() + 25 * 3_600_000;
    t0 += 25 * 3_600_000;
    const later = await client.refresh(ctxOf(c));
    if (!later.ok) throw new Error(later.reason);
    expect(later.credentials.accessToken).not.toBe(c.credentials.accessToken);
    expect(later.credentials.expiresAt).toBe(t0 + 60 * 86_400_000);
    expect((await client.publish(ctxOf({ ...c, credentials: later.credentials }), post('After renewal'))).kind).toBe('published');
  });

  it('asks for a reconnect when the token already expired', async () => {
    const c = await connect();
    expect(await client.refresh(ctxOf({ ...c, credentials: { ...c.credentials, expiresAt: t0 - 1 } }))).toMatchObject({ ok: false, reason: expect.stringMatching(/reconnect/) });
  });
});

describe('Threads faults', () => {
  it('waits Meta’s one-hour window when throttled, since Threads sends no usage headers', async () => {
    const c = await connect();
    fake.fault({ kind: 'rate_limit', resetInSeconds: 120 });
    const out = await client.publish(ctxOf(c), post('Too fast'));
    expect(out).toMatchObject({ kind: 'rate_limited', until: t0 + 3_600_000, reason: expect.stringMatching(/did not say/) });
    expect(fake.posts).toHaveLength(0);
  });

  it('waits for the oldest post to leave the 24-hour window when the 250-post cap is reached', async () => {
    fake.quotaTotal = 1;
    const c = await connect();
    idOf(await client.publish(ctxOf(c), post('First of the day')));
    const first = [...fake.media.values()][0]!;
    const out = await client.publish(ctxOf(c), post('One too many'));
    expect(out).toMatchObject({ kind: 'rate_limited', until: Math.floor(first.createdAt / 1000) * 1000 + 86_400_000, reason: expect.stringMatching(/1 posts.*24 hours/) });
    expect(fake.posts).toHaveLength(1);
  });

  it('is transient on a server error while creating the container', async () => {
    const c = await connect();
    fake.faultAt('container', { kind: 'server_error' });
    expect(await client.publish(ctxOf(c), post('Prep fails'))).toMatchObject({ kind: 'transient', reason: expect.stringMatching(/nothing was published/) });
  });

  it('is unknown on a server error from threads_publish, and reconcile finds nothing', async () => {
    const c = await connect();
    fake.faultAt('publish', { kind: 'server_error', status: 502 });
    const req = post('Server hiccup');
    expect((await client.publish(ctxOf(c), req)).kind).toBe('unknown');
    expect(await client.reconcile(ctxOf(c), req)).toEqual({ kind: 'not_found' });
  });

  it('is unknown when threads_publish times out after Threads accepted it, and reconcile finds the post', async () => {
    const c = await connect();
    fake.faultAt('publish', { kind: 'timeout_after_accept' });
    const req = post('Slow answer');
    expect((await client.publish(ctxOf(c, { signal: AbortSignal.timeout(300) }), req)).kind).toBe('unknown');
    const made = [...fake.media.values()][0]!;
    expect(await client.reconcile(ctxOf(c), req)).toEqual({ kind: 'found', platformPostId: made.id, url: made.permalink });
    expect(fake.duplicates()).toBe(0);
  });

  it('is unknown when the connection resets, reconcile finds nothing, and publishing again posts once', async () => {
    const c = await connect();
    fake.faultAt('publish', { kind: 'reset_before_send' });
    const req = post('Cut off');
    expect((await client.publish(ctxOf(c), req)).kind).toBe('unknown');
    expect(await client.reconcile(ctxOf(c), req)).toEqual({ kind: 'not_found' });
    expect((await client.publish(ctxOf(c), req)).kind).toBe('published');
    expect(fake.posts).toHaveLength(1);
  });

  it('reports an expired token, asks for a reconnect (an expired token cannot be renewed), then publishes', async () => {
    const c = await connect();
    fake.fault({ kind: 'expired_token' });
    const req = post('After expiry');
    expect((await client.publish(ctxOf(c), req)).kind).toBe('expired_token');
    expect(await client.refresh(ctxOf(c))).toMatchObject({ ok: false, reason: expect.stringMatching(/reconnect/) });
    expect((await client.publish(ctxOf(await connect()), req)).kind).toBe('published');
    expect(fake.posts).toHaveLength(1);
  });

  it('does not take the same words replying to another post for a lost reply', async () => {
    const c = await connect();
    const rootA = idOf(await client.publish(ctxOf(c), post('Post A')));
    const rootB = idOf(await client.publish(ctxOf(c), post('Post B!')));
    const comment = (to: string) => post('Link in bio 👆', [], { idempotencyKey: `comment-${to}`, replyTo: { platformPostId: to, rootPostId: to, kind: 'comment' } });
    expect((await client.publish(ctxOf(c), comment(rootA))).kind).toBe('published');
    t0 += 60_000;
    fake.faultAt('publish', { kind: 'server_error', status: 503 });
    const req = comment(rootB);
    expect((await client.publish(ctxOf(c), req)).kind).toBe('unknown');
    expect(await client.reconcile(ctxOf(c), req)).toEqual({ kind: 'not_found' });
  });

  it('cannot tell a lost image without text from another one posted since, so it never claims it', async () => {
    const c = await connect();
    expect((await client.publish(ctxOf(c), post('', [media('a.jpg', JPEG, 'image/jpeg')]))).kind).toBe('published');
    t0 += 60_000;
    fake.faultAt('publish', { kind: 'server_error', status: 503 });
    const req = post('', [media('b.jpg', JPEG, 'image/jpeg')], { idempotencyKey: 'target-b' });
    expect((await client.publish(ctxOf(c), req)).kind).toBe('unknown');
    expect(await client.reconcile(ctxOf(c), req)).toEqual({ kind: 'cannot_tell', reason: expect.stringMatching(/no text/) });
  });

  it('settles a thread reply that timed out by finding it among the account’s replies', async () => {
    const c = await connect();
    const root = idOf(await client.publish(ctxOf(c), post('Root')));
    fake.faultAt('publish', { kind: 'timeout_after_accept' });
    const req = post('2/ the reply', [], { replyTo: { platformPostId: root, rootPostId: root, kind: 'thread' } });
    expect((await client.publish(ctxOf(c, { signal: AbortSignal.timeout(300) }), req)).kind).toBe('unknown');
    const reply = [...fake.media.values()].find((m) => m.replyTo === root)!;
    expect(await client.reconcile(ctxOf(c), req)).toEqual({ kind: 'found', platformPostId: reply.id, url: reply.permalink });
    expect(fake.duplicates()).toBe(0);
  });
});
