import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore, type Store } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

// Schema 6 → 7: versions can say how they were written; the posts of schema 6 have no such record.
describe('migration 0007_provenance', () => {
  const dir = tempDir();
  const path = join(dir.path, 'db.sqlite');
  let store: Store;
  const insert = `INSERT INTO version_provenance (post_id, number, writer, writer_version, template_id, template_name, seed, created_at)
    VALUES (?, ?, ?, 'offline-1', 'builtin-cta-follow', 'Follow for more', 'seed', 2)`;

  beforeAll(() => {
    expect(MIGRATIONS[6]?.name).toBe('provenance');
    const v6 = openStore(path, MIGRATIONS.slice(0, 6));
    v6.db.exec(`INSERT INTO posts (id, created_at, updated_at) VALUES ('p1', 1, 1);
      INSERT INTO post_versions (post_id, number, text, source, created_at) VALUES ('p1', 1, 'from schema six', 'template', 1);`);
    v6.close();
    store = openStore(path, MIGRATIONS.slice(0, 7));
  });
  afterAll(() => {
    store.close();
    dir.remove();
  });

  it('keeps the versions of schema 6, with no provenance', () => {
    expect(store.schemaVersion).toBe(7);
    expect(store.db.prepare('SELECT text, source FROM post_versions').all()).toEqual([{ text: 'from schema six', source: 'template' }]);
    expect(store.db.prepare('SELECT count(*) AS n FROM version_provenance').get()).toEqual({ n: 0 });
  });

  it('records a writer for an existing version only, and only a known writer', () => {
    store.db.prepare(insert).run('p1', 1, 'offline');
    expect(() => store.db.prepare(insert).run('p1', 2, 'offline')).toThrow(/FOREIGN KEY/);
    expect(() => store.db.prepare(insert).run('p1', 1, 'offline')).toThrow(/UNIQUE|PRIMARY KEY/);
    store.db.prepare("INSERT INTO post_versions (post_id, number, text, created_at) VALUES ('p1', 2, 'edited', 3)").run();
    expect(() => store.db.prepare(insert).run('p1', 2, 'a ghost')).toThrow(/CHECK/);
  });

  it('goes with its post, and outlives a deleted template', () => {
    store.db.prepare("UPDATE templates SET builtin = 0 WHERE id = 'builtin-cta-follow'").run();
    store.db.prepare("DELETE FROM templates WHERE id = 'builtin-cta-follow'").run();
    expect(store.db.prepare('SELECT template_id, template_name FROM version_provenance').get()).toEqual({ template_id: null, template_name: 'Follow for more' });
    store.db.prepare("DELETE FROM posts WHERE id = 'p1'").run();
    expect(store.db.prepare('SELECT count(*) AS n FROM version_provenance').get()).toEqual({ n: 0 });
  });
});
