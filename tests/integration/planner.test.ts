import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { PLATFORM_CLIENTS } from '../../electron/core/platforms/registry';
import type { PostDto } from '../../shared/contract';
import type { PlannedItemDto } from '../../shared/contract/features/planner';
import type { ReviewItemDto, WritingProvenanceDto } from '../../shared/contract/features/review';
import { FakeClock } from '../support/clock';
import { call, createTestCore, memoryVault, type TestCore } from '../support/core';

async function failure(t: TestCore, channel: string, input: unknown) {
  const r = await t.core.dispatch(channel, input);
  if (r.ok) throw new Error(`${channel} succeeded but should have failed`);
  return r.error;
}

describe('planning a month', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  // The fake clock starts at Mon 23 Nov 2026 09:00 UTC (10:00 in Berlin, the creator's zone).
  async function setup(clock?: FakeClock) {
    t = await createTestCore({ vault: memoryVault(), clock });
    const account = await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'a' } });
    const pillar = (name: string, color: string) => call<{ id: string }>(t.core, 'pillars:save', { name, color });
    const template = (name: string, body: string) => call<{ id: string }>(t.core, 'templates:save', { name, category: 'hook', body });
    return { accountId: account.id, pillar, template };
  }
  const db = () => new Database(join(t.dataDir, 'loomcast.sqlite'));

  it('rotates pillars over the slots and templates within each pillar, the same way every time', async () => {
    const { accountId, pillar, template } = await setup();
    await call(t.core, 'queue:setSlots', { accountId, slots: [{ weekday: 1, time: '09:00' }, { weekday: 3, time: '12:00' }, { weekday: 5, time: '17:30' }] });
    const a = await pillar('Tips', '#112233');
    const b = await pillar('Stories', '#445566');
    const t1 = await template('One', 'Tip about {topic}');
    const t2 = await template('Two', 'Another take');
    const input = { startDate: '2026-11-30', days: 14, pillarIds: [a.id, b.id], templateIds: [t1.id, t2.id], accountIds: [accountId] };

    const { items } = await call<{ items: PlannedItemDto[] }>(t.core, 'planner:preview', input);
    expect(items.map((i) => `${i.date} ${i.time}`)).toEqual([
      '2026-11-30 09:00', '2026-12-02 12:00', '2026-12-04 17:30', '2026-12-07 09:00', '2026-12-09 12:00', '2026-12-11 17:30',
    ]);
    expect(items.map((i) => i.pillarName)).toEqual(['Tips', 'Stories', 'Tips', 'Stories', 'Tips', 'Stories']);
    expect(items.map((i) => i.templateName)).toEqual(['One', 'One', 'Two', 'Two', 'One', 'One']);
    // The offline writer finishes each draft: the pillar fills {topic}, nothing is left to fill in.
    expect(items[0]).toMatchObject({ zone: 'Europe/Berlin', writer: 'offline', problems: [], accountId });
    expect(items[0]!.text).toMatch(/^Tip about tips\b/);
    expect(items[1]!.text).toMatch(/^Tip about stories\b/);
    expect(items[2]!.text).toMatch(/^Another take\b/);
    for (const item of items) expect(item.text).not.toContain('{');
    expect((await call<{ items: PlannedItemDto[] }>(t.core, 'planner:preview', input)).items).toEqual(items);
    // Previewing creates nothing.
    expect(db().prepare('SELECT count(*) AS n FROM posts').get()).toEqual({ n: 0 });
  });

  it('creates every planned post in review, linked to its pillar and template, at its slot', async () => {
    const { accountId, pillar, template } = await setup();
    await call(t.core, 'queue:setSlots', { accountId, slots: [{ weekday: 2, time: '08:15' }] });
    const a = await pillar('Tips', '#112233');
    const t1 = await template('One', 'Hello\n---\nsecond part');
    const input = { startDate: '2026-11-24', days: 14, pillarIds: [a.id], templateIds: [t1.id], accountIds: [accountId] };
    const out = await call<{ created: number; postIds: string[] }>(t.core, 'planner:commit', input);
    expect(out.created).toBe(2);
    const rows = db()
      .prepare(`SELECT p.pillar_id, p.template_id, t.state, t.account_id, t.scheduled_at, v.source FROM posts p JOIN targets t ON t.post_id = p.id
        JOIN post_versions v ON v.post_id = p.id ORDER BY t.scheduled_at`)
      .all();
    expect(rows).toEqual([
      { pillar_id: a.id, template_id: t1.id, state: 'in_review', account_id: accountId, scheduled_at: Date.UTC(2026, 10, 24, 7, 15), source: 'template' },
      { pillar_id: a.id, template_id: t1.id, state: 'in_review', account_id: accountId, scheduled_at: Date.UTC(2026, 11, 1, 7, 15), source: 'template' },
    ]);
    const review = (await call<{ items: ReviewItemDto[] }>(t.core, 'review:list', {})).items;
    expect(review.map((r) => r.post.id).sort()).toEqual([...out.postIds].sort());
    expect(review[0]!.templateName).toBe('One');
    // This core has no thread-taking client for Mastodon, so the writer kept both parts in one post.
    expect(review[0]!.post.text).toMatch(/^Hello\n\nsecond part/);
    const provenance = await call<WritingProvenanceDto[]>(t.core, 'planner:provenance', { postIds: out.postIds });
    expect(provenance).toHaveLength(2);
    expect(provenance[0]).toMatchObject({ writer: 'offline', writerVersion: 'offline-1', version: 1, templateName: 'One', pillarName: 'Tips', label: 'Written offline from “One”' });
    // Planned again, those times are taken now: nothing is left to fill.
    const again = await failure(t, 'planner:preview', input);
    expect(again.message).toContain('already taken');
  });

  it('keeps nothing when one of the posts cannot be made', async () => {
    const { accountId, pillar, template } = await setup();
    await call(t.core, 'queue:setSlots', { accountId, slots: [{ weekday: 1, time: '09:00' }, { weekday: 4, time: '09:00' }] });
    const a = await pillar('Tips', '#112233');
    const good = await template('Good', 'Fine words');
    const bad = await template('Bad', 'BOOM words');
    const w = db();
    w.exec(`CREATE TRIGGER refuse_boom BEFORE INSERT ON post_versions WHEN NEW.text LIKE '%BOOM%' BEGIN SELECT RAISE(ABORT, 'refused in test'); END`);
    const error = await failure(t, 'planner:commit', { startDate: '2026-11-30', days: 7, pillarIds: [a.id], templateIds: [good.id, bad.id], accountIds: [accountId] });
    expect(error.code).toBe('internal');
    expect(readFileSync(t.logFile, 'utf8')).toContain('refused in test');
    expect(w.prepare('SELECT count(*) AS n FROM posts').get()).toEqual({ n: 0 });
    expect(w.prepare('SELECT count(*) AS n FROM targets').get()).toEqual({ n: 0 });
  });

  it('leaves out a posting time the clocks skip in the DST week', async () => {
    const { accountId, pillar, template } = await setup(new FakeClock(Date.UTC(2027, 2, 1, 9, 0)));
    await call(t.core, 'queue:setSlots', { accountId, zone: 'Europe/Berlin', slots: [{ weekday: 7, time: '02:30' }, { weekday: 7, time: '10:00' }] });
    const a = await pillar('Tips', '#112233');
    const t1 = await template('One', 'Words');
    const { items } = await call<{ items: PlannedItemDto[] }>(t.core, 'planner:preview', {
      startDate: '2027-03-21', days: 14, pillarIds: [a.id], templateIds: [t1.id], accountIds: [accountId],
    });
    expect(items.map((i) => `${i.date} ${i.time}`)).toEqual(['2027-03-21 02:30', '2027-03-21 10:00', '2027-03-28 10:00']);
    // 10:00 on the changeover Sunday is summer time: 08:00 UTC, not 09:00.
    expect(items[2]!.at).toBe('2027-03-28T08:00:00.000Z');
  });

  it('says clearly when there are no posting times to fill', async () => {
    const { accountId, pillar, template } = await setup();
    const a = await pillar('Tips', '#112233');
    const t1 = await template('One', 'Words');
    const error = await failure(t, 'planner:preview', { startDate: '2026-11-30', days: 30, pillarIds: [a.id], templateIds: [t1.id], accountIds: [accountId] });
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('@me@example.social has no posting times yet');
    const short = await failure(t, 'planner:preview', { startDate: '2026-11-30', days: 3, pillarIds: [a.id], templateIds: [t1.id], accountIds: [accountId] });
    expect(short.message).toContain('at least a week');
  });

  it('with no provider, writes 30 days of finished drafts for several platforms that pass the gates, in Review, written offline', async () => {
    t = await createTestCore({ vault: memoryVault(), clients: PLATFORM_CLIENTS });
    const accounts = await Promise.all([
      t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'a' } }),
      t.core.services.accounts.add({ platform: 'bluesky', handle: 'me.bsky.social', credentials: { accessToken: 'b' } }),
      t.core.services.accounts.add({ platform: 'x', handle: 'me', credentials: { accessToken: 'c' } }),
      t.core.services.accounts.add({ platform: 'linkedin', handle: 'Me', credentials: { accessToken: 'd' } }),
    ]);
    for (const account of accounts) {
      await call(t.core, 'queue:setSlots', { accountId: account.id, slots: [{ weekday: 1, time: '09:00' }, { weekday: 3, time: '12:30' }, { weekday: 5, time: '17:00' }, { weekday: 6, time: '10:00' }] });
    }
    const voice = await call<{ id: string }>(t.core, 'voices:save', { name: 'Warm', tone: 'friendly and casual', wordsToUse: ['crumb'], wordsToAvoid: ['hack'] });
    const bread = await call<{ id: string }>(t.core, 'pillars:save', { name: 'Sourdough Baking', description: 'Bread at home', color: '#aa5500', voiceId: voice.id });
    const studio = await call<{ id: string }>(t.core, 'pillars:save', { name: 'Behind the Scenes', color: '#0055aa' });
    const campaign = await call<{ id: string }>(t.core, 'campaigns:save', { name: 'Spring Bake-Along', theme: 'spring loaves', goal: 'engagement' });
    // Every template a new creator has, the video scripts and threads too.
    const templates = await call<{ id: string }[]>(t.core, 'templates:list', {});
    const input = { startDate: '2026-11-24', days: 30, pillarIds: [bread.id, studio.id], templateIds: templates.map((x) => x.id), accountIds: accounts.map((a) => a.id), campaignId: campaign.id };

    const { items } = await call<{ items: PlannedItemDto[] }>(t.core, 'planner:preview', input);
    expect(items.length).toBeGreaterThanOrEqual(60);
    expect(new Set(items.map((i) => i.platform))).toEqual(new Set(['mastodon', 'bluesky', 'x', 'linkedin']));
    for (const item of items) {
      expect(item.text, item.templateName).not.toContain('{');
      expect(item.problems, `${item.templateName} on ${item.platform}`).toEqual([]);
      expect(item.writer).toBe('offline');
    }

    const out = await call<{ created: number; postIds: string[] }>(t.core, 'planner:commit', input);
    expect(out.created).toBe(items.length);
    const review = (await call<{ items: ReviewItemDto[] }>(t.core, 'review:list', {})).items;
    expect(review.map((r) => r.post.id).sort()).toEqual([...out.postIds].sort());
    for (const { post } of review) {
      for (const text of [post.text, ...post.thread]) expect(text).not.toContain('{');
      expect(post.targets.map((x) => x.state)).toEqual(['in_review']);
    }
    // The drafts say who wrote them, from what.
    const provenance = await call<WritingProvenanceDto[]>(t.core, 'planner:provenance', { postIds: out.postIds });
    expect(provenance).toHaveLength(out.postIds.length);
    for (const p of provenance) expect(p.label).toMatch(/^Written offline from “.+”$/);
    const w = db();
    expect(w.prepare('SELECT count(*) AS n FROM posts WHERE campaign_id = ?').get(campaign.id)).toEqual({ n: out.created });
    expect(w.prepare("SELECT count(*) AS n FROM version_provenance WHERE writer = 'offline' AND seed LIKE '2026-%'").get()).toEqual({ n: out.created });
    w.close();

    // Every draft passes the gates: approving them all schedules them all at their slots.
    const approved = await call<PostDto[]>(t.core, 'review:approve', { postIds: out.postIds });
    expect(approved.flatMap((p) => p.targets.map((x) => x.state)).every((s) => s === 'scheduled')).toBe(true);
    expect(await call<{ items: ReviewItemDto[] }>(t.core, 'review:list', {})).toEqual({ items: [], total: 0 });
  });
});
