import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

// Schema 22 → 23: a version keeps its thread and first comment; those saved before did not.
describe('migration 0023_version_parts', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('leaves the versions already saved without parts, and takes only a thread list as parts', () => {
    expect(MIGRATIONS[22]?.name).toBe('version_parts');
    const path = join(dir.path, 'parts.sqlite');
    const v22 = openStore(path, MIGRATIONS.slice(0, 22));
    v22.db.exec(`INSERT INTO posts (id, created_at, updated_at) VALUES ('p1', 1, 1);
      INSERT INTO post_versions (post_id, number, text, created_at) VALUES ('p1', 1, 'one', 1);`);
    v22.close();

    const v23 = openStore(path, MIGRATIONS.slice(0, 23));
    try {
      expect(v23.schemaVersion).toBe(23);
      expect(v23.db.prepare('SELECT parts FROM post_versions').pluck().get()).toBeNull();
      const add = v23.db.prepare(`INSERT INTO post_versions (post_id, number, text, created_at, parts) VALUES ('p1', ?, 'two', 2, ?)`);
      add.run(2, JSON.stringify({ thread: ['Part two'], firstComment: null }));
      expect(() => add.run(3, '{"thread": "not a list"}')).toThrow(/CHECK/);
      expect(() => add.run(4, 'not json')).toThrow(/CHECK/);
      expect(v23.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      v23.close();
    }
  });
});
