/**
 * The Analytics Overview narrowed by a campaign or pillar reads that filter's posts, their copies
 * and those copies' daily rows, each through an index, where its series per day read every copy's
 * daily rows of the range (at 100,000 posts, seconds for a year, whatever the campaign). Its series
 * is the same as that read gave (tests/support/series-filtered-before.ts) over ranges and filters,
 * a campaign without posts, a pillar spanning accounts and days that report a number only now and
 * then included; its totals and copies are checked against the separate reads in
 * analytics-overview-once.test.ts.
 */
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterParams, rangeDays, resolveRange, type AnalyticsFilters } from '../../electron/core/analytics/scope';
import { createNarrowedRead, type NarrowedRead } from '../../electron/core/analytics/narrowed-read';
import { createOverviewSql } from '../../electron/core/analytics/overview-sql';
import type { Db } from '../../electron/core/store/open';
import { DAY } from '../support/analytics-seed';
import { overviewWorkspace, type OverviewWorkspace } from '../support/overview-workspace';
import { createSeriesFilteredBefore } from '../support/series-filtered-before';

let db: Database.Database;
let now: number;
let w: OverviewWorkspace;
const ids = { campaign: '', empty: '', pillar: '', small: '' };
const date = (offsetDays: number) => DateTime.fromMillis(now + offsetDays * DAY, { zone: 'UTC' }).toISODate()!;

beforeAll(async () => {
  w = await overviewWorkspace({
    posts: 600,
    historyDays: 150,
    // Looks that report likes only, between ones that report views: a gap neither drops to 0 nor
    // counts the whole total again, and the day after reaches back past it.
    more: ({ db: d, s, now: at, made }) => {
      const published = d.prepare('SELECT published_at FROM targets WHERE id = ?').pluck();
      for (const [i, id] of made.entries()) {
        const when = (published.get(id) as number) + 2 * DAY;
        if (i % 4 === 0 && when < at) s.record(id, when, { likes: 1 });
      }
    },
  });
  ({ db, now } = w);
  Object.assign(ids, w.ids);
});
afterAll(async () => {
  await w?.close();
});

const FILTERS = (): [string, Omit<AnalyticsFilters, 'from' | 'to'>][] => [
  ['a campaign', { campaignId: ids.campaign }],
  ['a campaign without posts', { campaignId: ids.empty }],
  ['a pillar', { pillarId: ids.pillar }],
  ['a pillar on an account', { pillarId: ids.pillar, accountId: ids.small }],
  ['a campaign on a platform', { campaignId: ids.campaign, platform: 'x' }],
  ['a campaign and a pillar', { campaignId: ids.campaign, pillarId: ids.pillar }],
  ['a pillar on an account without copies', { pillarId: ids.pillar, accountId: 'nobody' }],
];
const RANGES = (): [string, { from: string; to: string }][] => [
  ['a week', { from: date(-6), to: date(0) }],
  ['90 days', { from: date(-89), to: date(0) }],
  ['a year', { from: date(-364), to: date(0) }],
  ['an empty range', { from: date(400), to: date(430) }],
];

describe('the overview narrowed by a campaign or pillar', () => {
  it('seeds a pillar spanning accounts and daily rows that skip a number', () => {
    const accounts = db.prepare(`SELECT count(DISTINCT t.account_id) FROM metric_daily md JOIN targets t ON t.id = md.target_id
      JOIN posts p ON p.id = t.post_id WHERE p.pillar_id = ?`).pluck().get(ids.pillar) as number;
    expect(accounts).toBeGreaterThanOrEqual(3);
    const gaps = db.prepare("SELECT count(*) FROM metric_daily WHERE views IS NULL AND likes IS NOT NULL AND platform <> 'mastodon'").pluck().get() as number;
    expect(gaps).toBeGreaterThan(20);
    expect(db.prepare('SELECT count(*) FROM posts WHERE campaign_id = ?').pluck().get(ids.empty)).toBe(0);
  });

  it.each([
    ['from the filter’s posts', 'posts'],
    ['from the range', 'range'],
    ['chosen per call', undefined],
  ] as const)('gives the same series per day as reading every copy’s days, for every range and filter: %s', (_, read: NarrowedRead | undefined) => {
    const before = createSeriesFilteredBefore(db as unknown as Db);
    const after = createOverviewSql(db as unknown as Db, read).series;
    const days = new Map<string, number>();
    for (const [, range] of RANGES()) {
      for (const [name, f] of FILTERS()) {
        const r = resolveRange(range.from, range.to, 'UTC');
        const p = { ...filterParams({ ...range, ...f }), start: r.start, end: r.end, ...rangeDays(r) };
        const want = before(p);
        expect(after(p, true), `${name}, ${range.from}–${range.to}`).toEqual(want);
        days.set(name, (days.get(name) ?? 0) + want.filter((d) => d.views !== null || d.eng !== null).length);
      }
    }
    expect(days.get('a campaign')).toBeGreaterThan(100);
    expect(days.get('a pillar on an account')).toBeGreaterThan(20);
    expect(days.get('a campaign and a pillar')).toBeGreaterThan(20);
    expect(days.get('a campaign without posts')).toBe(0);
  });

  it('reads from the filter’s posts unless the range holds fewer copies or days than the filter has posts', () => {
    const choose = createNarrowedRead(db as unknown as Db);
    const read = (f: Omit<AnalyticsFilters, 'from' | 'to'>, range: { from: string; to: string }) => {
      const r = resolveRange(range.from, range.to, 'UTC');
      const p = { ...filterParams({ ...range, ...f }), start: r.start, end: r.end, ...rangeDays(r) };
      return [choose.copies(p), choose.days(p)];
    };
    const [, week] = RANGES()[0]!;
    const [, year] = RANGES()[2]!;
    const copiesIn = (range: { from: string; to: string }) => {
      const r = resolveRange(range.from, range.to, 'UTC');
      return db.prepare("SELECT count(*) FROM targets WHERE state = 'published' AND published_at >= ? AND published_at < ?").pluck().get(r.start, r.end) as number;
    };
    const pillarPosts = db.prepare('SELECT count(*) FROM posts WHERE pillar_id = ?').pluck().get(ids.pillar) as number;
    expect(copiesIn(week)).toBeLessThan(pillarPosts);
    expect(copiesIn(year)).toBeGreaterThan(pillarPosts);
    expect(read({ pillarId: ids.pillar }, week)).toEqual(['range', 'range']);
    expect(read({ pillarId: ids.pillar }, year)).toEqual(['posts', 'posts']);
    expect(read({ campaignId: ids.empty }, week)).toEqual(['posts', 'posts']);
    expect(read({ campaignId: ids.campaign, pillarId: ids.pillar }, year)).toEqual(['posts', 'posts']);
  });
});
