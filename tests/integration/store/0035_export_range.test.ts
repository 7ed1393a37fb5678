import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore, type Store } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

// Schema 34 → 35: dated copies by when they go (or went) out, for an export of some days or a month.
describe('migration 0035_export_range', () => {
  const dir = tempDir();
  const path = join(dir.path, 'db.sqlite');
  let store: Store;

  beforeAll(() => {
    expect(MIGRATIONS[34]?.name).toBe('export_range');
    const v34 = openStore(path, MIGRATIONS.slice(0, 34));
    v34.db.exec(`INSERT INTO posts (id, created_at, updated_at) VALUES ('p', 1, 1);
      INSERT INTO targets (id, post_id, platform, state, scheduled_at, published_at, created_at, updated_at) VALUES
        ('out', 'p', 'x', 'published', 100, 150, 1, 1),
        ('ahead', 'p', 'bluesky', 'scheduled', 300, NULL, 1, 1),
        ('undated', 'p', 'mastodon', 'draft', NULL, NULL, 1, 1)`);
    v34.close();
    store = openStore(path, MIGRATIONS.slice(0, 35));
  });
  afterAll(() => {
    store.close();
    dir.remove();
  });

  it('indexes the copies already there by when they go out (the publish time once out), leaving undated drafts out', () => {
    expect(store.schemaVersion).toBe(35);
    const at = (from: number, to: number) =>
      store.db.prepare(`SELECT id FROM targets INDEXED BY targets_export_at WHERE scheduled_at IS NOT NULL AND coalesce(published_at, scheduled_at) >= ? AND coalesce(published_at, scheduled_at) < ? ORDER BY id`).pluck().all(from, to);
    expect(at(0, 1000)).toEqual(['ahead', 'out']);
    expect(at(120, 200)).toEqual(['out']);
    expect(store.db.prepare(`SELECT count(*) FROM targets INDEXED BY targets_export_at WHERE scheduled_at IS NOT NULL`).pluck().get()).toBe(2);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
