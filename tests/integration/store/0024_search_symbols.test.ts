import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore } from '../../../electron/core/store/open';
import { createPostSearch } from '../../../electron/core/posts/search';
import { tempDir } from '../../support/core';

// Schema 23 → 24: the search documents written without emoji words go, and are written again.
describe('migration 0024_search_symbols', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('drops the documents written before, and the next search finds an old post by its emoji', async () => {
    expect(MIGRATIONS[23]?.name).toBe('search_symbols');
    const path = join(dir.path, 'search.sqlite');
    const v23 = openStore(path, MIGRATIONS.slice(0, 23));
    v23.db.exec(`INSERT INTO posts (id, created_at, updated_at) VALUES ('p1', 1, 1), ('p2', 2, 2);
      INSERT INTO post_versions (post_id, number, text, created_at) VALUES ('p1', 1, 'Launch day 🎉', 1), ('p2', 1, 'Quiet day', 2);`);
    // Documents as schema 23 wrote them: the words only, and one edit waiting.
    const old = createPostSearch(v23.db);
    expect((await old.find('launch', 10)).posts.map((p) => p.id)).toEqual(['p1']);
    v23.db.exec(`UPDATE posts SET updated_at = 3 WHERE id = 'p2'`);
    expect(v23.db.prepare('SELECT count(*) FROM post_search_docs').pluck().get()).toBe(2);
    expect(v23.db.prepare('SELECT count(*) FROM post_search_dirty').pluck().get()).toBe(1);
    v23.close();

    const v24 = openStore(path, MIGRATIONS.slice(0, 24));
    try {
      expect(v24.schemaVersion).toBe(24);
      for (const table of ['post_search', 'post_search_docs', 'post_search_dirty']) {
        expect(v24.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
      }
      const search = createPostSearch(v24.db);
      expect((await search.find('🎉', 10)).posts.map((p) => p.id)).toEqual(['p1']);
      expect((await search.find('quiet', 10)).posts.map((p) => p.id)).toEqual(['p2']);
      expect(v24.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      v24.close();
    }
  });
});
