import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

// Schema 19 → 20: a search index over every post, filled on the first search; edits name their post.
describe('migration 0020_post_search', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('adds an empty index beside the posts, names edited posts, and takes a deleted post’s document with it', () => {
    expect(MIGRATIONS[19]?.name).toBe('post_search');
    const path = join(dir.path, 'search.sqlite');
    const v19 = openStore(path, MIGRATIONS.slice(0, 19));
    v19.db.exec(`INSERT INTO posts (id, created_at, updated_at) VALUES ('p1', 1, 1), ('p2', 2, 2);
      INSERT INTO post_versions (post_id, number, text, created_at) VALUES ('p1', 1, 'Café opening', 1), ('p2', 1, 'Studio tour', 2);`);
    v19.close();

    const v20 = openStore(path, MIGRATIONS.slice(0, 20));
    const db = v20.db;
    try {
      expect(v20.schemaVersion).toBe(20);
      expect(db.prepare('SELECT count(*) AS n FROM post_search').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM post_search_docs').get()).toEqual({ n: 0 });
      // A new post names nothing (the search finds it by its missing document); an edit names it once.
      db.exec(`INSERT INTO posts (id, created_at, updated_at) VALUES ('p3', 3, 3)`);
      db.exec(`UPDATE posts SET updated_at = 4 WHERE id = 'p1'; UPDATE posts SET updated_at = 5 WHERE id = 'p1'; UPDATE posts SET pillar_id = NULL WHERE id = 'p2'`);
      expect(db.prepare('SELECT post_id FROM post_search_dirty').all()).toEqual([{ post_id: 'p1' }]);
      // The index folds case and accents.
      db.exec(`INSERT INTO post_search_docs (doc, post_id, updated_at) VALUES (1, 'p1', 5); INSERT INTO post_search (rowid, body) VALUES (1, 'Café opening')`);
      expect(db.prepare(`SELECT rowid FROM post_search WHERE post_search MATCH '"CAFE"'`).all()).toEqual([{ rowid: 1 }]);
      db.exec(`DELETE FROM posts WHERE id = 'p1'`);
      expect(db.prepare('SELECT count(*) AS n FROM post_search').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM post_search_docs').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM post_search_dirty').get()).toEqual({ n: 0 });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      v20.close();
    }
  });
});
