import Database from 'better-sqlite3';
import { join } from 'node:path';
import { seeder, seedHistory, type Seeder } from './analytics-seed';
import { createTestCore, type TestCore } from './core';
import { seedPosts } from './seed-scale';

export interface OverviewWorkspace {
  t: TestCore;
  db: Database.Database;
  now: number;
  s: Seeder;
  /** Two campaigns (one never given a post), a pillar, and a small Threads account. */
  ids: { campaign: string; empty: string; pillar: string; small: string };
  /** The copies seedHistory measured. */
  made: string[];
  close(): Promise<void>;
}

/**
 * A workspace for comparing the overview's reads with the statements they replaced: `posts`
 * scale posts over 200 days, numbers grown over `historyDays` on two scale accounts and a small
 * one, then (after `more`, the test's own looks) every third post in the campaign and every
 * fourth in the pillar.
 */
export async function overviewWorkspace(o: { posts: number; historyDays: number; more?: (w: Omit<OverviewWorkspace, 'close'>) => void }): Promise<OverviewWorkspace> {
  const t = await createTestCore();
  const now = t.clock.now();
  const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
  seedPosts(db, o.posts, t.clock, { pastDays: 200, futureDays: 5 });
  const s = seeder(db, now);
  const ids = { campaign: s.campaign('Spring'), empty: s.campaign('Nothing yet'), pillar: s.pillar('Craft'), small: s.account('threads', '@small') };
  const made = seedHistory(
    s,
    [
      { id: 'scale-x', platform: 'x' },
      { id: 'scale-masto', platform: 'mastodon' },
      { id: ids.small, platform: 'threads' },
    ],
    now,
    o.historyDays,
  );
  const w = { t, db, now, s, ids, made };
  o.more?.(w);
  db.prepare('UPDATE posts SET campaign_id = CASE WHEN rowid % 3 = 0 THEN @c END, pillar_id = CASE WHEN rowid % 4 = 1 THEN @p END').run({ c: ids.campaign, p: ids.pillar });
  return {
    ...w,
    async close() {
      db.close();
      await t.close();
    },
  };
}
