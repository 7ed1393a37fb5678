import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDuplicates } from '../../../electron/core/posts/duplicate-check';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { fingerprint } from '../../../shared/domain/fingerprint';
import { openStore, type Store } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

// Schema 14 → 15: indexes only; the state-led indexes hold only the state their reads ask for.
describe('migration 0015_live_indexes', () => {
  const dir = tempDir();
  const path = join(dir.path, 'db.sqlite');
  let store: Store;

  beforeAll(() => {
    expect(MIGRATIONS[14]?.name).toBe('live_indexes');
    const v14 = openStore(path, MIGRATIONS.slice(0, 14));
    v14.db.exec(`INSERT INTO accounts (id, platform, handle, status, created_at, updated_at) VALUES ('a1', 'mastodon', '@a', 'connected', 1, 1);
      INSERT INTO posts (id, created_at, updated_at) VALUES ('p1', 1, 1), ('p2', 1, 1), ('p3', 1, 1);
      INSERT INTO targets (id, post_id, platform, account_id, state, scheduled_at, published_at, created_at, updated_at)
        VALUES ('t1', 'p1', 'mastodon', 'a1', 'scheduled', 500, NULL, 1, 1), ('t2', 'p2', 'mastodon', 'a1', 'published', 400, 401, 1, 1),
               ('t3', 'p3', 'mastodon', 'a1', 'publishing', 450, NULL, 1, 1);`);
    v14.close();
    store = openStore(path, MIGRATIONS.slice(0, 15));
  });
  afterAll(() => {
    store.close();
    dir.remove();
  });

  const plan = (sql: string) => (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');

  it('drops the unused attempt index and keeps only scheduled or published copies in the state-led ones', () => {
    expect(store.schemaVersion).toBe(15);
    const names = (store.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'targets'`).pluck().all() as string[]).sort();
    expect(names).not.toContain('targets_attempt');
    const sqlOf = (name: string) => store.db.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).pluck().get(name) as string;
    expect(sqlOf('targets_due')).toMatch(/WHERE state = 'scheduled'/);
    expect(sqlOf('targets_published')).toMatch(/WHERE state = 'published'/);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('serves the same reads from them, with the rows already there', () => {
    const next = `SELECT min(scheduled_at) AS at FROM targets WHERE state = 'scheduled' AND scheduled_at > 100`;
    expect(plan(next)).toMatch(/USING COVERING INDEX targets_due \(state=\? AND scheduled_at>\?\)/);
    expect(store.db.prepare(next).get()).toEqual({ at: 500 });
    const published = `SELECT id FROM targets WHERE state = 'published' AND published_at >= 0 AND published_at < 1000`;
    expect(plan(published)).toMatch(/USING INDEX targets_published \(state=\? AND published_at>\? AND published_at<\?\)/);
    expect(store.db.prepare(published).all()).toEqual([{ id: 't2' }]);
  });

  it('moves a copy in and out of them as its state changes', () => {
    const inDue = () => store.db.prepare(`SELECT id FROM targets INDEXED BY targets_due WHERE state = 'scheduled'`).pluck().all();
    const inPublished = () => store.db.prepare(`SELECT id FROM targets INDEXED BY targets_published WHERE state = 'published' ORDER BY id`).pluck().all();
    store.db.prepare(`UPDATE targets SET state = 'publishing' WHERE id = 't1'`).run();
    expect(inDue()).toEqual([]);
    store.db.prepare(`UPDATE targets SET state = 'published', published_at = 600 WHERE id = 't1'`).run();
    expect(inPublished()).toEqual(['t1', 't2']);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  const printOf = (id: string) => store.db.prepare('SELECT guard_print FROM targets WHERE id = ?').pluck().get(id);
  const quiet = { log() {}, debug() {}, info() {}, warn() {}, error() {} };

  it('finds a repeat among copies from before, and stores the fingerprints it worked out', () => {
    // Copies from before 0015 have none stored; the guard works them out when they are in its window.
    store.db.exec(`INSERT INTO post_versions (post_id, number, text, created_at) VALUES ('p1', 1, 'Same words', 1), ('p2', 1, 'Other words', 1), ('p3', 1, 'Same words', 1)`);
    for (let i = 1; i <= 10; i++) {
      store.db.prepare(`INSERT INTO posts (id, created_at, updated_at) VALUES (?, 1, 1)`).run(`q${i}`);
      store.db.prepare(`INSERT INTO post_versions (post_id, number, text, created_at) VALUES (?, 1, ?, 1)`).run(`q${i}`, `Filler ${i}`);
      store.db.prepare(`INSERT INTO targets (id, post_id, platform, account_id, state, scheduled_at, created_at, updated_at) VALUES (?, ?, 'mastodon', 'a1', 'scheduled', 520, 1, 1)`).run(`u${i}`, `q${i}`);
    }
    expect(printOf('t2')).toBe('');
    const check = checkDuplicates({ db: store.db, clock: { now: () => 500 } as never, log: quiet as never }, { text: 'same words.', accountIds: ['a1'], scheduledAt: 510 });
    expect(check.warnings.map((w) => w.postId).sort()).toEqual(['p1', 'p3']);
    expect(printOf('u1')).toBe(fingerprint('Filler 1'));
    expect(printOf('t1')).toBe(fingerprint('Same words'));
  });

  it('forgets a stored fingerprint when the words or the media change, whoever changes them', () => {
    const set = () => store.db.prepare(`UPDATE targets SET guard_print = 'x' WHERE id = 't1'`).run();
    set();
    store.db.exec(`INSERT INTO post_versions (post_id, number, text, created_at) VALUES ('p1', 2, 'New words', 2)`);
    expect(printOf('t1')).toBe('');
    set();
    store.db.exec(`UPDATE targets SET text_override = 'Own words' WHERE id = 't1'`);
    expect(printOf('t1')).toBe('');
    set();
    const hash = 'a'.repeat(64);
    store.db.prepare(`INSERT INTO media (hash, mime, bytes, created_at) VALUES (?, 'image/png', 1, 1)`).run(hash);
    store.db.prepare(`INSERT INTO post_media (post_id, position, media_hash) VALUES ('p1', 0, ?)`).run(hash);
    expect(printOf('t1')).toBe('');
    set();
    store.db.exec(`DELETE FROM post_media WHERE post_id = 'p1'`);
    expect(printOf('t1')).toBe('');
  });
});
