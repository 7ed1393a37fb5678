import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

// Schema 20 → 21: each version may say who wrote it; the ones saved before stay unknown.
describe('migration 0021_version_authors', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('adds an author to every version, unknown for those already saved, and only the known kinds', () => {
    expect(MIGRATIONS[20]?.name).toBe('version_authors');
    const path = join(dir.path, 'authors.sqlite');
    const v20 = openStore(path, MIGRATIONS.slice(0, 20));
    v20.db.exec(`INSERT INTO posts (id, created_at, updated_at, created_by, created_via) VALUES ('p1', 1, 1, 'agent', 'claude-ai');
      INSERT INTO post_versions (post_id, number, text, created_at) VALUES ('p1', 1, 'one', 1), ('p1', 2, 'two', 2);`);
    v20.close();

    const v21 = openStore(path, MIGRATIONS.slice(0, 21));
    try {
      expect(v21.schemaVersion).toBe(21);
      expect(v21.db.prepare('SELECT number, text, written_by, written_via FROM post_versions ORDER BY number').all()).toEqual([
        { number: 1, text: 'one', written_by: null, written_via: null },
        { number: 2, text: 'two', written_by: null, written_via: null },
      ]);
      v21.db.prepare(`INSERT INTO post_versions (post_id, number, text, created_at, written_by, written_via) VALUES ('p1', 3, 'three', 3, 'script', 'nightly')`).run();
      expect(() => v21.db.prepare(`UPDATE post_versions SET written_by = 'robot' WHERE number = 3`).run()).toThrow(/CHECK/);
      expect(() => v21.db.prepare(`UPDATE post_versions SET written_via = ? WHERE number = 3`).run('x'.repeat(81))).toThrow(/CHECK/);
      expect(v21.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      v21.close();
    }
  });
});
