import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

// Schema 17 → 18: a thread's parts keep their attempts and when they may be tried again.
describe('migration 0018_part_retries', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('adds attempts and a retry time to every part, kept as they were, and indexes only the waiting ones', () => {
    expect(MIGRATIONS[17]?.name).toBe('part_retries');
    const path = join(dir.path, 'parts.sqlite');
    const v17 = openStore(path, MIGRATIONS.slice(0, 17));
    v17.db.exec(`INSERT INTO posts (id, created_at, updated_at) VALUES ('p1', 1, 1);
      INSERT INTO targets (id, post_id, platform, state, created_at, updated_at) VALUES ('t1', 'p1', 'mastodon', 'published', 1, 1);
      INSERT INTO target_parts (target_id, position, kind, text, state, platform_post_id) VALUES ('t1', 1, 'thread', 'two', 'published', '2'), ('t1', 2, 'comment', 'links', 'pending', NULL);`);
    v17.close();

    const v18 = openStore(path, MIGRATIONS.slice(0, 18));
    try {
      expect(v18.schemaVersion).toBe(18);
      expect(v18.db.prepare('SELECT position, state, platform_post_id, attempts, next_attempt_at FROM target_parts ORDER BY position').all()).toEqual([
        { position: 1, state: 'published', platform_post_id: '2', attempts: 0, next_attempt_at: null },
        { position: 2, state: 'pending', platform_post_id: null, attempts: 0, next_attempt_at: null },
      ]);
      expect(() => v18.db.prepare("UPDATE target_parts SET attempts = -1 WHERE position = 2").run()).toThrow(/CHECK/);
      v18.db.prepare('UPDATE target_parts SET next_attempt_at = 5 WHERE position = 2').run();
      const plan = (v18.db.prepare('EXPLAIN QUERY PLAN SELECT target_id FROM target_parts WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= 10').all() as { detail: string }[]).map((r) => r.detail).join('\n');
      expect(plan).toContain('target_parts_retry');
      expect(v18.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      v18.close();
    }
  });
});
