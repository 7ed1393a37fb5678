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

  it('rebuilds both rollups from the snapshots to the same rows', () => {
    const r = createRollups(store.db);
    for (let i = 0; i < 20; i++) r.record('t1', 10 * DAY_MS + i * 5 * 3_600_000, { likes: i, views: i % 3 === 0 ? null : 10 * i });
    const latest = all('SELECT * FROM metric_latest');
    const daily = all('SELECT * FROM metric_daily ORDER BY day');
    r.rebuild();
    expect(all('SELECT * FROM metric_latest')).toEqual(latest);
    expect(all('SELECT * FROM metric_daily ORDER BY day')).toEqual(daily);
  });
});
