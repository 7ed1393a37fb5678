/**
 * The campaign guard on a real SQLite core: it judges a campaign's published copies from their
 * latest numbers only once 3 have a rate, pauses only under the minimum (scheduled → approved,
 * time kept), raises one alert per pause, and Resume puts the copies back — scheduled where the
 * time is ahead, Review where it passed.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { CampaignDto } from '../../shared/contract/features/campaigns';
import { createRollups } from '../../electron/core/analytics/rollups';
import { call, createTestCore, type TestCore } from '../support/core';

type Verdict = { status: string; rate: number | null; posts: number; paused: number; message: string };

describe('campaign guard', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  const open = () => {
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    db.pragma('busy_timeout = 5000');
    return db;
  };
  /** As the publisher and the metrics sweep would have: the copy went out, then its numbers came in. */
  async function published(campaignId: string, metrics: { views?: number; likes?: number }, at = t.clock.now() - 86_400_000) {
    const post = await call<PostDto>(t.core, 'posts:create', { text: `Published ${Math.random()}`, platforms: ['x'], schedule: null });
    await call(t.core, 'campaigns:assign', { postIds: [post.id], campaignId });
    const db = open();
    try {
      const [target] = db.prepare("UPDATE targets SET state = 'published', published_at = ? WHERE post_id = ? RETURNING id").all(at, post.id) as { id: string }[];
      createRollups(db).record(target!.id, t.clock.now(), metrics);
    } finally {
      db.close();
    }
    return post.id;
  }
  /** A copy in the campaign in the given state, due at `at`. */
  async function queued(campaignId: string, state: 'scheduled' | 'approved', at: number) {
    const post = await call<PostDto>(t.core, 'posts:create', { text: `Queued ${Math.random()}`, platforms: ['x'], schedule: null });
    await call(t.core, 'campaigns:assign', { postIds: [post.id], campaignId });
    const db = open();
    const [target] = db.prepare('UPDATE targets SET state = ?, scheduled_at = ? WHERE post_id = ? RETURNING id').all(state, at, post.id) as { id: string }[];
    db.close();
    return target!.id;
  }
  const stateOf = (targetId: string) => {
    const db = open();
    const row = db.prepare('SELECT state, scheduled_at, last_error FROM targets WHERE id = ?').get(targetId) as { state: string; scheduled_at: number; last_error: string | null };
    db.close();
    return row;
  };
  const check = async (id: string) => (await call<Verdict[]>(t.core, 'campaigns:guardCheck', { id }))[0]!;
  const campaign = async (id: string) => (await call<CampaignDto[]>(t.core, 'campaigns:list', {})).find((c) => c.id === id)!;

  it('waits for 3 posts with views, pauses only under the minimum, alerts once, and resume puts the posts back', async () => {
    t = await createTestCore();
    const c = await call<CampaignDto>(t.core, 'campaigns:save', { name: 'Launch', guardMinRate: 0.05 });
    expect(c.guardMinRate).toBe(0.05);
    const hour = 3_600_000;
    const soon = await queued(c.id, 'scheduled', t.clock.now() + 2 * hour);
    const later = await queued(c.id, 'scheduled', t.clock.now() + 48 * hour);
    const waiting = await queued(c.id, 'approved', t.clock.now() + 24 * hour);

    await published(c.id, { views: 1000, likes: 10 }); // 1 %
    await published(c.id, { views: 1000, likes: 20 }); // 2 %
    await published(c.id, { likes: 500 }); // no views reported: not counted, not zero
    let v = await check(c.id);
    expect(v).toMatchObject({ status: 'too_few', posts: 2, paused: 0 });
    expect(v.message).toContain('the guard judges from 3');
    expect(stateOf(soon).state).toBe('scheduled');
    expect(t.notifications).toHaveLength(0);

    await published(c.id, { views: 2000, likes: 60 }); // pooled: 90 / 4000 = 2.25 %
    v = await check(c.id);
    expect(v.status).toBe('below');
    expect(v.rate).toBeCloseTo(90 / 4000, 10);
    expect(v.posts).toBe(3);
    expect(v.paused).toBe(2);
    for (const id of [soon, later]) {
      expect(stateOf(id).state).toBe('approved');
      expect(stateOf(id).last_error).toMatch(/^Paused by the campaign guard/);
    }
    expect(stateOf(soon).scheduled_at).toBe(t.clock.now() + 2 * hour);
    expect(stateOf(waiting)).toMatchObject({ state: 'approved', last_error: null });
    const paused = await campaign(c.id);
    expect(paused.pausedAt).not.toBeNull();
    expect(paused.pausedReason).toContain('2.3 % engagement over 3 published posts, under the minimum of 5.0 %');
    expect(t.notifications).toHaveLength(1);
    expect(t.notifications[0]!.title).toContain('“Launch” paused');
    const alerts = await call<{ title: string }[]>(t.core, 'alerts:list', {});
    expect(alerts.filter((a) => a.title.includes('“Launch” paused'))).toHaveLength(1);

    // Looking again (on demand or on the 15-minute sweep) doesn't pause or alert twice.
    expect((await check(c.id)).status).toBe('paused');
    t.clock.advance(15 * 60_000);
    expect(t.notifications).toHaveLength(1);

    // The first post's time passes while paused: it goes to Review; the other is scheduled again.
    t.clock.advance(3 * hour);
    const done = await call<{ campaign: CampaignDto; rescheduled: number; toReview: number }>(t.core, 'campaigns:resume', { id: c.id });
    expect(done).toMatchObject({ rescheduled: 1, toReview: 1 });
    expect(done.campaign.pausedAt).toBeNull();
    expect(stateOf(later)).toMatchObject({ state: 'scheduled', last_error: null });
    expect(stateOf(soon).state).toBe('in_review');
    expect(stateOf(soon).last_error).toContain('passed while “Launch” was paused');
    expect(stateOf(waiting)).toMatchObject({ state: 'approved', last_error: null });
  });

  it('holds back a copy scheduled into a paused campaign (approved from Review meanwhile): nothing of it goes out until resumed', async () => {
    t = await createTestCore({ publishing: { autoStart: true } });
    const c = await call<CampaignDto>(t.core, 'campaigns:save', { name: 'Launch', guardMinRate: 0.05 });
    for (let i = 0; i < 3; i++) await published(c.id, { views: 1000, likes: 10 }); // 1 %
    expect((await check(c.id)).status).toBe('below');
    // A post of the campaign waits in Review; the creator approves it while the campaign is paused.
    const due = t.clock.now() + 3_600_000;
    const waiting = await queued(c.id, 'scheduled', due);
    const db = open();
    db.prepare("UPDATE targets SET state = 'in_review' WHERE id = ?").run(waiting);
    const postId = (db.prepare('SELECT post_id FROM targets WHERE id = ?').get(waiting) as { post_id: string }).post_id;
    db.close();
    await call(t.core, 'review:approve', { postIds: [postId] });
    expect(stateOf(waiting)).toMatchObject({ state: 'approved', scheduled_at: due });
    expect(stateOf(waiting).last_error).toMatch(/^Paused by the campaign guard: .*under the minimum of 5\.0 %/);
    // Its time comes and goes: it is not sent.
    t.clock.advance(2 * 3_600_000);
    await t.core.services.scheduler.wake();
    expect(stateOf(waiting).state).toBe('approved');
    // Resumed after its time: back to Review with a word, as the other held copies.
    const done = await call<{ toReview: number }>(t.core, 'campaigns:resume', { id: c.id });
    expect(done.toReview).toBe(1);
    expect(stateOf(waiting).state).toBe('in_review');
  });

  it('counts posts, not copies: one post sent to three platforms is one of the 3 it judges from', async () => {
    t = await createTestCore();
    const c = await call<CampaignDto>(t.core, 'campaigns:save', { name: 'Launch', guardMinRate: 0.05 });
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Everywhere at once', platforms: ['x', 'bluesky', 'mastodon'], schedule: null });
    await call(t.core, 'campaigns:assign', { postIds: [post.id], campaignId: c.id });
    const db = open();
    try {
      const at = t.clock.now() - 86_400_000;
      for (const { id } of db.prepare("UPDATE targets SET state = 'published', published_at = ? WHERE post_id = ? RETURNING id").all(at, post.id) as { id: string }[]) {
        createRollups(db).record(id, t.clock.now(), { views: 1000, likes: 10 }); // 1 %
      }
    } finally {
      db.close();
    }
    const v = await check(c.id);
    expect(v).toMatchObject({ status: 'too_few', posts: 1, paused: 0 });
    expect(v.message).toContain('Only 1 published post with reported views so far');
  });

  it('stays resumed on the numbers that paused it, and pauses again only on posts published since the resume', async () => {
    t = await createTestCore();
    const c = await call<CampaignDto>(t.core, 'campaigns:save', { name: 'Launch', guardMinRate: 0.05 });
    const next = await queued(c.id, 'scheduled', t.clock.now() + 48 * 3_600_000);
    for (let i = 0; i < 3; i++) await published(c.id, { views: 1000, likes: 10 }); // 1 %
    t.clock.advance(15 * 60_000);
    expect(stateOf(next).state).toBe('approved');

    // The creator has seen the numbers and goes on: the next sweeps must not pause it again on them.
    await call(t.core, 'campaigns:resume', { id: c.id });
    t.clock.advance(15 * 60_000);
    t.clock.advance(15 * 60_000);
    expect(stateOf(next).state).toBe('scheduled');
    expect((await campaign(c.id)).pausedAt).toBeNull();
    expect(t.notifications).toHaveLength(1);
    const v = await check(c.id);
    expect(v).toMatchObject({ status: 'too_few', posts: 0, paused: 0 });
    expect(v.message).toContain('since it was resumed');

    // New posts under the minimum are new evidence: it pauses again.
    for (let i = 0; i < 3; i++) await published(c.id, { views: 1000, likes: 20 }, t.clock.now()); // 2 %
    t.clock.advance(15 * 60_000);
    expect(stateOf(next).state).toBe('approved');
    expect((await campaign(c.id)).pausedReason).toContain('2.0 % engagement over 3 published posts since it was resumed');
    expect(t.notifications).toHaveLength(2);
  });

  it('leaves a campaign at or above its minimum alone, and the 15-minute sweep pauses one that falls under', async () => {
    t = await createTestCore();
    const good = await call<CampaignDto>(t.core, 'campaigns:save', { name: 'Good', guardMinRate: 0.02 });
    const bad = await call<CampaignDto>(t.core, 'campaigns:save', { name: 'Bad', guardMinRate: 0.02 });
    const off = await call<CampaignDto>(t.core, 'campaigns:save', { name: 'Unguarded' });
    for (const id of [good.id, bad.id, off.id]) {
      for (let i = 0; i < 3; i++) await published(id, { views: 1000, likes: id === good.id ? 20 : 5 });
    }
    const goodPost = await queued(good.id, 'scheduled', t.clock.now() + 86_400_000);
    const badPost = await queued(bad.id, 'scheduled', t.clock.now() + 86_400_000);
    const offPost = await queued(off.id, 'scheduled', t.clock.now() + 86_400_000);

    expect(await check(good.id)).toMatchObject({ status: 'ok', posts: 3, paused: 0 });
    expect(await check(off.id)).toMatchObject({ status: 'off' });
    expect(stateOf(badPost).state).toBe('scheduled');

    t.clock.advance(15 * 60_000);
    expect(stateOf(badPost).state).toBe('approved');
    expect(stateOf(goodPost).state).toBe('scheduled');
    expect(stateOf(offPost).state).toBe('scheduled');
    expect(t.notifications.map((n) => n.title)).toEqual(['“Bad” paused: engagement under 2.0 %']);

    // Saving the campaign without mentioning the guard keeps its minimum; null turns it off.
    expect((await call<CampaignDto>(t.core, 'campaigns:save', { id: good.id, name: 'Good again' })).guardMinRate).toBe(0.02);
    expect((await call<CampaignDto>(t.core, 'campaigns:save', { id: good.id, name: 'Good again', guardMinRate: null })).guardMinRate).toBeNull();
  });
});
