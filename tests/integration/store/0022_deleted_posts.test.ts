import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

// Schema 21 → 22: deleted posts are kept to be brought back; two tables that go with a post get
// the index its delete reads them by.
describe('migration 0022_deleted_posts', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('adds an empty bin that takes only known deleters, and indexes the check log and dropped examples by what they belong to', () => {
    expect(MIGRATIONS[21]?.name).toBe('deleted_posts');
    const path = join(dir.path, 'bin.sqlite');
    const v21 = openStore(path, MIGRATIONS.slice(0, 21));
    v21.db.exec(`INSERT INTO posts (id, created_at, updated_at) VALUES ('p1', 1, 1);
      INSERT INTO targets (id, post_id, platform, state, created_at, updated_at) VALUES ('t1', 'p1', 'x', 'draft', 1, 1);
      INSERT INTO metric_check_log (target_id, at, status) VALUES ('t1', 2, 'ok');`);
    v21.close();

    const v22 = openStore(path, MIGRATIONS.slice(0, 22));
    try {
      expect(v22.schemaVersion).toBe(22);
      expect(v22.db.prepare('SELECT count(*) FROM deleted_posts').pluck().get()).toBe(0);
      v22.db.prepare(`INSERT INTO deleted_posts (post_id, deleted_at, deleted_by, text, copies, rows) VALUES ('p0', 5, 'agent', 'Hello', '[]', '{}')`).run();
      expect(() => v22.db.prepare(`INSERT INTO deleted_posts (post_id, deleted_at, deleted_by, text, copies, rows) VALUES ('p9', 5, 'robot', '', '[]', '{}')`).run()).toThrow(/CHECK/);
      const plan = (sql: string) => (v22.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' ');
      expect(plan(`SELECT * FROM metric_check_log WHERE target_id = 't1'`)).toContain('metric_check_log_target');
      expect(plan(`SELECT * FROM voice_example_drops WHERE post_id = 'p1'`)).toContain('voice_example_drops_post');
      expect(v22.db.prepare('SELECT count(*) FROM metric_check_log').pluck().get()).toBe(1);
      expect(v22.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      v22.close();
    }
  });
});
