import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { TargetMetricsStatusDto } from '../../shared/contract/features/metrics';
import { blueskyClient } from '../../electron/core/platforms/bluesky';
import { mastodonClient } from '../../electron/core/platforms/mastodon';
import { createXClient } from '../../electron/core/platforms/x';
import { BANDS, DAY_MS, HOUR_MS } from '../../electron/core/analytics/collect/schedule';
import { startBlueskyAppViewFake, type BlueskyAppViewFake } from '../fakes/bluesky-appview';
import { startMastodonFake, type StartedMastodonFake } from '../fakes/mastodon';
import { startXFake, type XFake } from '../fakes/x';
import { startTikTokFake } from '../fakes/tiktok';
import { startYouTubeFake } from '../fakes/youtube';
import { tiktokClient } from '../../electron/core/platforms/tiktok';
import { youtubeClient } from '../../electron/core/platforms/youtube';
import type { ClientContext, PlatformClient } from '../../electron/core/platforms/types';
import { PlatformError } from '../../electron/core/platforms/types';
import { call, createTestCore, type TestCore } from '../support/core';
import { FakeClock } from '../support/clock';

const MIN = 60_000;
const DID = 'did:plc:alicealicealicealice';

describe('collecting metrics from the platforms', () => {
  let t: TestCore;
  let clock: FakeClock;
  let x: XFake;
  let masto: StartedMastodonFake;
  let appview: BlueskyAppViewFake;
  let xToken: string;
  let mastoToken: string;
  let db: Database.Database;
  let updated: string[][];
  let accountIds: Record<'x' | 'mastodon' | 'bluesky', string>;

  beforeEach(async () => {
    clock = new FakeClock();
    x = await startXFake({ limits: { 'GET /2/tweets': 5 } });
    masto = await startMastodonFake();
    appview = await startBlueskyAppViewFake();
    for (const f of [x, masto, appview]) f.now = () => clock.now();
    x.accessTtlSeconds = 10 ** 9;
    xToken = x.issueToken(x.user.id, 'tweet.read tweet.write users.read offline.access').accessToken;
    mastoToken = masto.tokenFor('ada');
    appview.setProfile(DID, { handle: 'alice.test', followersCount: 120 });
    t = await createTestCore({
      clock,
      clients: { x: createXClient(), mastodon: mastodonClient, bluesky: blueskyClient },
      platformBaseUrls: { x: x.url },
      publishing: { autoStart: false, requestTimeoutMs: 10_000 },
    });
    const add = (a: Parameters<TestCore['core']['services']['accounts']['add']>[0]) => t.core.services.accounts.add(a);
    accountIds = {
      x: (await add({ platform: 'x', handle: '@loomcast_dev', platformUserId: x.user.id, credentials: { accessToken: xToken } })).id,
      mastodon: (await add({ platform: 'mastodon', handle: '@ada', serverUrl: masto.url, credentials: { accessToken: mastoToken } })).id,
      bluesky: (await add({ platform: 'bluesky', handle: 'alice.test', serverUrl: appview.url, platformUserId: DID, credentials: { accessToken: 'jwt-alice', extra: { did: DID } } })).id,
    };
    await t.core.services.scheduler.start();
    db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    updated = [];
    t.core.subscribe((event, payload) => {
      if (event === 'metrics:updated') updated.push((payload as { targetIds: string[] }).targetIds);
    });
  });

  afterEach(async () => {
    db?.close();
    await t?.close();
    for (const f of [x, masto, appview]) await f?.stop();
  });

  /** Publishes through the fakes (scheduled for the next minute); returns the posts. */
  async function publish(texts: string[], platforms: ('x' | 'mastodon')[]): Promise<PostDto[]> {
    const posts = [];
    const due = (Math.floor(clock.now() / MIN) + 1) * MIN;
    const iso = new Date(due).toISOString();
    for (const text of texts) posts.push(await call<PostDto>(t.core, 'posts:create', { text, platforms, schedule: { date: iso.slice(0, 10), time: iso.slice(11, 16), zone: 'UTC' } }));
    clock.advance(due - clock.now());
    await t.core.services.scheduler.wake();
    return Promise.all(posts.map((p) => call<PostDto>(t.core, 'posts:get', { id: p.id })));
  }
  const pid = (target: { id: string }) => (db.prepare('SELECT platform_post_id AS p FROM targets WHERE id = ?').get(target.id) as { p: string }).p;
  const status = (postId: string) => call<TargetMetricsStatusDto[]>(t.core, 'metrics:status', { postId });
  const sweep = () => t.core.services.metrics.sweep();
  const at = (ms: number) => {
    clock.advance(ms - clock.now());
  };

  it('looks at the bands, reads many X posts in one request, and keeps unreported numbers NULL', async () => {
    const posts = await publish(['one', 'two', 'three'], ['x', 'mastodon']);
    const published = clock.now();
    const targets = posts.flatMap((p) => p.targets);
    expect(targets.every((tg) => tg.state === 'published')).toBe(true);
    const xIds = posts.map((p) => pid(p.targets.find((tg) => tg.platform === 'x')!));
    xIds.forEach((id, i) => x.setMetrics(id, { impressions: 100 * (i + 1), likes: i, replies: 1, reposts: 2, quotes: 0, bookmarks: 3, linkClicks: 4 }));
    const mastoId = pid(posts[0]!.targets.find((tg) => tg.platform === 'mastodon')!);
    masto.setCounts(mastoId, { favourites: 7, reblogs: 2, replies: 1, quotes: 0 });

    at(published + HOUR_MS - MIN);
    expect((await sweep()).requests).toBe(0);
    at(published + HOUR_MS);
    const first = await sweep();
    // Three X posts in one request; three Mastodon posts one at a time.
    expect(gets(x, '/2/tweets')).toBe(1);
    expect(first.requests).toBe(4);
    expect(first.statuses.ok).toBe(6);
    expect(updated).toHaveLength(1);

    const [xs, ms] = [(await status(posts[0]!.id)).find((s) => s.platform === 'x')!, (await status(posts[0]!.id)).find((s) => s.platform === 'mastodon')!];
    expect(xs).toMatchObject({ status: 'ok', checks: 1, nextCheckAt: new Date(published + 3 * HOUR_MS).toISOString() });
    expect(xs.numbers).toEqual({ impressions: 100, views: null, likes: 0, replies: 1, reposts: 2, quotes: 0, shares: null, saves: null, clicks: 4, bookmarks: 3 });
    // Mastodon reports no views, impressions or clicks: NULL, not 0.
    expect(ms.numbers).toEqual({ impressions: null, views: null, likes: 7, replies: 1, reposts: 2, quotes: 0, shares: null, saves: null, clicks: null, bookmarks: null });
    const raw = db.prepare('SELECT views, impressions, clicks FROM metric_snapshots s JOIN targets t ON t.id = s.target_id WHERE t.platform = ?').all('mastodon') as Record<string, unknown>[];
    expect(raw.every((r) => r.views === null && r.impressions === null && r.clicks === null)).toBe(true);

    // Follow one X target through every band, its numbers growing each time.
    const xTarget = xs.targetId;
    const looked = [HOUR_MS];
    for (let i = 2; i < 40; i++) {
      const next = (await status(posts[0]!.id)).find((s) => s.targetId === xTarget)!.nextCheckAt;
      if (next === null) break;
      at(Date.parse(next));
      xIds.forEach((id) => x.setMetrics(id, { impressions: 100 * i, likes: i }));
      masto.setCounts(mastoId, { favourites: 7 + i });
      await sweep();
      looked.push(clock.now() - published);
    }
    expect(looked).toEqual([...BANDS]);
    expect((await status(posts[0]!.id)).find((s) => s.targetId === xTarget)).toMatchObject({ status: 'ok', nextCheckAt: null, checks: BANDS.length });
    const before = gets(x, '/2/tweets');
    at(clock.now() + 30 * DAY_MS);
    await sweep();
    expect(gets(x, '/2/tweets')).toBe(before);
    const log = db.prepare('SELECT count(*) AS n FROM metric_check_log WHERE target_id = ?').get(xTarget) as { n: number };
    expect(log.n).toBe(BANDS.length);
  });

  it('sweeps every 15 minutes on the clock once started, and stops with the core', async () => {
    const [post] = await publish(['on the clock'], ['mastodon']);
    const published = clock.now();
    const m = t.core.services.metrics;
    m.start();
    expect(m.nextSweepAt()).toBe(published + MIN);
    const sweeps: number[] = [];
    // Each timer fires a sweep, which arms the next one when it has finished.
    for (let i = 0; i < 5; i++) {
      at(m.nextSweepAt()!);
      sweeps.push(clock.now() - published);
      await vi.waitFor(() => expect(m.nextSweepAt()).not.toBeNull());
      expect(m.nextSweepAt()! - clock.now()).toBe(15 * MIN);
    }
    expect(sweeps).toEqual([1, 16, 31, 46, 61].map((n) => n * MIN));
    // The sweep at +61 min found the +1 h band due.
    expect((await status(post!.id))[0]).toMatchObject({ status: 'ok', checkedAt: new Date(published + 61 * MIN).toISOString() });
    await m.stop();
    expect(m.isRunning()).toBe(false);
    expect(m.nextSweepAt()).toBeNull();
  });

  it('gives a copy that goes out after a sweep its check from the next sweep, reading only copies changed since', async () => {
    const [first] = await publish(['before the sweep'], ['mastodon']);
    at(clock.now() + HOUR_MS);
    await sweep();
    expect((await status(first!.id))[0]).toMatchObject({ status: 'ok', checks: 1 });
    // Out two days after the last sweep: the next sweep reads the copies changed since it and finds this one.
    at(clock.now() + 2 * DAY_MS);
    const [later] = await publish(['after the sweep'], ['mastodon']);
    const out = clock.now();
    const checks = () => db.prepare('SELECT count(*) FROM metric_checks').pluck().get() as number;
    expect(checks()).toBe(1);
    await sweep();
    expect(checks()).toBe(2);
    expect((await status(later!.id))[0]).toMatchObject({ checks: 0, nextCheckAt: new Date(out + HOUR_MS).toISOString() });
    at(out + HOUR_MS);
    await sweep();
    expect((await status(later!.id))[0]).toMatchObject({ status: 'ok', checks: 1 });
    // "Refresh now" gives one out since the last sweep its row too.
    const [third] = await publish(['refreshed at once'], ['mastodon']);
    await call(t.core, 'metrics:refresh', { postIds: [third!.id] });
    expect(checks()).toBe(3);
  });

  it('backs off while the numbers do not change', async () => {
    const [post] = await publish(['quiet'], ['mastodon']);
    const published = clock.now();
    const next = async () => Date.parse((await status(post!.id))[0]!.nextCheckAt!) - published;
    at(published + HOUR_MS);
    await sweep();
    expect(await next()).toBe(3 * HOUR_MS);
    // Same numbers at +3 h: the 9-hour gap to the +12 h band doubles, to +21 h.
    at(published + 3 * HOUR_MS);
    await sweep();
    expect(await next()).toBe(21 * HOUR_MS);
    // Same again: the 12-hour gap to the day-1 band stretches 4×, to +69 h.
    at(published + 21 * HOUR_MS);
    await sweep();
    expect(await next()).toBe(69 * HOUR_MS);
    const s = (await status(post!.id))[0]!;
    const row = db.prepare('SELECT unchanged FROM metric_checks WHERE target_id = ?').get(s.targetId) as { unchanged: number };
    expect(row.unchanged).toBe(2);
  });

  it('stops checking a deleted post: not_found', async () => {
    const posts = await publish(['stays', 'goes'], ['x', 'mastodon']);
    const published = clock.now();
    const gone = posts[1]!;
    const goneX = pid(gone.targets.find((tg) => tg.platform === 'x')!);
    x.posts.splice(x.posts.findIndex((p) => p.id === goneX), 1);
    masto.statuses.delete(pid(gone.targets.find((tg) => tg.platform === 'mastodon')!));
    at(published + HOUR_MS);
    const r = await sweep();
    expect(r.statuses).toMatchObject({ ok: 2, not_found: 2 });
    for (const s of await status(gone.id)) {
      expect(s).toMatchObject({ status: 'not_found', nextCheckAt: null, numbers: null });
      expect(s.statusDetail).toMatch(/no longer has this post/);
    }
    const mastoGets = gets(masto, '/api/v1/statuses/');
    at(published + 3 * HOUR_MS);
    await call(t.core, 'metrics:refresh', { postIds: [gone.id] });
    await sweep();
    expect(gets(masto, '/api/v1/statuses/')).toBe(mastoGets + 1); // only the post that is still there
  });

  it("respects X's rate-limit reset: the account's checks wait, then resume", async () => {
    const [post] = await publish(['busy'], ['x']);
    const published = clock.now();
    x.rates.limits['GET /2/tweets'] = 1;
    at(published + HOUR_MS);
    expect((await sweep()).statuses.ok).toBe(1);
    expect(await call(t.core, 'metrics:refresh', { postIds: [post!.id] })).toEqual({ queued: 1 });
    const limited = await sweep();
    expect(limited.statuses.rate_limited).toBe(1);
    const s = (await status(post!.id))[0]!;
    const reset = Math.ceil((published + HOUR_MS + 15 * MIN) / 1000) * 1000; // X's 15-minute window, in epoch seconds
    expect(s).toMatchObject({ status: 'rate_limited', nextCheckAt: new Date(reset).toISOString() });
    expect(s.statusDetail).toMatch(/limiting requests until/);
    const calls = gets(x, '/2/tweets');
    at(reset - MIN);
    await call(t.core, 'metrics:refresh', { postIds: [post!.id] });
    await sweep();
    expect(gets(x, '/2/tweets')).toBe(calls);
    at(reset);
    expect((await sweep()).statuses.ok).toBe(1);
  });

  it('says which permission is missing', async () => {
    const [post] = await publish(['scoped'], ['x', 'mastodon']);
    x.tokens.get(xToken)!.scope = 'tweet.write';
    masto.tokens.get(mastoToken)!.scope = 'write:statuses';
    at(clock.now() + HOUR_MS);
    expect((await sweep()).statuses.permission_required).toBe(2);
    const [sx, sm] = ['x', 'mastodon'].map((p) => (status(post!.id) as Promise<TargetMetricsStatusDto[]>).then((l) => l.find((s) => s.platform === p)!));
    expect((await sx)!.statusDetail).toMatch(/tweet\.read/);
    expect((await sm)!.statusDetail).toMatch(/read:statuses/);
    expect((await sx)!.nextCheckAt).not.toBeNull();
  });

  it('reads Bluesky posts in batches from the AppView, keeps a missing count NULL, and counts followers once a day', async () => {
    const posts = [];
    for (const text of ['sky one', 'sky two', 'sky gone']) posts.push(await call<PostDto>(t.core, 'posts:create', { text, platforms: ['bluesky'], schedule: null }));
    const published = clock.now();
    const uris = posts.map((_, i) => `at://${DID}/app.bsky.feed.post/3l${i}abcdefghij`);
    posts.forEach((p, i) =>
      db.prepare("UPDATE targets SET state = 'published', platform_post_id = ?, published_at = ? WHERE id = ?").run(uris[i], published, p.targets[0]!.id),
    );
    appview.setPost(uris[0]!, { likeCount: 5, repostCount: 1, replyCount: 2, quoteCount: 0, bookmarkCount: 1 });
    appview.setPost(uris[1]!, { likeCount: 3, repostCount: 0, replyCount: 0 }); // no quote or bookmark count
    at(published + HOUR_MS);
    const r = await sweep();
    expect(appview.getPostsCalls).toEqual([uris]);
    expect(r.statuses).toMatchObject({ ok: 2, not_found: 1 });
    expect((await status(posts[1]!.id))[0]!.numbers).toMatchObject({ likes: 3, quotes: null, bookmarks: null, views: null });
    expect((await status(posts[2]!.id))[0]!).toMatchObject({ status: 'not_found', nextCheckAt: null });
    // Followers: Bluesky's profile and Mastodon's verify_credentials, once a day.
    const followers = () => db.prepare('SELECT account_id, followers FROM follower_snapshots ORDER BY account_id').all() as { account_id: string; followers: number }[];
    expect(followers()).toEqual(expect.arrayContaining([{ account_id: accountIds.bluesky, followers: 120 }, { account_id: accountIds.mastodon, followers: 42 }]));
    expect(followers()).toHaveLength(2);
    at(clock.now() + 2 * HOUR_MS);
    await sweep();
    expect(followers()).toHaveLength(2);
    appview.setProfile(DID, { handle: 'alice.test', followersCount: 125 });
    at(clock.now() + DAY_MS);
    await sweep();
    expect(followers().filter((f) => f.account_id === accountIds.bluesky).map((f) => f.followers)).toEqual([120, 125]);
  });

  it("respects Bluesky's RateLimit-Reset", async () => {
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'sky', platforms: ['bluesky'], schedule: null });
    const uri = `at://${DID}/app.bsky.feed.post/3lzzzabcdefgh`;
    db.prepare("UPDATE targets SET state = 'published', platform_post_id = ?, published_at = ? WHERE id = ?").run(uri, clock.now(), post.targets[0]!.id);
    appview.setPost(uri, { likeCount: 1 });
    appview.limit = 0;
    at(clock.now() + HOUR_MS);
    expect((await sweep()).statuses.rate_limited).toBe(1);
    const s = (await status(post.id))[0]!;
    expect(Date.parse(s.nextCheckAt!)).toBeGreaterThan(clock.now());
    appview.limit = 100;
    at(Date.parse(s.nextCheckAt!));
    expect((await sweep()).statuses.ok).toBe(1);
  });
});

describe('batch reads of TikTok (20 videos) and YouTube (50 videos)', () => {
  const quiet = { log() {}, debug() {}, info() {}, warn() {}, error() {} };
  const ctxOf = (platform: 'tiktok' | 'youtube', baseUrl: string, accessToken: string): ClientContext => ({
    http: fetch,
    clock: new FakeClock(),
    log: quiet,
    account: { id: 'acc', platform, handle: 'me', baseUrl, platformUserId: null },
    credentials: { accessToken },
  });
  const batch = (c: PlatformClient) => c.metricsBatch!;

  it('TikTok: one request for 20 videos, the missing ones absent, then a 429 with a wait', async () => {
    const fake = await startTikTokFake();
    try {
      const token = fake.issueToken(fake.user.openId, 'video.list').accessToken;
      for (let i = 0; i < 19; i++) {
        fake.videos.push({ id: String(7_400_000_000_000_000_000n + BigInt(i)), openId: fake.user.openId, caption: `v${i}`, privacy: 'PUBLIC_TO_EVERYONE', createTime: 1_790_000_000, stats: { view_count: 100 + i, like_count: i, comment_count: 1, share_count: 0 } });
      }
      const ids = [...fake.videos.map((v) => v.id), '7400000000000000999'];
      expect(batch(tiktokClient).max).toBe(20);
      const got = await batch(tiktokClient).read(ctxOf('tiktok', fake.url, token), ids);
      expect(got.size).toBe(19);
      expect(got.get(ids[3]!)).toEqual({ views: 103, likes: 3, replies: 1, shares: 0 });
      expect(got.has('7400000000000000999')).toBe(false);
      fake.queryLimitPerMinute = 1;
      const err = await batch(tiktokClient).read(ctxOf('tiktok', fake.url, token), ids.slice(0, 2)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PlatformError);
      expect((err as PlatformError).status).toBe(429);
      expect((err as PlatformError).info.retryAt).toBeGreaterThan(0);
    } finally {
      await fake.stop();
    }
  });

  it('YouTube: one request for many videos; a deleted one is absent', async () => {
    const fake = await startYouTubeFake();
    try {
      const token = fake.issueToken(fake.channel.id, 'https://www.googleapis.com/auth/youtube.readonly').accessToken;
      for (let i = 0; i < 3; i++) {
        fake.videos.push({ id: `vid${i}`, subject: fake.channel.id, title: 't', description: '', categoryId: '22', privacyStatus: 'public', publishedAt: '2026-11-23T09:00:00Z', stats: { viewCount: 10 * i, likeCount: i, commentCount: 0 } });
      }
      const got = await batch(youtubeClient).read(ctxOf('youtube', fake.url, token), ['vid0', 'vid1', 'vid2', 'gone']);
      expect([...got.keys()]).toEqual(['vid0', 'vid1', 'vid2']);
      expect(got.get('vid2')).toEqual({ views: 20, likes: 2, replies: 0 });
      expect(gets(fake, '/youtube/v3/videos')).toBe(1);
    } finally {
      await fake.stop();
    }
  });
});

function gets(f: { requests: { method: string; path: string }[] }, path: string): number {
  return f.requests.filter((r) => r.method === 'GET' && r.path.startsWith(path)).length;
}
