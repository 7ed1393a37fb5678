import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engagementRate, engagements, reach } from '../../electron/core/analytics/engagement';
import { createRollups, DAY_MS } from '../../electron/core/analytics/rollups';
import { MIGRATIONS } from '../../electron/core/store/migrations';
import { openStore, type Store } from '../../electron/core/store/open';
import { lcg } from '../support/analytics-seed';
import { tempDir } from '../support/core';

describe('engagement', () => {
  it('adds up what is reported and says what it counted; nothing reported is null, not 0', () => {
    expect(engagements({ likes: 3, replies: 1, views: 100 })).toEqual({ value: 4, counted: ['likes', 'replies'] });
    expect(engagements({ views: 100 })).toEqual({ value: null, counted: [] });
    expect(engagements({ likes: 0 })).toEqual({ value: 0, counted: ['likes'] });
  });
  it('rates over views, else impressions, and has no rate without a reported, non-zero reach', () => {
    expect(engagementRate({ likes: 5, views: 200, impressions: 1000 })).toBe(0.025);
    expect(engagementRate({ likes: 5, impressions: 1000 })).toBe(0.005);
    expect(reach({ impressions: 10 })).toEqual({ value: 10, field: 'impressions' });
    expect(engagementRate({ likes: 5 })).toBeNull();
    expect(engagementRate({ likes: 5, views: 0 })).toBeNull();
    expect(engagementRate({ views: 50 })).toBeNull();
  });
});

describe('rollups', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  beforeEach(() => {
    dir = tempDir();
    store = openStore(`${dir.path}/db.sqlite`, MIGRATIONS);
    store.db.exec(`INSERT INTO accounts (id, platform, handle, status, created_at, updated_at) VALUES ('a1', 'mastodon', '@me', 'connected', 1, 1);
      INSERT INTO posts (id, created_at, updated_at) VALUES ('p1', 1, 1);
      INSERT INTO targets (id, post_id, platform, account_id, state, published_at, created_at, updated_at) VALUES ('t1', 'p1', 'mastodon', 'a1', 'published', ${10 * DAY_MS}, 1, 1);`);
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });
  const all = (sql: string) => store.db.prepare(sql).all();

  it('appends snapshots, keeps the newest as latest and the last of each day as that day, with NULL for not reported', () => {
    const r = createRollups(store.db);
    const day = 10 * DAY_MS;
    r.record('t1', day + 3_600_000, { likes: 1, views: null });
    r.record('t1', day + 7_200_000, { likes: 4, replies: 0 });
    r.record('t1', day + DAY_MS + 60_000, { likes: 6, replies: 1 });
    // A late arrival of an older snapshot changes neither the latest nor its day's last.
    r.record('t1', day + 1_000, { likes: 0 });
    expect(all('SELECT count(*) AS n FROM metric_snapshots')).toEqual([{ n: 4 }]);
    expect(all('SELECT likes, replies, views, account_id, platform FROM metric_latest')).toEqual([{ likes: 6, replies: 1, views: null, account_id: 'a1', platform: 'mastodon' }]);
    expect(all('SELECT day, likes, replies, views FROM metric_daily ORDER BY day')).toEqual([
      { day: 10, likes: 4, replies: 0, views: null },
      { day: 11, likes: 6, replies: 1, views: null },
    ]);
  });

  it('rebuilds every rollup from the snapshots to the same rows, whatever order snapshots arrived in', () => {
    store.db.exec(`INSERT INTO posts (id, created_at, updated_at) VALUES ('p2', 1, 1);
      INSERT INTO targets (id, post_id, platform, account_id, state, published_at, created_at, updated_at) VALUES ('t2', 'p2', 'mastodon', 'a1', 'published', ${10 * DAY_MS}, 1, 1)`);
    const r = createRollups(store.db);
    // Interleaved and partly out of order, with views reported on some looks only.
    const order = [3, 0, 7, 1, 12, 5, 19, 2, 8, 4, 15, 6, 11, 9, 18, 10, 14, 13, 17, 16];
    for (const i of order) {
      r.record('t1', 10 * DAY_MS + i * 5 * 3_600_000, { likes: i, views: i % 3 === 0 ? null : 10 * i });
      r.record('t2', 10 * DAY_MS + i * 7 * 3_600_000, { likes: 2 * i, replies: i % 4 === 0 ? null : 1, impressions: 20 * i });
    }
    const latest = all('SELECT * FROM metric_latest ORDER BY target_id');
    const daily = all('SELECT * FROM metric_daily ORDER BY target_id, day');
    const accountDaily = all('SELECT * FROM metric_account_daily ORDER BY day');
    expect(accountDaily.length).toBeGreaterThan(3);
    // Each copy's reading at its age (24 h after 10 days), kept look by look as they came: between
    // the looks 4 h before and 1 h after it (t1), 3 h before and 4 h after (t2).
    const atAge = all('SELECT * FROM metric_at_age ORDER BY target_id');
    expect(atAge).toMatchObject([
      { target_id: 't1', due: 11 * DAY_MS, a_at: 11 * DAY_MS + 3_600_000, state: 'counted' },
      { target_id: 't2', due: 11 * DAY_MS, a_at: 11 * DAY_MS + 4 * 3_600_000, state: 'counted' },
    ]);
    r.rebuild();
    expect(all('SELECT * FROM metric_latest ORDER BY target_id')).toEqual(latest);
    expect(all('SELECT * FROM metric_daily ORDER BY target_id, day')).toEqual(daily);
    expect(all('SELECT * FROM metric_account_daily ORDER BY day')).toEqual(accountDaily);
    expect(all('SELECT * FROM metric_at_age ORDER BY target_id')).toEqual(atAge);
  });

  it('adds up per account and day what came in each day, and counts who reported it', () => {
    const r = createRollups(store.db);
    const day = 10 * DAY_MS;
    r.record('t1', day + 3_600_000, { views: 100, likes: 5 });
    r.record('t1', day + DAY_MS + 60_000, { views: 250, likes: 10 });
    r.record('t1', day + 3 * DAY_MS, { likes: 12 });
    expect(all('SELECT day, reach, reach_n, eng, eng_n, rate_e, rate_r FROM metric_account_daily ORDER BY day')).toEqual([
      { day: 10, reach: 100, reach_n: 1, eng: 5, eng_n: 1, rate_e: 5, rate_r: 100 },
      { day: 11, reach: 150, reach_n: 1, eng: 5, eng_n: 1, rate_e: 5, rate_r: 150 },
      // Views no longer reported: that day adds no views (count 0) and no rate, not a drop to zero.
      { day: 13, reach: 0, reach_n: 0, eng: 2, eng_n: 1, rate_e: 0, rate_r: 0 },
    ]);
  });

  const ROW = 'SELECT day, reach, reach_n, eng, eng_n, rate_e, rate_r FROM metric_account_daily ORDER BY day';
  const none = { reach: 0, reach_n: 0, eng: 0, eng_n: 0, rate_e: 0, rate_r: 0 };

  it('adds nothing on a day a number is not reported, and on the next day that reports it what it gained since the last day that did', () => {
    const r = createRollups(store.db);
    const at = (d: number, h = 1) => d * DAY_MS + h * 3_600_000;
    r.record('t1', at(10), { likes: 1 }); // views missing first
    r.record('t1', at(11), { views: 100, likes: 5 });
    r.record('t1', at(12), { likes: 6 }); // views missing two days (X after 30 days; a lost permission)
    r.record('t1', at(13), { likes: 7 });
    r.record('t1', at(14), { views: 150, likes: 9 });
    r.record('t1', at(15), {}); // nothing reported last
    expect(all(ROW)).toEqual([
      { day: 10, ...none, eng: 1, eng_n: 1 },
      { day: 11, reach: 100, reach_n: 1, eng: 4, eng_n: 1, rate_e: 5, rate_r: 100 },
      { day: 12, ...none, eng: 1, eng_n: 1 },
      { day: 13, ...none, eng: 1, eng_n: 1 },
      // Over the last reported 100 and 5 (the rate's parts too), not over 0.
      { day: 14, reach: 50, reach_n: 1, eng: 2, eng_n: 1, rate_e: 4, rate_r: 50 },
      { day: 15, ...none },
    ]);
    const check = () => {
      const incremental = all(ROW);
      r.rebuild();
      expect(all(ROW)).toEqual(incremental);
      return incremental;
    };
    check();

    // A late look fills day 12: the next day that reports views is 14 (13 still does not), and
    // it now gains only over 120.
    r.record('t1', at(12, 2), { views: 120, likes: 6 });
    // An older look on a day already looked at later changes nothing.
    r.record('t1', at(12, 0), { views: 999, likes: 999 });
    expect(check()).toEqual([
      { day: 10, ...none, eng: 1, eng_n: 1 },
      { day: 11, reach: 100, reach_n: 1, eng: 4, eng_n: 1, rate_e: 5, rate_r: 100 },
      { day: 12, reach: 20, reach_n: 1, eng: 1, eng_n: 1, rate_e: 1, rate_r: 20 },
      { day: 13, ...none, eng: 1, eng_n: 1 },
      { day: 14, reach: 30, reach_n: 1, eng: 2, eng_n: 1, rate_e: 3, rate_r: 30 },
      { day: 15, ...none },
    ]);

    // A later look on day 11 that lacks views un-reports them there: day 12 gains from 0.
    r.record('t1', at(11, 3), { likes: 5 });
    expect(check()).toEqual([
      { day: 10, ...none, eng: 1, eng_n: 1 },
      { day: 11, ...none, eng: 4, eng_n: 1 },
      { day: 12, reach: 120, reach_n: 1, eng: 1, eng_n: 1, rate_e: 6, rate_r: 120 },
      { day: 13, ...none, eng: 1, eng_n: 1 },
      { day: 14, reach: 30, reach_n: 1, eng: 2, eng_n: 1, rate_e: 3, rate_r: 30 },
      { day: 15, ...none },
    ]);
    // Every day's gains add up to the last reported numbers, whatever was missing on the way.
    expect(all('SELECT sum(reach) AS reach, sum(eng) AS eng FROM metric_account_daily')).toEqual([{ reach: 150, eng: 9 }]);
  });

  it('rebuilds to the same rows and the same gains whatever order looks with gaps arrive in', () => {
    store.db.exec(`INSERT INTO accounts (id, platform, handle, status, created_at, updated_at) VALUES ('a2', 'x', '@me', 'connected', 1, 1);
      INSERT INTO posts (id, created_at, updated_at) VALUES ('p2', 1, 1), ('p3', 1, 1);
      INSERT INTO targets (id, post_id, platform, account_id, state, published_at, created_at, updated_at) VALUES
        ('t2', 'p2', 'mastodon', 'a1', 'published', ${10 * DAY_MS}, 1, 1), ('t3', 'p3', 'x', 'a2', 'published', ${10 * DAY_MS}, 1, 1)`);
    const r = createRollups(store.db);
    const random = lcg(11);
    // Numbers that grow, each reported on some looks only: gaps first, in the middle and last.
    type Look = { target: string; at: number; values: Record<string, number | null> };
    const looks: Look[] = [];
    for (const target of ['t1', 't2', 't3']) {
      let n = 0;
      for (let i = 0; i < 40; i++) {
        n += Math.floor(random() * 50);
        const maybe = (v: number) => (random() < 0.6 ? v : null);
        // Distinct instants (no two looks at a copy tie), two or three a day over about two weeks.
        const at = 10 * DAY_MS + i * 8 * 3_600_000 + Math.floor(random() * 3_000_000);
        looks.push({ target, at, values: { views: maybe(10 * n), impressions: maybe(20 * n), likes: maybe(n), replies: maybe(Math.floor(n / 3)), saves: maybe(1) } });
      }
    }
    // The expected gains straight from the definition: each copy's last look of each day; for each
    // number, its value minus its value on the last day that reported it (0 before the first).
    const expected = new Map<string, Record<string, number>>();
    const sumOf = (v: Record<string, number | null>, f: string[]) => (f.some((k) => v[k] !== null) ? f.reduce((a, k) => a + (v[k] ?? 0), 0) : null);
    for (const target of ['t1', 't2', 't3']) {
      const days = new Map<number, Look>();
      for (const l of looks.filter((x) => x.target === target).sort((a, b) => a.at - b.at)) days.set(Math.floor(l.at / DAY_MS), l);
      const last: Record<string, number> = { reach: 0, eng: 0, rate_e: 0, rate_r: 0 };
      for (const [day, l] of [...days].sort((a, b) => a[0] - b[0])) {
        const key = `${target === 't3' ? 'a2' : 'a1'}|${target === 't3' ? 'x' : 'mastodon'}|${day}`;
        const row = expected.get(key) ?? expected.set(key, { reach: 0, reach_n: 0, eng: 0, eng_n: 0, rate_e: 0, rate_r: 0 }).get(key)!;
        const reach = l.values.views ?? l.values.impressions ?? null;
        const eng = sumOf(l.values, ['likes', 'replies', 'saves']);
        const now: Record<string, number | null> = { reach, eng, rate_e: reach !== null && reach > 0 && eng !== null ? eng : null };
        now.rate_r = now.rate_e === null ? null : reach;
        for (const k of ['reach', 'eng', 'rate_e', 'rate_r']) {
          if (now[k] === null) continue;
          row[k]! += now[k]! - last[k]!;
          last[k] = now[k]!;
        }
        if (reach !== null) row.reach_n!++;
        if (eng !== null) row.eng_n!++;
      }
    }
    const want = [...expected]
      .map(([k, v]) => ({ account_id: k.split('|')[0], platform: k.split('|')[1], day: Number(k.split('|')[2]), ...v }))
      .sort((a, b) => a.day - b.day || a.account_id!.localeCompare(b.account_id!));
    const ACCOUNT_DAILY = 'SELECT account_id, platform, day, reach, reach_n, eng, eng_n, rate_e, rate_r FROM metric_account_daily ORDER BY day, account_id';

    for (let round = 0; round < 6; round++) {
      store.db.exec('DELETE FROM metric_snapshots; DELETE FROM metric_latest; DELETE FROM metric_daily; DELETE FROM metric_account_daily');
      // In time order first, then newest first, then shuffled: late looks fill gaps and open them.
      const order = [...looks].sort((a, b) => a.at - b.at);
      if (round === 1) order.reverse();
      if (round > 1) {
        for (let i = order.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
      }
      for (const l of order) r.record(l.target, l.at, l.values);
      const latest = all('SELECT * FROM metric_latest ORDER BY target_id');
      const daily = all('SELECT * FROM metric_daily ORDER BY target_id, day');
      const accountDaily = all(ACCOUNT_DAILY);
      expect(accountDaily, `order ${round}`).toEqual(want);
      r.rebuild();
      expect(all('SELECT * FROM metric_latest ORDER BY target_id')).toEqual(latest);
      expect(all('SELECT * FROM metric_daily ORDER BY target_id, day')).toEqual(daily);
      expect(all(ACCOUNT_DAILY), `order ${round} rebuilt`).toEqual(want);
    }
  });

  it("counts days as the creator's calendar days in the stored zone, and again when the zone changes", () => {
    const r = createRollups(store.db);
    // A database counts in UTC until told otherwise (every one before this key did).
    expect(r.countDaysIn('UTC')).toBe(false);
    expect(r.countDaysIn('America/Los_Angeles')).toBe(true);
    expect(r.countDaysIn('America/Los_Angeles')).toBe(false);
    // Midnight starting day 10 in Los Angeles (UTC−8 in January); looks at 21:00 and 23:30 the
    // evening before (day 9 there, day 10 in UTC) and at 01:00 after it.
    const la = 10 * DAY_MS + 8 * 3_600_000;
    r.record('t1', la - 3 * 3_600_000, { views: 40, likes: 1 });
    r.record('t1', la - 30 * 60_000, { views: 100, likes: 5 });
    r.record('t1', la + 3_600_000, { views: 160, likes: 6 });
    expect(all('SELECT day, views, likes FROM metric_daily ORDER BY day')).toEqual([
      { day: 9, views: 100, likes: 5 },
      { day: 10, views: 160, likes: 6 },
    ]);
    const incremental = all('SELECT * FROM metric_account_daily ORDER BY day');
    r.rebuild();
    expect(all('SELECT * FROM metric_account_daily ORDER BY day')).toEqual(incremental);

    // In UTC all three looks are on day 10: the same totals, on one day.
    expect(r.countDaysIn('UTC')).toBe(true);
    expect(all('SELECT day, views, likes FROM metric_daily ORDER BY day')).toEqual([{ day: 10, views: 160, likes: 6 }]);
    expect(all('SELECT sum(reach) AS reach, sum(eng) AS eng FROM metric_account_daily')).toEqual([{ reach: 160, eng: 6 }]);
    expect(r.countDaysIn('UTC')).toBe(false);
  });
});
