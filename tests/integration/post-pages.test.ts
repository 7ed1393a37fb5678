import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core';
import type { PostDto } from '../../shared/contract';
import { encodeCursor } from '../../electron/core/posts/post-pages';
import { call, createTestCore, type TestCore } from '../support/core';
import { seedPosts } from '../support/seed-scale';

const SCOPES = ['upcoming', 'drafts', 'all', 'attention', 'published'] as const;
type Page = { posts: PostDto[]; next: string | null };

describe('posts:page reads a list page after page by where the last page stopped', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  /** A scope read whole by offset, as posts:list pages it (nothing moves meanwhile). */
  async function byOffset(scope: string, campaignId?: string): Promise<string[]> {
    const all: string[] = [];
    for (;;) {
      const page = await call<PostDto[]>(t.core, 'posts:list', { scope, limit: 1000, offset: all.length, ...(campaignId ? { campaignId } : {}) });
      all.push(...page.map((p) => p.id));
      if (page.length < 1000) return all;
    }
  }

  /** A scope read whole by cursor; every page but the last is full and names the next. */
  async function byCursor(scope: string, limit: number, campaignId?: string): Promise<string[]> {
    const all: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await call<Page>(t.core, 'posts:page', { scope, limit, ...(campaignId ? { campaignId } : {}), ...(cursor ? { cursor } : {}) });
      all.push(...page.posts.map((p) => p.id));
      if (page.next === null) return all;
      expect(page.posts).toHaveLength(limit);
      cursor = page.next;
    }
  }

  /** Five posts at the same minute and five drafts, made at the same instant: ties the keys must break by id. */
  async function tiedPosts(): Promise<void> {
    const account = await t.core.services.accounts.add({ platform: 'mastodon', handle: 'tie@example.social', credentials: { accessToken: 'x' } });
    const date = new Date(t.clock.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < 5; i++) {
      await call(t.core, 'posts:create', { text: `Tied ${i}`, accounts: [account.id], schedule: { date, time: '09:00', zone: 'UTC' } });
      await call(t.core, 'posts:create', { text: `Tied draft ${i}`, accounts: [account.id], schedule: null });
    }
  }

  it('reads every scope in the same order as posts:list, whatever the page size', async () => {
    t = await createTestCore({ publishing: { autoStart: false } });
    seedPosts(t.dataDir, 4_000, t.clock, { pastDays: 730, futureDays: 365 });
    for (const scope of SCOPES) {
      const whole = await byOffset(scope);
      expect(whole.length, scope).toBeGreaterThan(100);
      expect(await byCursor(scope, 1000), scope).toEqual(whole);
      expect(await byCursor(scope, 97), scope).toEqual(whole);
      // The first page is posts:list's first page; left out, the limit is 200.
      const first = await call<Page>(t.core, 'posts:page', { scope });
      expect(first.posts.map((p) => p.id), scope).toEqual(whole.slice(0, 200));
    }
    // The last page names no next one, even when it is exactly full.
    const drafts = await byOffset('drafts');
    const exact = await call<Page>(t.core, 'posts:page', { scope: 'drafts', limit: drafts.length });
    expect(exact.posts).toHaveLength(drafts.length);
    expect(exact.next).toBeNull();
  });

  it('breaks ties: posts at the same minute made at the same instant, copies out or in trouble at the same instant, each read once at every page size', async () => {
    t = await createTestCore({ publishing: { autoStart: false } });
    await tiedPosts();
    for (const scope of ['upcoming', 'drafts', 'all'] as const) {
      const whole = await byOffset(scope);
      expect(whole.length, scope).toBeGreaterThanOrEqual(5);
      for (const limit of [1, 2, 3]) expect(await byCursor(scope, limit), `${scope} by ${limit}`).toEqual(whole);
    }
    // Copies out at the same instant, and copies in trouble that changed at the same instant.
    seedPosts(t.dataDir, 200, t.clock, { pastDays: 30, futureDays: 0 });
    const db = new Database(join(t.dataDir, DATABASE_FILE));
    const tie = (state: string, column: string) => {
      const ids = db.prepare(`SELECT min(id) FROM targets WHERE state = '${state}' GROUP BY post_id LIMIT 6`).pluck().all();
      db.prepare(`UPDATE targets SET ${column} = 1700000000000 WHERE id IN (SELECT value FROM json_each(?))`).run(JSON.stringify(ids));
      return ids.length;
    };
    expect(tie('published', 'published_at')).toBe(6);
    expect(tie('failed', 'updated_at')).toBeGreaterThanOrEqual(3);
    db.close();
    for (const scope of ['attention', 'published'] as const) {
      const whole = await byOffset(scope);
      for (const limit of [1, 2, 3]) expect(await byCursor(scope, limit), `${scope} by ${limit}`).toEqual(whole);
    }
  });

  it('reads a campaign’s scopes by cursor in the campaign’s order', async () => {
    t = await createTestCore({ publishing: { autoStart: false } });
    seedPosts(t.dataDir, 3_000, t.clock, { pastDays: 730, futureDays: 365 });
    const campaign = await call<{ id: string }>(t.core, 'campaigns:save', { name: 'Spring launch' });
    const members = (await byOffset('all')).filter((_, i) => i % 7 === 2);
    for (let i = 0; i < members.length; i += 200) await call(t.core, 'campaigns:assign', { postIds: members.slice(i, i + 200), campaignId: campaign.id });
    for (const scope of SCOPES) {
      const whole = await byOffset(scope, campaign.id);
      expect(whole.length, scope).toBeGreaterThan(3);
      expect(await byCursor(scope, 1000, campaign.id), scope).toEqual(whole);
      expect(await byCursor(scope, 9, campaign.id), scope).toEqual(whole);
    }
  });

  it('skips nothing when posts before the cursor leave the list between two pages, where an offset would', async () => {
    t = await createTestCore({ publishing: { autoStart: false } });
    seedPosts(t.dataDir, 1_500, t.clock, { pastDays: 30, futureDays: 365 });
    const before = await byOffset('upcoming');
    const first = await call<Page>(t.core, 'posts:page', { scope: 'upcoming', limit: 50 });
    expect(first.posts.map((p) => p.id)).toEqual(before.slice(0, 50));
    // Ten posts of the first page leave upcoming (deleted here; going out does the same).
    for (const p of first.posts.slice(0, 10)) await call(t.core, 'posts:delete', { id: p.id });
    const second = await call<Page>(t.core, 'posts:page', { scope: 'upcoming', limit: 50, cursor: first.next! });
    expect(second.posts.map((p) => p.id)).toEqual(before.slice(50, 100));
    // By offset, the second page now starts ten posts late: those ten were never read.
    const shifted = await call<PostDto[]>(t.core, 'posts:list', { scope: 'upcoming', limit: 50, offset: 50 });
    expect(shifted.map((p) => p.id)).toEqual(before.slice(60, 110));
  });

  it('refuses a cursor it did not give for this list, naming the cursor, and changes nothing', async () => {
    t = await createTestCore({ publishing: { autoStart: false } });
    seedPosts(t.dataDir, 300, t.clock, { pastDays: 30, futureDays: 60 });
    const campaign = await call<{ id: string }>(t.core, 'campaigns:save', { name: 'Autumn' });
    const first = await call<Page>(t.core, 'posts:page', { scope: 'all', limit: 10 });
    const refused = async (input: Record<string, unknown>) => {
      const r = await t.core.dispatch('posts:page', input);
      expect(r, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: ['cursor'] }] } });
    };
    await refused({ scope: 'all', cursor: 'not a cursor' });
    await refused({ scope: 'all', cursor: Buffer.from('{"scope":"all"}').toString('base64url') });
    // Another scope's or another campaign's cursor: its key means nothing here.
    await refused({ scope: 'drafts', cursor: first.next });
    await refused({ scope: 'all', campaignId: campaign.id, cursor: first.next });
    // A key of the wrong kind (a number where the id goes).
    await refused({ scope: 'all', cursor: encodeCursor('all', null, [1, 2]) });
    await refused({ scope: 'all', cursor: '' });
    await refused({ scope: 'all', cursor: 'x'.repeat(1001) });
    // Still answered as before.
    expect(await call<Page>(t.core, 'posts:page', { scope: 'all', limit: 10, cursor: first.next! })).toEqual(await call<Page>(t.core, 'posts:page', { scope: 'all', limit: 10, cursor: first.next! }));
    expect((await call<Page>(t.core, 'posts:page', { scope: 'all', limit: 10 })).posts).toEqual(first.posts);
  });
});
