/**
 * Each copy's reading at its age, kept as a rollup (metric_at_age, schema 37), makes the year's
 * what works, best times and hashtag suggestions read one row per copy instead of seeking the
 * snapshot history twice. They must answer exactly as the snapshots do: the same numbers, the
 * same counts of posts each claim rests on (analytics.md), whatever order the looks arrived in,
 * for a copy whose row is missing (numbers written around the writer), no longer holds (its
 * publish time changed) or is still to work out (after the upgrade), and with rows rebuilt.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BestTimesDto, WhatWorksDto } from '../../shared/contract/features/analytics';
import type { HashtagSuggestionsDto } from '../../shared/contract/features/hashtags';
import { PLATFORMS, type Platform } from '../../shared/domain/platforms';
import { compareAgeMs } from '../../electron/core/analytics/age';
import { compareAgeSql } from '../../electron/core/analytics/at-age-store';
import { createAnalyticsQueries } from '../../electron/core/analytics/queries';
import { createRollups } from '../../electron/core/analytics/rollups';
import { dayKey } from '../../shared/domain/time';
import { DAY, HOUR, seeder } from '../support/analytics-seed';
import { call, createTestCore, type TestCore } from '../support/core';
import { prng } from '../resilience/support/prng';

const ZONE = 'Europe/Berlin';
const TAGS = ['#soup', '#bread', '#Knife', '#knife', '#pans', '#slow'];

describe('numbers at an age, from the kept readings and from the snapshots', () => {
  let t: TestCore;
  let db: Database.Database;
  let now: number;
  let accounts: Record<string, string>;
  let campaign: string;
  let pillar: string;
  const day = (offset: number) => dayKey(now + offset * DAY, ZONE);

  beforeAll(async () => {
    t = await createTestCore({ zone: ZONE });
    now = t.clock.now();
    db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    const s = seeder(db, now);
    const rnd = prng(37).next;
    accounts = { x: s.account('x', '@cook'), linkedin: s.account('linkedin', 'Cook Co'), tiktok: s.account('tiktok', '@cook.tt'), mastodon: s.account('mastodon', '@cook@loom.social') };
    campaign = s.campaign('Autumn');
    pillar = s.pillar('Technique');
    for (let i = 0; i < 160; i++) {
      const platform = (['x', 'linkedin', 'tiktok', 'mastodon'] as const)[i % 4]!;
      // Whole minutes, some on the same instant as another copy (ties keep their order).
      const publishedAt = now - Math.floor(rnd() * 80 * 24) * HOUR - (i % 7 === 0 ? 0 : Math.floor(rnd() * 60) * 60_000);
      const tags = TAGS.filter(() => rnd() < 0.35).join(' ');
      const { targetId } = s.post({
        accountId: accounts[platform]!,
        text: `${'Stock and bones '.repeat(1 + Math.floor(rnd() * 20))}${tags}`,
        publishedAt,
        ...(i % 3 === 0 ? { campaignId: campaign } : {}),
        ...(i % 5 === 0 ? { pillarId: pillar } : {}),
      });
      const age = compareAgeMs(platform);
      const due = publishedAt + age;
      const looks: number[] = [];
      const kind = i % 9;
      if (kind === 0) looks.push(due); // a look on the age itself
      else if (kind === 1) looks.push(due - 2 * HOUR, due - 2 * HOUR, due + 30 * 60_000, due + 30 * 60_000); // two looks at one instant, each side
      else if (kind === 2) looks.push(publishedAt + HOUR, due + age); // nothing near the age: missed
      else if (kind === 3) looks.push(due + 3 * HOUR); // only after it
      else if (kind === 4) looks.push(due - HOUR); // only before it: awaiting
      else if (kind !== 5) for (const o of [HOUR, 3 * HOUR, 12 * HOUR, 24 * HOUR, 2 * DAY, 3 * DAY, 4 * DAY, 10 * DAY]) looks.push(publishedAt + o + Math.floor(rnd() * 15) * 60_000);
      // Some arrive out of order: the look after the age first, then the ones before it.
      if (i % 4 === 1) looks.reverse();
      let views = 0;
      let likes = 0;
      for (const at of looks.filter((x) => x <= now)) {
        views += Math.floor(rnd() * 400);
        likes += Math.floor(rnd() * 20);
        s.record(targetId, at, platform === 'mastodon' ? { likes, replies: Math.floor(likes / 3) } : { [platform === 'linkedin' ? 'impressions' : 'views']: views, likes, clicks: rnd() < 0.5 ? null : Math.floor(views / 9) });
      }
    }
  });
  afterAll(async () => {
    db?.close();
    await t?.close();
  });

  /** Everything the three reads answer, over a few scopes. */
  async function answers() {
    const out: unknown[] = [];
    for (const f of [{}, { accountId: accounts.x }, { platform: 'tiktok' }, { campaignId: campaign }, { pillarId: pillar, accountId: accounts.linkedin }] as Record<string, unknown>[]) {
      const range = { from: day(-90), to: day(0), ...f };
      out.push(await call<WhatWorksDto>(t.core, 'analytics:whatWorks', range), await call<BestTimesDto>(t.core, 'analytics:bestTimes', range));
    }
    for (const scope of [{}, { accountIds: [accounts.tiktok] }, { accountIds: [accounts.x, accounts.mastodon] }, { platforms: ['linkedin'] }]) {
      out.push(await call<HashtagSuggestionsDto>(t.core, 'hashtags:suggest', { text: '', limit: 30, ...scope }));
    }
    return JSON.parse(JSON.stringify(out)) as unknown[];
  }
  const kept = () => db.prepare('SELECT * FROM metric_at_age ORDER BY target_id').all();

  it('answers as the snapshots do, with rows kept look by look, rebuilt, or missing', async () => {
    const rows = kept();
    expect(rows.length).toBeGreaterThan(100);
    const withRows = await answers();
    // The reads rest on something: groups shown, times recommended, tags ranked.
    const ww = withRows[0] as WhatWorksDto;
    expect(ww.baseline.n).toBeGreaterThan(30);
    expect(ww.dimensions.find((d) => d.dimension === 'hashtags')!.groups.length).toBeGreaterThan(2);
    expect((withRows[1] as BestTimesDto).posts).toBeGreaterThan(100);

    // Rebuilt from the snapshots: the same rows as kept look by look, in whatever order they came.
    createRollups(db).rebuild();
    expect(kept()).toEqual(rows);

    // Readings still to work out (as the upgrade to schema 37 leaves them): read from the snapshots,
    // until the start works them out again.
    db.exec('UPDATE metric_at_age SET state = NULL, rate = NULL, eng = NULL, a_at = NULL');
    expect(await answers()).toEqual(withRows);
    expect(createRollups(db).workOutAtAge()).toBe(rows.length);
    expect(kept()).toEqual(rows);

    // No rows: every copy read from the snapshots, as before the rollup.
    db.exec('DELETE FROM metric_at_age');
    expect(await answers()).toEqual(withRows);
    createRollups(db).rebuild();
    expect(kept()).toEqual(rows);
  });

  it('reads a copy whose publish time changed after its reading was kept from the snapshots', async () => {
    const moved = db.prepare(`SELECT target_id FROM metric_at_age WHERE state = 'counted' ORDER BY target_id LIMIT 3`).pluck().all() as string[];
    expect(moved).toHaveLength(3);
    db.prepare(`UPDATE targets SET published_at = published_at - 5 * ${HOUR} WHERE id IN (SELECT value FROM json_each(?))`).run(JSON.stringify(moved));
    const stale = await answers();
    db.exec('DELETE FROM metric_at_age');
    expect(await answers()).toEqual(stale);
    createRollups(db).rebuild();
  });

  it('reads the copies of a scope in the order of its copies statement (what works resamples them in that order)', () => {
    const queries = createAnalyticsQueries(db, { zone: () => ZONE });
    for (const f of [{}, { accountId: accounts.linkedin }, { platform: 'x' as Platform }, { campaignId: campaign }, { pillarId: pillar }]) {
      const range = { from: day(-90), to: day(0), ...f };
      expect(queries.aged(range, now).copies.map((c) => c.targetId)).toEqual(queries.copies(range).map((c) => c.targetId));
    }
  });

  it('finds each platform’s age in SQL as compareAgeMs does', () => {
    for (const p of PLATFORMS) expect(db.prepare(`SELECT ${compareAgeSql('?')}`).pluck().get(p)).toBe(compareAgeMs(p));
  });
});
