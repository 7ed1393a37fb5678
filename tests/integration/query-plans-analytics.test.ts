import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agedScopeSql } from '../../electron/core/analytics/aged-scope';
import { LOOKS_ONE_SQL, UNREAD_SQL } from '../../electron/core/analytics/at-age-store';
import { overviewSql } from '../../electron/core/analytics/overview-sql';
import { NARROWED_COUNT_SQL } from '../../electron/core/analytics/narrowed-read';
import { SERIES_FROM_POSTS_SQL, SERIES_FROM_RANGE_SQL } from '../../electron/core/analytics/series-sql';
import { createTestCore, type TestCore } from '../support/core';
import { seedPosts } from '../support/seed-scale';

/**
 * Best times and what works over a year stay flat as the history grows: the range's copies are
 * read down targets_published in its order (no sort), each with its kept looks by primary key
 * (metric_at_age), never by seeking the snapshot history per copy; keeping a copy's reading with
 * a snapshot seeks its two looks. The overview reads the range's copies once; narrowed by a
 * campaign or pillar it reads that filter's posts' copies and days only. Planned on a seeded database
 * without statistics, as a creator's.
 */
let t: TestCore;
let db: Database.Database;

beforeAll(async () => {
  t = await createTestCore();
  seedPosts(t.dataDir, 3000, t.clock);
  db = new Database(`${t.dataDir}/loomcast.sqlite`, { readonly: true });
});
afterAll(async () => {
  db.close();
  await t.close();
});

const planOf = (sql: string, params: Record<string, unknown>) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);

/** The filter's posts, by campaign (and pillar) or by pillar alone: one seek down each partial index. */
const FILTER_POSTS = ['SEARCH posts USING INDEX posts_campaign (campaign_id=?)', 'SEARCH posts USING INDEX posts_pillar (pillar_id=?)'];
const NARROWED = { accountId: null, platform: null, campaignId: 'c', pillarId: 'p' };

describe('the overview over a range', () => {
  it('the copies: read once down targets_published, each with its newest numbers and check by key', () => {
    for (const key of ['views', 'engagements', 'rate'] as const) {
      const plan = planOf(overviewSql(key, 'all'), { start: 0, end: 1, accountId: null, platform: null, campaignId: null, pillarId: null, limit: 10 });
      expect(plan.filter((d) => / t USING /.test(d))).toEqual(['SEARCH t USING INDEX targets_published (state=? AND published_at>? AND published_at<?)']);
      expect(plan).toContain('SEARCH m USING INDEX sqlite_autoindex_metric_latest_1 (target_id=?) LEFT-JOIN');
      expect(plan).toContain('SEARCH k USING INDEX sqlite_autoindex_metric_checks_1 (target_id=?) LEFT-JOIN');
      expect(plan.filter((d) => / p(osts)? USING /.test(d))).toEqual([]);
      // The rest reads the materialized copies (c) and the count of those ranked (n), never a table again.
      expect(plan.filter((d) => /^SCAN /.test(d) && !/^SCAN (c|n|\(subquery-\d+\))$/.test(d))).toEqual([]);
    }
  });

  it('the copies of a campaign or pillar: read once from its posts, each post’s published copies by post, never the whole range', () => {
    for (const key of ['views', 'engagements', 'rate'] as const) {
      const plan = planOf(overviewSql(key, 'posts'), { start: 0, end: 1, ...NARROWED, limit: 10 });
      expect(plan.filter((d) => / posts USING /.test(d))).toEqual(FILTER_POSTS);
      expect(plan.filter((d) => / t USING /.test(d))).toEqual(Array(2).fill('SEARCH t USING INDEX targets_state_post (state=? AND post_id=?)'));
      expect(plan).toContain('SEARCH m USING INDEX sqlite_autoindex_metric_latest_1 (target_id=?) LEFT-JOIN');
      expect(plan).toContain('SEARCH k USING INDEX sqlite_autoindex_metric_checks_1 (target_id=?) LEFT-JOIN');
      expect(plan.filter((d) => /^SCAN /.test(d) && !/^SCAN (c|n|\(subquery-\d+\))$/.test(d))).toEqual([]);
    }
  });

  it('the series per day of a campaign or pillar: its posts’ copies by post, their days of the range by key, never every copy’s days', () => {
    const plan = planOf(SERIES_FROM_POSTS_SQL, { startDay: 0, endDay: 1, ...NARROWED });
    expect(plan.filter((d) => / posts USING /.test(d))).toEqual(FILTER_POSTS);
    expect([...new Set(plan.filter((d) => / t USING /.test(d)))]).toEqual(['SEARCH t USING INDEX targets_one_per_destination (post_id=?)']);
    expect([...new Set(plan.filter((d) => / (md|x) USING /.test(d)))]).toEqual([
      'SEARCH md USING PRIMARY KEY (target_id=? AND day>? AND day<?)',
      'SEARCH x USING PRIMARY KEY (target_id=? AND day<?)',
    ]);
    expect(plan.filter((d) => /^SCAN /.test(d) && d !== 'SCAN inc')).toEqual([]);
  });

  it('a campaign or pillar over a range holding fewer copies or days than its posts: the range by index, each with its post by key', () => {
    for (const key of ['views', 'engagements', 'rate'] as const) {
      const plan = planOf(overviewSql(key, 'range'), { start: 0, end: 1, ...NARROWED, limit: 10 });
      expect(plan.filter((d) => / (t|p) USING /.test(d))).toEqual([
        'SEARCH t USING INDEX targets_published (state=? AND published_at>? AND published_at<?)',
        'SEARCH p USING INDEX sqlite_autoindex_posts_1 (id=?)',
      ]);
      expect(plan.filter((d) => /^SCAN /.test(d) && !/^SCAN (c|n|\(subquery-\d+\))$/.test(d))).toEqual([]);
    }
    const series = planOf(SERIES_FROM_RANGE_SQL, { startDay: 0, endDay: 1, ...NARROWED });
    expect(series.filter((d) => / (md|t|p) USING /.test(d))).toEqual([
      'SEARCH md USING INDEX metric_daily_day (day>? AND day<?)',
      'SEARCH t USING INDEX sqlite_autoindex_targets_1 (id=?)',
      'SEARCH p USING INDEX sqlite_autoindex_posts_1 (id=?)',
    ]);
    expect(series.filter((d) => /^SCAN /.test(d) && d !== 'SCAN inc')).toEqual([]);
  });

  it('which of the two is read: the filter’s posts counted on their index, the range’s copies and days counted on theirs', () => {
    expect(planOf(NARROWED_COUNT_SQL.posts, NARROWED).filter((d) => /^(SEARCH|SCAN) (?!CONSTANT ROW)/.test(d))).toEqual([
      'SEARCH posts USING INDEX posts_campaign (campaign_id=?)',
      'SEARCH posts USING COVERING INDEX posts_pillar (pillar_id=?)',
    ]);
    expect(planOf(NARROWED_COUNT_SQL.copies, { start: 0, end: 1, cap: 1 })).toContain(
      'SEARCH targets USING COVERING INDEX targets_published (state=? AND published_at>? AND published_at<?)',
    );
    expect(planOf(NARROWED_COUNT_SQL.days, { startDay: 0, endDay: 1, cap: 1 })).toContain('SEARCH metric_daily USING COVERING INDEX metric_daily_day (day>? AND day<?)');
  });
});

describe('numbers at an age over a range', () => {
  it.each([
    ['the copies', false, { start: 0, end: 1, accountId: null, platform: null }],
    ['an account’s copies on a platform', false, { start: 0, end: 1, accountId: 'scale-x', platform: 'x' }],
    ['the copies of a campaign or pillar', true, { start: 0, end: 1, accountId: null, platform: null, campaignId: 'c', pillarId: null }],
  ])('%s: down targets_published, each copy’s kept reading by primary key, no snapshot read', (_, posts, params) => {
    const plan = planOf(agedScopeSql(posts), params);
    expect(plan[0]).toBe('SEARCH t USING INDEX targets_published (state=? AND published_at>? AND published_at<?)');
    expect(plan).toContain('SEARCH g USING PRIMARY KEY (target_id=?) LEFT-JOIN');
    expect(plan.filter((d) => /metric_snapshots|TEMP B-TREE|^SCAN/.test(d))).toEqual([]);
  });

  it('keeping a copy’s reading with a snapshot seeks its two looks, each on metric_snapshots_target', () => {
    const plan = planOf(LOOKS_ONE_SQL, { targetId: 't', due: 1 });
    expect(plan.filter((d) => d.includes('metric_snapshots'))).toEqual([
      'SEARCH metric_snapshots USING COVERING INDEX metric_snapshots_target (target_id=? AND at<?)',
      'SEARCH metric_snapshots USING COVERING INDEX metric_snapshots_target (target_id=? AND at>?)',
    ]);
    expect(plan.filter((d) => / s USING /.test(d))).toEqual(['SEARCH s USING INTEGER PRIMARY KEY (rowid=?)', 'SEARCH s USING INTEGER PRIMARY KEY (rowid=?)']);
  });

  it('the start finds readings still to work out through their partial index, not by reading every kept one', () => {
    const plan = planOf(UNREAD_SQL, {});
    expect(plan[0]).toBe('SCAN g USING INDEX metric_at_age_unread');
    expect(plan.slice(1)).toEqual(['SEARCH t USING INDEX sqlite_autoindex_targets_1 (id=?)']);
  });
});
