import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localDay } from '../../../electron/core/analytics/local-day';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore } from '../../../electron/core/store/open';
import { FakeClock } from '../../support/clock';
import { createTestCore, tempDir } from '../../support/core';

const DAY = 86_400_000;

// Schema 29 → 30: per-account daily rollups stored when a day a number was not reported counted as
// a drop to 0 are counted again once, at the next start, by the rollups' own rebuild.
describe('migration 0030_recount_rollups', () => {
  const dirs: { path: string; remove(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  /**
   * A schema-29 database as the old counting left it: a copy's views reported, then not reported
   * for a day (likes still were), then reported again 10 higher. Its zone is the creator's, so
   * only the mark can make a start count the days again.
   */
  function seedV29(clock: FakeClock) {
    const dir = tempDir();
    dirs.push(dir);
    const at = [clock.now() - 3 * DAY, clock.now() - 2 * DAY, clock.now() - DAY];
    const days = at.map((a) => localDay(a, 'UTC'));
    const v29 = openStore(join(dir.path, 'loomcast.sqlite'), MIGRATIONS.slice(0, 29));
    v29.db.exec(`INSERT INTO posts (id, created_at, updated_at) VALUES ('p1', 1, 1);
      INSERT INTO targets (id, post_id, platform, state, created_at, updated_at) VALUES ('t1', 'p1', 'x', 'published', 1, 1);
      INSERT INTO metric_snapshots (target_id, at, views, likes) VALUES ('t1', ${at[0]}, 1000, 5), ('t1', ${at[1]}, NULL, 6), ('t1', ${at[2]}, 1010, 7);
      INSERT INTO metric_daily (target_id, day, platform, views, likes) VALUES ('t1', ${days[0]}, 'x', 1000, 5), ('t1', ${days[1]}, 'x', NULL, 6), ('t1', ${days[2]}, 'x', 1010, 7);
      INSERT INTO metric_latest (target_id, platform, published_at, at, views, likes) VALUES ('t1', 'x', ${at[0]}, ${at[2]}, 1010, 7);
      INSERT INTO metric_account_daily (account_id, platform, day, reach, reach_n, eng, eng_n, rate_e, rate_r) VALUES
        ('', 'x', ${days[0]}, 1000, 1, 5, 1, 5, 1000), ('', 'x', ${days[1]}, -1000, 0, 1, 1, -5, -1000), ('', 'x', ${days[2]}, 1010, 1, 1, 1, 7, 1010);`);
    v29.close();
    return { dataDir: dir.path, days };
  }

  const read = (dataDir: string) => {
    const store = openStore(join(dataDir, 'loomcast.sqlite'));
    try {
      return {
        rows: store.db.prepare('SELECT day, reach, reach_n, eng, eng_n, rate_e, rate_r FROM metric_account_daily ORDER BY day').all(),
        due: store.db.prepare("SELECT value FROM settings WHERE key = 'analytics.recountDue'").pluck().get() ?? null,
      };
    } finally {
      store.close();
    }
  };

  const wrong = (days: number[]) => [
    { day: days[0], reach: 1000, reach_n: 1, eng: 5, eng_n: 1, rate_e: 5, rate_r: 1000 },
    { day: days[1], reach: -1000, reach_n: 0, eng: 1, eng_n: 1, rate_e: -5, rate_r: -1000 },
    { day: days[2], reach: 1010, reach_n: 1, eng: 1, eng_n: 1, rate_e: 7, rate_r: 1010 },
  ];
  // The day without views adds no views; the next adds the 10 gained since the last day that had them.
  const right = (days: number[]) => [
    { day: days[0], reach: 1000, reach_n: 1, eng: 5, eng_n: 1, rate_e: 5, rate_r: 1000 },
    { day: days[1], reach: 0, reach_n: 0, eng: 1, eng_n: 1, rate_e: 0, rate_r: 0 },
    { day: days[2], reach: 10, reach_n: 1, eng: 1, eng_n: 1, rate_e: 2, rate_r: 10 },
  ];

  it('marks the recount due and changes nothing else', () => {
    expect(MIGRATIONS[29]?.name).toBe('recount_rollups');
    const clock = new FakeClock();
    const { dataDir, days } = seedV29(clock);
    const v30 = openStore(join(dataDir, 'loomcast.sqlite'), MIGRATIONS.slice(0, 30));
    try {
      expect(v30.schemaVersion).toBe(30);
      expect(v30.db.prepare("SELECT value FROM settings WHERE key = 'analytics.recountDue'").pluck().get()).toBe('true');
      expect(v30.db.prepare('SELECT day, reach, reach_n, eng, eng_n, rate_e, rate_r FROM metric_account_daily ORDER BY day').all()).toEqual(wrong(days));
    } finally {
      v30.close();
    }
  });

  it('leaves a database with no rollups unmarked: nothing was counted the old way', () => {
    const dir = tempDir();
    dirs.push(dir);
    const store = openStore(join(dir.path, 'loomcast.sqlite'), MIGRATIONS.slice(0, 30));
    try {
      expect(store.db.prepare("SELECT count(*) FROM settings WHERE key = 'analytics.recountDue'").pluck().get()).toBe(0);
    } finally {
      store.close();
    }
  });

  it('puts right the rows stored the old way at the next start, and only once', async () => {
    const clock = new FakeClock();
    const { dataDir, days } = seedV29(clock);
    await (await createTestCore({ dataDir, clock, zone: 'UTC' })).close();
    expect(read(dataDir)).toEqual({ rows: right(days), due: null });

    // A later start leaves the rollups as they are: a row changed by hand stays changed.
    const hand = openStore(join(dataDir, 'loomcast.sqlite'));
    hand.db.prepare('UPDATE metric_account_daily SET reach = 11 WHERE day = ?').run(days[2]);
    hand.close();
    await (await createTestCore({ dataDir, clock, zone: 'UTC' })).close();
    expect(read(dataDir).rows[2]).toMatchObject({ day: days[2], reach: 11 });
  });

  it('leaves the mark when the recount is stopped partway, and the next start does it', async () => {
    const clock = new FakeClock();
    const { dataDir, days } = seedV29(clock);
    // The recount fails once half its rows are written, as a start killed mid-way would leave it.
    const v30 = openStore(join(dataDir, 'loomcast.sqlite'));
    v30.db.exec(`CREATE TRIGGER stop_recount BEFORE INSERT ON metric_account_daily WHEN NEW.day = ${days[2]} BEGIN SELECT RAISE(ABORT, 'stopped'); END;`);
    v30.close();
    await (await createTestCore({ dataDir, clock, zone: 'UTC' })).close();
    expect(read(dataDir)).toEqual({ rows: wrong(days), due: 'true' });

    const fixed = openStore(join(dataDir, 'loomcast.sqlite'));
    fixed.db.exec('DROP TRIGGER stop_recount');
    fixed.close();
    await (await createTestCore({ dataDir, clock, zone: 'UTC' })).close();
    expect(read(dataDir)).toEqual({ rows: right(days), due: null });
  });
});
