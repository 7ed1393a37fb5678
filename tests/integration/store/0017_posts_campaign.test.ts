import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore } from '../../../electron/core/store/open';
import { CAMPAIGNS_SQL } from '../../../electron/core/features/campaigns/campaigns-repo';
import { tempDir } from '../../support/core';

// Schema 16 → 17: a campaign's posts are found through an index instead of by reading every post.
describe('migration 0017_posts_campaign', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());
  const planOf = (db: ReturnType<typeof openStore>['db'], sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
  const LIST = `${CAMPAIGNS_SQL} ORDER BY c.created_at DESC, c.name`;

  it('counts a campaign’s posts by posts_campaign, and keeps the posts and their counts', () => {
    expect(MIGRATIONS[16]?.name).toBe('posts_campaign');
    const path = join(dir.path, 'campaigns.sqlite');
    const v16 = openStore(path, MIGRATIONS.slice(0, 16));
    expect(planOf(v16.db, LIST)).toMatch(/SCAN p\b/);
    v16.db.exec(`INSERT INTO campaigns (id, name, created_at, updated_at) VALUES ('c1', 'Launch', 1, 1), ('c2', 'Spring', 2, 2);
      INSERT INTO posts (id, campaign_id, created_at, updated_at) VALUES ('p1', 'c1', 1, 1), ('p2', 'c1', 2, 2), ('p3', 'c2', 3, 3), ('p4', NULL, 4, 4);`);
    v16.close();

    const v17 = openStore(path, MIGRATIONS.slice(0, 17));
    try {
      expect(v17.schemaVersion).toBe(17);
      const plan = planOf(v17.db, LIST);
      expect(plan).toContain('posts_campaign');
      expect(plan).not.toMatch(/SCAN p\b/);
      expect(v17.db.prepare(LIST).all().map((r) => [(r as { id: string }).id, (r as { post_count: number }).post_count])).toEqual([
        ['c2', 1],
        ['c1', 2],
      ]);
      expect(v17.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      v17.close();
    }
  });
});
