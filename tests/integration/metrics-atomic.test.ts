/**
 * A metrics look writes its numbers and its check together: when the check cannot be written
 * (here a trigger stands in for a crash between the two), no snapshot stays behind to be
 * recorded a second time by the next sweep. Found by tests/resilience/crash-core.test.ts.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import { HOUR_MS } from '../../electron/core/analytics/collect/schedule';
import { mastodonClient } from '../../electron/core/platforms/mastodon';
import { startMastodonFake, type StartedMastodonFake } from '../fakes/mastodon';
import { FakeClock } from '../support/clock';
import { call, createTestCore, type TestCore } from '../support/core';

describe('a metrics look is one write', () => {
  let t: TestCore;
  let masto: StartedMastodonFake;
  afterEach(async () => {
    await t?.close();
    await masto?.stop();
  });

  it('keeps no snapshot whose check was not recorded, and records it once when the look succeeds', async () => {
    const clock = new FakeClock();
    masto = await startMastodonFake();
    masto.now = () => clock.now();
    t = await createTestCore({ clock, clients: { mastodon: mastodonClient }, publishing: { autoStart: false } });
    await t.core.services.accounts.add({ platform: 'mastodon', handle: '@ada', serverUrl: masto.url, credentials: { accessToken: masto.tokenFor('ada') } });
    await t.core.services.scheduler.start();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Counted once', platforms: ['mastodon'], schedule: { date: '2026-11-23', time: '10:01', zone: 'Europe/Berlin' } });
    clock.advance(60_000);
    await t.core.services.scheduler.wake();
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    const { id } = db.prepare('SELECT platform_post_id AS id FROM targets WHERE post_id = ?').get(post.id) as { id: string };
    masto.setCounts(id, { favourites: 3 });
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;

    db.exec("CREATE TRIGGER no_ok_log BEFORE INSERT ON metric_check_log WHEN NEW.status = 'ok' BEGIN SELECT RAISE(ABORT, 'the machine stopped here'); END");
    clock.advance(HOUR_MS);
    await t.core.services.metrics.sweep().catch(() => undefined);
    expect(count('SELECT count(*) AS n FROM metric_snapshots')).toBe(0);

    db.exec('DROP TRIGGER no_ok_log');
    // The failed look is tried again after its back-off.
    clock.advance(3 * HOUR_MS);
    await t.core.services.metrics.sweep();
    expect(count('SELECT count(*) AS n FROM metric_snapshots')).toBe(1);
    expect(count("SELECT count(*) AS n FROM metric_check_log WHERE status = 'ok'")).toBe(1);
    db.close();
  });
});
