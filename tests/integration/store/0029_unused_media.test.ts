import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

// Schema 28 → 29: files a post uses are marked used; files no post uses are left unmarked (an
// upload a composer still holds), so the sweep never removes what it cannot know was a post's.
describe('migration 0029_unused_media', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('marks the files posts use as used, no file as unused yet, and a post taking a file marks it used', () => {
    expect(MIGRATIONS[28]?.name).toBe('unused_media');
    const path = join(dir.path, 'media.sqlite');
    const v28 = openStore(path, MIGRATIONS.slice(0, 28));
    const hash = (c: string) => c.repeat(64);
    v28.db.exec(`INSERT INTO posts (id, created_at, updated_at) VALUES ('p1', 1, 1), ('p2', 1, 1);
      INSERT INTO media (hash, mime, bytes, created_at) VALUES ('${hash('a')}', 'image/png', 10, 1), ('${hash('b')}', 'image/png', 20, 1);
      INSERT INTO post_media (post_id, position, media_hash) VALUES ('p1', 0, '${hash('a')}');`);
    v28.close();

    const v29 = openStore(path, MIGRATIONS.slice(0, 29));
    try {
      const rows = () => v29.db.prepare('SELECT hash, used, unused_since FROM media ORDER BY hash').all();
      expect(rows()).toEqual([
        { hash: hash('a'), used: 1, unused_since: null },
        { hash: hash('b'), used: 0, unused_since: null },
      ]);
      // A file can be marked unused only once a post has used it.
      expect(() => v29.db.prepare('UPDATE media SET unused_since = 5 WHERE hash = ?').run(hash('b'))).toThrow(/CHECK/);
      v29.db.prepare('UPDATE media SET unused_since = 5 WHERE hash = ?').run(hash('a'));
      // A post taking either file clears the mark and says it was used.
      v29.db.exec(`INSERT INTO post_media (post_id, position, media_hash) VALUES ('p2', 0, '${hash('a')}'), ('p2', 1, '${hash('b')}')`);
      expect(rows()).toEqual([
        { hash: hash('a'), used: 1, unused_since: null },
        { hash: hash('b'), used: 1, unused_since: null },
      ]);
      expect(v29.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      v29.close();
    }
  });
});
