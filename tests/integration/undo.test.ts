import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { IdeaDto } from '../../shared/contract/features/ideas';
import { undoInputFor } from '../../shared/contract/features/undo';
import { call, createTestCore, type TestCore } from '../support/core';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC = 10:00 in Berlin.
const at = (time: string, date = '2026-11-24') => ({ date, time, zone: 'Europe/Berlin' });

describe('undo', () => {
  let t: TestCore;
  let changed: { ids: string[]; reason: string }[];

  async function setup() {
    t = await createTestCore();
    changed = [];
    t.core.subscribe((event, payload) => {
      if (event === 'posts:changed') changed.push(payload as { ids: string[]; reason: string });
    });
  }
  const get = (id: string) => call<PostDto>(t.core, 'posts:get', { id });
  const copies = (p: PostDto) => p.targets.map((x) => [x.state, x.scheduledAt, x.lastError]);
  const audit = (action: string) => {
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'), { readonly: true });
    try {
      return db.prepare('SELECT entity_id FROM audit_log WHERE action = ? ORDER BY id').all(action) as { entity_id: string }[];
    } finally {
      db.close();
    }
  };

  afterEach(async () => {
    await t?.close();
  });

  it('takes a draft dropped on a day back to an unscheduled draft, audited and announced', async () => {
    await setup();
    const draft = await call<PostDto>(t.core, 'posts:create', { text: 'Studio notes', platforms: ['mastodon', 'bluesky'], schedule: null });
    const scheduled = await call<PostDto>(t.core, 'posts:reschedule', { id: draft.id, ...at('11:00') });
    expect(scheduled.targets.map((x) => x.state)).toEqual(['scheduled', 'scheduled']);

    const [undone] = await call<PostDto[]>(t.core, 'posts:undo', { posts: [undoInputFor(draft, scheduled)] });
    expect(copies(undone!)).toEqual(copies(draft));
    expect(undone!.scheduledAt).toBeNull();
    expect((await call<PostDto[]>(t.core, 'posts:list', { scope: 'drafts' })).map((p) => p.id)).toEqual([draft.id]);
    expect(audit('post.undo').map((a) => a.entity_id)).toEqual([draft.id]);
    expect(changed.at(-1)).toMatchObject({ ids: [draft.id], reason: 'state' });
  });

  it('sends approved copies back to Review, and a rejected post back to Review without the rejection note', async () => {
    await setup();
    await call(t.core, 'settings:update', { autoApproveOwnPosts: false });
    const timed = await call<PostDto>(t.core, 'posts:create', { text: 'Launch day', platforms: ['mastodon'], schedule: at('12:00') });
    const untimed = await call<PostDto>(t.core, 'posts:create', { text: 'Someday', platforms: ['bluesky'], schedule: null });
    const waiting = (await call<PostDto[]>(t.core, 'review:send', { postIds: [untimed.id] }))[0]!;
    expect(timed.targets[0]!.state).toBe('in_review');

    const approved = await call<PostDto[]>(t.core, 'review:approve', { postIds: [timed.id, waiting.id] });
    expect(approved.map((p) => p.targets[0]!.state)).toEqual(['scheduled', 'approved']);
    // Approved together, undone together.
    await call(t.core, 'posts:undo', { posts: [undoInputFor(timed, approved[0]!), undoInputFor(waiting, approved[1]!)] });
    expect(copies(await get(timed.id))).toEqual(copies(timed));
    expect(copies(await get(waiting.id))).toEqual(copies(waiting));

    const rejected = await call<PostDto>(t.core, 'review:reject', { postId: timed.id, reason: 'Too early' });
    expect(copies(rejected)).toEqual([['draft', timed.scheduledAt, 'Rejected: Too early']]);
    const [back] = await call<PostDto[]>(t.core, 'posts:undo', { posts: [undoInputFor(timed, rejected)] });
    expect(copies(back!)).toEqual([['in_review', timed.scheduledAt, null]]);
  });

  it('changes nothing when the post moved on since, and says why', async () => {
    await setup();
    const draft = await call<PostDto>(t.core, 'posts:create', { text: 'Studio notes', platforms: ['mastodon', 'bluesky'], schedule: null });
    const scheduled = await call<PostDto>(t.core, 'posts:reschedule', { id: draft.id, ...at('11:00') });
    await call<PostDto>(t.core, 'posts:reschedule', { id: draft.id, ...at('15:00') });

    const r = await t.core.dispatch('posts:undo', { posts: [undoInputFor(draft, scheduled)] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'conflict', message: 'The post changed after that, so nothing was undone: the Mastodon copy has a new time.' });
    expect((await get(draft.id)).targets.map((x) => x.state)).toEqual(['scheduled', 'scheduled']);

    // A copy added since: nothing is undone either.
    const r2 = await t.core.dispatch('posts:undo', { posts: [{ id: draft.id, targets: [undoInputFor(draft, await get(draft.id))!.targets[0]] }] });
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.error.code).toBe('conflict');
  });

  it('undoes several posts together or not at all', async () => {
    await setup();
    const a = await call<PostDto>(t.core, 'posts:create', { text: 'First', platforms: ['mastodon'], schedule: null });
    const b = await call<PostDto>(t.core, 'posts:create', { text: 'Second', platforms: ['bluesky'], schedule: null });
    const a2 = await call<PostDto>(t.core, 'posts:reschedule', { id: a.id, ...at('11:00') });
    const b2 = await call<PostDto>(t.core, 'posts:reschedule', { id: b.id, ...at('12:00') });
    await call(t.core, 'posts:reschedule', { id: b.id, ...at('13:00') });

    const r = await t.core.dispatch('posts:undo', { posts: [undoInputFor(a, a2), undoInputFor(b, b2)] });
    expect(r.ok).toBe(false);
    // The first post, fine on its own, stays where it is: nothing half-applies.
    expect((await get(a.id)).targets[0]!.state).toBe('scheduled');
  });

  it('refuses to put a copy back on the schedule: undo only returns copies to a draft or to Review', async () => {
    await setup();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Launch', platforms: ['mastodon'], schedule: at('11:00') });
    const target = post.targets[0]!;
    const r = await t.core.dispatch('posts:undo', {
      posts: [{ id: post.id, targets: [{ id: target.id, now: { state: 'scheduled', scheduledAt: target.scheduledAt }, before: { state: 'scheduled', scheduledAt: target.scheduledAt, zone: null, lastError: null } }] }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('draft or to Review') });
  });

  it('takes back an idea dropped on the calendar: the post is deleted and the idea is unused again', async () => {
    await setup();
    const idea = await call<IdeaDto>(t.core, 'ideas:capture', { text: 'Behind the scenes of the shoot' });
    const post = await call<PostDto>(t.core, 'ideas:toPost', { id: idea.id, platforms: ['mastodon'], schedule: at('11:00') });
    expect(post.targets[0]!.state).toBe('scheduled');

    const back = await call<IdeaDto>(t.core, 'ideas:undoToPost', { id: idea.id, postId: post.id, usedAt: idea.usedAt });
    expect(back).toMatchObject({ postId: null, usedAt: null });
    expect((await t.core.dispatch('posts:get', { id: post.id })).ok).toBe(false);
    expect(audit('idea.undo_to_post').map((a) => a.entity_id)).toEqual([idea.id]);

    // Used again and then edited: the post is kept, and so is the link.
    const again = await call<PostDto>(t.core, 'ideas:toPost', { id: idea.id, platforms: ['mastodon'], schedule: at('11:00') });
    await call(t.core, 'posts:update', { id: again.id, text: 'Behind the scenes, rewritten' });
    const r = await t.core.dispatch('ideas:undoToPost', { id: idea.id, postId: again.id, usedAt: null });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('edited after it was made') });
    expect((await call<IdeaDto[]>(t.core, 'ideas:list', {}))[0]!.postId).toBe(again.id);
    expect((await get(again.id)).text).toBe('Behind the scenes, rewritten');
  });
});
