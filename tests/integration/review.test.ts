import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto, PostVersionDto } from '../../shared/contract';
import type { ReviewItemDto } from '../../shared/contract/features/review';
import { call, createTestCore, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC = 10:00 in Berlin.
const at = (time: string, date = '2026-11-23') => ({ date, time, zone: 'Europe/Berlin' });
const MIN = 60_000;

describe('the review queue', () => {
  let t: TestCore;
  let changed: { ids: string[]; reason: string }[];

  async function setup(withClient = false) {
    const script = scriptedClient('mastodon');
    t = await createTestCore({
      ...(withClient ? { clients: { mastodon: script.client }, publishing: { autoStart: false, random: () => 0.5, requestTimeoutMs: 2_000 } } : {}),
    });
    changed = [];
    t.core.subscribe((event, payload) => {
      if (event === 'posts:changed') changed.push(payload as { ids: string[]; reason: string });
    });
    return script;
  }
  const create = (text: string, time: string | null) =>
    call<PostDto>(t.core, 'posts:create', { text, platforms: ['mastodon', 'bluesky'], schedule: time ? at(time) : null });
  const states = (p: PostDto) => p.targets.map((x) => x.state);
  const get = (id: string) => call<PostDto>(t.core, 'posts:get', { id });
  const audit = (action: string) => {
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'), { readonly: true });
    try {
      return db.prepare('SELECT entity_id, detail FROM audit_log WHERE action = ? ORDER BY id').all(action) as { entity_id: string; detail: string }[];
    } finally {
      db.close();
    }
  };

  afterEach(async () => {
    await t?.close();
  });

  it('sends a scheduled post to review, and approving it schedules it again at its time', async () => {
    await setup();
    const post = await create('Launch day', '11:00');
    const [sent] = await call<PostDto[]>(t.core, 'review:send', { postIds: [post.id] });
    expect(states(sent!)).toEqual(['in_review', 'in_review']);
    expect(changed.at(-1)).toEqual({ ids: [post.id], reason: 'state', at: [Date.parse(post.scheduledAt!)] });

    const { items: list, total } = await call<{ items: ReviewItemDto[]; total: number }>(t.core, 'review:list', {});
    expect(total).toBe(1);
    expect(list.map((i) => i.post.id)).toEqual([post.id]);
    expect(list[0]).toMatchObject({ templateName: null, voiceName: null, versionSource: 'manual' });

    const [approved] = await call<PostDto[]>(t.core, 'review:approve', { postIds: [post.id] });
    expect(states(approved!)).toEqual(['scheduled', 'scheduled']);
    expect(approved!.scheduledAt).toBe(post.scheduledAt);
    expect(await call<{ items: ReviewItemDto[] }>(t.core, 'review:list', {})).toEqual({ items: [], total: 0 });
    expect(audit('review.send').map((a) => a.entity_id)).toEqual([post.id]);
    expect(audit('review.approve').map((a) => a.entity_id)).toEqual([post.id]);
  });

  it('moving a post in review keeps it in review; a draft given a time follows auto-approve', async () => {
    await setup();
    const post = await create('Still deciding', '11:00');
    await call(t.core, 'review:send', { postIds: [post.id] });
    const moved = await call<PostDto>(t.core, 'posts:update', { id: post.id, schedule: at('15:00') });
    expect(states(moved)).toEqual(['in_review', 'in_review']);
    await call(t.core, 'settings:update', { autoApproveOwnPosts: false });
    const draft = await create('A draft', null);
    expect(states(await call<PostDto>(t.core, 'posts:update', { id: draft.id, schedule: at('16:00') }))).toEqual(['in_review', 'in_review']);
  });

  it('approves a post without a time as approved, not scheduled', async () => {
    await setup();
    const draft = await create('Some day', null);
    await call(t.core, 'review:send', { postIds: [draft.id] });
    const [approved] = await call<PostDto[]>(t.core, 'review:approve', { postIds: [draft.id] });
    expect(states(approved!)).toEqual(['approved', 'approved']);
  });

  it('approves many posts at once, oldest first in the list', async () => {
    await setup();
    const a = await create('First', '11:00');
    t.clock.advance(MIN);
    const b = await create('Second', null);
    t.clock.advance(MIN);
    const c = await create('Third', '12:00');
    await call(t.core, 'review:send', { postIds: [a.id] });
    t.clock.advance(MIN);
    await call(t.core, 'review:send', { postIds: [c.id, b.id] });
    expect((await call<{ items: ReviewItemDto[] }>(t.core, 'review:list', {})).items.map((i) => i.post.text)).toEqual(['First', 'Second', 'Third']);

    const approved = await call<PostDto[]>(t.core, 'review:approve', { postIds: [a.id, b.id, c.id] });
    expect(approved.map(states)).toEqual([
      ['scheduled', 'scheduled'],
      ['approved', 'approved'],
      ['scheduled', 'scheduled'],
    ]);
    expect(changed.at(-1)).toMatchObject({ ids: [a.id, b.id, c.id], reason: 'state' });
  });

  it('rejects only with a reason, back to draft with the reason shown and audited', async () => {
    await setup();
    const post = await create('Hot take', '11:00');
    await call(t.core, 'review:send', { postIds: [post.id] });

    const blank = await t.core.dispatch('review:reject', { postId: post.id, reason: '   ' });
    expect(blank.ok).toBe(false);
    if (!blank.ok) expect(blank.error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('Say why') });
    const long = await t.core.dispatch('review:reject', { postId: post.id, reason: 'x'.repeat(501) });
    expect(long.ok).toBe(false);
    expect(states(await get(post.id))).toEqual(['in_review', 'in_review']);

    const rejected = await call<PostDto>(t.core, 'review:reject', { postId: post.id, reason: '  Too spicy for Monday  ' });
    expect(states(rejected)).toEqual(['draft', 'draft']);
    expect(rejected.targets.map((x) => x.lastError)).toEqual(['Rejected: Too spicy for Monday', 'Rejected: Too spicy for Monday']);
    expect(audit('review.reject').map((a) => [a.entity_id, JSON.parse(a.detail).reason])).toEqual([[post.id, 'Too spicy for Monday']]);

    // Nothing left to reject or approve: a conflict, and nothing changes.
    const again = await t.core.dispatch('review:approve', { postIds: [post.id] });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('conflict');
    expect(states(await get(post.id))).toEqual(['draft', 'draft']);
  });

  it('edits in review make a new version, whose history the diff is made from', async () => {
    await setup();
    const post = await create('Version one', '11:00');
    await call(t.core, 'review:send', { postIds: [post.id] });
    await call(t.core, 'posts:update', { id: post.id, text: 'Version two' });
    const versions = await call<PostVersionDto[]>(t.core, 'posts:versions', { id: post.id });
    expect(versions.map((v) => v.text)).toEqual(['Version two', 'Version one']);
    expect(states(await get(post.id))).toEqual(['in_review', 'in_review']);
  });

  it('refuses unknown posts without changing the others', async () => {
    await setup();
    const post = await create('Real', '11:00');
    const r = await t.core.dispatch('review:send', { postIds: [post.id, 'missing'] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('not_found');
    expect(states(await get(post.id))).toEqual(['scheduled', 'scheduled']);
  });

  it('with auto-approve off, a composed post waits in review and is not published until approved', async () => {
    const script = await setup(true);
    await t.core.services.accounts.add({
      platform: 'mastodon',
      handle: '@me@example.social',
      serverUrl: 'https://example.social',
      credentials: { accessToken: 'token-1' },
    });
    await call(t.core, 'settings:update', { autoApproveOwnPosts: false });
    await t.core.services.scheduler.start();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Needs a look', platforms: ['mastodon'], schedule: at('10:30') });
    expect(states(post)).toEqual(['in_review']);
    const draft = await call<PostDto>(t.core, 'posts:create', { text: 'No time yet', platforms: ['mastodon'], schedule: null });
    expect(states(draft)).toEqual(['draft']);
    expect((await call<{ items: ReviewItemDto[] }>(t.core, 'review:list', {})).items.map((i) => i.post.id)).toEqual([post.id]);

    t.clock.advance(29 * MIN);
    await t.core.services.scheduler.wake();
    await call(t.core, 'review:approve', { postIds: [post.id] });
    expect(states(await get(post.id))).toEqual(['scheduled']);
    expect(script.published()).toHaveLength(0);

    t.clock.advance(1 * MIN);
    await t.core.services.scheduler.wake();
    expect(script.published()).toHaveLength(1);
    expect(states(await get(post.id))).toEqual(['published']);
  });

  it('with auto-approve off, an unapproved post is never published when its time comes', async () => {
    const script = await setup(true);
    await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'token-1' } });
    await call(t.core, 'settings:update', { autoApproveOwnPosts: false });
    await t.core.services.scheduler.start();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Waiting', platforms: ['mastodon'], schedule: at('10:30') });
    t.clock.advance(90 * MIN);
    await t.core.services.scheduler.wake();
    expect(script.published()).toHaveLength(0);
    expect(states(await get(post.id))).toEqual(['in_review']);
  });
});
