import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore, type Store } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

// Schema 13 → 14: who made a post (older posts say nothing), and the scoped tokens' table.
describe('migration 0014_agents_tokens', () => {
  const dir = tempDir();
  const path = join(dir.path, 'db.sqlite');
  let store: Store;

  beforeAll(() => {
    expect(MIGRATIONS[13]?.name).toBe('agents_tokens');
    const v13 = openStore(path, MIGRATIONS.slice(0, 13));
    v13.db.exec(`INSERT INTO posts (id, created_at, updated_at) VALUES ('old', 1, 1)`);
    v13.close();
    store = openStore(path, MIGRATIONS.slice(0, 14));
  });
  afterAll(() => {
    store.close();
    dir.remove();
  });

  it('leaves older posts with no maker and records a new post’s', () => {
    expect(store.schemaVersion).toBe(14);
    expect(store.db.prepare(`SELECT created_by, created_via FROM posts WHERE id = 'old'`).get()).toEqual({ created_by: null, created_via: null });
    store.db.prepare(`INSERT INTO posts (id, created_at, updated_at, created_by, created_via) VALUES ('new', 2, 2, 'agent', 'claude-ai')`).run();
    expect(() => store.db.prepare(`INSERT INTO posts (id, created_at, updated_at, created_by) VALUES ('bad', 2, 2, 'robot')`).run()).toThrow(/CHECK/);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('keeps tokens by the hash of their secret, with a known scope', () => {
    const insert = store.db.prepare('INSERT INTO api_tokens (id, name, scope, token_hash, created_at) VALUES (?, ?, ?, ?, 1)');
    insert.run('t1', 'Script', 'read', 'a'.repeat(64));
    expect(() => insert.run('t2', 'Script', 'everything', 'b'.repeat(64))).toThrow(/CHECK/);
    expect(() => insert.run('t3', 'Script', 'read', 'a'.repeat(64))).toThrow(/UNIQUE/);
    expect(() => insert.run('t4', 'Script', 'read', 'lct_plain-secret')).toThrow(/CHECK/);
  });
});
