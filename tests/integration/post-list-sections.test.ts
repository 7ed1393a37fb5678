import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core';
import { LIST_SECTION_STEP } from '../../shared/domain/list-sections';
import type { PostDto } from '../../shared/contract';
import { call, createTestCore, type TestCore } from '../support/core';
import { seedPosts } from '../support/seed-scale';

type Lists = Record<'upcoming' | 'drafts' | 'attention' | 'published', PostDto[]> & {
  more: { upcoming: number; drafts: number };
  untimedDrafts: number;
  waiting: Record<string, number>;
};

describe('the list’s growing sections are read a step at a time', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  /** A scope read whole the way a script reads it: page after page until one comes back short. */
  async function everyPost(scope: string, limit = 1000): Promise<PostDto[]> {
    const all: PostDto[] = [];
    for (;;) {
      const page = await call<PostDto[]>(t.core, 'posts:list', { scope, limit, offset: all.length });
      all.push(...page);
      if (page.length < limit) return all;
    }
  }

  it('answers a page of posts:list at a time, 200 unless asked, and the pages add up to the scope', async () => {
    t = await createTestCore({ publishing: { autoStart: false } });
    seedPosts(t.dataDir, 6_000, t.clock, { pastDays: 730, futureDays: 365 });
    for (const scope of ['upcoming', 'drafts', 'all', 'attention', 'published'] as const) {
      const whole = (await everyPost(scope)).map((p) => p.id);
      expect(new Set(whole).size, scope).toBe(whole.length);
      expect(whole.length, scope).toBeGreaterThan(200);
      // Left out, the limit is a page of 200: never the whole history in one answer.
      expect((await call<PostDto[]>(t.core, 'posts:list', { scope })).map((p) => p.id), scope).toEqual(whole.slice(0, 200));
      // Pages of another size read the same posts in the same order.
      expect((await everyPost(scope, 333)).map((p) => p.id), scope).toEqual(whole);
      expect((await call<PostDto[]>(t.core, 'posts:list', { scope, limit: 5, offset: 100 })).map((p) => p.id), scope).toEqual(whole.slice(100, 105));
    }
    expect(await t.core.dispatch('posts:list', { scope: 'all', offset: -1 })).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: ['offset'] }] } });
  });

  it('reads a campaign’s posts of each scope from the campaign, in the scope’s order, a page at a time', async () => {
    t = await createTestCore({ publishing: { autoStart: false } });
    seedPosts(t.dataDir, 6_000, t.clock, { pastDays: 730, futureDays: 365 });
    const campaign = await call<{ id: string }>(t.core, 'campaigns:save', { name: 'Spring launch' });
    const everyone = (await everyPost('all')).map((p) => p.id);
    // One post in eleven, spread over every scope.
    const members = new Set(everyone.filter((_, i) => i % 11 === 3));
    const ids = [...members];
    for (let i = 0; i < ids.length; i += 200) await call(t.core, 'campaigns:assign', { postIds: ids.slice(i, i + 200), campaignId: campaign.id });
    const inCampaign = async (scope: string, limit: number) => {
      const all: string[] = [];
      for (;;) {
        const page = await call<PostDto[]>(t.core, 'posts:list', { scope, limit, offset: all.length, campaignId: campaign.id });
        all.push(...page.map((p) => p.id));
        if (page.length < limit) return all;
      }
    };
    for (const scope of ['upcoming', 'drafts', 'all', 'attention', 'published'] as const) {
      const expected = (await everyPost(scope)).map((p) => p.id).filter((id) => members.has(id));
      expect(expected.length, scope).toBeGreaterThan(3);
      expect(await inCampaign(scope, 1000), scope).toEqual(expected);
      expect(await inCampaign(scope, 7), scope).toEqual(expected);
    }
    // A campaign with no posts answers nothing, whatever the scope.
    const empty = await call<{ id: string }>(t.core, 'campaigns:save', { name: 'Empty' });
    for (const scope of ['upcoming', 'drafts', 'all', 'attention', 'published'] as const) {
      expect(await call<PostDto[]>(t.core, 'posts:list', { scope, campaignId: empty.id }), scope).toEqual([]);
    }
  });

  it('sends the first posts of upcoming and drafts with how many are left, the rest when asked, and the counts beside them', async () => {
    t = await createTestCore({ publishing: { autoStart: false } });
    // A year ahead: far more posts on the way out, and more drafts, than one step.
    seedPosts(t.dataDir, 5_000, t.clock, { pastDays: 30, futureDays: 365 });
    const everyUpcoming = (await everyPost('upcoming')).map((p) => p.id);
    const everyDraft = await everyPost('drafts');
    expect(everyUpcoming.length).toBeGreaterThan(LIST_SECTION_STEP);
    expect(everyDraft.length).toBeGreaterThan(LIST_SECTION_STEP);

    const first = await call<Lists>(t.core, 'posts:lists', {});
    expect(first.upcoming.map((p) => p.id)).toEqual(everyUpcoming.slice(0, LIST_SECTION_STEP));
    expect(first.more).toEqual({ upcoming: everyUpcoming.length - LIST_SECTION_STEP, drafts: everyDraft.length - LIST_SECTION_STEP });
    expect(first.drafts.map((p) => p.id)).toEqual(everyDraft.slice(0, LIST_SECTION_STEP).map((p) => p.id));

    const next = await call<Lists>(t.core, 'posts:lists', { upcoming: 10_000, drafts: LIST_SECTION_STEP + 10 });
    expect(next.upcoming.map((p) => p.id)).toEqual(everyUpcoming);
    expect(next.more.upcoming).toBe(0);
    expect(next.drafts.map((p) => p.id)).toEqual(everyDraft.slice(0, LIST_SECTION_STEP + 10).map((p) => p.id));
    expect(next.more.drafts).toBe(everyDraft.length - LIST_SECTION_STEP - 10);

    // Counted by the core over every post, not over the ones sent.
    expect(first.untimedDrafts).toBe(everyDraft.filter((p) => p.targets.every((c) => c.state === 'draft' && c.scheduledAt === null)).length);
    const db = new Database(join(t.dataDir, DATABASE_FILE), { readonly: true });
    const waiting = db.prepare("SELECT account_id AS id, count(*) AS n FROM targets WHERE state IN ('in_review', 'approved', 'scheduled') GROUP BY account_id").all() as { id: string; n: number }[];
    db.close();
    expect(first.waiting).toEqual(Object.fromEntries(waiting.map((w) => [w.id, w.n])));
    expect(Object.keys(first.waiting).length).toBeGreaterThan(1);
  });

  it('refuses a step past the most one read may hold, naming it', async () => {
    t = await createTestCore();
    const r = await t.core.dispatch('posts:lists', { upcoming: 1_000_000 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'invalid_input', issues: [{ path: ['upcoming'] }] });
  });
});
