import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { ApproveAllDto } from '../../shared/contract/features/review';
import { call, createTestCore, memoryVault, type TestCore } from '../support/core';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC; every post here is due the next day.
const tomorrow = (time: string) => ({ date: '2026-11-24', time, zone: 'UTC' });

describe('Approve all: the whole queue, a round at a time', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  const states = (postId: string) => {
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'), { readonly: true });
    try {
      return (db.prepare('SELECT state FROM targets WHERE post_id = ? ORDER BY rowid').all(postId) as { state: string }[]).map((r) => r.state);
    } finally {
      db.close();
    }
  };
  const audited = () => {
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'), { readonly: true });
    try {
      return (db.prepare("SELECT entity_id, detail FROM audit_log WHERE action = 'review.approve' ORDER BY id").all() as { entity_id: string; detail: string }[]).map((r) => ({ id: r.entity_id, ...JSON.parse(r.detail) }));
    } finally {
      db.close();
    }
  };

  it('approves every post that waited when asked, holds the ones a gate refuses with why, and leaves later arrivals waiting', async () => {
    t = await createTestCore({ vault: memoryVault() });
    await call(t.core, 'settings:update', { autoApproveOwnPosts: false });
    const made: PostDto[] = [];
    for (let n = 0; n < 7; n++) {
      const text = n === 2 ? 'Hello {first name}!\nSee you there.' : `Post ${n}`;
      made.push(await call<PostDto>(t.core, 'posts:create', { text, platforms: ['mastodon', 'bluesky'], schedule: tomorrow(`1${n}:00`) }));
      t.clock.advance(1_000);
    }
    // A post without a time waits too; approved, it is ready for a time rather than scheduled.
    const untimed = await call<PostDto>(t.core, 'posts:create', { text: 'Whenever suits', platforms: ['mastodon'], schedule: null });
    await call(t.core, 'review:send', { postIds: [untimed.id] });
    for (const p of made) expect(states(p.id)).toEqual(['in_review', 'in_review']);

    const events: string[][] = [];
    t.core.subscribe((event, payload) => {
      if (event === 'posts:changed') events.push((payload as { ids: string[] }).ids);
    });

    // Round one: the first three in the queue's order; the one with a blank stays, named.
    const first = await call<ApproveAllDto>(t.core, 'review:approveAll', { limit: 3 });
    expect(first).toMatchObject({ asOf: new Date(t.clock.now()).toISOString(), approvedIds: [made[0]!.id, made[1]!.id], left: 5 });
    expect(first.held).toEqual([{ postId: made[2]!.id, text: 'Hello {first name}!\nSee you there.', why: expect.stringContaining('{first name}') }]);
    expect(first.next).toEqual({ since: expect.any(String), createdAt: expect.any(String), postId: made[2]!.id });
    expect(states(made[0]!.id)).toEqual(['scheduled', 'scheduled']);
    expect(states(made[2]!.id)).toEqual(['in_review', 'in_review']);
    // One change for the round, naming what moved and not the held post (its refusal was rolled back).
    expect(events).toHaveLength(1);
    expect([...events[0]!].sort()).toEqual([made[0]!.id, made[1]!.id].sort());

    // A post sent to review after the creator asked is not part of "all".
    t.clock.advance(60_000);
    const late = await call<PostDto>(t.core, 'posts:create', { text: 'Arrived while approving', platforms: ['mastodon'], schedule: tomorrow('20:00') });

    let round = first;
    const rounds = [first];
    while (round.next) {
      round = await call<ApproveAllDto>(t.core, 'review:approveAll', { asOf: first.asOf, after: round.next, limit: 3 });
      rounds.push(round);
    }
    expect(rounds.map((r) => [r.approvedIds.length, r.held.length, r.left])).toEqual([
      [2, 1, 5],
      [3, 0, 2],
      [2, 0, 0],
    ]);
    expect(round.next).toBeNull();
    for (const p of made.filter((_, i) => i !== 2)) expect(states(p.id)).toEqual(['scheduled', 'scheduled']);
    expect(states(untimed.id)).toEqual(['approved']);
    expect(states(made[2]!.id)).toEqual(['in_review', 'in_review']);
    expect(states(late.id)).toEqual(['in_review']);
    // The queue now holds the held post and the late one; the badge's count agrees.
    const queue = await call<{ items: { post: PostDto }[]; total: number }>(t.core, 'review:list', {});
    expect(queue.items.map((i) => i.post.id)).toEqual([made[2]!.id, late.id]);
    expect(queue.total).toBe(2);
    // Each approval is in the audit log as the creator's, marked as part of "Approve all".
    const log = audited();
    expect(log.map((e) => e.id).sort()).toEqual([...made.filter((_, i) => i !== 2), untimed].map((p) => p.id).sort());
    expect(log.every((e) => e.all === true && e.targets >= 1)).toBe(true);

    // The rounds name what they approved: everything but the held post, each once.
    const approvedIds = rounds.flatMap((r) => r.approvedIds);
    expect(approvedIds.sort()).toEqual([...made.filter((_, i) => i !== 2), untimed].map((p) => p.id).sort());
    // What the dialog's "Send them back to Review" does with them: each is in Review again, as it was.
    t.clock.advance(60_000);
    await call(t.core, 'review:send', { postIds: approvedIds });
    for (const id of approvedIds) expect(states(id).every((s) => s === 'in_review')).toBe(true);
    expect((await call<{ total: number }>(t.core, 'review:list', {})).total).toBe(approvedIds.length + 2);
    for (const id of approvedIds) await call(t.core, 'review:approve', { postIds: [id] });

    // Asked again from the start, only the held post waited then: it is held again, nothing else moves.
    const again = await call<ApproveAllDto>(t.core, 'review:approveAll', { asOf: first.asOf });
    expect(again).toMatchObject({ approvedIds: [], held: [{ postId: made[2]!.id }], next: null, left: 0 });
    expect(states(late.id)).toEqual(['in_review']);
  });

  it('refuses a malformed round without touching the queue', async () => {
    t = await createTestCore({ vault: memoryVault() });
    await call(t.core, 'settings:update', { autoApproveOwnPosts: false });
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Still waiting', platforms: ['mastodon'], schedule: tomorrow('09:00') });
    for (const input of [{ limit: 0 }, { limit: 501 }, { asOf: 'yesterday' }, { after: { postId: post.id } }, { everything: true }]) {
      const r = await t.core.dispatch('review:approveAll', input);
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(states(post.id)).toEqual(['in_review']);
  });
});
