import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto, PostVersionDto } from '../../shared/contract';
import { scriptedClient } from '../support/scripted-client';
import { call, createTestCore, type TestCore } from '../support/core';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC; tomorrow is always in the future for it.
const tomorrowAt = (time: string) => ({ date: '2026-11-24', time });

/** Stands in for the scheduler, which marks a copy published from its own connection. */
function setState(t: TestCore, postId: string, platform: string, state: string): void {
  const db = new Database(`${t.dataDir}/loomcast.sqlite`);
  db.prepare('UPDATE targets SET state = ? WHERE post_id = ? AND platform = ?').run(state, postId, platform);
  db.close();
}

describe('posts:restoreVersion', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  it('brings an older text back as a new version written by the creator, keeping the copies scheduled', async () => {
    t = await createTestCore();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'first words', platforms: ['x', 'bluesky'], schedule: tomorrowAt('12:00') });
    await call<PostDto>(t.core, 'posts:update', { id: post.id, text: 'second words' });
    await call<PostDto>(t.core, 'posts:update', { id: post.id, text: 'third words' });

    const restored = await call<PostDto>(t.core, 'posts:restoreVersion', { id: post.id, number: 1 });
    expect(restored.text).toBe('first words');
    expect(restored.version).toBe(4);
    expect(restored.targets.map((x) => x.state)).toEqual(['scheduled', 'scheduled']);
    const versions = await call<PostVersionDto[]>(t.core, 'posts:versions', { id: post.id });
    expect(versions.map((v) => [v.number, v.text, v.source])).toEqual([
      [4, 'first words', 'manual'],
      [3, 'third words', 'manual'],
      [2, 'second words', 'manual'],
      [1, 'first words', 'manual'],
    ]);
  });

  it('brings back the thread and first comment a version kept with its words', async () => {
    t = await createTestCore({ clients: { x: scriptedClient('x').client } });
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'A thread', platforms: ['x'], schedule: tomorrowAt('12:00'), thread: ['Part two'], firstComment: 'Links below' });
    await call<PostDto>(t.core, 'posts:update', { id: post.id, text: 'A better thread', thread: ['Part two, longer', 'Part three'], firstComment: null });

    const restored = await call<PostDto>(t.core, 'posts:restoreVersion', { id: post.id, number: 1 });
    expect(restored).toMatchObject({ text: 'A thread', version: 3, thread: ['Part two'], firstComment: 'Links below' });
    const [newest] = await call<PostVersionDto[]>(t.core, 'posts:versions', { id: post.id });
    expect(newest!.parts).toEqual({ thread: ['Part two'], firstComment: 'Links below' });
  });

  it('refuses while a copy is already published, and adds no version', async () => {
    t = await createTestCore();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'old', platforms: ['x'], schedule: tomorrowAt('12:00') });
    await call<PostDto>(t.core, 'posts:update', { id: post.id, text: 'new' });
    setState(t, post.id, 'x', 'published');

    const out = await t.core.dispatch('posts:restoreVersion', { id: post.id, number: 1 });
    expect(out).toMatchObject({ ok: false, error: { code: 'conflict', message: "The X copy is already published, so it can't be edited. Duplicate the post to reuse it." } });
    const versions = await call<PostVersionDto[]>(t.core, 'posts:versions', { id: post.id });
    expect(versions.map((v) => v.text)).toEqual(['new', 'old']);
  });

  it('answers not_found for a version the post never had, or a post that is gone', async () => {
    t = await createTestCore();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'only one', platforms: ['x'], schedule: null });
    expect(await t.core.dispatch('posts:restoreVersion', { id: post.id, number: 7 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await call(t.core, 'posts:delete', { id: post.id });
    expect(await t.core.dispatch('posts:restoreVersion', { id: post.id, number: 1 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await t.core.dispatch('posts:restoreVersion', { id: post.id, number: 0 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
