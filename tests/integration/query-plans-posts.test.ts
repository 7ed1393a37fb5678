import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_SQL, STILL_HOLDING_SQL } from '../../electron/core/alerts/conditions';
import { CHIPS_SQL, RANGE_SQL } from '../../electron/core/features/calendar/range-query';
import { CAMPAIGNS_SQL } from '../../electron/core/features/campaigns/campaigns-repo';
import { EXPORT_SQL } from '../../electron/core/features/io/export-query';
import { IMPORT_GUARD_SQL } from '../../electron/core/features/io/import-guard';
import { SLOT_TAKEN_SQL } from '../../electron/core/features/posting-times/queue-service';
import { REVIEW_LEFT_SQL, REVIEW_NEXT_SQL, REVIEW_RANK_SQL, REVIEW_TOTAL_SQL, REVIEW_WAITING_SQL } from '../../electron/core/features/review/review-service';
import { GUARD_WINDOW_SQL } from '../../electron/core/posts/duplicate-check';
import { binReads } from '../../electron/core/posts/post-bin';
import { LIST_COUNTS_SQL, LIST_IN_CAMPAIGN_SQL, LIST_KEYS, LIST_SQL, POSTS_BY_ID_SQL } from '../../electron/core/posts/post-lists';
import { SEARCH_SQL } from '../../electron/core/posts/search';
import { SUMMARY_SQL } from '../../electron/core/posts/summary';
import { LEARN_WINDOW, LEARNED_POSTS_SQL, LEARNED_TARGETS_SQL } from '../../electron/core/features/library/voice-learned';
import {
  HISTORY_ACCOUNT_COPIES_SQL,
  HISTORY_ACCOUNT_COUNT_SQL,
  HISTORY_COPIES,
  HISTORY_COPIES_BY_ROWID_SQL,
  HISTORY_COPIES_SQL,
  HISTORY_PLATFORM_PICK_SQL,
  SEEK_BY_ACCOUNT_MAX,
} from '../../electron/core/features/hashtags/history';
import { createTestCore, type TestCore } from '../support/core';
import { seedPosts } from '../support/seed-scale';

/**
 * The posts' hot reads stay flat as the history grows: each named query's plan (EXPLAIN QUERY
 * PLAN, on a seeded database without planner statistics, as every creator's is) reads posts and
 * targets through an index, never by walking the whole table. Times are not measured here; the plan is what keeps them flat.
 */
const POST_TABLES = ['posts', 'targets'];

/** Names (tables and their aliases) under which the SQL reads posts or targets. */
function namesOf(sql: string): Set<string> {
  const names = new Set(POST_TABLES);
  const re = /\b(posts|targets)\s+(?:AS\s+)?([a-z_]\w*)/gi;
  const keywords = new Set(['where', 'join', 'on', 'indexed', 'group', 'order', 'left', 'inner', 'limit', 'and', 'or', 'as']);
  for (const m of sql.matchAll(re)) if (!keywords.has(m[2]!.toLowerCase())) names.add(m[2]!);
  return names;
}

function fullScans(db: Database.Database, sql: string, params: Record<string, unknown>): string[] {
  const names = namesOf(sql);
  const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
  return plan.filter((d) => {
    const m = /^SCAN (\w+)/.exec(d);
    return m !== null && names.has(m[1]!);
  });
}

let t: TestCore;
let db: Database.Database;
const now = () => t.clock.now();

beforeAll(async () => {
  t = await createTestCore();
  // A few thousand posts, and no statistics (migration 0016): the plans a creator's database gets.
  seedPosts(t.dataDir, 3000, t.clock);
  db = new Database(`${t.dataDir}/loomcast.sqlite`, { readonly: true });
});

afterAll(async () => {
  db.close();
  await t.close();
});

const STATES = JSON.stringify(['draft', 'in_review', 'approved', 'scheduled', 'publishing', 'published', 'failed', 'unconfirmed', 'missed', 'cancelled']);

describe('the posts’ hot queries read through indexes', () => {
  it.each([
    ['posts:range', RANGE_SQL],
    ['posts:calendar', CHIPS_SQL],
  ])('%s, with and without filters', (_, sql) => {
    const base = { from: now(), to: now() + 42 * 86_400_000, states: STATES, accounts: null, campaigns: null, pillars: null };
    expect(fullScans(db, sql, base)).toEqual([]);
    expect(fullScans(db, sql, { ...base, states: '["scheduled"]', accounts: '["scale-x"]', campaigns: '["c"]', pillars: '["p"]' })).toEqual([]);
  });

  it('posts:calendar counts a copy’s thread on its own parts, by primary key', () => {
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${CHIPS_SQL}`).all({ from: now(), to: now() + 42 * 86_400_000, states: STATES, accounts: null, campaigns: null, pillars: null }) as { detail: string }[]).map((r) => r.detail);
    expect(plan.filter((d) => d.includes('target_parts'))).toEqual([expect.stringMatching(/SEARCH tp USING (COVERING INDEX|INDEX|PRIMARY KEY).*target_id=/)]);
  });

  it('the duplicate guard’s window', () => {
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${GUARD_WINDOW_SQL}`).all('["x"]', 'print', 0, 1, '') as { detail: string }[]).map((r) => r.detail);
    expect(plan.some((d) => d.includes('targets_guard_window'))).toBe(true);
    // No sort of every candidate with its words: the few repeats are sorted in JavaScript.
    expect(plan.filter((d) => d.includes('TEMP B-TREE'))).toEqual([]);
    expect(fullScans(db, GUARD_WINDOW_SQL.replaceAll('?', 'NULL'), {})).toEqual([]);
  });

  it('the import’s duplicate guard seeks each fingerprint through targets_guard_window', () => {
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${IMPORT_GUARD_SQL}`).all('["x","bluesky"]', '["print",""]', 0, 1) as { detail: string }[]).map((r) => r.detail);
    // Platform and fingerprint both seeked: not every copy of the import's months read by state.
    expect(plan.some((d) => /targets_guard_window \(platform=\? AND guard_print=\?/.test(d))).toBe(true);
    expect(fullScans(db, IMPORT_GUARD_SQL.replaceAll('?', 'NULL'), {})).toEqual([]);
  });

  it('the alerts’ look at whether a failed, missed or stopped post still is: by the open alerts’ posts', () => {
    for (const [name, sql] of Object.entries(STILL_HOLDING_SQL)) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(name === 'postsIn' ? ['["p"]', 'failed'] : ['["p"]'])) as { detail: string }[]).map((r) => r.detail);
      expect({ name, byPost: plan.some((d) => /^SEARCH targets USING (COVERING )?INDEX \w+ \((state=\? AND )?post_id=\?\)/.test(d)) }).toEqual({ name, byPost: true });
      expect(fullScans(db, sql.replaceAll('?', 'NULL'), {})).toEqual([]);
    }
  });

  it('the alerts’ look at the numbers (zero views, low engagement): the lookback’s window and the open alerts’ copies, not every copy’s numbers', () => {
    const params = { until: now() - 6 * 3_600_000, since: now() - 14 * 86_400_000, rule: 'zero_views' };
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${LATEST_SQL}`).all(params) as { detail: string }[]).map((r) => r.detail);
    // Both ends of the window bound the index read; the older copies come by primary key from the open alerts.
    expect(plan).toContain('SEARCH m USING INDEX metric_latest_published (published_at>? AND published_at<?)');
    expect(plan.some((d) => /^SEARCH m USING (COVERING )?INDEX sqlite_autoindex_metric_latest_1 \(target_id=\?\)/.test(d))).toBe(true);
    expect(plan.filter((d) => /^SCAN m\b|metric_latest_published \(published_at<\?\)/.test(d))).toEqual([]);
    expect(fullScans(db, LATEST_SQL, params)).toEqual([]);
  });

  it('the shell’s counts (posts:summary)', () => {
    for (const [name, sql] of Object.entries(SUMMARY_SQL)) {
      const params = Object.fromEntries(['now', 'overdue', 'at'].filter((k) => sql.includes(`:${k}`)).map((k) => [k, now()]));
      expect({ name, scans: fullScans(db, sql, params) }).toEqual({ name, scans: [] });
    }
    const unbound = (db.prepare(`EXPLAIN QUERY PLAN ${SUMMARY_SQL.unbound}`).all() as { detail: string }[]).map((r) => r.detail);
    expect(unbound).toContain('SEARCH targets USING INDEX targets_account_due (account_id=? AND state=?)');
  });

  it('the review queue: its page, count, a post’s place in it and Approve all’s rounds, from the in-review copies alone', () => {
    const place = { asOf: now(), afterId: 'p', afterSince: now(), afterCreated: now() };
    for (const [sql, params] of [
      [REVIEW_WAITING_SQL, { limit: 300 }],
      [REVIEW_TOTAL_SQL, {}],
      [REVIEW_RANK_SQL, { id: 'p' }],
      [REVIEW_NEXT_SQL, { ...place, limit: 250 }],
      [REVIEW_LEFT_SQL, place],
    ] as const) {
      expect(fullScans(db, sql, params)).toEqual([]);
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
      // The queue is found by state (targets_state_post), never by walking every copy.
      expect(plan.some((d) => /targets USING COVERING INDEX targets_state_post \(state=\?/.test(d))).toBe(true);
    }
  });

  it('the list scopes and reading posts by id, from the top and after a cursor', () => {
    const plan = (sql: string, params: Record<string, unknown>) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
    // From the top (posts:list, an offset) and after a post's key (posts:page's cursor).
    const keys = (scope: keyof typeof LIST_KEYS) => {
      const [k1, k2, k3] = LIST_KEYS[scope].first;
      const after = LIST_KEYS[scope].kinds.map((kind) => (kind === 'number' ? now() : 'p'));
      return [{ k1, k2, k3, limit: 200, offset: 400 }, { k1: after[0], k2: after[1], k3: after[2], limit: 201, offset: 0 }];
    };
    for (const [scope, sql] of Object.entries(LIST_SQL)) {
      for (const params of keys(scope as keyof typeof LIST_KEYS)) expect({ scope, scans: fullScans(db, sql, params) }).toEqual({ scope, scans: [] });
    }
    // The deep scopes seek their index at the key, so a page after a cursor costs the page; none
    // sorts the history before its first row.
    const [, after] = keys('all');
    expect(plan(LIST_SQL.all, after!)).toEqual(['SEARCH p USING COVERING INDEX posts_created ((created_at,id)<(?,?))']);
    expect(plan(LIST_SQL.published, { ...after, k2: 1 })[0]).toMatch(/^SEARCH t USING INDEX targets_published \(state=\? AND published_at<\?\)/);
    expect(plan(LIST_SQL.attention, { ...after, k2: 1 })[0]).toMatch(/^SEARCH t USING INDEX targets_attention \(updated_at<\?\)/);
    for (const scope of ['all', 'attention', 'published'] as const) expect({ scope, sorts: plan(LIST_SQL[scope], { ...after, k2: 1 }).filter((d) => /TEMP B-TREE/.test(d)) }).toEqual({ scope, sorts: [] });
    expect(fullScans(db, POSTS_BY_ID_SQL, { ids: '[]' })).toEqual([]);
    // Inside a campaign each scope starts from the campaign's posts, never from every post or copy.
    for (const [scope, sql] of Object.entries(LIST_IN_CAMPAIGN_SQL)) {
      for (const params of keys(scope as keyof typeof LIST_KEYS).map((p) => ({ ...p, campaign: 'c1' }))) {
        expect({ scope, scans: fullScans(db, sql, params) }).toEqual({ scope, scans: [] });
        expect({ scope, first: plan(sql, params).find((d) => /^(SCAN|SEARCH) /.test(d)) }).toEqual({ scope, first: expect.stringMatching(/^SEARCH p USING (COVERING )?INDEX posts_campaign \(campaign_id=\?\)/) });
      }
    }
    // The counts beside the lists: untimed drafts, and copies waiting per account (seeked per account).
    for (const [name, sql] of Object.entries(LIST_COUNTS_SQL)) expect({ name, scans: fullScans(db, sql, {}) }).toEqual({ name, scans: [] });
    const waiting = (db.prepare(`EXPLAIN QUERY PLAN ${LIST_COUNTS_SQL.waiting}`).all() as { detail: string }[]).map((r) => r.detail);
    expect(waiting.some((d) => /SEARCH t USING COVERING INDEX targets_account_due \(account_id=\? AND state=\?\)/.test(d))).toBe(true);
  });

  it('the campaigns screen counts each campaign’s posts by posts_campaign (schema 17)', () => {
    expect(fullScans(db, `${CAMPAIGNS_SQL} ORDER BY c.created_at DESC, c.name`, {})).toEqual([]);
    expect(fullScans(db, `${CAMPAIGNS_SQL} WHERE c.id = 'c1'`, {})).toEqual([]);
  });

  it('the search: its index, posts_updated for new posts, and each post by its id (schema 20)', () => {
    expect(fullScans(db, SEARCH_SQL.find, { match: '"tips"*', limit: 51 })).toEqual([]);
    expect(fullScans(db, SEARCH_SQL.recent, { at: 0, id: '', limit: 500 })).toEqual([]);
    expect(fullScans(db, SEARCH_SQL.unindexed, { at: 0, limit: 500 })).toEqual([]);
    expect(fullScans(db, SEARCH_SQL.body, { id: 'p1' })).toEqual([]);
    const plan = (sql: string, params: Record<string, unknown>) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
    expect(plan(SEARCH_SQL.recent, { at: 0, id: '', limit: 500 }).some((d) => /^SEARCH p USING (COVERING )?INDEX posts_updated/.test(d))).toBe(true);
    expect(plan(SEARCH_SQL.unindexed, { at: 0, limit: 500 }).some((d) => d.startsWith('SEARCH p USING INTEGER PRIMARY KEY (rowid>?)'))).toBe(true);
  });

  it('a voice’s learned posts: the newest through posts_updated, stopped at the window, and their copies by post', () => {
    const plan = (sql: string, params: Record<string, unknown>) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
    const posts = { voice: 'v', limit: LEARN_WINDOW };
    expect(plan(LEARNED_POSTS_SQL, posts).some((d) => /^SCAN p USING (COVERING )?INDEX posts_updated/.test(d))).toBe(true);
    expect(plan(LEARNED_POSTS_SQL, posts).filter((d) => d.includes('TEMP B-TREE'))).toEqual([]);
    expect(fullScans(db, LEARNED_POSTS_SQL, posts).filter((d) => !/USING (COVERING )?INDEX posts_updated/.test(d))).toEqual([]);
    // Not every approved, scheduled and published copy read by state and looked up in the list.
    expect(fullScans(db, LEARNED_TARGETS_SQL, { posts: '["p1","p2"]' })).toEqual([]);
    expect(plan(LEARNED_TARGETS_SQL, { posts: '["p1","p2"]' }).some((d) => /^SEARCH t USING (COVERING )?INDEX \w+ \((state=\? AND )?post_id=\?\)/.test(d))).toBe(true);
  });

  it('an export of some days or a month seeks its copies by when they go out (targets_export_at, schema 35), not every copy', () => {
    for (const states of ['[]', '["scheduled","published"]']) {
      const params = { states, from: now(), to: now() + 31 * 86_400_000 };
      expect(fullScans(db, EXPORT_SQL.between, params)).toEqual([]);
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${EXPORT_SQL.between}`).all(params) as { detail: string }[]).map((r) => r.detail);
      expect(plan[0]).toMatch(/^SEARCH t USING INDEX targets_export_at \(<expr>>\? AND <expr><\?\)/);
    }
  });

  it('the queue’s free posting times: each time looked at is one seek by its instant, not every copy the account has ahead', () => {
    const params = { at: now(), account: 'scale-x', except: '' };
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${SLOT_TAKEN_SQL}`).all(params) as { detail: string }[]).map((r) => r.detail);
    expect(plan).toEqual([expect.stringMatching(/^SEARCH targets USING INDEX targets_time \(scheduled_at=\? AND state=\? AND account_id=\?\)$/)]);
    expect(fullScans(db, SLOT_TAKEN_SQL, params)).toEqual([]);
  });

  it('hashtag suggestions read the latest copies out, newest first down targets_published, and stop (no sort of every copy ever published)', () => {
    const plan = (params: Record<string, unknown>) => (db.prepare(`EXPLAIN QUERY PLAN ${HISTORY_COPIES_SQL}`).all(params) as { detail: string }[]).map((r) => r.detail);
    for (const params of [
      { accounts: null, platforms: null, limit: HISTORY_COPIES },
      { accounts: '["scale-x"]', platforms: null, limit: HISTORY_COPIES },
      { accounts: null, platforms: '["x"]', limit: HISTORY_COPIES },
    ]) {
      expect(plan(params)[0]).toMatch(/^SEARCH t USING INDEX targets_published \(state=\?\)/);
      expect(plan(params).filter((d) => d.includes('TEMP B-TREE'))).toEqual([]);
      expect(fullScans(db, HISTORY_COPIES_SQL, params)).toEqual([]);
    }
    expect(HISTORY_COPIES_SQL).toMatch(/LIMIT @limit\s*$/);
  });

  it('hashtag suggestions for accounts with few copies out seek them by account, not down every copy out (a small account beside big ones)', () => {
    const plan = (sql: string, params: Record<string, unknown>) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
    for (const params of [
      { accounts: '["scale-x"]', platforms: null, limit: HISTORY_COPIES },
      { accounts: '["scale-x", "scale-bsky"]', platforms: '["x"]', limit: HISTORY_COPIES },
    ]) {
      const copies = plan(HISTORY_ACCOUNT_COPIES_SQL, params);
      expect(copies.filter((d) => / t USING /.test(d))).toEqual([
        expect.stringMatching(/^SEARCH t USING INDEX targets_account_due \(account_id=\? AND state=\?\)$/),
        expect.stringMatching(/^SEARCH t USING INTEGER PRIMARY KEY \(rowid=\?\)$/),
      ]);
      expect(fullScans(db, HISTORY_ACCOUNT_COPIES_SQL, params)).toEqual([]);
      const count = { accounts: params.accounts, most: SEEK_BY_ACCOUNT_MAX + 1 };
      expect(plan(HISTORY_ACCOUNT_COUNT_SQL, count)).toContainEqual(expect.stringMatching(/^SEARCH t USING COVERING INDEX targets_account_due \(account_id=\? AND state=\?\)$/));
      expect(fullScans(db, HISTORY_ACCOUNT_COUNT_SQL, count)).toEqual([]);
    }
    // Stopped: the count never reads past the first copy more than the seek is for.
    expect(HISTORY_ACCOUNT_COUNT_SQL).toMatch(/LIMIT @most\)\s*$/);
  });

  it('hashtag suggestions for platforms alone seek each platform’s latest copies out in targets_platform_published, in order and stopped (schema 39)', () => {
    const plan = (sql: string, params: Record<string, unknown>) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
    const pick = { platform: 'x', limit: HISTORY_COPIES };
    expect(plan(HISTORY_PLATFORM_PICK_SQL, pick)).toEqual(['SEARCH t USING COVERING INDEX targets_platform_published (platform=?)']);
    expect(fullScans(db, HISTORY_PLATFORM_PICK_SQL, pick)).toEqual([]);
    expect(HISTORY_PLATFORM_PICK_SQL).toMatch(/LIMIT @limit\s*$/);
    const read = plan(HISTORY_COPIES_BY_ROWID_SQL, { rids: '[1, 2]' });
    expect(read.filter((d) => / t USING /.test(d))).toEqual(['SEARCH t USING INTEGER PRIMARY KEY (rowid=?)']);
    expect(fullScans(db, HISTORY_COPIES_BY_ROWID_SQL, { rids: '[1, 2]' })).toEqual([]);
  });

  it('keeping a deleted post to bring back: each table that goes with it, and each reference the delete nulls, by an index (schema 22)', () => {
    const reads = binReads(db);
    // posts, its versions, media, copies, their parts and numbers, repeats, tests…
    expect(reads.length).toBeGreaterThan(15);
    const scans = reads.flatMap((sql) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('[]') as { detail: string }[]).map((r) => r.detail).filter((d) => d.startsWith('SCAN ') && !d.startsWith('SCAN json_each')),
    );
    expect(scans).toEqual([]);
  });

  it('fails on a query that walks a whole table (the check itself works)', () => {
    expect(fullScans(db, `SELECT count(*) FROM targets t WHERE t.text_override IS NOT NULL`, {})).not.toEqual([]);
    expect(fullScans(db, `SELECT p.id FROM posts p WHERE p.updated_at + 1 > 0`, {})).not.toEqual([]);
  });
});
