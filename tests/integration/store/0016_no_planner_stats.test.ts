import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

// Schema 15 → 16: the "0 rows" statistics schema 15 left on a new database are gone.
describe('migration 0016_no_planner_stats', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  // A copy LEFT JOINed to each copy's newest snapshot, as a report or a hand-written query asks.
  const NEWEST = `SELECT count(s.views) AS n FROM targets t
    LEFT JOIN (SELECT *, row_number() OVER (PARTITION BY target_id ORDER BY at DESC, id DESC) AS rn FROM metric_snapshots) s ON s.target_id = t.id AND s.rn = 1
    WHERE t.state = 'published' AND t.published_at >= 0 AND t.published_at < 10000`;
  const planOf = (db: ReturnType<typeof openStore>['db'], sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');

  it('removes the statistics a new database got from schema 15, so a join on a subquery builds an index again', () => {
    expect(MIGRATIONS[15]?.name).toBe('no_planner_stats');
    const path = join(dir.path, 'new.sqlite');
    const v15 = openStore(path, MIGRATIONS.slice(0, 15));
    expect(v15.db.prepare('SELECT stat FROM sqlite_stat1 WHERE idx = ?').pluck().get('targets_published')).toBe('0 0 0');
    // What schema 15 left: the planner takes `targets` for empty and scans the subquery per copy.
    expect(planOf(v15.db, NEWEST)).toMatch(/SCAN s LEFT-JOIN/);
    v15.db.exec(`INSERT INTO accounts (id, platform, handle, status, created_at, updated_at) VALUES ('a1', 'mastodon', '@a', 'connected', 1, 1);
      INSERT INTO posts (id, created_at, updated_at) VALUES ('p1', 1, 1);
      INSERT INTO targets (id, post_id, platform, account_id, state, scheduled_at, published_at, created_at, updated_at) VALUES ('t1', 'p1', 'mastodon', 'a1', 'published', 5, 6, 1, 1);
      INSERT INTO metric_snapshots (target_id, at, views) VALUES ('t1', 10, 3), ('t1', 20, 7);`);
    v15.close();

    const v16 = openStore(path, MIGRATIONS.slice(0, 16));
    try {
      expect(v16.schemaVersion).toBe(16);
      expect(v16.db.prepare('SELECT count(*) FROM sqlite_stat1').pluck().get()).toBe(0);
      expect(planOf(v16.db, NEWEST)).toMatch(/AUTOMATIC (PARTIAL )?COVERING INDEX/);
      expect(v16.db.prepare(NEWEST).get()).toEqual({ n: 1 });
      expect(v16.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      v16.close();
    }
  });

  it('leaves a new database with no statistics at all', () => {
    const store = openStore(join(dir.path, 'fresh.sqlite'));
    try {
      expect(store.db.prepare('SELECT count(*) FROM sqlite_stat1').pluck().get()).toBe(0);
      expect(planOf(store.db, NEWEST)).not.toMatch(/SCAN s LEFT-JOIN/);
    } finally {
      store.close();
    }
  });
});
