import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore, type Store } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

// Schema 9 → 10: old alerts stay readable as open conditions without a rule; metrics get rollups.
describe('migration 0010_measure', () => {
  const dir = tempDir();
  const path = join(dir.path, 'db.sqlite');
  let store: Store;

  beforeAll(() => {
    expect(MIGRATIONS[9]?.name).toBe('measure');
    const v9 = openStore(path, MIGRATIONS.slice(0, 9));
    v9.db.exec(`INSERT INTO alerts (at, kind, title, body) VALUES (1, 'post_failed', 'Failed', 'It failed');
      INSERT INTO posts (id, created_at, updated_at) VALUES ('p1', 1, 1);
      INSERT INTO targets (id, post_id, platform, state, created_at, updated_at) VALUES ('t1', 'p1', 'mastodon', 'published', 1, 1);`);
    v9.close();
    store = openStore(path, MIGRATIONS.slice(0, 10));
  });
  afterAll(() => {
    store.close();
    dir.remove();
  });

  it('keeps old alerts, open and without a rule', () => {
    expect(store.schemaVersion).toBe(10);
    expect(store.db.prepare('SELECT kind, rule, state, occurrences FROM alerts').get()).toEqual({ kind: 'post_failed', rule: null, state: 'open', occurrences: 1 });
  });

  it('allows one open alert per rule and subject, and another once the first resolved', () => {
    const raise = store.db.prepare(`INSERT INTO alerts (at, kind, title, body, rule, subject_key) VALUES (2, 'zero_views', 't', 'b', 'zero_views', 'target:t1')`);
    raise.run();
    expect(() => raise.run()).toThrow(/UNIQUE/);
    store.db.exec(`UPDATE alerts SET state = 'resolved', resolved_at = 3 WHERE rule = 'zero_views'`);
    raise.run();
    expect(store.db.prepare(`SELECT count(*) AS n FROM alerts WHERE rule = 'zero_views'`).get()).toEqual({ n: 2 });
  });

  it('keeps a NULL metric as NULL (not reported), and refuses unknown check statuses', () => {
    store.db.exec(`INSERT INTO metric_latest (target_id, platform, published_at, at, likes) VALUES ('t1', 'mastodon', 1, 2, 0)`);
    expect(store.db.prepare('SELECT views, likes FROM metric_latest').get()).toEqual({ views: null, likes: 0 });
    expect(() => store.db.exec(`INSERT INTO metric_checks (target_id, published_at, status) VALUES ('t1', 1, 'zero')`)).toThrow(/CHECK/);
  });
});
