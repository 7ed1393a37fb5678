import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BestTimesDto, OverviewDto, TargetBandDto, WhatWorksDto } from '../../shared/contract/features/analytics';
import { createRollups } from '../../electron/core/analytics/rollups';
import { resolveRange } from '../../electron/core/analytics/scope';
import { dayKey } from '../../shared/domain/time';
import { DAY, HOUR, seeder, type Seeder } from '../support/analytics-seed';
import { call, createTestCore, type TestCore } from '../support/core';

const ZONE = 'Europe/Berlin';

describe('analytics queries', () => {
  let t: TestCore;
  let db: Database.Database;
  let s: Seeder;
  let now: number;
  const day = (offset: number) => dayKey(now + offset * DAY, ZONE);

  async function open(): Promise<void> {
    t = await createTestCore({ zone: ZONE });
    now = t.clock.now();
    db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    s = seeder(db, now);
  }
  afterEach(async () => {
    db?.close();
    await t?.close();
  });

  const overview = (input: Record<string, unknown>) => call<OverviewDto>(t.core, 'analytics:overview', { from: day(-6), to: day(0), ...input });

  it('keeps not reported apart from zero in headlines, tables and the CSV', async () => {
    await open();
    const x = s.account('x', '@weaver');
    const m = s.account('mastodon', '@weaver@loom.social');
    const zero = s.post({ accountId: x, text: 'Nobody liked this one', publishedAt: now - 2 * DAY });
    const silent = s.post({ accountId: x, text: 'No numbers yet', publishedAt: now - 2 * DAY + HOUR });
    const toot = s.post({ accountId: m, text: 'A toot', publishedAt: now - DAY });
    s.record(zero.targetId, now - DAY, { views: 100, likes: 0, replies: 0 });
    s.record(toot.targetId, now - HOUR, { likes: 4, replies: 1 });

    const o = await overview({});
    expect(o.headline.current).toEqual({ posts: 3, views: 100, viewsReported: 1, engagements: 5, engagementsReported: 2, rate: 0, rateReported: 1 });
    const rows = [...o.top, ...o.bottom];
    const rowOf = (id: string) => rows.find((r) => r.targetId === id)!;
    expect(rowOf(zero.targetId)).toMatchObject({ views: 100, engagements: 0, rate: 0 });
    expect(rowOf(zero.targetId).notReported).not.toContain('likes');
    expect(rowOf(silent.targetId)).toMatchObject({ views: null, engagements: null, rate: null, text: 'No numbers yet' });
    expect(rowOf(silent.targetId).notReported).toEqual(expect.arrayContaining(['views', 'impressions', 'likes']));
    // Sorted by views, the copies without views are not ranked above a zero: they come last, as not reported.
    expect(o.top.map((r) => r.targetId)).toEqual([zero.targetId]);
    // Mastodon reports no views: engagements, but no rate.
    expect(rowOf(toot.targetId)).toMatchObject({ views: null, engagements: 5, rate: null });

    const csv = await call<{ csv: string; rows: number; filename: string }>(t.core, 'analytics:exportCsv', { from: day(-6), to: day(0) });
    expect(csv.rows).toBe(2);
    expect(csv.filename).toBe(`loomcast-metrics-${day(-6)}-to-${day(0)}.csv`);
    const lines = csv.csv.trim().split('\r\n');
    expect(lines[0]).toBe('taken_at,target_id,post_id,platform,account,published_at,url,impressions,views,likes,replies,reposts,quotes,shares,saves,clicks,bookmarks');
    expect(lines[1]).toContain(`${zero.targetId},${zero.postId},x,@weaver,`);
    expect(lines[1]!.endsWith(',,100,0,0,,,,,,')).toBe(true);
    expect(lines[2]!.endsWith(',,,4,1,,,,,,')).toBe(true);
  });

  it('compares with the previous period of equal length and answers as a naive count over snapshots does', async () => {
    await open();
    const x = s.account('linkedin', 'Weaver Studio');
    for (const [offset, views, likes] of [[-1, 1000, 40], [-3, 500, 10], [-9, 400, 8], [-20, 9999, 999]] as const) {
      const p = s.post({ accountId: x, text: `Post ${offset}`, publishedAt: now + offset * DAY });
      s.record(p.targetId, now + offset * DAY + HOUR, { impressions: Math.round(views / 2), likes: 1 });
      s.record(p.targetId, now + offset * DAY + 2 * HOUR, { impressions: views, likes });
    }
    const o = await overview({});
    expect(o.headline.current).toMatchObject({ posts: 2, views: 1500, engagements: 50, rate: 50 / 1500 });
    expect(o.headline.previousRange).toEqual({ from: day(-13), to: day(-7) });
    expect(o.headline.previous).toMatchObject({ posts: 1, views: 400, engagements: 8 });
    expect(o.headline.change.views).toBeCloseTo((1500 - 400) / 400);
    expect(o.headline.change.posts).toBeCloseTo(1);
    expect(o.headline.rateDelta).toBeCloseTo(50 / 1500 - 8 / 400);

    // The same sums straight from the snapshots: each target's newest snapshot, then add up.
    const range = resolveRange(day(-6), day(0), ZONE);
    const naive = db
      .prepare(
        `SELECT count(*) AS posts, sum(coalesce(s.views, s.impressions)) AS views, sum(s.likes) AS likes FROM targets t
         LEFT JOIN metric_snapshots s ON s.id = (SELECT id FROM metric_snapshots WHERE target_id = t.id ORDER BY at DESC, id DESC LIMIT 1)
         WHERE t.state = 'published' AND t.published_at >= ? AND t.published_at < ?`,
      )
      .get(range.start, range.end) as { posts: number; views: number; likes: number };
    expect(naive.views).toBeGreaterThan(0);
    expect({ views: o.headline.current.views, likes: o.headline.current.engagements }).toEqual({ views: naive.views, likes: naive.likes });
  });

  it('filters by account, platform, campaign and pillar', async () => {
    await open();
    const a = s.account('x', '@a');
    const b = s.account('bluesky', '@b.bsky.social');
    const camp = s.campaign('Spring');
    const pil = s.pillar('Process');
    const p1 = s.post({ accountId: a, text: 'one', publishedAt: now - DAY, campaignId: camp });
    const p2 = s.post({ accountId: b, text: 'two', publishedAt: now - DAY, pillarId: pil });
    s.post({ accountId: a, text: 'three', publishedAt: now - 2 * DAY });
    for (const p of [p1, p2]) s.record(p.targetId, now - HOUR, { likes: 3 });
    expect((await overview({})).headline.current.posts).toBe(3);
    expect((await overview({ accountId: a })).headline.current.posts).toBe(2);
    expect((await overview({ platform: 'bluesky' })).headline.current).toMatchObject({ posts: 1, engagements: 3 });
    expect((await overview({ campaignId: camp })).top.map((r) => r.postId)).toEqual([]);
    expect((await overview({ campaignId: camp, sort: 'engagements' })).top.map((r) => r.postId)).toEqual([p1.postId]);
    expect((await overview({ pillarId: pil })).headline.current.posts).toBe(1);
    const refused = await t.core.dispatch('analytics:overview', { from: day(0), to: day(-1) });
    expect(refused.ok).toBe(false);
  });

  it('draws the series from daily increments and a growth curve per post', async () => {
    await open();
    const a = s.account('instagram', 'weaver');
    const p = s.post({ accountId: a, text: 'Reel', publishedAt: now - 3 * DAY });
    s.record(p.targetId, now - 3 * DAY + HOUR, { views: 100, likes: 5 });
    s.record(p.targetId, now - 2 * DAY, { views: 250, likes: 10 });
    s.record(p.targetId, now - DAY, { views: 300, likes: 10, saves: 2 });
    const o = await overview({});
    // One point per day of the range, its first day first (not the UTC day before it).
    expect(o.series.map((x) => x.date)).toEqual([-6, -5, -4, -3, -2, -1, 0].map(day));
    const byDate = Object.fromEntries(o.series.map((x) => [x.date, x]));
    expect(byDate[day(-3)]).toMatchObject({ views: 100, engagements: 5, rate: 0.05 });
    expect(byDate[day(-2)]).toMatchObject({ views: 150, engagements: 5 });
    expect(byDate[day(-1)]).toMatchObject({ views: 50, engagements: 2, rate: 0.04 });
    expect(byDate[day(0)]).toMatchObject({ views: null, engagements: null, rate: null });
    const g = await call<{ points: { views: number; engagements: number }[] }>(t.core, 'analytics:growth', { targetId: p.targetId });
    expect(g.points.map((x) => x.views)).toEqual([100, 250, 300]);
    expect(g.points.map((x) => x.engagements)).toEqual([5, 10, 12]);
  });

  it('adds nothing on a day a copy did not report a number, and then only what it gained since it last did', async () => {
    await open();
    // X stops giving a copy's impressions after 30 days, a permission can be lost: a copy reports
    // a number one day, not the next, then again. Charted per account (the per-account rollup)
    // and per campaign or pillar (each copy's days), no day goes negative or counts a total twice.
    const at = (offset: number, hours: number) => DateTime.fromISO(day(offset), { zone: ZONE }).plus({ hours }).toMillis();
    const x = s.account('x', '@weaver');
    const camp = s.campaign('Launch');
    const pil = s.pillar('Process');
    const a = s.post({ accountId: x, text: 'Old post', publishedAt: at(-6, 9), campaignId: camp, pillarId: pil });
    const b = s.post({ accountId: x, text: 'Other post', publishedAt: at(-6, 10), campaignId: camp, pillarId: pil });
    s.record(a.targetId, at(-5, 12), { impressions: 1000, likes: 10 });
    s.record(b.targetId, at(-5, 12), { impressions: 50, likes: 1 });
    s.record(a.targetId, at(-4, 12), { likes: 11 });
    s.record(b.targetId, at(-4, 12), { impressions: 60, likes: 1 });
    s.record(a.targetId, at(-3, 12), { likes: 12 });
    s.record(b.targetId, at(-3, 12), { impressions: 60 });
    s.record(a.targetId, at(-2, 12), { impressions: 1030, likes: 14 });
    s.record(b.targetId, at(-2, 12), { impressions: 70, likes: 3 });
    const filters = { accountId: x, campaignId: camp, pillarId: pil };
    const series = async (by: keyof typeof filters) => (await overview({ [by]: filters[by] })).series;
    const chart = async (by: keyof typeof filters) => (await series(by)).map((p) => ({ date: p.date, views: p.views, engagements: p.engagements }));
    const expected = (v: (number | null)[], e: (number | null)[]) => [-6, -5, -4, -3, -2, -1, 0].map((o, i) => ({ date: day(o), views: v[i], engagements: e[i] }));
    for (const by of Object.keys(filters) as (keyof typeof filters)[]) {
      // Day −4: b's 10 (a has no impressions); day −2: a's 30 over its last reported 1000.
      expect(await chart(by), by).toEqual(expected([null, 1050, 10, 0, 40, null, null], [null, 11, 1, 1, 4, null, null]));
    }
    // A look arriving late fills a's day −4: that day gains its 10, and the next day that reported
    // impressions (−2, not −3 which still has none) gains only the 20 since.
    s.record(a.targetId, at(-4, 18), { impressions: 1010, likes: 11 });
    for (const by of Object.keys(filters) as (keyof typeof filters)[]) {
      expect(await chart(by), by).toEqual(expected([null, 1050, 20, 0, 30, null, null], [null, 11, 1, 1, 4, null, null]));
      expect((await series(by)).find((p) => p.date === day(-4))?.rate, by).toBe(0.05);
    }
  });

  it("counts the charts' days in the creator's zone, and again when they change it or open a database counted in another", async () => {
    const LA = 'America/Los_Angeles';
    t = await createTestCore({ zone: LA });
    now = t.clock.now();
    db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    s = seeder(db, now);
    const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
    const daysTo = (zone: string) => [6, 5, 4, 3, 2, 1, 0].map((n) => dayKey(now - n * DAY, zone));
    const a = s.account('threads', 'weaver');
    const p = s.post({ accountId: a, text: 'Evening post', publishedAt: local('2026-11-21T20:00', LA) });
    // 22:30 in Los Angeles is 06:30 the next day in UTC; both looks fall on 22 November in UTC.
    s.record(p.targetId, local('2026-11-21T22:30', LA), { views: 100, likes: 4 });
    s.record(p.targetId, local('2026-11-22T10:00', LA), { views: 180, likes: 6 });
    const series = async (zone: string) => {
      const days = daysTo(zone);
      const o = await call<OverviewDto>(t.core, 'analytics:overview', { from: days[0], to: days[6] });
      expect(o.series.map((x) => x.date)).toEqual(days);
      return Object.fromEntries(o.series.filter((x) => x.views !== null).map((x) => [x.date, x.views]));
    };
    expect(await series(LA)).toEqual({ '2026-11-21': 100, '2026-11-22': 80 });

    // In Tokyo the same looks are 15:30 on the 22nd and 03:00 on the 23rd.
    await call(t.core, 'settings:update', { timeZone: 'Asia/Tokyo' });
    expect(await series('Asia/Tokyo')).toEqual({ '2026-11-22': 100, '2026-11-23': 80 });

    // A database whose days were counted in UTC (as every one before this change was): the next
    // start counts them again in the creator's zone.
    db.close();
    await t.close();
    const older = new Database(join(t.dataDir, 'loomcast.sqlite'));
    createRollups(older).countDaysIn('UTC');
    older.close();
    t = await t.restart();
    db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    expect(await series('Asia/Tokyo')).toEqual({ '2026-11-22': 100, '2026-11-23': 80 });
    const g = await call<{ points: { date: string; views: number }[] }>(t.core, 'analytics:growth', { targetId: p.targetId });
    expect(g.points).toMatchObject([
      { date: '2026-11-22', views: 100 },
      { date: '2026-11-23', views: 180 },
    ]);
  });

  it('places posts on the weekday × hour grid with counts and recommends nothing under 10 posts', async () => {
    await open();
    const a = s.account('threads', 'weaver');
    // Nine posts at the same local wall time each week (across a DST change): too few.
    const firstAt = now - 70 * DAY;
    const weekly = (w: number) => DateTime.fromMillis(firstAt, { zone: ZONE }).plus({ weeks: w }).toMillis();
    for (let w = 0; w < 9; w++) {
      const p = s.post({ accountId: a, text: `week ${w}`, publishedAt: weekly(w) });
      s.record(p.targetId, weekly(w) + DAY, { views: 100, likes: 5 });
    }
    const input = { from: day(-80), to: day(0), accountId: a };
    let best = await call<BestTimesDto>(t.core, 'analytics:bestTimes', input);
    expect(best.cells).toHaveLength(168);
    const local = new Date(firstAt).toLocaleString('en-GB', { timeZone: ZONE, weekday: 'short', hour: '2-digit', hourCycle: 'h23' });
    const cell = best.cells.find((c) => c.n > 0)!;
    expect(cell.n).toBe(9);
    expect(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][cell.weekday]).toBe(local.slice(0, 3));
    expect(best.recommended).toEqual([]);
    expect(best.reason).toBe('Only 9 posts with an engagement rate in this window; best times need at least 10.');
    expect(best.by).toBe('rate');
    const p = s.post({ accountId: a, text: 'tenth', publishedAt: weekly(9) });
    s.record(p.targetId, weekly(9) + DAY, { views: 100, likes: 5 });
    best = await call<BestTimesDto>(t.core, 'analytics:bestTimes', input);
    expect(best.basedOn).toBe(10);
    expect(best.recommended).toEqual([{ weekday: cell.weekday, hour: cell.hour, n: 10, value: 0.05 }]);
    // The same hours seen from another zone move.
    const tokyo = await call<BestTimesDto>(t.core, 'analytics:bestTimes', { ...input, zone: 'Asia/Tokyo' });
    expect(tokyo.cells.find((c) => c.n > 0)!.hour).not.toBe(cell.hour);
  });

  it('counts in best times only the posts that have the measure ranked, and says which measure that is', async () => {
    await open();
    const x = s.account('x', '@weaver');
    const m = s.account('mastodon', '@weaver@loom.social');
    const firstAt = now - 70 * DAY;
    const weekly = (w: number) => DateTime.fromMillis(firstAt, { zone: ZONE }).plus({ weeks: w }).toMillis();
    for (let w = 0; w < 10; w++) {
      const p = s.post({ accountId: x, text: `rated ${w}`, publishedAt: weekly(w) });
      s.record(p.targetId, weekly(w) + DAY, { views: 100, likes: 5 });
    }
    // Three X copies two hours later whose impressions were never reported: no rate to rank.
    for (let w = 0; w < 3; w++) {
      const p = s.post({ accountId: x, text: `unrated ${w}`, publishedAt: weekly(w) + 2 * HOUR });
      s.record(p.targetId, weekly(w) + 2 * HOUR + DAY, { likes: 50 });
    }
    const range = { from: day(-80), to: day(0) };
    const byRate = await call<BestTimesDto>(t.core, 'analytics:bestTimes', { ...range, accountId: x });
    expect(byRate.by).toBe('rate');
    expect(byRate.posts).toBe(13);
    expect(byRate.basedOn).toBe(10);
    const rated = byRate.cells.find((c) => c.n > 0)!;
    expect(byRate.cells.filter((c) => c.n > 0)).toEqual([rated]);
    expect(byRate.cells[rated.weekday * 24 + rated.hour + 2]).toMatchObject({ n: 0, greyed: true, medianEngagements: 50 });
    expect(byRate.recommended).toEqual([{ weekday: rated.weekday, hour: rated.hour, n: 10, value: 0.05 }]);

    // Mastodon reports no views: its hours are ranked by engagements, and the answer says so.
    for (let w = 0; w < 10; w++) {
      const p = s.post({ accountId: m, text: `toot ${w}`, publishedAt: weekly(w) });
      s.record(p.targetId, weekly(w) + DAY, { likes: 10, replies: 2 });
    }
    const byCount = await call<BestTimesDto>(t.core, 'analytics:bestTimes', { ...range, accountId: m });
    expect(byCount.by).toBe('engagements');
    expect(byCount.recommended).toEqual([{ weekday: rated.weekday, hour: rated.hour, n: 10, value: 12 }]);
  });

  it('ranks best times on every post as it stood at the same age, so older posts do not win on time alone', async () => {
    await open();
    const a = s.account('threads', 'weaver');
    const at = (weeksAgo: number, weekday: number, hour: number) =>
      DateTime.fromMillis(now, { zone: ZONE }).startOf('week').minus({ weeks: weeksAgo }).plus({ days: weekday, hours: hour }).toMillis();
    // Tuesdays 09:00, 20–11 weeks ago: 5 % a day out, 10 % a month on (their newest numbers).
    for (let w = 20; w > 10; w--) {
      const p = s.post({ accountId: a, text: `tuesday ${w}`, publishedAt: at(w, 1, 9) });
      s.record(p.targetId, at(w, 1, 9) + DAY + 10 * 60_000, { views: 100, likes: 5 });
      s.record(p.targetId, at(w, 1, 9) + 30 * DAY, { views: 1000, likes: 100 });
    }
    // Thursdays 18:00, 10–1 weeks ago: 8 % a day out, and still 8 % a week on.
    for (let w = 10; w > 0; w--) {
      const p = s.post({ accountId: a, text: `thursday ${w}`, publishedAt: at(w, 3, 18) });
      s.record(p.targetId, at(w, 3, 18) + 12 * HOUR, { views: 50, likes: 4 });
      s.record(p.targetId, at(w, 3, 18) + DAY + 20 * 60_000, { views: 100, likes: 8 });
      s.record(p.targetId, at(w, 3, 18) + 7 * DAY, { views: 500, likes: 40 });
    }
    // Out two hours ago, looked at once after the first hour: too young to compare with the others.
    const young = s.post({ accountId: a, text: 'just out', publishedAt: now - 2 * HOUR });
    s.record(young.targetId, now - HOUR, { views: 10, likes: 9 });

    const best = await call<BestTimesDto>(t.core, 'analytics:bestTimes', { from: day(-160), to: day(0), accountId: a });
    expect(best.posts).toBe(21);
    expect(best.recommended.map((r) => [r.weekday, r.hour, r.n])).toEqual([[3, 18, 10], [1, 9, 10]]);
    expect(best.recommended[0]!.value).toBeCloseTo(0.08);
    expect(best.recommended[1]!.value).toBeCloseTo(0.05);
    expect(best.basedOn).toBe(20);
    const youngCell = DateTime.fromMillis(now - 2 * HOUR, { zone: ZONE });
    expect(best.cells[(youngCell.weekday - 1) * 24 + youngCell.hour]!.n).toBe(0);
    expect(best.age).toBe('Each post as it stood 24 h after it went out, so older posts do not win on time alone; 1 post is younger than that and waits.');
  });

  it('shows lift only for groups of 5 or more, with the same interval every time', async () => {
    await open();
    const a = s.account('linkedin', 'Weaver');
    let i = 0;
    const add = (text: string, rate: number) => {
      const publishedAt = now - DAY - (++i) * HOUR * 5;
      const p = s.post({ accountId: a, text, publishedAt });
      s.record(p.targetId, publishedAt + DAY, { impressions: 1000, likes: Math.round(rate * 1000) });
    };
    for (const r of [0.08, 0.09, 0.1, 0.07, 0.09, 0.08]) add('Loom tips #craft', r);
    for (const r of [0.02, 0.03, 0.02]) add('Rare #rare', r);
    for (const r of [0.03, 0.04, 0.03, 0.02]) add('Plain words, nothing else', r);
    const input = { from: day(-6), to: day(0), accountId: a };
    const w = await call<WhatWorksDto>(t.core, 'analytics:whatWorks', input);
    const tags = w.dimensions.find((d) => d.dimension === 'hashtags')!;
    expect(tags.groups.map((g) => [g.label, g.n])).toEqual([['#craft', 6]]);
    expect(tags.hidden).toBe(1);
    expect(w.baseline).toMatchObject({ n: 13, median: 0.04 });
    expect(tags.groups[0]!.lift).toBeCloseTo(0.085 / 0.04);
    expect(tags.groups[0]!.low).toBeLessThanOrEqual(tags.groups[0]!.lift);
    expect(tags.groups[0]!.high).toBeGreaterThanOrEqual(tags.groups[0]!.lift);
    expect(await call<WhatWorksDto>(t.core, 'analytics:whatWorks', input)).toEqual(w);
    expect(w.dimensions.find((d) => d.dimension === 'media')!.groups.map((g) => [g.label, g.n])).toEqual([['Text only', 13]]);
  });

  it('counts a hashtag in a later part of a thread as one of the post\'s tags, as hashtag suggestions do', async () => {
    await open();
    const a = s.account('threads', 'weaver');
    const part = db.prepare("INSERT INTO target_parts (target_id, position, kind, text) VALUES (?, ?, 'thread', ?)");
    let i = 0;
    const add = (text: string, likes: number, thread: string[] = []) => {
      const publishedAt = now - 2 * DAY - (++i) * HOUR * 5;
      const p = s.post({ accountId: a, text, publishedAt });
      thread.forEach((t, k) => part.run(p.targetId, k + 2, t));
      s.record(p.targetId, publishedAt + DAY, { views: 1000, likes });
    };
    // Five threads whose tag is only in their second part, and a sixth with it in the first.
    for (const likes of [80, 90, 100, 70, 90]) add('How I warp a loom, a thread', likes, ['Part two: tension. #Craft']);
    add('Loom tips #craft', 80);
    for (const likes of [30, 40, 30, 20]) add('Plain words, nothing else', likes);
    const w = await call<WhatWorksDto>(t.core, 'analytics:whatWorks', { from: day(-6), to: day(0), accountId: a });
    const tags = w.dimensions.find((d) => d.dimension === 'hashtags')!;
    expect(tags.groups.map((g) => [g.label, g.n])).toEqual([['#craft', 6]]);
    expect(tags.hidden).toBe(0);
  });

  it('weighs what works on every post as it stood at the same age, so older posts do not win on time alone', async () => {
    await open();
    const a = s.account('linkedin', 'Weaver');
    // Six posts with #craft, 60–35 days ago: 4 % a day out, 12 % by their newest look a month on.
    for (let i = 0; i < 6; i++) {
      const publishedAt = now - (60 - 5 * i) * DAY;
      const p = s.post({ accountId: a, text: 'Loom tips #craft', publishedAt });
      s.record(p.targetId, publishedAt + DAY, { impressions: 1000, likes: 40 });
      s.record(p.targetId, publishedAt + 30 * DAY, { impressions: 1000, likes: 120 });
    }
    // Eight plain posts of the last fortnight: 4 % a day out, and still 4 % a week on.
    for (let i = 0; i < 8; i++) {
      const publishedAt = now - (16 - i) * DAY;
      const p = s.post({ accountId: a, text: 'Plain words, nothing else', publishedAt });
      s.record(p.targetId, publishedAt + DAY, { impressions: 1000, likes: 40 });
      s.record(p.targetId, publishedAt + 7 * DAY, { impressions: 2000, likes: 80 });
    }
    // Out an hour ago and looked at once: too young to weigh beside the others.
    const young = s.post({ accountId: a, text: 'Fresh #craft', publishedAt: now - HOUR });
    s.record(young.targetId, now - 10 * 60_000, { impressions: 10, likes: 9 });

    const w = await call<WhatWorksDto>(t.core, 'analytics:whatWorks', { from: day(-70), to: day(0), accountId: a });
    const craft = w.dimensions.find((d) => d.dimension === 'hashtags')!.groups.find((g) => g.label === '#craft')!;
    expect(craft.lift).toBeCloseTo(1);
    expect(craft.n).toBe(6);
    expect(w.baseline).toMatchObject({ n: 14, median: 0.04 });
    expect(w.baseline.label).toBe("Against the median of Weaver's 14 posts with a rate, each as it stood 24 h after it went out");
  });

  it('rates each platform against its target band, the default or the creator\'s own, and says how fresh the numbers are', async () => {
    await open();
    const a = s.account('tiktok', 'weaver');
    const p = s.post({ accountId: a, text: 'clip', publishedAt: now - DAY });
    s.record(p.targetId, now - 3 * HOUR, { views: 1000, likes: 70 });
    s.checked(p.targetId, now - DAY, now - 2 * HOUR);
    let o = await overview({});
    expect(o.bands).toEqual([expect.objectContaining({ platform: 'tiktok', low: 0.08, high: 0.12, rate: 0.07, n: 1, position: 'below', custom: false })]);
    expect(o.bands[0]!.source).toBe('Default, from your plan');
    expect(o.freshness.words).toBe('Updated 2 h ago; TikTok numbers can lag up to 48 h');

    const bands = await call<TargetBandDto[]>(t.core, 'analytics:setBands', { bands: [{ platform: 'tiktok', low: 0.05, high: 0.075 }] });
    expect(bands.find((b) => b.platform === 'tiktok')).toMatchObject({ low: 0.05, custom: true, source: 'Set by you under Analytics → Target rates' });
    expect((await call<TargetBandDto[]>(t.core, 'analytics:bands', {})).find((b) => b.platform === 'x')).toMatchObject({ custom: false });
    o = await overview({});
    expect(o.bands[0]).toMatchObject({ position: 'within', custom: true });
    const bad = await t.core.dispatch('analytics:setBands', { bands: [{ platform: 'tiktok', low: 0.1, high: 0.05 }] });
    expect(bad.ok).toBe(false);
  });
});
