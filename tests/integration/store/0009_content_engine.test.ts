import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore, type Store } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

// Schema 8 → 9: queued jobs survive the rebuild; variant sets, voice learning and richer provenance arrive.
describe('migration 0009_content_engine', () => {
  const dir = tempDir();
  const path = join(dir.path, 'db.sqlite');
  let store: Store;

  beforeAll(() => {
    expect(MIGRATIONS[8]?.name).toBe('content_engine');
    const v8 = openStore(path, MIGRATIONS.slice(0, 8));
    v8.db.exec(`INSERT INTO posts (id, created_at, updated_at) VALUES ('p1', 1, 1);
      INSERT INTO post_versions (post_id, number, text, created_at) VALUES ('p1', 1, 'from schema eight', 1);
      INSERT INTO generation_jobs (id, kind, input, priority, state, attempts, created_at, updated_at) VALUES ('j1', 'template_variants', '{"count":2}', 5, 'queued', 1, 1, 2);
      INSERT INTO voices (id, name, created_at, updated_at) VALUES ('v1', 'Warm', 1, 1);`);
    v8.close();
    store = openStore(path, MIGRATIONS.slice(0, 9));
  });
  afterAll(() => {
    store.close();
    dir.remove();
  });

  it('keeps the queued job of schema 8 as it was and accepts the new kinds', () => {
    expect(store.schemaVersion).toBe(9);
    expect(store.db.prepare('SELECT id, kind, priority, state, attempts FROM generation_jobs').get()).toEqual({ id: 'j1', kind: 'template_variants', priority: 5, state: 'queued', attempts: 1 });
    const insert = store.db.prepare('INSERT INTO generation_jobs (id, kind, input, created_at, updated_at) VALUES (?, ?, ?, 1, 1)');
    for (const kind of ['slot', 'idea', 'rewrite', 'shorten', 'thread']) insert.run(`j-${kind}`, kind, '{}');
    expect(() => insert.run('j-poem', 'poem', '{}')).toThrow(/CHECK/);
  });

  it('links variants as arms of one set, one set per post, and drops them with the post', () => {
    store.db.exec(`INSERT INTO variant_sets (id, job_id, created_at) VALUES ('s1', 'j1', 1);
      INSERT INTO variant_arms (set_id, arm, post_id, hook) VALUES ('s1', 0, 'p1', 'A question');`);
    expect(() => store.db.exec(`INSERT INTO variant_arms (set_id, arm, post_id) VALUES ('s1', 1, 'p1')`)).toThrow(/UNIQUE/);
    store.db.exec(`DELETE FROM posts WHERE id = 'p1'`);
    expect(store.db.prepare('SELECT count(*) AS n FROM variant_arms').get()).toEqual({ n: 0 });
  });

  it('gives voices a learn switch that is off, and provenance an empty list of examples', () => {
    expect(store.db.prepare('SELECT learn_from_posts FROM voices').get()).toEqual({ learn_from_posts: 0 });
    expect(() => store.db.exec(`UPDATE voices SET learn_from_posts = 2`)).toThrow(/CHECK/);
    store.db.exec(`INSERT INTO posts (id, created_at, updated_at) VALUES ('p2', 1, 1);
      INSERT INTO post_versions (post_id, number, text, created_at) VALUES ('p2', 1, 'x', 1);
      INSERT INTO version_provenance (post_id, number, writer, writer_version, seed, created_at) VALUES ('p2', 1, 'ai', 'slot-1', 's', 1);`);
    expect(store.db.prepare('SELECT task, examples, idea_id FROM version_provenance').get()).toEqual({ task: null, examples: '[]', idea_id: null });
  });
});
