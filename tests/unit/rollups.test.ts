import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engagementRate, engagements, reach } from '../../electron/core/analytics/engagement';
import { createRollups, DAY_MS } from '../../electron/core/analytics/rollups';
import { MIGRATIONS } from '../../electron/core/store/migrations';
import { openStore, type Store } from '../../electron/core/store/open';
import { tempDir } from '../support/core';

describe('engagement', () => {
  it('adds up what is reported and says what it counted; nothing reported is null, not 0', () => {
    expect(engagements({ likes: 3, replies: 1, views: 100 })).toEqual({ value: 4, counted: ['likes', 'replies'] });
    expect(engagements({ views: 100 })).toEqual({ value: null, counted: [] });
    expect(engagements({ likes: 0 })).toEqual({ value: 0, counted: ['likes'] });
  });
  it('rates over views, else impressions, and has no rate without a reported, non-zero reach', () => {
    expect(engagementRate({ likes: 5, views: 200, impressions: 1000 })).toBe(0.025);
    expect(engagementRate({ likes: 5, impressions: 1000 })).toBe(0.005);
    expect(reach({ impressions: 10 })).toEqual({ value: 10, field: 'impressions' });
    expect(engagementRate({ likes: 5 })).toBeNull();
    expect(engagementRate({ likes: 5, views: 0 })).toBeNull();
    expect(engagementRate({ views: 50 })).toBeNull();
  });
});

describe('rollups', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  beforeEach(() => {
    dir = tempDir();
    store = openStore(`${dir.path}/db.sqlite`, MIGRATIONS);
    store.db.exec(`INSERT INTO accounts (id, platform, handle, status, created_at, updated_at) VALUES ('a1', 'mastodon', '@me', 'connected', 1, 1);
      INSERT INTO posts (id, created_at, updated_at) VALUES ('p1', 1, 1);
      INSERT INTO targets (id, post_id, platform, account_id, state, published_at, created_at, updated_at) VALUES ('t1', 'p1', 'mastodon', 'a1', 'published', ${10 * DAY_MS}, 1, 1);`);
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });
  const all = (sql: string) => store.db.prepare(sql).all();

  it('appends snapshots, keeps the newest as latest and the last of each day as that day, with NULL for not reported', () => {
    const r = createRollups(store.db);
    const day = 10 * DAY_MS;
    r.record('t1', day + 3_600_000, { likes: 1, views: null });
    r.record('t1', day + 7_200_000, { likes: 4, replies: 0 });
    r.record('t1', day + DAY_MS + 60_000, { likes: 6, replies: 1 });
    // A late arrival of an older snapshot changes neither the latest nor its day's last.
    r.record('t1', day + 1_000, { likes: 0 });
    expect(all('SELECT count(*) AS n FROM metric_snapshots')).toEqual([{ n: 4 }]);
    expect(all('SELECT likes, replies, views, account_id, platform FROM metric_latest')).toEqual([{ likes: 6, replies: 1, views: null, account_id: 'a1', platform: 'mastodon' }]);
    expect(all('SELECT day, likes, replies, views FROM metric_daily ORDER BY day')).toEqual([
      { day: 10, likes: 4, replies: 0, views: null },
      { day: 11, likes: 6, replies: 1, views: null },
    ]);
  });

  it('rebuilds every rollup from the snapshots to the same rows, whatever order snapshots arrived in', () => {
    store.db.exec(`INSERT INTO posts (id, created_at, updated_at) VALUES ('p2', 1, 1);
      INSERT INTO targets (id, post_id, platform, account_id, state, published_at, created_at, updated_at) VALUES ('t2', 'p2', 'mastodon', 'a1', 'published', ${10 * DAY_MS}, 1, 1)`);
    const r = createRollups(store.db);
    // Interleaved and partly out of order, with views reported on some looks only.
    const order = [3, 0, 7, 1, 12, 5, 19, 2, 8, 4, 15, 6, 11, 9, 18, 10, 14, 13, 17, 16];
    for (const i of order) {
      r.record('t1', 10 * DAY_MS + i * 5 * 3_600_000, { likes: i, views: i % 3 === 0 ? null : 10 * i });
      r.record('t2', 10 * DAY_MS + i * 7 * 3_600_000, { likes: 2 * i, replies: i % 4 === 0 ? null : 1, impressions: 20 * i });
    }
    const latest = all('SELECT * FROM metric_latest ORDER BY target_id');
    const daily = all('SELECT * FROM metric_daily ORDER BY target_id, day');
    const accountDaily = all('SELECT * FROM metric_account_daily ORDER BY day');
    expect(accountDaily.length).toBeGreaterThan(3);
    r.rebuild();
    expect(all('SELECT * FROM metric_latest ORDER BY target_id')).toEqual(latest);
    expect(all('SELECT * FROM metric_daily ORDER BY target_id, day')).toEqual(daily);
    expect(all('SELECT * FROM metric_account_daily ORDER BY day')).toEqual(accountDaily);
  });

  it('adds up per account and day what came in each day, and counts who reported it', () => {
    const r = createRollups(store.db);
    const day = 10 * DAY_MS;
    r.record('t1', day + 3_600_000, { views: 100, likes: 5 });
    r.record('t1', day + DAY_MS + 60_000, { views: 250, likes: 10 });
    r.record('t1', day + 3 * DAY_MS, { likes: 12 });
    expect(all('SELECT day, reach, reach_n, eng, eng_n, rate_e, rate_r FROM metric_account_daily ORDER BY day')).toEqual([
      { day: 10, reach: 100, reach_n: 1, eng: 5, eng_n: 1, rate_e: 5, rate_r: 100 },
      { day: 11, reach: 150, reach_n: 1, eng: 5, eng_n: 1, rate_e: 5, rate_r: 150 },
      // Views no longer reported: that day has no views (count 0), not a drop to zero.
      { day: 13, reach: -250, reach_n: 0, eng: 2, eng_n: 1, rate_e: -10, rate_r: -250 },
    ]);
  });

  it("counts days as the creator's calendar days in the stored zone, and again when the zone changes", () => {
    const r = createRollups(store.db);
    // A database counts in UTC until told otherwise (every one before this key did).
    expect(r.countDaysIn('UTC')).toBe(false);
    expect(r.countDaysIn('America/Los_Angeles')).toBe(true);
    expect(r.countDaysIn('America/Los_Angeles')).toBe(false);
    // Midnight starting day 10 in Los Angeles (UTC−8 in January); looks at 21:00 and 23:30 the
    // evening before (day 9 there, day 10 in UTC) and at 01:00 after it.
    const la = 10 * DAY_MS + 8 * 3_600_000;
    r.record('t1', la - 3 * 3_600_000, { views: 40, likes: 1 });
    r.record('t1', la - 30 * 60_000, { views: 100, likes: 5 });
    r.record('t1', la + 3_600_000, { views: 160, likes: 6 });
    expect(all('SELECT day, views, likes FROM metric_daily ORDER BY day')).toEqual([
      { day: 9, views: 100, likes: 5 },
      { day: 10, views: 160, likes: 6 },
    ]);
    const incremental = all('SELECT * FROM metric_account_daily ORDER BY day');
    r.rebuild();
    expect(all('SELECT * FROM metric_account_daily ORDER BY day')).toEqual(incremental);

    // In UTC all three looks are on day 10: the same totals, on one day.
    expect(r.countDaysIn('UTC')).toBe(true);
    expect(all('SELECT day, views, likes FROM metric_daily ORDER BY day')).toEqual([{ day: 10, views: 160, likes: 6 }]);
    expect(all('SELECT sum(reach) AS reach, sum(eng) AS eng FROM metric_account_daily')).toEqual([{ reach: 160, eng: 6 }]);
    expect(r.countDaysIn('UTC')).toBe(false);
  });
});
