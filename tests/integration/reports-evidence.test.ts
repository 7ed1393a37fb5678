/**
 * What the weekly report's experiment and campaign lines rest on: an experiment's verdict is the
 * experiment's (over all its posts, with the posts compared per version and its stopping rule),
 * not the week's; a campaign's return is the campaign's to date, and a campaign with no posts in
 * the week stays out of the week's headline (it keeps its row in the table, with 0 this week).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { CampaignDto } from '../../shared/contract/features/campaigns';
import type { WeeklyReportDto } from '../../shared/contract/features/reports';
import { createRollups } from '../../electron/core/analytics/rollups';
import { call, createTestCore, type TestCore } from '../support/core';

const DAY = 86_400_000;

describe('weekly report: what its experiment and campaign lines rest on', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  /** A post on X published at `at`, its numbers looked at exactly 24 h later (the age experiments compare at). */
  async function published(text: string, at: number, views: number, likes: number): Promise<string> {
    const post = await call<PostDto>(t.core, 'posts:create', { text, platforms: ['x'], schedule: null });
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    db.pragma('busy_timeout = 5000');
    try {
      const [target] = db.prepare("UPDATE targets SET state = 'published', published_at = ? WHERE post_id = ? RETURNING id").all(at, post.id) as { id: string }[];
      createRollups(db).record(target!.id, at + DAY, { views, likes });
    } finally {
      db.close();
    }
    return post.id;
  }

  async function seed() {
    // The test clock stands on Monday 23 Nov 2026, 10:00 in Berlin: the report's week is 16–22 Nov.
    const before = (d: number) => Date.UTC(2026, 10, d, 12); // 9–15 Nov: the week before
    const a = [await published('A one', before(9), 1000, 20), await published('A two', before(10), 1000, 22), await published('A three', before(11), 1000, 21)];
    const b = [await published('B one', before(12), 1000, 40), await published('B two', before(13), 1000, 42), await published('B three', Date.UTC(2026, 10, 18, 12), 1000, 41)];
    const h = await published('Hashtags A', Date.UTC(2026, 10, 19, 12), 1000, 30);
    const launch = await call<CampaignDto>(t.core, 'campaigns:save', { name: 'Launch', currency: 'EUR', costCents: 10_000, revenueCents: 25_000 });
    await call<CampaignDto>(t.core, 'campaigns:save', { name: 'Autumn workshop series', currency: 'EUR', costCents: 125_050, revenueCents: 310_000, startsOn: '2026-11-10', endsOn: '2026-12-10' });
    await call(t.core, 'campaigns:assign', { postIds: [h], campaignId: launch.id });

    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    try {
      db.prepare(`INSERT INTO experiments (id, name, state, winner_arm, min_posts_per_arm, created_at, decided_at) VALUES ('e1', 'Opening line', 'decided', 1, 3, ?, ?)`).run(Date.UTC(2026, 10, 1), Date.UTC(2026, 10, 20));
      db.prepare(`INSERT INTO experiments (id, name, state, min_posts_per_arm, created_at) VALUES ('e2', 'Hashtags or not', 'running', 5, ?)`).run(Date.UTC(2026, 10, 2));
      const arm = db.prepare(`INSERT INTO experiment_arms (experiment_id, arm, label, text, planned_share) VALUES (?, ?, ?, ?, 0.5)`);
      for (const e of ['e1', 'e2']) {
        arm.run(e, 0, 'A', 'a');
        arm.run(e, 1, 'B', 'b');
      }
      const post = db.prepare(`INSERT INTO experiment_posts (experiment_id, post_id, arm, slot_key) VALUES (?, ?, ?, 'Tue 12:00')`);
      for (const id of a) post.run('e1', id, 0);
      for (const id of b) post.run('e1', id, 1);
      post.run('e2', h, 0);
    } finally {
      db.close();
    }
  }

  it('gives an experiment’s verdict with the posts it rests on per version and its rule, as the experiment’s, not the week’s', async () => {
    t = await createTestCore({ zone: 'Europe/Berlin' });
    await seed();
    const r = await call<WeeklyReportDto>(t.core, 'reports:weekly', {});
    expect(r.weekStart).toBe('2026-11-16');
    expect(r.experiments).toEqual([
      {
        id: 'e1', name: 'Opening line', state: 'decided', verdict: 'winner', winnerArm: 1, winnerLabel: 'B',
        rule: 'fixed horizon: 3 posts per version', compared: 6,
        versions: [{ arm: 0, label: 'A', published: 3, compared: 3 }, { arm: 1, label: 'B', published: 3, compared: 3 }],
        decidedAt: '2026-11-20T00:00:00.000Z', postsThisWeek: 1,
      },
      {
        id: 'e2', name: 'Hashtags or not', state: 'running', verdict: 'collecting', winnerArm: null, winnerLabel: null,
        rule: 'fixed horizon: 5 posts per version', compared: 1,
        versions: [{ arm: 0, label: 'A', published: 1, compared: 1 }, { arm: 1, label: 'B', published: 0, compared: 0 }],
        decidedAt: null, postsThisWeek: 1,
      },
    ]);
    expect(r.summary).toContain('Experiment “Opening line” (decided this week): B won on 6 posts compared (A 3, B 3), by its rule “fixed horizon: 3 posts per version”. That is the experiment’s verdict over all its posts, not this week’s; 1 of its posts went out this week.');
    expect(r.summary).toContain('Experiment “Hashtags or not” (running): no verdict yet, 1 post compared so far (A 1, B 0) under its rule “fixed horizon: 5 posts per version”; 1 of its posts went out this week.');

    // The report only reads: it does not record a decision the Experiments screen would make.
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'), { readonly: true });
    expect(db.prepare(`SELECT state FROM experiments WHERE id = 'e2'`).get()).toEqual({ state: 'running' });
    db.close();

    // The CSV carries the same evidence.
    const file = await call<{ content: string }>(t.core, 'reports:weeklyCsv', {});
    const lines = file.content.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines).toContain('experiment,state,verdict (over all its posts),winner,posts compared per version,stopping rule,posts this week');
    expect(lines).toContain('Opening line,decided,winner,B,A 3; B 3,fixed horizon: 3 posts per version,1');
  });

  it('says a campaign’s return is its own to date, and leaves a campaign with no posts this week out of the week’s headline', async () => {
    t = await createTestCore({ zone: 'Europe/Berlin' });
    await seed();
    const r = await call<WeeklyReportDto>(t.core, 'reports:weekly', {});
    // Both stay in the table, each with its posts this week.
    expect(r.campaigns.map((c) => [c.name, c.postsThisWeek, c.roi])).toEqual([
      ['Autumn workshop series', 0, 310_000 / 125_050],
      ['Launch', 1, 2.5],
    ]);
    const campaignLines = r.summary.filter((l) => l.includes('Campaign'));
    expect(campaignLines).toEqual(['Campaign “Launch”: 1 post this week; the campaign to date (not this week alone) has returned 2.50× its cost (revenue ÷ cost).']);
    expect(r.summary.join('\n')).not.toContain('Autumn workshop series');

    const file = await call<{ content: string }>(t.core, 'reports:weeklyCsv', {});
    expect(file.content).toContain('campaign,currency,cost to date,revenue to date,return to date (revenue / cost),posts this week');
  });
});
