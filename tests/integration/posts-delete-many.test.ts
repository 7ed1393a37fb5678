import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import { call, createTestCore, type TestCore } from '../support/core';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC; tomorrow is always ahead of it.
const tomorrow = { date: '2026-11-24', time: '12:00' };

const count = (t: TestCore, sql: string) => {
  const db = new Database(`${t.dataDir}/loomcast.sqlite`, { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('posts:deleteMany', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  const make = (text: string, schedule: typeof tomorrow | null = tomorrow) => call<PostDto>(t.core, 'posts:create', { text, platforms: ['x', 'mastodon'], schedule });

  it('deletes the posts named, with their copies and history, in one change, and leaves the rest', async () => {
    t = await createTestCore();
    const [a, b, c] = [await make('First of the import'), await make('Second of the import', null), await make('Keep this one')];
    const changed: unknown[] = [];
    const off = t.core.subscribe((event, payload) => {
      if (event === 'posts:changed') changed.push(payload);
    });
    const out = await call<{ ids: string[] }>(t.core, 'posts:deleteMany', { ids: [a.id, b.id, a.id] });
    off();
    expect(out.ids.sort()).toEqual([a.id, b.id].sort());
    expect(changed).toEqual([expect.objectContaining({ reason: 'deleted', ids: expect.arrayContaining([a.id, b.id]) })]);
    expect(count(t, 'SELECT count(*) FROM posts')).toBe(1);
    expect(count(t, 'SELECT count(*) FROM targets')).toBe(2);
    expect(count(t, "SELECT count(*) FROM audit_log WHERE action = 'post.delete'")).toBe(2);
    expect((await call<PostDto>(t.core, 'posts:get', { id: c.id })).text).toBe('Keep this one');
    // Posts already gone (another window deleted them) are left out of the answer.
    expect(await call(t.core, 'posts:deleteMany', { ids: [a.id, c.id] })).toEqual({ ids: [c.id] });
  });

  it('deletes none when one is being published, and says which', async () => {
    t = await createTestCore();
    const [a, b] = [await make('Safe to delete'), await make('Going out right now to everyone')];
    const db = new Database(`${t.dataDir}/loomcast.sqlite`);
    db.prepare("UPDATE targets SET state = 'publishing', attempt_started_at = ? WHERE post_id = ? AND platform = 'x'").run(Date.now(), b.id);
    db.close();
    const out = await t.core.dispatch('posts:deleteMany', { ids: [a.id, b.id] });
    expect(out).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('“Going out right now to everyone” is being published right now') } });
    expect(count(t, 'SELECT count(*) FROM posts')).toBe(2);
  });

  it('refuses an empty or oversized list before touching anything', async () => {
    t = await createTestCore();
    expect(await t.core.dispatch('posts:deleteMany', { ids: [] })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('Pick at least one post') } });
    const many = Array.from({ length: 1001 }, (_, i) => `post-${i}`);
    expect(await t.core.dispatch('posts:deleteMany', { ids: many })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('at most 1,000') } });
  });
});
