import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core';
import { ENSURE_STRETCH } from '../../electron/core/analytics/collect/checks-repo';
import { call, createTestCore, type TestCore } from '../support/core';
import { seedPosts } from '../support/seed-scale';

/**
 * The first metrics look after a start gives every published copy a check row: at 100,000 posts
 * ~350 ms of reading, done a stretch of the copies' table at a time so publishing keeps its turns.
 */
describe('the first look after a start at every copy that went out', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  it('gives every published copy a check row, a stretch at a time, letting other work through between two', async () => {
    t = await createTestCore({ publishing: { autoStart: false } });
    seedPosts(t.dataDir, 4_000, t.clock, { pastDays: 60, futureDays: 30 });
    const db = new Database(join(t.dataDir, DATABASE_FILE), { readonly: true });
    const copies = db.prepare('SELECT max(rowid) FROM targets').pluck().get() as number;
    expect(copies).toBeGreaterThan(ENSURE_STRETCH);
    const published = `SELECT id FROM targets WHERE state = 'published' AND platform_post_id IS NOT NULL AND published_at IS NOT NULL AND account_id IS NOT NULL`;
    expect((db.prepare(`SELECT count(*) FROM (${published})`).pluck().get() as number)).toBeGreaterThan(1_000);

    // Waiting for the event loop's next turn from before the call: it comes before the answer.
    const order: string[] = [];
    setImmediate(() => order.push('turn'));
    await call(t.core, 'metrics:refresh', {}).then(() => order.push('refresh'));
    expect(order).toEqual(['turn', 'refresh']);

    const missing = db.prepare(`SELECT count(*) FROM (${published}) p WHERE NOT EXISTS (SELECT 1 FROM metric_checks c WHERE c.target_id = p.id)`).pluck().get();
    const extra = db.prepare(`SELECT count(*) FROM metric_checks c WHERE c.target_id NOT IN (${published})`).pluck().get();
    db.close();
    expect({ missing, extra }).toEqual({ missing: 0, extra: 0 });
  });
});
