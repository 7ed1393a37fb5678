/**
 * The weekly report on a real SQLite core: figures from each published copy's latest numbers
 * (metric_latest), with what a platform did not report kept apart from zero, the week bounded
 * in the creator's zone, the best post with its n, experiments, campaign ROI, and the CSV.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { CampaignDto } from '../../shared/contract/features/campaigns';
import type { WeeklyReportDto } from '../../shared/contract/features/reports';
import { createRollups } from '../../electron/core/analytics/rollups';
import type { MetricValues } from '../../electron/core/analytics/engagement';
import { call, createTestCore, type TestCore } from '../support/core';

describe('weekly report', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  /** The copy went out at `at`; then (if given) its numbers were looked at twice, the later one counting. */
  async function published(text: string, platform: string, at: number, metrics: MetricValues | null) {
    const post = await call<PostDto>(t.core, 'posts:create', { text, platforms: [platform], schedule: null });
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    db.pragma('busy_timeout = 5000');
    try {
      const [target] = db.prepare("UPDATE targets SET state = 'published', published_at = ? WHERE post_id = ? RETURNING id").all(at, post.id) as { id: string }[];
      if (metrics) {
        const rollups = createRollups(db);
        rollups.record(target!.id, at + 3_600_000, { views: 1, likes: 1_000 }); // an older look: must not count
        rollups.record(target!.id, at + 86_400_000, metrics);
      }
    } finally {
      db.close();
    }
    return post.id;
  }

  async function seed() {
    // The test clock stands on Monday 23 Nov 2026, 10:00 in Berlin: the last full week is 16–22 Nov.
    const launch = await call<CampaignDto>(t.core, 'campaigns:save', { name: 'Launch', currency: 'EUR', costCents: 10_000, revenueCents: 25_000 });
    await call<CampaignDto>(t.core, 'campaigns:save', { name: 'Winter', currency: 'JPY', startsOn: '2026-11-20' });
    await call<CampaignDto>(t.core, 'campaigns:save', { name: 'Undated and idle' });
    const a = await published('Views and clicks', 'x', Date.UTC(2026, 10, 18, 12), { views: 1000, likes: 30, replies: 10, clicks: 5 }); // 4 %
    await published('No views on Mastodon', 'mastodon', Date.UTC(2026, 10, 18, 13), { likes: 7 });
    await published('Impressions only', 'x', Date.UTC(2026, 10, 19, 12), { impressions: 500, likes: 25 }); // 5 %: best
    await published('Sunday 23:30 in Berlin, not measured yet', 'x', Date.UTC(2026, 10, 22, 22, 30), null);
    await published('Monday 00:30 in Berlin: next week', 'x', Date.UTC(2026, 10, 22, 23, 30), { views: 10, likes: 9 });
    await call(t.core, 'campaigns:assign', { postIds: [a], campaignId: launch.id });
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    db.prepare(`INSERT INTO experiments (id, name, state, winner_arm, created_at, decided_at) VALUES ('e1', 'Question or statement', 'decided', 1, ?, ?)`).run(Date.UTC(2026, 10, 1), Date.UTC(2026, 10, 20));
    db.prepare(`INSERT INTO experiment_arms (experiment_id, arm, label, text, planned_share) VALUES ('e1', 0, 'Question', 'q', 0.5), ('e1', 1, 'Statement', 's', 0.5)`).run();
    db.close();
  }

  it('sums the latest numbers of the week in the creator’s zone, keeping not reported apart from zero', async () => {
    t = await createTestCore({ zone: 'Europe/Berlin' });
    await seed();
    const r = await call<WeeklyReportDto>(t.core, 'reports:weekly', {});
    expect(r).toMatchObject({ weekStart: '2026-11-16', weekEnd: '2026-11-22', zone: 'Europe/Berlin', posts: 4, copies: 4, measured: 3 });
    expect(r.reach).toEqual({ value: 1500, posts: 2 });
    expect(r.engagements).toEqual({ value: 40 + 7 + 25, posts: 3 });
    expect(r.engagementRate.posts).toBe(2);
    expect(r.engagementRate.value).toBeCloseTo(65 / 1500, 10);
    expect(r.clicks).toEqual({ value: 5, posts: 1 });
    expect(r.reachNotReported).toEqual(['mastodon']);
    expect(r.clicksNotReported).toEqual(['mastodon']);
    const mastodon = r.platforms.find((p) => p.platform === 'mastodon')!;
    expect(mastodon).toMatchObject({ posts: 1, measured: 1, reach: null, engagements: 7, rate: null, clicks: null });
    expect(r.platforms.find((p) => p.platform === 'x')).toMatchObject({ posts: 3, measured: 2, reach: 1500, reachField: 'mixed', clicks: 5 });
    expect(r.best).toMatchObject({ text: 'Impressions only', platform: 'x', rate: 0.05, engagements: 25, reach: 500 });
    expect(r.bestFrom).toBe(2);
    expect(r.experiments).toEqual([
      {
        id: 'e1', name: 'Question or statement', state: 'decided', verdict: 'winner', winnerArm: 1, winnerLabel: 'Statement',
        rule: 'fixed horizon: 5 posts per version', compared: 0,
        versions: [{ arm: 0, label: 'Question', published: 0, compared: 0 }, { arm: 1, label: 'Statement', published: 0, compared: 0 }],
        decidedAt: '2026-11-20T00:00:00.000Z', postsThisWeek: 0,
      },
    ]);
    expect(r.campaigns).toEqual([
      { id: expect.any(String), name: 'Launch', currency: 'EUR', costCents: 10_000, revenueCents: 25_000, roi: 2.5, postsThisWeek: 1 },
      { id: expect.any(String), name: 'Winter', currency: 'JPY', costCents: 0, revenueCents: 0, roi: null, postsThisWeek: 0 },
    ]);
    expect(r.summary).toContain('No views or impressions reported by Mastodon.');
    expect(r.summary).toContain('Best post: 5.0 % on X (best of 2).');
    // The week's dates as the creator's format writes them everywhere else, not ISO.
    expect(r.summary[0]).toBe('4 posts published (4 copies) in the week of 16 – 22 Nov 2026 (Europe/Berlin); numbers collected for 3.');

    // Another week, named by any of its days: the Monday-00:30 copy is there.
    const next = await call<WeeklyReportDto>(t.core, 'reports:weekly', { weekOf: '2026-11-26' });
    expect(next).toMatchObject({ weekStart: '2026-11-23', weekEnd: '2026-11-29', posts: 1, reach: { value: 10, posts: 1 } });
    expect(next.campaigns.map((c) => c.name)).toEqual(['Winter']);
  });

  it('says there is nothing when nothing was published, without inventing zeros', async () => {
    t = await createTestCore({ zone: 'Europe/Berlin' });
    const r = await call<WeeklyReportDto>(t.core, 'reports:weekly', {});
    expect(r).toMatchObject({ posts: 0, reach: { value: null, posts: 0 }, engagementRate: { value: null, posts: 0 }, best: null });
    expect(r.summary).toEqual(['Nothing was published in the week of 16 – 22 Nov 2026 (Europe/Berlin).']);
  });

  it('writes the week in the creator’s date format: month first for a US locale', async () => {
    t = await createTestCore({ zone: 'America/New_York', locale: 'en-US' });
    const r = await call<WeeklyReportDto>(t.core, 'reports:weekly', { weekOf: '2026-11-09' });
    expect(r.summary).toEqual(['Nothing was published in the week of Nov 9 – 15, 2026 (America/New_York).']);
  });

  it('says a week to come has not happened yet, and the week under way is not over', async () => {
    // The test clock stands on Monday 23 Nov 2026, 10:00 in Berlin.
    t = await createTestCore({ zone: 'Europe/Berlin' });
    const ahead = await call<WeeklyReportDto>(t.core, 'reports:weekly', { weekOf: '2026-12-02' });
    expect(ahead.summary).toEqual(['The week of 30 Nov – 6 Dec 2026 (Europe/Berlin) has not happened yet, so there is nothing to report. Its report fills in as its posts go out.']);
    const current = await call<WeeklyReportDto>(t.core, 'reports:weekly', { weekOf: '2026-11-23' });
    expect(current.summary).toEqual(['Nothing published so far in the week of 23 – 29 Nov 2026 (Europe/Berlin); the week is not over yet.']);
  });

  it('exports the same figures as CSV, an empty cell where a platform did not report', async () => {
    t = await createTestCore({ zone: 'Europe/Berlin' });
    await seed();
    const file = await call<{ filename: string; mime: string; content: string; count: number }>(t.core, 'reports:weeklyCsv', {});
    expect(file.filename).toBe('loomcast-week-2026-11-16.csv');
    expect(file.mime).toMatch(/^text\/csv/);
    expect(file.count).toBe(4);
    const lines = file.content.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Weekly report,2026-11-16 to 2026-11-22,Europe/Berlin');
    expect(lines).toContain('reach (views or impressions),1500,2,not reported by: mastodon');
    expect(lines).toContain('link clicks,5,1,not reported by: mastodon');
    expect(lines).toContain('mastodon,1,1,,,7,,');
    // The best post's time in the zone the first row names, with its offset: 12:00 UTC is 13:00 in Berlin.
    expect(lines).toContain('best post,platform,engagement rate,engagements,reach,published at,link,best of');
    expect(lines.find((l) => l.startsWith('Impressions only,'))).toBe('Impressions only,x,0.05,25,500,2026-11-19T13:00:00+01:00,,2');
    // Each amount with its currency and the currency's digits; a total per currency, none across them.
    expect(lines).toContain('campaign,currency,cost to date,revenue to date,return to date (revenue / cost),posts this week');
    expect(lines).toContain('Launch,EUR,100.00,250.00,2.5,1');
    expect(lines).toContain('Winter,JPY,0,0,,0');
    expect(lines).toContain('total in EUR (1 campaign),EUR,100.00,250.00,,');
    expect(lines).toContain('total in JPY (1 campaign),JPY,0,0,,');
    expect(lines.filter((l) => l.startsWith('total'))).toHaveLength(2);
    expect(lines).toContain('Question or statement,decided,winner,Statement,Question 0; Statement 0,fixed horizon: 5 posts per version,0');
    // Browser mode has no page to print from the core: it says what to use instead.
    const pdf = await t.core.dispatch('reports:savePdf', { weekStart: '2026-11-16' });
    expect(pdf.ok ? null : pdf.error.message).toContain('Print / Save as PDF');
  });
});
