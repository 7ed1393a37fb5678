import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore, type Store } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

// Schema 5 → 6: a database with posts gains an empty record of committed imports.
describe('migration 0006_imports', () => {
  const dir = tempDir();
  const path = join(dir.path, 'db.sqlite');
  let store: Store;

  beforeAll(() => {
    expect(MIGRATIONS[5]?.name).toBe('imports');
    const v5 = openStore(path, MIGRATIONS.slice(0, 5));
    v5.db.exec(`INSERT INTO posts (id, created_at, updated_at) VALUES ('p1', 1, 1);
      INSERT INTO post_versions (post_id, number, text, created_at) VALUES ('p1', 1, 'from schema five', 1);`);
    v5.close();
    store = openStore(path, MIGRATIONS.slice(0, 6));
  });
  afterAll(() => {
    store.close();
    dir.remove();
  });

  it('keeps the posts of schema 5 and starts with no imports', () => {
    expect(store.schemaVersion).toBe(6);
    expect(store.db.prepare('SELECT count(*) AS n FROM posts').get()).toEqual({ n: 1 });
    expect(store.db.prepare('SELECT count(*) AS n FROM imports').get()).toEqual({ n: 0 });
  });

  it('keeps one result per import id, and only JSON', () => {
    store.db.prepare('INSERT INTO imports (id, result, created_at) VALUES (?, ?, ?)').run('i1', '{"posts":1}', 1);
    expect(() => store.db.prepare('INSERT INTO imports (id, result, created_at) VALUES (?, ?, ?)').run('i1', '{"posts":2}', 2)).toThrow(/UNIQUE/);
    expect(() => store.db.prepare('INSERT INTO imports (id, result, created_at) VALUES (?, ?, ?)').run('i2', 'not json', 2)).toThrow(/CHECK/);
  });
});
