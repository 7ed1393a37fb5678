import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore, type Store } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

// Schema 4 → 5: a database with posts gains an empty idea bank that can point at them.
describe('migration 0005_ideas', () => {
  const dir = tempDir();
  const path = join(dir.path, 'db.sqlite');
  let store: Store;
  const insertIdea = (id: string, cols: Record<string, string | number | null> = {}) => {
    const row = { id, text: 'an idea', link: null, tags: '[]', created_at: 1, updated_at: 1, post_id: null, used_at: null, ...cols };
    const names = Object.keys(row);
    store.db.prepare(`INSERT INTO ideas (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`).run(row);
  };

  beforeAll(() => {
    expect(MIGRATIONS[4]?.name).toBe('ideas');
    const v4 = openStore(path, MIGRATIONS.slice(0, 4));
    v4.db.exec(`
      INSERT INTO posts (id, created_at, updated_at) VALUES ('p1', 1, 1), ('p2', 1, 1);
      INSERT INTO post_versions (post_id, number, text, created_at) VALUES ('p1', 1, 'from schema four', 1), ('p2', 1, 'another', 1);`);
    v4.close();
    store = openStore(path, MIGRATIONS.slice(0, 5));
  });
  afterAll(() => {
    store.close();
    dir.remove();
  });

  it('keeps the posts of schema 4 and starts with no ideas', () => {
    expect(store.schemaVersion).toBe(5);
    expect(store.db.prepare('SELECT count(*) AS n FROM posts').get()).toEqual({ n: 2 });
    expect(store.db.prepare('SELECT count(*) AS n FROM ideas').get()).toEqual({ n: 0 });
  });

  it('takes only http(s) links, a JSON array of tags and a non-empty text', () => {
    insertIdea('ok', { link: 'https://example.com/a', tags: '["launch"]' });
    expect(() => insertIdea('ftp', { link: 'ftp://example.com' })).toThrow(/CHECK/);
    expect(() => insertIdea('bare', { link: 'https://' })).toThrow(/CHECK/);
    expect(() => insertIdea('tags', { tags: '"launch"' })).toThrow(/CHECK/);
    expect(() => insertIdea('junk', { tags: 'launch' })).toThrow(/CHECK/);
    expect(() => insertIdea('blank', { text: '   ' })).toThrow(/CHECK/);
    expect(() => insertIdea('time', { created_at: 5, updated_at: 4 })).toThrow(/CHECK/);
  });

  it('links an idea to one post, frees it when the post is deleted, and keeps when it was used', () => {
    insertIdea('used', { post_id: 'p1', used_at: 2 });
    expect(() => insertIdea('twice', { post_id: 'p1', used_at: 2 })).toThrow(/UNIQUE/);
    expect(() => insertIdea('nowhen', { post_id: 'p2' })).toThrow(/CHECK/);
    expect(() => insertIdea('ghost', { post_id: 'missing', used_at: 2 })).toThrow(/FOREIGN KEY/);
    store.db.prepare("DELETE FROM posts WHERE id = 'p1'").run();
    expect(store.db.prepare("SELECT post_id, used_at FROM ideas WHERE id = 'used'").get()).toEqual({ post_id: null, used_at: 2 });
  });
});
