import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore, type Store } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

// Schema 10 → 11: daily numbers already rolled up become what came in per account and day.
describe('migration 0011_account_daily', () => {
  const dir = tempDir();
  const path = join(dir.path, 'db.sqlite');
  let store: Store;

  beforeAll(() => {
    expect(MIGRATIONS[10]?.name).toBe('account_daily');
    const v10 = openStore(path, MIGRATIONS.slice(0, 10));
    v10.db.exec(`INSERT INTO posts (id, created_at, updated_at) VALUES ('p1', 1, 1);
      INSERT INTO targets (id, post_id, platform, state, created_at, updated_at) VALUES ('t1', 'p1', 'x', 'published', 1, 1);
      INSERT INTO metric_daily (target_id, day, account_id, platform, views, likes) VALUES ('t1', 100, NULL, 'x', 50, 2), ('t1', 102, NULL, 'x', 80, 2);`);
    v10.close();
    store = openStore(path, MIGRATIONS.slice(0, 11));
  });
  afterAll(() => {
    store.close();
    dir.remove();
  });

  it('fills the per-account rollup with each day’s increase, an account-less copy under ""', () => {
    expect(store.schemaVersion).toBe(11);
    expect(store.db.prepare('SELECT account_id, day, reach, reach_n, eng, eng_n FROM metric_account_daily ORDER BY day').all()).toEqual([
      { account_id: '', day: 100, reach: 50, reach_n: 1, eng: 2, eng_n: 1 },
      { account_id: '', day: 102, reach: 30, reach_n: 1, eng: 0, eng_n: 1 },
    ]);
  });
});
