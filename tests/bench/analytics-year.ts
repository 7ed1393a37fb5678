/**
 * A year of history for ten accounts: 1,000,000 metric snapshots written with direct SQL and
 * rolled up with rollups.rebuild(), and two ways to ask for the year's headline: the analytics
 * overview (read from the rollups) and one naive SQL statement over metric_snapshots. Used by
 * analytics-collect.bench.ts and the `npm run bench` table (tests/bench/table).
 */
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { ENGAGEMENT_FIELDS } from '../../electron/core/analytics/engagement';
import { createAnalyticsQueries } from '../../electron/core/analytics/queries';
import { createRollups, DAY_MS } from '../../electron/core/analytics/rollups';
import { openStore } from '../../electron/core/store/open';
import { tempDir } from '../support/core';

const SNAPSHOTS = 1_000_000;
const ACCOUNTS = 10;
const POSTS_PER_DAY = 3; // per account
const START = Date.UTC(2025, 11, 1); // 2025-12-01
const DAYS = 365;
const PLATFORMS = ['x', 'mastodon', 'bluesky', 'linkedin', 'instagram', 'threads', 'tiktok', 'youtube', 'facebook', 'pinterest'] as const;

export interface AnalyticsYear {
  snapshots: number;
  insertedMs: number;
  rebuildMs: number;
  /** The headline from the rollups, as the Analytics screen reads it. */
  overview(): HeadlineValues;
  /** The same headline from one statement over every snapshot. */
  naive(): HeadlineValues;
  close(): void;
}

type HeadlineValues = Record<string, number | null | undefined>;

/** Builds the year (about 10 s) and checks both ways agree before returning them. */
export function buildAnalyticsYear(): AnalyticsYear {
  const dir = tempDir('loomcast-bench-analytics-');
  const store = openStore(join(dir.path, 'loomcast.sqlite'), undefined, () => START + DAYS * DAY_MS);
  const { db } = store;

  // A seeded generator, so every run builds the same year.
  let seed = 42;
  const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);

  const built = performance.now();
  db.transaction(() => {
    const account = db.prepare(`INSERT INTO accounts (id, platform, handle, status, created_at, updated_at) VALUES (?, ?, ?, 'connected', ?, ?)`);
    const post = db.prepare(`INSERT INTO posts (id, created_at, updated_at) VALUES (?, ?, ?)`);
    const target = db.prepare(`INSERT INTO targets (id, post_id, platform, account_id, state, platform_post_id, published_at, created_at, updated_at)
      VALUES (?, ?, ?, ?, 'published', ?, ?, ?, ?)`);
    const snap = db.prepare(`INSERT INTO metric_snapshots (target_id, at, impressions, views, likes, replies, reposts, quotes, shares, saves, clicks, bookmarks)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (let a = 0; a < ACCOUNTS; a++) account.run(`acc-${a}`, PLATFORMS[a]!, `@bench${a}`, START, START);
    const targets = ACCOUNTS * DAYS * POSTS_PER_DAY;
    const perTarget = Math.ceil(SNAPSHOTS / targets);
    let written = 0;
    for (let d = 0; d < DAYS; d++) {
      for (let a = 0; a < ACCOUNTS; a++) {
        for (let k = 0; k < POSTS_PER_DAY; k++) {
          const id = `t-${d}-${a}-${k}`;
          const publishedAt = START + d * DAY_MS + (8 + 4 * k) * 3_600_000 + Math.floor(rand() * 3_600_000);
          post.run(`p-${d}-${a}-${k}`, publishedAt, publishedAt);
          target.run(id, `p-${d}-${a}-${k}`, PLATFORMS[a]!, `acc-${a}`, `pp-${id}`, publishedAt, publishedAt, publishedAt);
          // Numbers grow over the checks; Mastodon and Bluesky (accounts 1, 2) report no views or impressions.
          const noViews = a === 1 || a === 2;
          let views = 0;
          let likes = 0;
          for (let i = 0; i < perTarget && written < SNAPSHOTS; i++, written++) {
            views += Math.floor(rand() * 200);
            likes += Math.floor(rand() * 10);
            const at = publishedAt + (i + 1) * 3 * 3_600_000;
            snap.run(id, at, noViews ? null : views, null, likes, Math.floor(likes / 5), Math.floor(likes / 4), noViews ? Math.floor(likes / 9) : null, null, null, noViews ? null : Math.floor(views / 50), null);
          }
        }
      }
    }
  })();
  const insertedMs = performance.now() - built;
  const rebuilt = performance.now();
  createRollups(db).rebuild();
  const rebuildMs = performance.now() - rebuilt;

  const queries = createAnalyticsQueries(db, { zone: () => 'UTC', now: () => START + DAYS * DAY_MS });
  const YEAR = { from: '2025-12-01', to: '2026-11-30' };

  // The same headline from one statement over every snapshot: each target's newest (at, id), then sums.
  const E = ENGAGEMENT_FIELDS.map((f) => `s.${f}`);
  const ENG = `CASE WHEN ${E.map((e) => `${e} IS NOT NULL`).join(' OR ')} THEN ${E.map((e) => `coalesce(${e}, 0)`).join(' + ')} END`;
  const naive = db.prepare(`SELECT count(*) AS posts, sum(r) AS views, count(r) AS viewsReported, sum(e) AS engagements, count(e) AS engagementsReported,
      sum(CASE WHEN r > 0 AND e IS NOT NULL THEN e END) AS re, sum(CASE WHEN r > 0 AND e IS NOT NULL THEN r END) AS rr,
      count(CASE WHEN r > 0 AND e IS NOT NULL THEN 1 END) AS rateReported
    FROM (SELECT coalesce(s.views, s.impressions) AS r, ${ENG} AS e
      FROM targets t
      LEFT JOIN (SELECT *, row_number() OVER (PARTITION BY target_id ORDER BY at DESC, id DESC) AS rn FROM metric_snapshots) s ON s.target_id = t.id AND s.rn = 1
      WHERE t.state = 'published' AND t.published_at >= @start AND t.published_at < @end)`);
  const naiveHeadline = () => {
    const r = naive.get({ start: START, end: START + DAYS * DAY_MS }) as Record<string, number | null>;
    return {
      posts: r.posts,
      views: r.viewsReported ? r.views : null,
      viewsReported: r.viewsReported,
      engagements: r.engagementsReported ? r.engagements : null,
      engagementsReported: r.engagementsReported,
      rate: r.rr ? r.re! / r.rr : null,
      rateReported: r.rateReported,
    };
  };

  const count = (db.prepare('SELECT count(*) AS n FROM metric_snapshots').get() as { n: number }).n;
  const overview = () => queries.overview(YEAR).headline.current as unknown as HeadlineValues;
  const fromRollups = overview();
  const fromSnapshots = naiveHeadline();
  const same = JSON.stringify({ ...fromRollups, rate: fromRollups.rate?.toFixed(12) }) === JSON.stringify({ ...fromSnapshots, rate: fromSnapshots.rate?.toFixed(12) });
  if (!same) {
    store.close();
    dir.remove();
    throw new Error(`The overview and the naive query disagree:\n${JSON.stringify(fromRollups)}\n${JSON.stringify(fromSnapshots)}`);
  }
  return {
    snapshots: count,
    insertedMs,
    rebuildMs,
    overview,
    naive: naiveHeadline,
    close() {
      store.close();
      dir.remove();
    },
  };
}
