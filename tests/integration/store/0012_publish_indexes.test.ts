import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore, type Store } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

// Schema 11 → 12: indexes only; the copies and their parts stay as they were.
describe('migration 0012_publish_indexes', () => {
  const dir = tempDir();
  const path = join(dir.path, 'db.sqlite');
  let store: Store;

  beforeAll(() => {
    expect(MIGRATIONS[11]?.name).toBe('publish_indexes');
    const v11 = openStore(path, MIGRATIONS.slice(0, 11));
    v11.db.exec(`INSERT INTO accounts (id, platform, handle, status, created_at, updated_at) VALUES ('a1', 'mastodon', '@a', 'connected', 1, 1);
      INSERT INTO posts (id, created_at, updated_at) VALUES ('p1', 1, 1), ('p2', 1, 1);
      INSERT INTO targets (id, post_id, platform, account_id, state, scheduled_at, next_attempt_at, created_at, updated_at)
        VALUES ('t1', 'p1', 'mastodon', 'a1', 'scheduled', 500, 900, 1, 1), ('t2', 'p2', 'mastodon', 'a1', 'published', 400, NULL, 1, 1);
      INSERT INTO target_parts (target_id, position, kind, text, state) VALUES ('t2', 1, 'thread', 'Part 2', 'pending');`);
    v11.close();
    store = openStore(path, MIGRATIONS.slice(0, 12));
  });
  afterAll(() => {
    store.close();
    dir.remove();
  });

  it('adds the due index by account, state and due instant, and the partial index of open parts', () => {
    expect(store.schemaVersion).toBe(12);
    const indexes = store.db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN ('targets_account_due', 'target_parts_open') ORDER BY name`).all() as { name: string; sql: string }[];
    expect(indexes.map((i) => i.name)).toEqual(['target_parts_open', 'targets_account_due']);
    expect(indexes[0]!.sql).toMatch(/WHERE state IN \('pending', 'publishing'\)/);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('serves a due read from the index with the rows already there', () => {
    const sql = `SELECT id FROM targets t WHERE t.account_id = 'a1' AND t.state = 'scheduled' AND coalesce(t.next_attempt_at, t.scheduled_at) <= 1000`;
    expect((store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n')).toMatch(/USING (COVERING )?INDEX targets_account_due \(account_id=\? AND state=\? AND <expr></);
    expect(store.db.prepare(sql).all()).toEqual([{ id: 't1' }]);
    expect(store.db.prepare(`SELECT target_id FROM target_parts WHERE state IN ('pending', 'publishing')`).all()).toEqual([{ target_id: 't2' }]);
  });
});
