import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore, type Store } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

// Schema 1 → 2: a database with posts made by the first release gains the scheduler's columns.
describe('migration 0002_publishing', () => {
  const dir = tempDir();
  const path = join(dir.path, 'db.sqlite');
  let store: Store;
  beforeAll(() => {
    const v1 = openStore(path, MIGRATIONS.slice(0, 1));
    v1.db.exec(`
      INSERT INTO posts (id, created_at, updated_at) VALUES ('p1', 1, 1);
      INSERT INTO post_versions (post_id, number, text, created_at) VALUES ('p1', 1, 'from release one', 1);
      INSERT INTO targets (id, post_id, platform, scheduled_at, zone, state, created_at, updated_at) VALUES ('t1', 'p1', 'x', 1000, 'UTC', 'scheduled', 1, 1);`);
    v1.close();
    store = openStore(path, MIGRATIONS.slice(0, 2));
  });
  afterAll(() => {
    store.close();
    dir.remove();
  });

  it('keeps what schema 1 stored and adds the retry and attempt columns, empty', () => {
    expect(store.db.prepare("SELECT state, scheduled_at, next_attempt_at, attempt_started_at, last_error_details FROM targets WHERE id = 't1'").get()).toEqual({
      state: 'scheduled',
      scheduled_at: 1000,
      next_attempt_at: null,
      attempt_started_at: null,
      last_error_details: null,
    });
  });

  it('chains thread parts to a target and removes them with it', () => {
    store.db.prepare("INSERT INTO target_parts (target_id, position, kind, text) VALUES ('t1', 1, 'thread', 'part two')").run();
    expect(() => store.db.prepare("INSERT INTO target_parts (target_id, position, kind, text) VALUES ('t1', 2, 'poll', 'x')").run()).toThrow(/CHECK/);
    store.db.prepare("DELETE FROM targets WHERE id = 't1'").run();
    expect(store.db.prepare('SELECT count(*) AS n FROM target_parts').get()).toEqual({ n: 0 });
  });

  it('creates metric snapshots and alerts', () => {
    const names = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['metric_snapshots', 'alerts']));
  });
});
