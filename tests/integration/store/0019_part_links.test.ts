import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

// Schema 18 → 19: a thread's parts keep their links, and only web links.
describe('migration 0019_part_links', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('adds a link to every part, empty for the parts already sent, and refuses anything but a web link', () => {
    expect(MIGRATIONS[18]?.name).toBe('part_links');
    const path = join(dir.path, 'links.sqlite');
    const v18 = openStore(path, MIGRATIONS.slice(0, 18));
    v18.db.exec(`INSERT INTO posts (id, created_at, updated_at) VALUES ('p1', 1, 1);
      INSERT INTO targets (id, post_id, platform, state, created_at, updated_at) VALUES ('t1', 'p1', 'mastodon', 'published', 1, 1);
      INSERT INTO target_parts (target_id, position, kind, text, state, platform_post_id, attempts) VALUES ('t1', 1, 'thread', 'two', 'published', '2', 1), ('t1', 2, 'comment', 'links', 'pending', NULL, 0);`);
    v18.close();

    const v19 = openStore(path, MIGRATIONS.slice(0, 19));
    try {
      expect(v19.schemaVersion).toBe(19);
      expect(v19.db.prepare('SELECT position, state, platform_post_id, attempts, platform_url FROM target_parts ORDER BY position').all()).toEqual([
        { position: 1, state: 'published', platform_post_id: '2', attempts: 1, platform_url: null },
        { position: 2, state: 'pending', platform_post_id: null, attempts: 0, platform_url: null },
      ]);
      v19.db.prepare("UPDATE target_parts SET platform_url = 'https://fake.social/@writer/2' WHERE position = 1").run();
      expect(() => v19.db.prepare("UPDATE target_parts SET platform_url = 'javascript:alert(1)' WHERE position = 2").run()).toThrow(/CHECK/);
      expect(v19.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      v19.close();
    }
  });
});
