/**
 * 100,000 posts for the bench table, written straight into a migrated database in one
 * transaction (a few seconds), as the app would have left them: one or two copies each on four
 * accounts, published (and some failed, missed or cancelled) in the past, scheduled, approved
 * and in review ahead, a share of untimed drafts.
 *
 * tests/support/seed-scale.ts (`seedPosts`) is the shared seed for scale tests: when it is there
 * it is used, so the bench seeds what the query-plan test checks and follows the schema as it
 * changes; until then the writer below (same signature) does it.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';

export const DAY_MS = 86_400_000;

export interface Seeded {
  posts: number;
  targets: number;
  accountIds: string[];
}

type SeedFn = (target: Database.Database | string, n: number, clock: { now(): number }) => Seeded;

const ACCOUNTS = [
  { id: 'bench-x', platform: 'x', handle: 'bench_x' },
  { id: 'bench-bsky', platform: 'bluesky', handle: 'bench.bsky.social' },
  { id: 'bench-masto', platform: 'mastodon', handle: 'bench@example.social' },
  { id: 'bench-linkedin', platform: 'linkedin', handle: 'Bench Co' },
] as const;

/** A small deterministic generator, so every run seeds the same history. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Four years back and one ahead of now, to the minute. */
const ownSeed: SeedFn = (target, n, clock) => {
  const db = typeof target === 'string' ? new Database(join(target, 'loomcast.sqlite')) : target;
  try {
    const now = clock.now();
    const from = now - 4 * 365 * DAY_MS;
    const to = now + 365 * DAY_MS;
    const rnd = random(n);
    const s = {
      account: db.prepare('INSERT OR IGNORE INTO accounts (id, platform, handle, display_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)'),
      post: db.prepare('INSERT INTO posts (id, created_at, updated_at) VALUES (?, ?, ?)'),
      version: db.prepare("INSERT INTO post_versions (post_id, number, text, source, created_at) VALUES (?, 1, ?, 'manual', ?)"),
      target: db.prepare(`INSERT INTO targets (id, post_id, platform, account_id, scheduled_at, zone, state, platform_post_id, published_at, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, 'Europe/Berlin', ?, ?, ?, ?, ?)`),
    };
    let targets = 0;
    db.transaction(() => {
      for (const a of ACCOUNTS) s.account.run(a.id, a.platform, a.handle, a.handle, from, from);
      for (let i = 0; i < n; i++) {
        const id = `bench-${i}`;
        const at = rnd() < 0.05 ? null : from + Math.floor((rnd() * (to - from)) / 60_000) * 60_000;
        const created = Math.min(at ?? now, now) - DAY_MS;
        s.post.run(id, created, created);
        s.version.run(id, `Post ${i}: something worth saying about week ${Math.floor(i / 50)} #loomcast`, created);
        const copies = rnd() < 0.5 ? 1 : 2;
        const first = Math.floor(rnd() * ACCOUNTS.length);
        const roll = rnd();
        for (let c = 0; c < copies; c++) {
          const a = ACCOUNTS[(first + c) % ACCOUNTS.length]!;
          let state: string;
          if (at === null) state = 'draft';
          else if (at < now) state = roll < 0.9 ? 'published' : roll < 0.95 ? 'failed' : roll < 0.98 ? 'missed' : 'cancelled';
          else state = roll < 0.8 ? 'scheduled' : roll < 0.9 ? 'approved' : roll < 0.97 ? 'in_review' : 'draft';
          const published = state === 'published';
          s.target.run(`${id}-${c}`, id, a.platform, a.id, at, state, published ? `p-${id}-${c}` : null, published ? at! + 1_000 : null, created, created);
          targets++;
        }
      }
    })();
    db.pragma('optimize');
    return { posts: n, targets, accountIds: ACCOUNTS.map((a) => a.id) };
  } finally {
    if (typeof target === 'string') db.close();
  }
};

/** The shared seed when the repository has it, else the bench's own. */
export async function seedPosts(dataDir: string, n: number, clock: { now(): number }): Promise<{ seeded: Seeded; by: string }> {
  const shared = '../../support/seed-scale';
  const mod = (await import(/* @vite-ignore */ shared).catch(() => null)) as { seedPosts?: SeedFn } | null;
  if (mod?.seedPosts) return { seeded: mod.seedPosts(dataDir, n, clock), by: 'tests/support/seed-scale.ts' };
  return { seeded: ownSeed(dataDir, n, clock), by: 'tests/bench/table/seed.ts' };
}
