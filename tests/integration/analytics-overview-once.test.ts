/**
 * The Analytics Overview reads the range's copies once (overview-sql.ts) and the previous
 * period's once, where it read the range four times (per-platform totals, top, lowest, without
 * the number): at 100,000 posts each read of a year was most of the screen's time. Its figures
 * are the same as those separate reads gave (tests/support/overview-sql-before.ts), for every
 * filter, sort key and limit, ties and an empty range included.
 */
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOverviewSql, totalsOf, type SortKey } from '../../electron/core/analytics/overview-sql';
import { createAnalyticsQueries } from '../../electron/core/analytics/queries';
import { filterParams, previousRange, resolveRange, type AnalyticsFilters } from '../../electron/core/analytics/scope';
import type { Db } from '../../electron/core/store/open';
import { DAY } from '../support/analytics-seed';
import { overviewWorkspace, type OverviewWorkspace } from '../support/overview-workspace';
import { createOverviewSqlBefore } from '../support/overview-sql-before';

let db: Database.Database;
let now: number;
let w: OverviewWorkspace;
const ids = { campaign: '', empty: '', pillar: '', small: '' };
const date = (offsetDays: number) => DateTime.fromMillis(now + offsetDays * DAY, { zone: 'UTC' }).toISODate()!;

beforeAll(async () => {
  // Copies without numbers, two copies of many posts on one instant (ties on publish time),
  // copies with numbers grown over their looks, some without views, some never asked...
  w = await overviewWorkspace({
    posts: 1200,
    historyDays: 120,
    more: ({ db: d, s, now: at }) => {
      // ...and seeded copies with the same numbers as their post's other copy (ties on every key).
      const seeded = d.prepare("SELECT id, published_at FROM targets WHERE state = 'published' AND id LIKE 'scale-%' AND published_at > ? ORDER BY id").all(at - 150 * DAY) as { id: string; published_at: number }[];
      for (const [i, c] of seeded.entries()) {
        const k = Number(/-(\d+)-\d$/.exec(c.id)![1]);
        if (k % 3 === 0) s.record(c.id, c.published_at + DAY, { views: 100 + (k % 7) * 10, likes: 5 + (k % 4) });
        else if (k % 3 === 1 && i % 2 === 0) s.record(c.id, c.published_at + DAY, { likes: 3 });
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
  ['everything', {}],
  ['an account', { accountId: 'scale-x' }],
  ['a small account', { accountId: ids.small }],
  ['a platform', { platform: 'bluesky' }],
  ['a campaign', { campaignId: ids.campaign }],
  ['a pillar', { pillarId: ids.pillar }],
  ['a campaign on a platform', { campaignId: ids.campaign, platform: 'x' }],
  ['a campaign without posts', { campaignId: ids.empty }],
  ['a pillar on an account', { pillarId: ids.pillar, accountId: 'scale-x' }],
  ['a campaign and a pillar', { campaignId: ids.campaign, pillarId: ids.pillar }],
  ['an account without copies', { accountId: 'nobody' }],
];
const RANGES = (): [string, { from: string; to: string }][] => [
  ['90 days', { from: date(-89), to: date(0) }],
  ['a year', { from: date(-364), to: date(0) }],
  ['an empty range', { from: date(400), to: date(430) }],
];

describe('the overview read once', () => {
  it('seeds ties: copies on one instant with the same numbers', () => {
    const ties = db.prepare(`SELECT count(*) FROM (SELECT 1 FROM metric_latest m JOIN targets t ON t.id = m.target_id
      GROUP BY t.published_at, m.views, m.likes HAVING count(*) > 1)`).pluck().get() as number;
    expect(ties).toBeGreaterThan(10);
  });

  it('gives the same per-platform totals, previous totals, top and bottom as the separate reads, for every filter, key and limit', () => {
    const before = createOverviewSqlBefore(db as unknown as Db);
    let compared = 0;
    // A campaign or pillar read from its posts, from the range with posts joined, and as chosen per call (narrowed-read.ts).
    for (const after of [createOverviewSql(db as unknown as Db, 'posts'), createOverviewSql(db as unknown as Db, 'range'), createOverviewSql(db as unknown as Db)]) {
      for (const [range, f] of RANGES().flatMap(([, range]) => FILTERS().map(([, f]) => [range, f] as const))) {
        const r = resolveRange(range.from, range.to, 'UTC');
        const prev = previousRange(r);
        const p = { ...filterParams({ ...range, ...f }), start: r.start, end: r.end };
        const narrowed = Boolean(f.campaignId || f.pillarId);
        const platforms = before.byPlatform(p);
        expect(after.totals({ ...p, start: prev.start, end: prev.end }, narrowed)).toEqual(before.totals({ ...p, start: prev.start, end: prev.end }));
        for (const key of ['views', 'engagements', 'rate'] as SortKey[]) {
          for (const limit of [1, 3, 10, 400]) {
            const got = after.overview(p, key, limit, narrowed);
            expect(got).toEqual({ platforms, ...before.rank(p, key, limit, totalsOf(platforms)) });
            compared += got.top.length + got.bottom.length;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(6000);
  });

  it('reads the range’s copies once and the previous period’s once; for a campaign or pillar, from its posts, every read through an index', () => {
    // Each statement the overview runs, planned: its reads of the copies by publish time.
    const ran: string[] = [];
    const record = (source: string, statement: Database.Statement): Database.Statement => {
      const proxy: Database.Statement = new Proxy(statement, {
        get(st, name) {
          const v = Reflect.get(st, name, st) as unknown;
          if (typeof v !== 'function') return v;
          return (...args: unknown[]) => {
            if (name === 'all' || name === 'get' || name === 'iterate') ran.push(source);
            const out = (v as (...a: unknown[]) => unknown).apply(st, args);
            return out === st ? proxy : out;
          };
        },
      });
      return proxy;
    };
    const watched = new Proxy(db, {
      get: (target, prop) => (prop === 'prepare' ? (source: string) => record(source, target.prepare(source)) : (Reflect.get(target, prop, target) as unknown)),
    });
    const q = createAnalyticsQueries(watched as unknown as Db, { now: () => now });
    const plan = (sql: string) => {
      const named = [...sql.matchAll(/@(\w+)/g)].map((m) => [m[1]!, null]);
      const statement = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
      const rows = named.length > 0 ? statement.all(Object.fromEntries(named)) : statement.all(...(sql.match(/\?/g) ?? []).map(() => null));
      return (rows as { detail: string }[]).map((r) => r.detail);
    };
    for (const [f, posts] of [[{}, false], [{ accountId: 'scale-x' }, false], [{ campaignId: ids.campaign }, true], [{ pillarId: ids.pillar }, true]] as const) {
      ran.length = 0;
      q.overview({ from: date(-364), to: date(0), ...f });
      const byStatement = ran.map(plan);
      const plans = byStatement.flat();
      // Each period's copies read once: down targets_published, or (a year of a campaign or pillar)
      // from the filter's posts (found by index), their copies by post. The previous year holds
      // fewer copies than the filter has posts, so it is read from its range (narrowed-read.ts).
      const fromPosts = byStatement.filter((p) => p.includes('SEARCH t USING INDEX targets_state_post (state=? AND post_id=?)')).length;
      expect([fromPosts, byStatement.filter((p) => p.some((d) => d.includes(' t USING INDEX targets_published'))).length]).toEqual(posts ? [1, 1] : [0, 2]);
      expect(plans.filter((d) => / p USING /.test(d))).toEqual(posts ? ['SEARCH p USING INDEX sqlite_autoindex_posts_1 (id=?)'] : []);
      expect(plans.some((d) => / posts USING /.test(d))).toBe(posts);
      expect(plans.filter((d) => d.includes(' posts ')).every((d) => /^SEARCH posts USING (COVERING )?INDEX posts_(campaign|pillar) /.test(d))).toBe(true);
      // The series: the per-account rollup, or the filter's copies' days by key (and a count of the range's days up to its posts); never every copy's days.
      expect(plans.filter((d) => d.includes('metric_daily'))).toEqual(posts ? ['SEARCH metric_daily USING COVERING INDEX metric_daily_day (day>? AND day<?)'] : []);
      expect([...new Set(plans.filter((d) => / md USING /.test(d)))]).toEqual(posts ? ['SEARCH md USING PRIMARY KEY (target_id=? AND day>? AND day<?)'] : []);
      expect(plans.filter((d) => /^SCAN (?!(c|n|fp|inc|\(subquery-\d+\)|CONSTANT ROW)$|j VIRTUAL TABLE)/.test(d))).toEqual([]);
    }
  });
});
