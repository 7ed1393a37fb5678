import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, parseMigrations } from '../../../electron/core/store/migrations';
import { openStore, type Store } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

// Schema 0 → 1: everything the first release stores.
describe('migration 0001_init', () => {
  const dir = tempDir();
  let store: Store;
  beforeAll(() => {
    store = openStore(join(dir.path, 'db.sqlite'), parseMigrations({ './migrations/0001_init.sql': MIGRATIONS[0]!.sql }));
  });
  afterAll(() => {
    store.close();
    dir.remove();
  });

  const insertPost = (id: string) => store.db.prepare('INSERT INTO posts (id, created_at, updated_at) VALUES (?, 0, 0)').run(id);

  it('creates the tables the first release needs', () => {
    const tables = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining(['accounts', 'audit_log', 'campaigns', 'media', 'post_media', 'post_versions', 'posts', 'schema_migrations', 'settings', 'targets', 'templates']),
    );
  });

  it('refuses a target in a state the scheduler does not know', () => {
    insertPost('p-state');
    expect(() =>
      store.db.prepare("INSERT INTO targets (id, post_id, platform, state, created_at, updated_at) VALUES ('t1', 'p-state', 'x', 'sent', 0, 0)").run(),
    ).toThrow(/CHECK constraint failed/);
  });

  it('refuses a scheduled target without a time', () => {
    insertPost('p-time');
    expect(() =>
      store.db.prepare("INSERT INTO targets (id, post_id, platform, state, created_at, updated_at) VALUES ('t2', 'p-time', 'x', 'scheduled', 0, 0)").run(),
    ).toThrow(/CHECK constraint failed/);
  });

  it('allows one target per post and platform while no account is chosen', () => {
    insertPost('p-dup');
    const add = store.db.prepare("INSERT INTO targets (id, post_id, platform, state, created_at, updated_at) VALUES (?, 'p-dup', 'bluesky', 'draft', 0, 0)");
    add.run('t3');
    expect(() => add.run('t4')).toThrow(/UNIQUE constraint failed/);
  });

  it('deletes versions and targets with their post, and refuses orphans', () => {
    insertPost('p-del');
    store.db.prepare("INSERT INTO post_versions (post_id, number, text, created_at) VALUES ('p-del', 1, 'hi', 0)").run();
    store.db.prepare("INSERT INTO targets (id, post_id, platform, state, created_at, updated_at) VALUES ('t5', 'p-del', 'x', 'draft', 0, 0)").run();
    store.db.prepare("DELETE FROM posts WHERE id = 'p-del'").run();
    expect(store.db.prepare("SELECT count(*) AS n FROM post_versions WHERE post_id = 'p-del'").get()).toEqual({ n: 0 });
    expect(store.db.prepare("SELECT count(*) AS n FROM targets WHERE post_id = 'p-del'").get()).toEqual({ n: 0 });
    expect(() => store.db.prepare("INSERT INTO post_versions (post_id, number, text, created_at) VALUES ('ghost', 1, 'x', 0)").run()).toThrow(/FOREIGN KEY/);
  });

  it('keeps settings as JSON only', () => {
    expect(() => store.db.prepare("INSERT INTO settings (key, value) VALUES ('theme', 'not json')").run()).toThrow(/CHECK constraint failed/);
  });
});
