import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto, PostVersionDto } from '../../shared/contract';
import { runInRequest } from '../../electron/core/rpc/request-context';
import { call, createTestCore, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC; tomorrow is always ahead of it.
const tomorrow = { date: '2026-11-24', time: '12:00' };

function sql(t: TestCore, statement: string, ...args: unknown[]): void {
  const db = new Database(`${t.dataDir}/loomcast.sqlite`);
  db.prepare(statement).run(...args);
  db.close();
}

/** Each copy's parts as stored: [platform, kind, position, text]. */
function parts(t: TestCore, postId: string): [string, string, number, string][] {
  const db = new Database(`${t.dataDir}/loomcast.sqlite`, { readonly: true });
  try {
    return db
      .prepare('SELECT t.platform, p.kind, p.position, p.text FROM target_parts p JOIN targets t ON t.id = p.target_id WHERE t.post_id = ? ORDER BY t.rowid, p.position')
      .raw()
      .all(postId) as [string, string, number, string][];
  } finally {
    db.close();
  }
}

describe('posts:update changes a thread and its first comment', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  // Threads on X and Mastodon; LinkedIn takes only a first comment, as its real client says.
  const linkedin = scriptedClient('linkedin').client;
  const start = () =>
    createTestCore({ clients: { x: scriptedClient('x').client, mastodon: scriptedClient('mastodon').client, linkedin: { ...linkedin, capabilities: { ...linkedin.capabilities, threads: false } } } });

  it('rewrites every copy’s parts where its platform takes them, keeps the copies scheduled, and can remove them', async () => {
    t = await start();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'A thread on warps', platforms: ['x', 'linkedin'], schedule: tomorrow, thread: ['Part two, with a typo'], firstComment: 'More in the comments' });

    const edited = await call<PostDto>(t.core, 'posts:update', { id: post.id, thread: ['Part two, fixed', 'Part three, new'], firstComment: 'Links below' });
    // A new version with the same words, which keeps the thread and comment of each (schema 23).
    expect(edited).toMatchObject({ text: 'A thread on warps', version: 2, thread: ['Part two, fixed', 'Part three, new'], firstComment: 'Links below' });
    expect((await call<PostVersionDto[]>(t.core, 'posts:versions', { id: post.id })).map((v) => [v.number, v.text, v.parts])).toEqual([
      [2, 'A thread on warps', { thread: ['Part two, fixed', 'Part three, new'], firstComment: 'Links below' }],
      [1, 'A thread on warps', { thread: ['Part two, with a typo'], firstComment: 'More in the comments' }],
    ]);
    expect(edited.targets.map((c) => c.state)).toEqual(['scheduled', 'scheduled']);
    expect(parts(t, post.id)).toEqual([
      ['x', 'thread', 1, 'Part two, fixed'],
      ['x', 'thread', 2, 'Part three, new'],
      ['x', 'comment', 3, 'Links below'],
      ['linkedin', 'comment', 1, 'Links below'],
    ]);

    // A copy added later takes the thread as it is now.
    const joined = await call<PostDto>(t.core, 'posts:update', { id: post.id, platforms: ['x', 'linkedin', 'mastodon'] });
    expect(joined.targets.map((c) => c.platform)).toEqual(['x', 'linkedin', 'mastodon']);
    expect(joined.version).toBe(2);
    expect(parts(t, post.id).filter(([p]) => p === 'mastodon')).toEqual([
      ['mastodon', 'thread', 1, 'Part two, fixed'],
      ['mastodon', 'thread', 2, 'Part three, new'],
      ['mastodon', 'comment', 3, 'Links below'],
    ]);

    const bare = await call<PostDto>(t.core, 'posts:update', { id: post.id, thread: [], firstComment: null });
    expect(bare).toMatchObject({ thread: [], firstComment: null, version: 3 });
    expect(parts(t, post.id)).toEqual([]);
    expect(bare.targets.map((c) => c.state)).toEqual(['scheduled', 'scheduled', 'scheduled']);
  });

  it('refuses while a copy is out or part of a thread has been sent, and changes nothing', async () => {
    t = await start();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Out already', platforms: ['x', 'mastodon'], schedule: tomorrow, thread: ['Second'] });
    sql(t, "UPDATE targets SET state = 'published', published_at = ? WHERE post_id = ? AND platform = 'x'", Date.now(), post.id);
    const out = await t.core.dispatch('posts:update', { id: post.id, thread: ['Second, changed'] });
    expect(out).toMatchObject({ ok: false, error: { code: 'conflict', message: "The X copy is already published, so it can't be edited. Duplicate the post to reuse it." } });

    const other = await call<PostDto>(t.core, 'posts:create', { text: 'Half a thread', platforms: ['mastodon'], schedule: tomorrow, thread: ['Second', 'Third'] });
    sql(t, "UPDATE targets SET state = 'failed' WHERE post_id = ?", other.id);
    sql(t, "UPDATE target_parts SET state = 'published' WHERE position = 1 AND target_id IN (SELECT id FROM targets WHERE post_id = ?)", other.id);
    const started = await t.core.dispatch('posts:update', { id: other.id, thread: ['Second', 'Third, changed'] });
    expect(started).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('Part of the Mastodon thread has already been sent') } });
    expect(parts(t, other.id).map((p) => p[3])).toEqual(['Second', 'Third']);
    expect(parts(t, post.id).map((p) => p[3])).toEqual(['Second', 'Second']);
    // The same parts again are no change, so the rest of the edit goes through.
    expect(await t.core.dispatch('posts:update', { id: other.id, thread: ['Second', 'Third'], schedule: { date: '2026-11-25', time: '08:00' } })).toMatchObject({ ok: true });
  });

  it('checks the new parts as it checks a new post, and sends an agent’s change of approved parts back to Review', async () => {
    t = await start();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Short', platforms: ['x'], schedule: tomorrow, thread: ['Fine'] });
    const long = await t.core.dispatch('posts:update', { id: post.id, thread: ['y'.repeat(281)] });
    expect(long).toMatchObject({ ok: false });
    expect(parts(t, post.id).map((p) => p[3])).toEqual(['Fine']);
    expect(await t.core.dispatch('posts:update', { id: post.id, thread: ['   '] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const agent = { actor: 'agent' as const, client: 'claude-ai', tokenId: null };
    const byAgent = await runInRequest(agent, () => t.core.dispatch('posts:update', { id: post.id, thread: ['Changed by an agent'] }));
    expect(byAgent).toMatchObject({ ok: true });
    const after = await call<PostDto>(t.core, 'posts:get', { id: post.id });
    expect(after.thread).toEqual(['Changed by an agent']);
    expect(after.targets.map((c) => c.state)).toEqual(['in_review']);
    // Review has what changed to show: a version written by the agent, with the thread it wrote
    // beside the one it replaced.
    const [mine, before] = await call<PostVersionDto[]>(t.core, 'posts:versions', { id: post.id });
    expect(mine).toMatchObject({ number: 2, text: 'Short', writtenBy: { actor: 'agent', client: 'claude-ai' }, parts: { thread: ['Changed by an agent'], firstComment: null } });
    expect(before).toMatchObject({ number: 1, parts: { thread: ['Fine'], firstComment: null } });
  });
});
