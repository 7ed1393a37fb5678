import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { TargetMetricsStatusDto } from '../../shared/contract/features/metrics';
import { HOUR_MS } from '../../electron/core/analytics/collect/schedule';
import { pinterestClient } from '../../electron/core/platforms/pinterest';
import { startPinterestFake, type PinterestFake } from '../fakes/pinterest';
import { call, createTestCore, type TestCore } from '../support/core';
import { FakeClock } from '../support/clock';

const MIN = 60_000;

/** Pinterest's pin analytics under the collector: a throttled read waits as long as Pinterest says. */
describe('collecting a pin’s numbers', () => {
  let t: TestCore;
  let clock: FakeClock;
  let fake: PinterestFake;
  let db: Database.Database;
  let accountId: string;

  beforeEach(async () => {
    clock = new FakeClock();
    fake = await startPinterestFake();
    fake.now = () => clock.now();
    fake.accessTtlSeconds = 10 ** 9;
    const token = fake.issueToken(fake.options.username, 'boards:read,pins:read,pins:write,user_accounts:read').accessToken;
    t = await createTestCore({ clock, clients: { pinterest: pinterestClient }, platformBaseUrls: { pinterest: fake.baseUrl }, publishing: { autoStart: false } });
    accountId = (
      await t.core.services.accounts.add({ platform: 'pinterest', handle: fake.options.username, platformUserId: '5497551813999', credentials: { accessToken: token, extra: { boardId: '549755885175' } } })
    ).id;
    db = new Database(join(t.dataDir, 'loomcast.sqlite'));
  });

  afterEach(async () => {
    db?.close();
    await t?.close();
    await fake?.stop();
  });

  /** A pin that went out now, stored as publishing leaves it. */
  async function pinned(): Promise<{ post: PostDto; pinId: string }> {
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'A loom in blue wool', platforms: ['pinterest'], schedule: null });
    const pin = fake.accept({ id: '813744226420000001', accountKey: fake.options.username, text: post.text, data: { board_id: '549755885175', media_type: 'image' } });
    db.prepare("UPDATE targets SET state = 'published', account_id = ?, platform_post_id = ?, published_at = ? WHERE id = ?").run(accountId, pin.id, clock.now(), post.targets[0]!.id);
    return { post, pinId: pin.id };
  }
  const status = async (post: PostDto) => (await call<TargetMetricsStatusDto[]>(t.core, 'metrics:status', { postId: post.id }))[0]!;
  const at = (ms: number) => clock.advance(ms - clock.now());
  const sweep = () => t.core.services.metrics.sweep();

  it('waits until the reset Pinterest states after a 429 (not the collector’s own 15 minutes), then reads the numbers', async () => {
    const { post, pinId } = await pinned();
    const published = clock.now();
    fake.setMetrics(pinId, { IMPRESSION: 310, SAVE: 12 });
    fake.faultAnalytics({ kind: 'rate_limit', resetInSeconds: 40 * 60 });

    at(published + HOUR_MS);
    expect((await sweep()).statuses).toEqual({ rate_limited: 1 });
    const s = await status(post);
    expect(s).toMatchObject({ status: 'rate_limited', nextCheckAt: new Date(clock.now() + 40 * MIN).toISOString() });

    // Not before the reset, even at the next sweeps.
    at(clock.now() + 15 * MIN);
    expect((await sweep()).looked).toBe(0);
    at(Date.parse(s.nextCheckAt!));
    expect((await sweep()).statuses).toEqual({ ok: 1 });
    expect(await status(post)).toMatchObject({ status: 'ok', numbers: { impressions: 310, saves: 12 } });
  });
});
