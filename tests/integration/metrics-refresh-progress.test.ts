/**
 * "Look at every post's numbers again now", followed and stopped: how far it got (asked for,
 * looked at, waiting), reported as the sweep goes and on request; a second refresh adds to the one
 * under way; a look that failed or was refused is done with a problem; stopping it sends what is
 * left back to its usual schedule, losing nothing measured. Through the core, against the fake
 * Mastodon instance, on an injected clock.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { RefreshProgressDto } from '../../shared/contract/features/metrics';
import { mastodonClient } from '../../electron/core/platforms/mastodon';
import { HOUR_MS } from '../../electron/core/analytics/collect/schedule';
import { startMastodonFake, type StartedMastodonFake } from '../fakes/mastodon';
import { call, createTestCore, type TestCore } from '../support/core';
import { FakeClock } from '../support/clock';

const MIN = 60_000;

describe('following and stopping a refresh of every post’s numbers', () => {
  let t: TestCore;
  let clock: FakeClock;
  let masto: StartedMastodonFake;
  let db: Database.Database;
  let reports: RefreshProgressDto[];

  beforeEach(async () => {
    clock = new FakeClock();
    masto = await startMastodonFake();
    masto.now = () => clock.now();
    t = await createTestCore({ clock, clients: { mastodon: mastodonClient }, publishing: { autoStart: false, requestTimeoutMs: 10_000 } });
    await t.core.services.accounts.add({ platform: 'mastodon', handle: '@ada', serverUrl: masto.url, credentials: { accessToken: masto.tokenFor('ada') } });
    await t.core.services.scheduler.start();
    db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    reports = [];
    listen(t);
  });

  afterEach(async () => {
    db?.close();
    await t?.close();
    await masto?.stop();
  });

  function listen(core: TestCore): void {
    core.core.subscribe((event, payload) => {
      if (event === 'metrics:refreshProgress') reports.push(payload as RefreshProgressDto);
    });
  }

  /** Publishes one Mastodon post per text (due the next minute), to `accountId` if given; returns the targets' ids, in order. */
  async function publish(texts: string[], accountId?: string): Promise<string[]> {
    const due = (Math.floor(clock.now() / MIN) + 1) * MIN;
    const iso = new Date(due).toISOString();
    const posts: PostDto[] = [];
    for (const text of texts) posts.push(await call<PostDto>(t.core, 'posts:create', { text, ...(accountId ? { accounts: [accountId] } : { platforms: ['mastodon'] }), schedule: { date: iso.slice(0, 10), time: iso.slice(11, 16), zone: 'UTC' } }));
    clock.advance(due - clock.now());
    await t.core.services.scheduler.wake();
    const got = await Promise.all(posts.map((p) => call<PostDto>(t.core, 'posts:get', { id: p.id })));
    expect(got.every((p) => p.targets[0]!.state === 'published')).toBe(true);
    return got.map((p) => p.targets[0]!.id);
  }
  const pid = (targetId: string) => db.prepare('SELECT platform_post_id FROM targets WHERE id = ?').pluck().get(targetId) as string;
  const statusReads = () => masto.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/v1/statuses/')).length;
  const progress = () => call<RefreshProgressDto>(t.core, 'metrics:refreshStatus');
  const refresh = (postIds?: string[]) => call<{ queued: number }>(t.core, 'metrics:refresh', postIds ? { postIds } : {});
  const sweep = () => t.core.services.metrics.sweep();
  const check = (targetId: string) =>
    db.prepare('SELECT requested_at, next_check_at, status, checks FROM metric_checks WHERE target_id = ?').get(targetId) as { requested_at: number | null; next_check_at: number | null; status: string | null; checks: number };
  const snapshots = (targetId: string) => db.prepare('SELECT count(*) FROM metric_snapshots WHERE target_id = ?').pluck().get(targetId) as number;

  it('counts from none to all as the sweep looks, one report per look, and says when it is done', async () => {
    const targets = await publish(['one', 'two', 'three', 'four']);
    targets.forEach((id, i) => masto.setCounts(pid(id), { favourites: i + 1 }));
    expect(await progress()).toMatchObject({ state: 'idle', asked: 0 });
    clock.advance(10 * MIN); // no band due yet: only the refresh makes them due

    expect(await refresh()).toEqual({ queued: 4 });
    expect(await progress()).toMatchObject({ state: 'running', asked: 4, looked: 0, waiting: 4, stopped: 0, problems: [] });
    reports.length = 0;
    await sweep();
    // Mastodon reads one post per request: a report after each.
    expect(reports.map((r) => [r.looked, r.waiting])).toEqual([
      [1, 3],
      [2, 2],
      [3, 1],
      [4, 0],
    ]);
    expect(reports.at(-1)).toMatchObject({ state: 'done', asked: 4, looked: 4, problems: [], endedAt: new Date(clock.now()).toISOString() });
    expect(await progress()).toEqual(reports.at(-1));
    for (const id of targets) expect(check(id)).toMatchObject({ requested_at: null, status: 'ok', checks: 1 });
  });

  it('a refresh asked for while one runs adds to it, and a copy asked for twice is looked at twice', async () => {
    const targets = await publish(['one', 'two', 'three']);
    const posts = db.prepare('SELECT post_id FROM targets WHERE id = ?').pluck();
    clock.advance(10 * MIN);
    expect(await refresh([posts.get(targets[0]!) as string])).toEqual({ queued: 1 });
    // Every post, meanwhile: the first is already waiting, so two more.
    expect(await refresh()).toEqual({ queued: 3 });
    expect(await progress()).toMatchObject({ state: 'running', asked: 3, waiting: 3 });

    // Once the first has been looked at, it is asked for again, mid-sweep.
    let again: Promise<unknown> | null = null;
    t.core.subscribe((event, payload) => {
      if (event === 'metrics:refreshProgress' && (payload as RefreshProgressDto).looked === 1 && !again) again = refresh([posts.get(targets[0]!) as string]);
    });
    await sweep();
    await again;
    expect(await progress()).toMatchObject({ state: 'running', asked: 4, looked: 3, waiting: 1 });
    expect(check(targets[0]!).requested_at).not.toBeNull();
    await sweep();
    expect(await progress()).toMatchObject({ state: 'done', asked: 4, looked: 4, waiting: 0 });
    expect(check(targets[0]!).checks).toBe(2);
  });

  it('counts a look that failed or was refused as done, saying why, instead of waiting for it', async () => {
    const accounts = t.core.services.accounts;
    const ada = (await accounts.list())[0]!.id;
    masto.createAccount('bob');
    const bobToken = masto.tokenFor('bob');
    const bob = (await accounts.add({ platform: 'mastodon', handle: '@bob', serverUrl: masto.url, credentials: { accessToken: bobToken } })).id;
    const other = await startMastodonFake({ username: 'cy' });
    try {
      other.now = () => clock.now();
      const cy = (await accounts.add({ platform: 'mastodon', handle: '@cy', serverUrl: other.url, credentials: { accessToken: other.tokenFor('cy') } })).id;
      const [, deleted] = await publish(['kept', 'deleted'], ada);
      await publish(['scoped'], bob);
      await publish(['limited one', 'limited two'], cy);
      masto.statuses.delete(pid(deleted!)); // gone from the instance: 404
      masto.tokens.get(bobToken)!.scope = 'write:statuses'; // reading not allowed: 403
      other.rates.api = { limit: 0, periodSeconds: 60 }; // every read: 429
      clock.advance(10 * MIN);
      expect(await refresh()).toEqual({ queued: 5 });
      await sweep();
      const p = await progress();
      expect(p).toMatchObject({ state: 'done', asked: 5, looked: 5, waiting: 0 });
      expect([...p.problems].sort((a, b) => a.status.localeCompare(b.status))).toEqual([
        { status: 'not_found', platform: 'mastodon', copies: 1, detail: expect.stringContaining('no longer has this post') },
        { status: 'permission_required', platform: 'mastodon', copies: 1, detail: expect.stringContaining('read:statuses') },
        { status: 'rate_limited', platform: 'mastodon', copies: 2, detail: expect.stringMatching(/^Mastodon is limiting requests until \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/) },
      ]);
      expect(db.prepare('SELECT count(*) FROM metric_checks WHERE requested_at IS NOT NULL').pluck().get()).toBe(0);
    } finally {
      await other.stop();
    }
  });

  it('a copy deleted from Loomcast before its look is done, not waited for', async () => {
    const targets = await publish(['stays', 'goes']);
    clock.advance(10 * MIN);
    await refresh();
    db.prepare("UPDATE targets SET state = 'failed' WHERE id = ?").run(targets[1]!);
    await sweep();
    expect(await progress()).toMatchObject({ state: 'done', asked: 2, looked: 2, problems: [{ status: 'not_measured', copies: 1 }] });
  });

  it('stopping it leaves what was not looked at unrequested, on its usual schedule, with nothing measured lost', async () => {
    const targets = await publish(['one', 'two', 'three', 'four']);
    const published = clock.now();
    targets.forEach((id, i) => masto.setCounts(pid(id), { favourites: i + 1 }));
    clock.advance(HOUR_MS); // the +1 h band: every copy gets its first numbers
    await sweep();
    const before = targets.map((id) => ({ snapshots: snapshots(id), next: check(id).next_check_at }));
    expect(before.every((b) => b.snapshots === 1 && b.next === published + 3 * HOUR_MS)).toBe(true);
    const latest = db.prepare('SELECT target_id, likes FROM metric_latest ORDER BY target_id').all();

    clock.advance(20 * MIN);
    await refresh();
    const reads = statusReads();
    // The creator stops it once the first copy has been looked at; the read under way finishes.
    let stopped: Promise<RefreshProgressDto> | null = null;
    t.core.subscribe((event, payload) => {
      if (event === 'metrics:refreshProgress' && (payload as RefreshProgressDto).looked === 1 && !stopped) stopped = call<RefreshProgressDto>(t.core, 'metrics:cancelRefresh');
    });
    await sweep();
    expect(await stopped).toMatchObject({ state: 'stopped', asked: 4, looked: 1, waiting: 0, stopped: 3 });
    expect(statusReads() - reads).toBe(2);
    expect(await progress()).toMatchObject({ state: 'stopped', looked: 1, stopped: 3, endedAt: new Date(clock.now()).toISOString() });

    // Nothing is asked for any more; the two not looked at keep their band, their numbers kept.
    for (const id of targets) expect(check(id).requested_at).toBeNull();
    for (const [i, id] of targets.entries()) expect(snapshots(id)).toBeGreaterThanOrEqual(before[i]!.snapshots);
    for (const id of targets.slice(2)) expect(check(id)).toMatchObject({ next_check_at: published + 3 * HOUR_MS, checks: 1, status: 'ok' });
    expect(db.prepare('SELECT target_id, likes FROM metric_latest WHERE target_id IN (?, ?) ORDER BY target_id').all(targets[2]!, targets[3]!)).toEqual(
      latest.filter((l) => [targets[2], targets[3]].includes((l as { target_id: string }).target_id)),
    );
    const after = statusReads();
    await sweep();
    expect(statusReads()).toBe(after);
    // At their band they are looked at as usual (the two looked at meanwhile, unchanged, are backed off past it).
    clock.advance(published + 3 * HOUR_MS - clock.now());
    expect((await sweep()).statuses).toEqual({ ok: 2 });
    for (const id of targets.slice(2)) expect(check(id)).toMatchObject({ checks: 2, status: 'ok' });
    // Stopping when nothing runs changes nothing.
    expect(await call<RefreshProgressDto>(t.core, 'metrics:cancelRefresh')).toMatchObject({ state: 'stopped', stopped: 3 });
  });

  it('after a restart the copies still asked for are the refresh under way, and can be stopped', async () => {
    await publish(['one', 'two']);
    clock.advance(10 * MIN);
    await refresh();
    t = await t.restart();
    db.close();
    db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    expect(await progress()).toMatchObject({ state: 'running', asked: 2, looked: 0, waiting: 2, startedAt: new Date(clock.now()).toISOString() });
    expect(await call<RefreshProgressDto>(t.core, 'metrics:cancelRefresh')).toMatchObject({ state: 'stopped', stopped: 2 });
    expect(db.prepare('SELECT count(*) FROM metric_checks WHERE requested_at IS NOT NULL').pluck().get()).toBe(0);
  });
});
