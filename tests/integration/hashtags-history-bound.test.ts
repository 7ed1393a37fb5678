/**
 * Hashtag suggestions read the creator's latest posts, never every post that ever went out: the
 * composer asks as the creator types, and over a long history (100,000 posts) reading them all
 * took seconds each time. A tag only on posts older than the latest HISTORY_COPIES copies out is
 * no longer suggested; one on a recent post is.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HashtagSuggestionsDto } from '../../shared/contract/features/hashtags';
import { HISTORY_COPIES } from '../../electron/core/features/hashtags/history';
import { DAY, seeder } from '../support/analytics-seed';
import { call, createTestCore, type TestCore } from '../support/core';
import { seedPosts } from '../support/seed-scale';

describe('hashtag suggestions over a long history', () => {
  let t: TestCore;
  let published: number;

  beforeAll(async () => {
    t = await createTestCore();
    const from = seedPosts(t.dataDir, 4000, t.clock).from;
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    try {
      const seed = seeder(db, t.clock.now());
      seed.post({ accountId: 'scale-x', text: 'Years ago #ancienttag', publishedAt: from - 30 * DAY });
      seed.post({ accountId: 'scale-x', text: 'Yesterday #freshtag', publishedAt: t.clock.now() - DAY });
      published = db.prepare("SELECT count(*) FROM targets WHERE state = 'published'").pluck().get() as number;
    } finally {
      db.close();
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reads the latest copies that went out, not every one', async () => {
    expect(published).toBeGreaterThan(HISTORY_COPIES);
    const r = await call<HashtagSuggestionsDto>(t.core, 'hashtags:suggest', { text: '', limit: 30 });
    const tags = r.history.map((h) => h.tag);
    expect(tags).toContain('freshtag');
    expect(tags).toContain('loomcast');
    expect(tags).not.toContain('ancienttag');
    expect(r.basedOn).toBeLessThanOrEqual(HISTORY_COPIES);
  });

  it('narrowed to an account, reads that account’s copies only', async () => {
    const r = await call<HashtagSuggestionsDto>(t.core, 'hashtags:suggest', { text: '', accountIds: ['scale-bsky'], limit: 30 });
    expect(r.history.map((h) => h.tag)).toEqual(['loomcast']);
    expect(r.basedOn).toBeLessThanOrEqual(HISTORY_COPIES);
  });
});
