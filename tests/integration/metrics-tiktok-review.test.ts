import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { AlertItemDto } from '../../shared/contract/features/alerts';
import type { MediaInfoDto } from '../../shared/contract/features/media-library';
import type { TargetMetricsStatusDto } from '../../shared/contract/features/metrics';
import { HOUR_MS } from '../../electron/core/analytics/collect/schedule';
import { PROVISIONAL_READS_PER_LOOK } from '../../electron/core/analytics/collect/provisional';
import { createTikTokClient } from '../../electron/core/platforms/tiktok';
import { startTikTokFake, type TikTokFake } from '../fakes/tiktok';
import { call, createTestCore, type TestCore } from '../support/core';
import { FakeClock } from '../support/clock';

const MIN = 60_000;

/**
 * A public TikTok post whose review outlasts publishing's polls goes out under its publish_id,
 * without link or numbers; the collector asks TikTok about it again at its looks.
 */
describe('TikTok posts saved while their review ran', () => {
  let t: TestCore;
  let clock: FakeClock;
  let fake: TikTokFake;
  let db: Database.Database;
  let accountId: string;
  let changed: string[][];

  beforeEach(async () => {
    clock = new FakeClock();
    fake = await startTikTokFake();
    fake.now = () => clock.now();
    fake.accessTtlSeconds = 10 ** 9;
    // Complete at the first status read; the public id is held back until the test lets it go.
    fake.processingPolls = 0;
    fake.moderationPolls = 1_000_000;
    const token = fake.issueToken(fake.user.openId, 'user.info.basic,video.publish,video.upload,video.list').accessToken;
    t = await createTestCore({
      clock,
      // One status read while publishing: no waits on the fake clock.
      clients: { tiktok: createTikTokClient({ maxPolls: 1 }) },
      platformBaseUrls: { tiktok: fake.url },
      publishing: { autoStart: false, requestTimeoutMs: 10_000 },
    });
    accountId = (await t.core.services.accounts.add({ platform: 'tiktok', handle: 'loomtester', platformUserId: fake.user.openId, credentials: { accessToken: token } })).id;
    await t.core.services.scheduler.start();
    db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    changed = [];
    t.core.subscribe((event, payload) => {
      if (event === 'posts:changed') changed.push((payload as { ids: string[] }).ids);
    });
  });

  afterEach(async () => {
    db?.close();
    await t?.close();
    await fake?.stop();
  });

  /** Publishes one video post to TikTok through the scheduler, at the next minute. */
  async function publish(text: string): Promise<{ post: PostDto; publishId: string }> {
    const video = await call<MediaInfoDto>(t.core, 'media:upload', { name: `${text}.mp4`, mime: 'video/mp4', dataBase64: randomBytes(64 * 1024).toString('base64') });
    const due = (Math.floor(clock.now() / MIN) + 1) * MIN;
    const iso = new Date(due).toISOString();
    const draft = await call<PostDto>(t.core, 'posts:create', { text, platforms: ['tiktok'], schedule: null });
    await call(t.core, 'media:setForPost', { postId: draft.id, items: [{ hash: video.hash, altText: null }] });
    await call(t.core, 'posts:update', { id: draft.id, schedule: { date: iso.slice(0, 10), time: iso.slice(11, 16), zone: 'UTC' } });
    clock.advance(due - clock.now());
    await t.core.services.scheduler.wake();
    const post = await call<PostDto>(t.core, 'posts:get', { id: draft.id });
    const publishId = [...fake.publishes.values()].find((p) => p.caption === text)!.publishId;
    return { post, publishId };
  }
  const copy = (post: PostDto) =>
    db.prepare('SELECT state, platform_post_id AS id, platform_url AS url, last_error AS notice FROM targets WHERE post_id = ?').get(post.id) as {
      state: string;
      id: string;
      url: string | null;
      notice: string | null;
    };
  const status = async (post: PostDto) => (await call<TargetMetricsStatusDto[]>(t.core, 'metrics:status', { postId: post.id }))[0]!;
  const reads = (path: string) => fake.requests.filter((r) => r.path.startsWith(path)).length;
  const at = (ms: number) => clock.advance(ms - clock.now());
  const sweep = () => t.core.services.metrics.sweep();

  it('asks TikTok again at each look, and once the id appears records the link, drops the notice and collects numbers', async () => {
    const { post, publishId } = await publish('studio tour');
    const published = clock.now();
    expect(copy(post)).toEqual({ state: 'published', id: publishId, url: null, notice: expect.stringMatching(/under review/) });

    at(published + HOUR_MS);
    const statusReads = reads('/v2/post/publish/status/fetch/');
    const first = await sweep();
    expect(first.statuses).toEqual({ pending: 1 });
    expect(reads('/v2/post/publish/status/fetch/')).toBe(statusReads + 1);
    expect(reads('/v2/video/query/')).toBe(0);
    // Still under review: nothing changes on the copy, and the check is pending, not "deleted".
    expect(copy(post)).toMatchObject({ id: publishId, url: null });
    expect(await status(post)).toMatchObject({ status: 'pending', statusDetail: expect.stringMatching(/public id/), nextCheckAt: new Date(published + 3 * HOUR_MS).toISOString() });

    fake.passReview(publishId);
    const postId = fake.posts[0]!.id;
    fake.setStats(postId, { view_count: 840, like_count: 61, comment_count: 4, share_count: 9 });
    changed = [];
    at(published + 3 * HOUR_MS);
    const second = await sweep();
    expect(second.statuses).toEqual({ ok: 1 });
    expect(copy(post)).toEqual({ state: 'published', id: postId, url: `https://www.tiktok.com/@loomtester/video/${postId}`, notice: null });
    expect(changed).toContainEqual([post.id]);
    expect(await status(post)).toMatchObject({ status: 'ok', numbers: { views: 840, likes: 61, replies: 4, shares: 9, impressions: null } });

    // From then on, a plain read of its numbers: no more status reads.
    const before = reads('/v2/post/publish/status/fetch/');
    at(published + 12 * HOUR_MS);
    expect((await sweep()).statuses).toEqual({ ok: 1 });
    expect(reads('/v2/post/publish/status/fetch/')).toBe(before);
  });

  it('says so when TikTok took the post down after its review, and stops checking; the copy stays published', async () => {
    const { post, publishId } = await publish('a post the review turns down');
    const published = clock.now();
    fake.failReview(publishId, 'content_violation');
    changed = [];
    at(published + HOUR_MS);
    expect((await sweep()).statuses).toEqual({ not_found: 1 });
    expect(copy(post)).toEqual({ state: 'published', id: publishId, url: null, notice: expect.stringMatching(/took this post down.*content_violation.*stays published/) });
    expect(changed).toContainEqual([post.id]);
    expect(await status(post)).toMatchObject({ status: 'not_found', statusDetail: expect.stringMatching(/review did not pass/), nextCheckAt: null });
    const statusReads = reads('/v2/post/publish/status/fetch/');
    at(published + 3 * HOUR_MS);
    expect((await sweep()).looked).toBe(0);
    expect(reads('/v2/post/publish/status/fetch/')).toBe(statusReads);
  });

  it('tells the creator with one alert (and one notification) for the post taken down, open while it stands, resolved once the post is gone', async () => {
    const { post, publishId } = await publish('a post the creator should hear about');
    const published = clock.now();
    fake.failReview(publishId, 'content_violation');
    const removedAlerts = async () => (await call<AlertItemDto[]>(t.core, 'alerts:list')).filter((a) => a.kind === 'post_removed');
    at(published + HOUR_MS);
    expect((await sweep()).statuses).toEqual({ not_found: 1 });

    const [alert, ...more] = await removedAlerts();
    expect(more).toEqual([]);
    expect(alert).toMatchObject({
      state: 'open',
      title: 'TikTok took down your post',
      body: expect.stringMatching(/took this post down.*content_violation.*stays published/),
      subject: { kind: 'post', id: post.id },
    });
    expect(t.notifications.filter((n) => n.kind === 'post_removed')).toEqual([expect.objectContaining({ title: 'TikTok took down your post', subject: { kind: 'post', id: post.id } })]);

    // Still true at the rules' next looks and later sweeps: the same one alert, open, no second notice.
    expect(await call(t.core, 'alerts:check')).toMatchObject({ resolved: 0 });
    at(published + 3 * HOUR_MS);
    await sweep();
    expect(await removedAlerts()).toEqual([expect.objectContaining({ id: alert!.id, state: 'open' })]);
    expect(t.notifications.filter((n) => n.kind === 'post_removed')).toHaveLength(1);

    await call(t.core, 'alerts:acknowledge', { id: alert!.id });
    await call(t.core, 'posts:delete', { id: post.id });
    await call(t.core, 'alerts:check');
    expect(await removedAlerts()).toEqual([expect.objectContaining({ id: alert!.id, state: 'resolved' })]);
  });

  it('waits like any other look when the status cannot be read (a rate limit), then finds the id', async () => {
    const { post, publishId } = await publish('a busy minute');
    const published = clock.now();
    fake.passReview(publishId);
    fake.statusLimitPerMinute = 0;
    at(published + HOUR_MS);
    expect((await sweep()).statuses).toEqual({ rate_limited: 1 });
    const s = await status(post);
    expect(s).toMatchObject({ status: 'rate_limited' });
    expect(Date.parse(s.nextCheckAt!)).toBe(clock.now() + MIN);
    expect(copy(post)).toMatchObject({ id: publishId, url: null });

    fake.statusLimitPerMinute = 30;
    at(Date.parse(s.nextCheckAt!));
    expect((await sweep()).statuses).toEqual({ ok: 1 });
    expect(copy(post)).toMatchObject({ id: fake.posts[0]!.id, notice: null });
  });

  it('reads no status for a post that went out privately: no statistics, not "deleted"', async () => {
    fake.audited = false;
    const { post, publishId } = await publish('only me');
    const published = clock.now();
    expect(copy(post)).toMatchObject({ id: publishId, notice: expect.stringMatching(/private/) });
    const statusReads = reads('/v2/post/publish/status/fetch/');
    at(published + HOUR_MS);
    expect((await sweep()).statuses).toEqual({ unsupported: 1 });
    expect(reads('/v2/post/publish/status/fetch/')).toBe(statusReads);
    expect(await status(post)).toMatchObject({ status: 'unsupported', nextCheckAt: new Date(published + 3 * HOUR_MS).toISOString() });
  });

  it(`asks about at most ${PROVISIONAL_READS_PER_LOOK} such posts of an account per look; the rest wait for the next sweep`, async () => {
    // Copies as they are stored after going out under an id TikTok no longer knows.
    const n = PROVISIONAL_READS_PER_LOOK + 2;
    const published = clock.now();
    for (let i = 0; i < n; i++) {
      const p = await call<PostDto>(t.core, 'posts:create', { text: `old ${i}`, platforms: ['tiktok'], schedule: null });
      db.prepare("UPDATE targets SET state = 'published', account_id = ?, platform_post_id = ?, published_at = ? WHERE id = ?").run(accountId, `v_pub_file~v2-1.${i}`, published, p.targets[0]!.id);
    }
    at(published + HOUR_MS);
    expect((await sweep()).statuses).toEqual({ unsupported: PROVISIONAL_READS_PER_LOOK });
    expect(reads('/v2/post/publish/status/fetch/')).toBe(PROVISIONAL_READS_PER_LOOK);
    at(clock.now() + 15 * MIN);
    expect((await sweep()).statuses).toEqual({ unsupported: 2 });
    expect(reads('/v2/post/publish/status/fetch/')).toBe(n);
  });
});
