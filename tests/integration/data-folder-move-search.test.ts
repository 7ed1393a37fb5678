/**
 * Searching while the data folder is moved: posts:search is a read, so it is answered during the
 * hold, but it used to bring the search index up to date first (post_search_dirty), a write the
 * read-only connection refused ("attempt to write a readonly database"). The move now brings the
 * index up to date once everything is paused, just before the connection goes read-only, and a
 * search on a read-only connection writes nothing.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostSearch } from '../../electron/core/posts/search';
import { openStore } from '../../electron/core/store/open';
import type { PostDto } from '../../shared/contract';
import { call, createTestCore, tempDir, type TestCore } from '../support/core';
import { endOf, readonlyWrites, slowDisk } from '../support/held-move';

type Answer = { posts: PostDto[]; more: boolean; total: number };
const texts = (a: Answer) => a.posts.map((p) => p.text).sort();

describe('searching while the data folder is moved', () => {
  let t: TestCore | null = null;
  const dirs: { remove(): void }[] = [];
  afterEach(async () => {
    await t?.close();
    t = null;
    for (const d of dirs.splice(0)) d.remove();
  });

  it('finds a post edited just before the move by its new words, writes nothing, and searches as ever once the move is stopped', async () => {
    t = await createTestCore();
    const edited = await call<PostDto>(t.core, 'posts:create', { text: 'Moves with me', platforms: ['mastodon'], schedule: null });
    // The index holds the post's first words…
    expect(texts(await call<Answer>(t.core, 'posts:search', { text: 'moves' }))).toEqual(['Moves with me']);
    // …then it is edited, and another post is made, just before the move: neither document is written yet.
    await call(t.core, 'posts:update', { id: edited.id, text: 'Harbour lights at dusk' });
    await call(t.core, 'posts:create', { text: 'A brand new ferry', platforms: ['mastodon'], schedule: null });

    for (let i = 0; i < 3; i++) t.core.services.media.put(Buffer.alloc(1000 + i, i + 1), 'image/jpeg');
    const d = tempDir('loomcast-move-search-');
    dirs.push(d);
    const disk = slowDisk(2);
    const moving = endOf(t.core.services.moveWorkspaceTo(join(d.path, 'Loomcast'), { io: disk.io }));
    await disk.atSlowFile;

    // Mid-copy: the search answers with what every post says now.
    expect(texts(await call<Answer>(t.core, 'posts:search', { text: 'harbour' }))).toEqual(['Harbour lights at dusk']);
    expect(await call<Answer>(t.core, 'posts:search', { text: 'moves' })).toEqual({ posts: [], more: false, total: 0 });
    expect(texts(await call<Answer>(t.core, 'posts:search', { text: 'ferry' }))).toEqual(['A brand new ferry']);
    expect(readonlyWrites(t.logFile)).toEqual([]);

    // The creator stops the move: edits go through again and the search catches up with them.
    expect(await call(t.core, 'desktop:cancelMove', {})).toEqual({ cancelled: true });
    disk.release();
    expect(await moving).toMatchObject({ ok: false, code: 'cancelled' });
    await call(t.core, 'posts:update', { id: edited.id, text: 'Lanterns on the quay' });
    expect(texts(await call<Answer>(t.core, 'posts:search', { text: 'lanterns' }))).toEqual(['Lanterns on the quay']);
    expect(await call<Answer>(t.core, 'posts:search', { text: 'harbour' })).toMatchObject({ posts: [], total: 0 });
    expect(readonlyWrites(t.logFile)).toEqual([]);
  });

  it('on a read-only connection a search answers from the index as it is; the first search after catches up', async () => {
    t = await createTestCore();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Moves with me', platforms: ['mastodon'], schedule: null });
    await call(t.core, 'posts:search', { text: 'moves' });
    await call(t.core, 'posts:update', { id: post.id, text: 'Harbour lights at dusk' });
    const dataDir = t.dataDir;
    await t.close();
    t = null;

    const store = openStore(join(dataDir, 'loomcast.sqlite'));
    try {
      const search = createPostSearch(store.db);
      const dirty = () => store.db.prepare('SELECT count(*) FROM post_search_dirty').pluck().get();
      expect(dirty()).toBe(1);
      store.db.pragma('query_only = ON');
      // Held: nothing is written, and the stale document answers (the move catches up before it holds: the test above).
      expect((await search.find('moves', 10)).posts.map((p) => p.id)).toEqual([post.id]);
      expect(dirty()).toBe(1);
      store.db.pragma('query_only = OFF');
      expect((await search.find('harbour', 10)).posts.map((p) => p.id)).toEqual([post.id]);
      expect(dirty()).toBe(0);
      expect((await search.find('moves', 10)).posts).toEqual([]);
    } finally {
      store.db.close();
    }
  });
});
