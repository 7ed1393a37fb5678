import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { DeletedPostDto } from '../../shared/contract/features/undo';
import type { MediaInfoDto } from '../../shared/contract/features/media-library';
import { call, createTestCore, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';
import { png } from '../e2e/support/media';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC; tomorrow is always ahead of it.
const tomorrow = { date: '2026-11-24', time: '12:00' };
const DAY = 86_400_000;

type Deleted = { total: number; keptDays: number; posts: DeletedPostDto[] };

function withDb<T>(t: TestCore, fn: (db: Database.Database) => T): T {
  const db = new Database(`${t.dataDir}/loomcast.sqlite`);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/**
 * Every row of every table, as sorted JSON per table: what a delete and its restore must leave
 * as it was. Left out: the bin itself, the audit log (both say what happened), the search index
 * (rebuilt from the posts) and the post's updated_at, which a restore moves to now.
 */
function everything(t: TestCore): Record<string, string[]> {
  return withDb(t, (db) => {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'post_search%' AND name NOT IN ('deleted_posts', 'audit_log') AND sql NOT LIKE 'CREATE VIRTUAL%'`)
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      tables.map((name) => [
        name,
        (db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]).map((r) => JSON.stringify(name === 'posts' ? { ...r, updated_at: 0 } : r)).sort(),
      ]),
    );
  });
}

describe('deleted posts can be brought back', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  const found = async (text: string) => (await call<{ posts: PostDto[] }>(t.core, 'posts:search', { text })).posts.map((p) => p.id);

  async function richPost() {
    const x = await t.core.services.accounts.add({ platform: 'x', handle: 'studio', credentials: { accessToken: 'a' } });
    const masto = await t.core.services.accounts.add({ platform: 'mastodon', handle: '@studio@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'b' } });
    const pillar = await call<{ id: string }>(t.core, 'pillars:save', { name: 'Tips', color: '#112233' });
    const campaign = await call<{ id: string }>(t.core, 'campaigns:save', { name: 'Launch' });
    const idea = await call<{ id: string }>(t.core, 'ideas:capture', { text: 'Five things about shipping' });
    const post = await call<PostDto>(t.core, 'ideas:toPost', { id: idea.id, platforms: ['x'], schedule: null });
    await call(t.core, 'posts:update', {
      id: post.id,
      text: 'Five things I learned shipping a desktop app',
      accounts: [x.id, masto.id],
      schedule: tomorrow,
      thread: ['One: the clock is a dependency', 'Two: keep the words'],
      firstComment: 'Questions welcome',
    });
    await call(t.core, 'compose:setOverrides', { postId: post.id, overrides: [{ platform: 'mastodon', text: 'Five things, for the fediverse' }] });
    const image = (await call<MediaInfoDto>(t.core, 'media:upload', { name: 'a.png', mime: 'image/png', dataBase64: png(64, 48, [200, 80, 40]).toString('base64') })).hash;
    await call(t.core, 'media:setForPost', { postId: post.id, items: [{ hash: image, altText: 'A chart of the week' }] });
    await call(t.core, 'posts:setPillar', { postId: post.id, pillarId: pillar.id });
    await call(t.core, 'campaigns:assign', { postIds: [post.id], campaignId: campaign.id });
    // The X copy went out and has numbers.
    withDb(t, (db) => {
      const xCopy = db.prepare(`SELECT id FROM targets WHERE post_id = ? AND platform = 'x'`).pluck().get(post.id) as string;
      db.prepare(`UPDATE targets SET state = 'published', published_at = ?, platform_post_id = '1', platform_url = 'https://x.com/studio/status/1' WHERE id = ?`).run(t.clock.now(), xCopy);
      db.prepare(`UPDATE target_parts SET state = 'published', platform_post_id = '2' WHERE target_id = ? AND position = 1`).run(xCopy);
      for (const [at, likes] of [[1, 3], [2, 8]] as const) db.prepare('INSERT INTO metric_snapshots (target_id, at, views, likes) VALUES (?, ?, ?, ?)').run(xCopy, t.clock.now() + at * 3_600_000, 100 * at, likes);
    });
    return { post: await call<PostDto>(t.core, 'posts:get', { id: post.id }), idea, x, masto };
  }

  it('puts a deleted post back whole: words, history, copies and their states, thread, media, numbers, links and the idea it came from', async () => {
    t = await createTestCore({ clients: { x: scriptedClient('x').client, mastodon: scriptedClient('mastodon').client } });
    const { post } = await richPost();
    const before = everything(t);
    const versions = await call(t.core, 'posts:versions', { id: post.id });

    await call(t.core, 'posts:delete', { id: post.id });
    expect(withDb(t, (db) => db.prepare('SELECT count(*) FROM targets WHERE post_id = ?').pluck().get(post.id))).toBe(0);
    expect(withDb(t, (db) => db.prepare('SELECT post_id FROM ideas').pluck().get())).toBeNull();
    expect(await found('shipping desktop')).toEqual([]);
    const bin = await call<Deleted>(t.core, 'posts:deleted', {});
    expect(bin.total).toBe(1);
    expect(bin.keptDays).toBe(30);
    expect(bin.posts[0]).toMatchObject({
      id: post.id,
      deletedBy: 'user',
      text: 'Five things I learned shipping a desktop app',
      copies: [
        { platform: 'x', state: 'published', scheduledAt: post.scheduledAt },
        { platform: 'mastodon', state: 'scheduled', scheduledAt: post.scheduledAt },
      ],
      keptUntil: new Date(t.clock.now() + 30 * DAY).toISOString(),
    });

    const changes: unknown[] = [];
    t.core.subscribe((event, payload) => event === 'posts:changed' && changes.push(payload));
    const [back] = await call<PostDto[]>(t.core, 'posts:restore', { ids: [post.id] });

    expect({ ...back, updatedAt: post.updatedAt }).toEqual(post);
    expect(everything(t)).toEqual(before);
    expect(await call(t.core, 'posts:versions', { id: post.id })).toEqual(versions);
    expect(changes).toEqual([expect.objectContaining({ ids: [post.id], reason: 'created' })]);
    expect((await call<Deleted>(t.core, 'posts:deleted', {})).total).toBe(0);
    // Found by its words again.
    expect(await found('shipping desktop')).toEqual([post.id]);
  });

  it('brings a copy back without what was removed meanwhile, and refuses a post no longer kept, bringing back none', async () => {
    t = await createTestCore({ clients: { x: scriptedClient('x').client, mastodon: scriptedClient('mastodon').client } });
    const { post, masto } = await richPost();
    const other = await call<PostDto>(t.core, 'posts:create', { text: 'Another one', accounts: [masto.id], schedule: null });
    await call(t.core, 'posts:deleteMany', { ids: [post.id, other.id] });
    await call(t.core, 'accounts:disconnect', { id: masto.id });
    await call(t.core, 'posts:forget', { ids: [other.id] });

    const refused = await t.core.dispatch('posts:restore', { ids: [post.id, other.id] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(refused.ok ? '' : refused.error.message).toContain('no longer in Recently deleted');
    expect(await t.core.dispatch('posts:get', { id: post.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const [back] = await call<PostDto[]>(t.core, 'posts:restore', { ids: [post.id] });
    const mastoCopy = back!.targets.find((c) => c.platform === 'mastodon')!;
    expect(mastoCopy).toMatchObject({ accountId: null, textOverride: 'Five things, for the fediverse' });
    expect(back!.targets.find((c) => c.platform === 'x')).toMatchObject({ state: 'published', platformUrl: 'https://x.com/studio/status/1' });
    expect(await t.core.dispatch('posts:restore', { ids: [post.id] })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses, bringing back nothing, when a row it had is taken since', async () => {
    t = await createTestCore({ clients: { x: scriptedClient('x').client, mastodon: scriptedClient('mastodon').client } });
    const { post, masto } = await richPost();
    const other = await call<PostDto>(t.core, 'posts:create', { text: 'Still here', accounts: [masto.id], schedule: null });
    const snapshot = withDb(t, (db) => db.prepare('SELECT max(id) FROM metric_snapshots').pluck().get() as number);
    await call(t.core, 'posts:delete', { id: post.id });
    // Contrived: the id of one of its numbers is used by another copy's numbers now.
    withDb(t, (db) => db.prepare('INSERT INTO metric_snapshots (id, target_id, at, likes) VALUES (?, ?, 1, 1)').run(snapshot, other.targets[0]!.id));

    const refused = await t.core.dispatch('posts:restore', { ids: [post.id] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('metric snapshots was taken since') } });
    expect(await t.core.dispatch('posts:get', { id: post.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(withDb(t, (db) => db.prepare('SELECT count(*) FROM targets WHERE post_id = ?').pluck().get(post.id))).toBe(0);
    expect((await call<Deleted>(t.core, 'posts:deleted', {})).total).toBe(1);
  });

  it('keeps deleted posts for 30 days, deletes them for good when asked, and not a post taken back from an idea', async () => {
    t = await createTestCore();
    const a = await call<PostDto>(t.core, 'posts:create', { text: 'First draft', platforms: ['x'], schedule: null });
    const b = await call<PostDto>(t.core, 'posts:create', { text: 'Second draft', platforms: ['x'], schedule: null });
    await call(t.core, 'posts:delete', { id: a.id });
    t.clock.advance(DAY);
    await call(t.core, 'posts:delete', { id: b.id });
    expect((await call<Deleted>(t.core, 'posts:deleted', {})).posts.map((p) => p.text)).toEqual(['Second draft', 'First draft']);
    expect((await call<Deleted>(t.core, 'posts:deleted', { limit: 1 })).total).toBe(2);

    t.clock.advance(29 * DAY + 1);
    expect((await call<Deleted>(t.core, 'posts:deleted', {})).posts.map((p) => p.text)).toEqual(['Second draft']);
    expect(await t.core.dispatch('posts:restore', { ids: [a.id] })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // The next delete clears what is past its time from the file.
    const c = await call<PostDto>(t.core, 'posts:create', { text: 'Third draft', platforms: ['x'], schedule: null });
    await call(t.core, 'posts:delete', { id: c.id });
    expect(withDb(t, (db) => db.prepare('SELECT count(*) FROM deleted_posts').pluck().get())).toBe(2);

    expect(await call(t.core, 'posts:forget', { all: true })).toEqual({ count: 2 });
    expect((await call<Deleted>(t.core, 'posts:deleted', {})).total).toBe(0);

    const idea = await call<{ id: string; usedAt: string | null }>(t.core, 'ideas:capture', { text: 'Keep it short' });
    const made = await call<PostDto>(t.core, 'ideas:toPost', { id: idea.id, platforms: ['x'], schedule: null });
    await call(t.core, 'ideas:undoToPost', { id: idea.id, postId: made.id, usedAt: null });
    expect((await call<Deleted>(t.core, 'posts:deleted', {})).total).toBe(0);
  });

  it('refuses bad input with the reason', async () => {
    t = await createTestCore();
    expect(await t.core.dispatch('posts:restore', { ids: [] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await t.core.dispatch('posts:restore', { ids: ['a', 'a'] })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('listed twice') } });
    expect(await t.core.dispatch('posts:forget', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await t.core.dispatch('posts:deleted', { limit: 501 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
