import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore, type Store } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

// Schema 7 → 8: a database with posts gains an empty generation queue.
describe('migration 0008_generation_jobs', () => {
  const dir = tempDir();
  const path = join(dir.path, 'db.sqlite');
  let store: Store;

  beforeAll(() => {
    expect(MIGRATIONS[7]?.name).toBe('generation_jobs');
    const v7 = openStore(path, MIGRATIONS.slice(0, 7));
    v7.db.exec(`INSERT INTO posts (id, created_at, updated_at) VALUES ('p1', 1, 1);
      INSERT INTO post_versions (post_id, number, text, created_at) VALUES ('p1', 1, 'from schema seven', 1);`);
    v7.close();
    store = openStore(path, MIGRATIONS.slice(0, 8));
  });
  afterAll(() => {
    store.close();
    dir.remove();
  });

  it('keeps the posts of schema 7 and starts with no jobs', () => {
    expect(store.schemaVersion).toBe(8);
    expect(store.db.prepare('SELECT count(*) AS n FROM posts').get()).toEqual({ n: 1 });
    expect(store.db.prepare('SELECT count(*) AS n FROM generation_jobs').get()).toEqual({ n: 0 });
  });

  it('starts a job queued with no drafts, and refuses unknown states, kinds and non-JSON input', () => {
    const insert = store.db.prepare('INSERT INTO generation_jobs (id, kind, input, created_at, updated_at) VALUES (?, ?, ?, 1, 1)');
    insert.run('j1', 'template_variants', '{"count":3}');
    expect(store.db.prepare('SELECT state, attempts, priority, result_post_ids FROM generation_jobs').get()).toEqual({ state: 'queued', attempts: 0, priority: 0, result_post_ids: '[]' });
    expect(() => insert.run('j2', 'poem', '{}')).toThrow(/CHECK/);
    expect(() => insert.run('j3', 'template_variants', 'not json')).toThrow(/CHECK/);
    expect(() => store.db.prepare("UPDATE generation_jobs SET state = 'paused' WHERE id = 'j1'").run()).toThrow(/CHECK/);
  });
});
