/**
 * A creator's history at scale, written straight into a migrated Loomcast database in one
 * transaction (100,000 posts in a few seconds), as the app would have left it: posts with their
 * text, one or two copies each on four accounts (with the duplicate guard's stored fingerprint),
 * published and settled ones in the past, scheduled, approved and in-review ones ahead, a share
 * of untimed drafts, and a thread on every tenth post. Used by the scale measurements and the
 * query-plan test; the bench may reuse it.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Clock } from '../../electron/core/deps';
import { fingerprintOf } from '../../electron/core/posts/guard-prints';
import { prng } from '../resilience/support/prng';

export const SCALE_DAY = 86_400_000;

export interface SeedScaleOptions {
  /** Days before now the oldest post sits (default four years). */
  pastDays?: number;
  /** Days after now the latest post sits (default one year). */
  futureDays?: number;
}

export interface ScaleSeed {
  posts: number;
  targets: number;
  accountIds: string[];
  /** The span the timed posts cover, epoch ms. */
  from: number;
  to: number;
}

const ACCOUNTS = [
  { id: 'scale-x', platform: 'x', handle: 'scale_x' },
  { id: 'scale-bsky', platform: 'bluesky', handle: 'scale.bsky.social' },
  { id: 'scale-masto', platform: 'mastodon', handle: 'scale@example.social' },
  { id: 'scale-linkedin', platform: 'linkedin', handle: 'Scale Co' },
] as const;

/**
 * Seeds `n` posts into `target` (an open database, or a data folder holding loomcast.sqlite that
 * a core has already migrated), around `clock.now()`. Accounts are added once; calling it again
 * adds `n` more posts.
 */
export function seedPosts(target: Database.Database | string, n: number, clock: Pick<Clock, 'now'>, opts: SeedScaleOptions = {}): ScaleSeed {
  const db = typeof target === 'string' ? new Database(join(target, 'loomcast.sqlite')) : target;
  try {
    db.pragma('busy_timeout = 5000');
    const now = clock.now();
    const from = now - (opts.pastDays ?? 1460) * SCALE_DAY;
    const to = now + (opts.futureDays ?? 365) * SCALE_DAY;
    const rnd = prng(n).next;
    const runId = `${now.toString(36)}-${db.prepare('SELECT count(*) AS c FROM posts').pluck().get() as number}`;
    const s = {
      account: db.prepare('INSERT OR IGNORE INTO accounts (id, platform, handle, display_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)'),
      post: db.prepare('INSERT INTO posts (id, created_at, updated_at) VALUES (?, ?, ?)'),
      version: db.prepare("INSERT INTO post_versions (post_id, number, text, source, created_at) VALUES (?, 1, ?, 'manual', ?)"),
      // With the duplicate guard's fingerprint, as the app stores it when a post is made.
      target: db.prepare(`INSERT INTO targets (id, post_id, platform, account_id, scheduled_at, zone, state, platform_post_id, platform_url, published_at, last_error, created_at, updated_at, guard_print)
        VALUES (?, ?, ?, ?, ?, 'Europe/Berlin', ?, ?, ?, ?, ?, ?, ?, ?)`),
      part: db.prepare("INSERT INTO target_parts (target_id, position, kind, text, state) VALUES (?, ?, 'thread', ?, ?)"),
    };
    let targets = 0;
    db.transaction(() => {
      for (const a of ACCOUNTS) s.account.run(a.id, a.platform, a.handle, a.handle, from, from);
      for (let i = 0; i < n; i++) {
        const postId = `scale-${runId}-${i}`;
        const draft = rnd() < 0.05;
        // Minutes, so no two posts share an instant by accident and none sits on a DST edge second.
        const at = draft ? null : from + Math.floor((rnd() * (to - from)) / 60_000) * 60_000;
        const past = at !== null && at < now;
        const created = Math.min(at ?? now, now) - SCALE_DAY;
        s.post.run(postId, created, created);
        const text = `Post ${i} of the scale seed: something worth saying about week ${Math.floor(i / 50)} #loomcast`;
        s.version.run(postId, text, created);
        const print = fingerprintOf(text);
        const copies = rnd() < 0.5 ? 1 : 2;
        const first = Math.floor(rnd() * ACCOUNTS.length);
        const roll = rnd();
        for (let c = 0; c < copies; c++) {
          const a = ACCOUNTS[(first + c) % ACCOUNTS.length]!;
          const targetId = `${postId}-${c}`;
          let state: string;
          if (at === null) state = 'draft';
          else if (past) state = roll < 0.9 ? 'published' : roll < 0.95 ? 'failed' : roll < 0.98 ? 'missed' : 'cancelled';
          else state = roll < 0.8 ? 'scheduled' : roll < 0.9 ? 'approved' : roll < 0.97 ? 'in_review' : 'draft';
          const published = state === 'published';
          s.target.run(
            targetId,
            postId,
            a.platform,
            a.id,
            at,
            state,
            published ? `p-${targetId}` : null,
            published ? `https://example.social/${targetId}` : null,
            published ? at! + 1_000 : null,
            state === 'failed' ? 'The platform said no (seeded).' : null,
            created,
            published ? at! + 1_000 : created,
            print,
          );
          targets++;
          if (i % 10 === 0) {
            s.part.run(targetId, 1, `Part two of post ${i}`, published ? 'published' : 'pending');
            s.part.run(targetId, 2, `Part three of post ${i}`, published ? 'published' : 'pending');
          }
        }
      }
    })();
    // No planner statistics (no ANALYZE, no pragma optimize): a creator's database has none
    // (migration 0016), so the plan tests and the bench see the plans creators get.
    return { posts: n, targets, accountIds: ACCOUNTS.map((a) => a.id), from, to };
  } finally {
    if (typeof target === 'string') db.close();
  }
}
