import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRollups } from '../../../electron/core/analytics/rollups';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore, type Store } from '../../../electron/core/store/open';
import { createTestCore, tempDir } from '../../support/core';

const HOUR = 3_600_000;

// Schema 36 → 37: each copy's looks either side of the age it is compared at, filled from the
// snapshots already there as rollups.ts rebuild() fills them.
describe('migration 0037_at_age', () => {
  const dir = tempDir();
  const path = join(dir.path, 'loomcast.sqlite');
  let store: Store;

  beforeAll(() => {
    expect(MIGRATIONS[36]?.name).toBe('at_age');
    const v36 = openStore(path, MIGRATIONS.slice(0, 36));
    v36.db.exec(`INSERT INTO posts (id, created_at, updated_at) VALUES ('p', 1, 1);
      INSERT INTO targets (id, post_id, platform, state, published_at, created_at, updated_at) VALUES
        ('x', 'p', 'x', 'published', 0, 1, 1),
        ('tt', 'p', 'tiktok', 'published', 0, 1, 1),
        ('none', 'p', 'bluesky', 'published', 0, 1, 1),
        ('draft', 'p', 'mastodon', 'draft', NULL, 1, 1);
      INSERT INTO metric_snapshots (id, target_id, at, views, likes) VALUES
        (1, 'x', ${HOUR}, 10, 1), (2, 'x', ${20 * HOUR}, 50, 4), (3, 'x', ${20 * HOUR}, 55, 5), (4, 'x', ${30 * HOUR}, 90, 9),
        (5, 'tt', ${30 * HOUR}, 100, 2), (6, 'tt', ${80 * HOUR}, 300, 7), (7, 'draft', 5, 1, 1);`);
    v36.close();
    store = openStore(path, MIGRATIONS.slice(0, 37));
  });
  afterAll(() => {
    store.close();
    dir.remove();
  });

  it('adds a row for each measured copy at its age (72 h on TikTok), its reading left for the start to work out as a rebuild does', async () => {
    expect(store.schemaVersion).toBe(37);
    const rows = () => store.db.prepare('SELECT target_id, due, a_at, state, rate, eng FROM metric_at_age ORDER BY target_id').all();
    expect(rows()).toEqual([
      { target_id: 'tt', due: 72 * HOUR, a_at: null, state: null, rate: null, eng: null },
      { target_id: 'x', due: 24 * HOUR, a_at: null, state: null, rate: null, eng: null },
    ]);
    // The first start works them out, after it (analytics/at-age-backfill.ts), a batch a turn.
    store.close();
    const t = await createTestCore({ dataDir: dir.path });
    const look = new Database(path, { readonly: true });
    const unread = () => (look.prepare('SELECT count(*) AS n FROM metric_at_age WHERE state IS NULL').get() as { n: number }).n;
    expect(unread()).toBe(2);
    await vi.waitFor(() => expect(unread()).toBe(0));
    look.close();
    await t.close();
    store = openStore(path, MIGRATIONS);
    const rollups = createRollups(store.db);
    expect(rollups.workOutAtAge()).toBe(0);
    const worked = rows();
    // x: between the later of the two looks at 20 h (55 views, 5 likes) and the one at 30 h (90, 9).
    expect(worked).toEqual([
      // tt: the look 42 h before its age is too far to draw a line from; the one 8 h after it is near enough alone.
      { target_id: 'tt', due: 72 * HOUR, a_at: 80 * HOUR, state: 'counted', rate: 7 / 300, eng: 7 },
      { target_id: 'x', due: 24 * HOUR, a_at: 30 * HOUR, state: 'counted', rate: (5 + 0.4 * 4) / (55 + 0.4 * 35), eng: 5 + 0.4 * 4 },
    ]);
    rollups.rebuild();
    expect(rows()).toEqual(worked);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
  });
});
