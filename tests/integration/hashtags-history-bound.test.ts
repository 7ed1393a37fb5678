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
import { createPlatformCopies, HISTORY_ACCOUNT_COPIES_SQL, HISTORY_COPIES, HISTORY_COPIES_SQL } from '../../electron/core/features/hashtags/history';
import { DAY, seeder } from '../support/analytics-seed';
import { call, createTestCore, type TestCore } from '../support/core';
import { seedPosts } from '../support/seed-scale';

describe('hashtag suggestions over a long history', () => {
  let t: TestCore;
  let published: number;
  let small: string;

  beforeAll(async () => {
    t = await createTestCore();
    const from = seedPosts(t.dataDir, 4000, t.clock).from;
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    try {
      const seed = seeder(db, t.clock.now());
      seed.post({ accountId: 'scale-x', text: 'Years ago #ancienttag', publishedAt: from - 30 * DAY });
      seed.post({ accountId: 'scale-x', text: 'Yesterday #freshtag', publishedAt: t.clock.now() - DAY });
      // A small account beside the big ones: a few copies out, two on one instant, one long ago.
      small = seed.account('threads', '@small');
      for (const [i, ago] of [2, 5, 5, 9, 400].entries()) seed.post({ accountId: small, text: `Small ${i} #smalltag`, publishedAt: t.clock.now() - ago * DAY });
      seed.post({ accountId: small, text: 'Left out #notout', publishedAt: t.clock.now() - 3 * DAY });
      db.prepare(`UPDATE targets SET state = 'failed' WHERE post_id IN (SELECT post_id FROM post_versions WHERE text = 'Left out #notout')`).run();
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

  it('for an account with few copies out, seeks its copies and reads the same ones in the same order as down every copy out', async () => {
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'), { readonly: true });
    try {
      for (const params of [
        { accounts: JSON.stringify([small]), platforms: null, limit: HISTORY_COPIES },
        { accounts: JSON.stringify([small, 'scale-bsky']), platforms: '["threads"]', limit: HISTORY_COPIES },
        // Stopped between the two copies on one instant: the later one comes first either way.
        { accounts: JSON.stringify([small]), platforms: null, limit: 2 },
      ]) {
        const sought = db.prepare(HISTORY_ACCOUNT_COPIES_SQL).all(params);
        expect(sought.length).toBe(Math.min(5, params.limit));
        expect(sought).toEqual(db.prepare(HISTORY_COPIES_SQL).all(params));
      }
    } finally {
      db.close();
    }
    const r = await call<HashtagSuggestionsDto>(t.core, 'hashtags:suggest', { text: '', accountIds: [small], limit: 30 });
    expect(r.history.map((h) => [h.tag, h.posts])).toEqual([['smalltag', 5]]);
    expect(r.basedOn).toBe(5);
  });

  it('for platforms alone, seeks each platform’s copies and reads the same ones in the same order as down every copy out', async () => {
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'), { readonly: true });
    try {
      const sought = createPlatformCopies(db);
      for (const [platforms, limit, expected] of [
        [['threads'], HISTORY_COPIES, 5],
        [['x'], 500, 500],
        [['threads', 'bluesky', 'threads'], 800, 800],
        [['x', 'bluesky', 'mastodon', 'linkedin'], HISTORY_COPIES, HISTORY_COPIES],
        // Stopped between the two copies on one instant: the later one comes first either way.
        [['threads'], 2, 2],
        [['threads', 'mastodon'], 40, 40],
      ] as const) {
        const rows = sought(platforms, limit);
        expect(rows.length).toBe(expected);
        expect(rows).toEqual(db.prepare(HISTORY_COPIES_SQL).all({ accounts: null, platforms: JSON.stringify(platforms), limit }));
      }
    } finally {
      db.close();
    }
    const r = await call<HashtagSuggestionsDto>(t.core, 'hashtags:suggest', { text: '', platforms: ['threads'], limit: 30 });
    expect(r.history.map((h) => [h.tag, h.posts])).toEqual([['smalltag', 5]]);
    expect(r.basedOn).toBe(5);
  });

  it('narrowed to an account, reads that account’s copies only', async () => {
    const r = await call<HashtagSuggestionsDto>(t.core, 'hashtags:suggest', { text: '', accountIds: ['scale-bsky'], limit: 30 });
    expect(r.history.map((h) => h.tag)).toEqual(['loomcast']);
    expect(r.basedOn).toBeLessThanOrEqual(HISTORY_COPIES);
  });
});
