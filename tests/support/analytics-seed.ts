/**
 * Seeds published posts and their numbers straight into a Loomcast database, as the publisher and
 * the metrics sweep would have left them: accounts, posts with their text, published copies, and
 * snapshots written through the one writer of snapshots and rollups (createRollups().record).
 * Used by the integration tests (a second connection to the core's file) and the e2e specs (the
 * host's file), which have no channel to publish or measure without a platform.
 */
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { MetricValues } from '../../electron/core/analytics/engagement';
import { createRollups } from '../../electron/core/analytics/rollups';

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export interface SeedPost {
  accountId: string;
  text: string;
  publishedAt: number;
  campaignId?: string;
  pillarId?: string;
  templateId?: string;
  voiceId?: string;
  url?: string;
}

export function seeder(db: Database.Database, now: number) {
  db.pragma('busy_timeout = 5000');
  const rollups = createRollups(db);
  const platformOf = db.prepare<[string], { platform: string }>('SELECT platform FROM accounts WHERE id = ?');
  return {
    account(platform: string, handle: string, id: string = randomUUID()): string {
      db.prepare('INSERT INTO accounts (id, platform, handle, display_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, platform, handle, handle, now, now);
      return id;
    },
    campaign(name: string, id: string = randomUUID()): string {
      db.prepare('INSERT INTO campaigns (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run(id, name, now, now);
      return id;
    },
    pillar(name: string, id: string = randomUUID()): string {
      db.prepare('INSERT INTO pillars (id, name, color, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(id, name, '#336699', now, now);
      return id;
    },
    /** A post published to one account; returns its copy's (target's) id. */
    post(p: SeedPost): { postId: string; targetId: string } {
      const postId = randomUUID();
      const targetId = randomUUID();
      const platform = platformOf.get(p.accountId)?.platform;
      if (!platform) throw new Error(`No account ${p.accountId}`);
      db.transaction(() => {
        db.prepare('INSERT INTO posts (id, campaign_id, template_id, pillar_id, voice_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
          postId,
          p.campaignId ?? null,
          p.templateId ?? null,
          p.pillarId ?? null,
          p.voiceId ?? null,
          p.publishedAt,
          p.publishedAt,
        );
        db.prepare('INSERT INTO post_versions (post_id, number, text, source, created_at) VALUES (?, 1, ?, ?, ?)').run(postId, p.text, 'manual', p.publishedAt);
        db.prepare(
          `INSERT INTO targets (id, post_id, platform, account_id, state, published_at, platform_url, created_at, updated_at)
           VALUES (?, ?, ?, ?, 'published', ?, ?, ?, ?)`,
        ).run(targetId, postId, platform, p.accountId, p.publishedAt, p.url ?? null, p.publishedAt, p.publishedAt);
      })();
      return { postId, targetId };
    },
    /** One look at a copy's numbers; anything absent is "not reported". */
    record(targetId: string, at: number, values: MetricValues): void {
      rollups.record(targetId, at, values);
    },
    /** When the metrics sweep last asked the platform about a copy. */
    checked(targetId: string, publishedAt: number, at: number): void {
      db.prepare(
        `INSERT INTO metric_checks (target_id, published_at, checks, status, checked_at) VALUES (?, ?, 1, 'ok', ?)
         ON CONFLICT (target_id) DO UPDATE SET checked_at = excluded.checked_at, checks = checks + 1`,
      ).run(targetId, publishedAt, at);
    },
  };
}

export type Seeder = ReturnType<typeof seeder>;

/** A small deterministic generator for seeded numbers (not for statistics). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 4_294_967_296;
  };
}

/**
 * `days` days of history for the given accounts, ending at `now`: one or two posts a day per
 * account, looked at +1 h, +1 day, +3 days and +7 days (when those have passed), with numbers
 * that grow over time. Mastodon copies report no views (so no rate); every fifth X copy has its
 * impressions missing. Returns the targets made.
 */
export function seedHistory(s: Seeder, accounts: { id: string; platform: string }[], now: number, days: number, seed = 7): string[] {
  const random = lcg(seed);
  const made: string[] = [];
  const hours = [8, 12, 18];
  for (let d = days; d >= 1; d--) {
    for (const a of accounts) {
      const count = random() < 0.5 ? 1 : 2;
      for (let i = 0; i < count; i++) {
        const hour = hours[Math.floor(random() * hours.length)]!;
        const dayStart = Math.floor((now - d * DAY) / DAY) * DAY;
        const publishedAt = dayStart + hour * HOUR + Math.floor(random() * 50) * 60_000;
        if (publishedAt >= now) continue;
        const tag = ['#craft', '#studio', '#behindthescenes'][Math.floor(random() * 3)]!;
        const text = `${random() < 0.5 ? 'Short note' : 'A longer note about the loom and how the week went, with a few more words to read'} ${tag}`;
        const { targetId } = s.post({ accountId: a.id, text, publishedAt });
        made.push(targetId);
        const base = 200 + Math.floor(random() * 800) * (hour === 18 ? 2 : 1);
        const rate = 0.02 + random() * 0.06;
        for (const [k, after] of [[0.2, HOUR], [0.7, DAY], [0.9, 3 * DAY], [1, 7 * DAY]] as const) {
          const at = publishedAt + after;
          if (at > now) break;
          const views = Math.round(base * k);
          const likes = Math.round(views * rate * 0.8);
          const replies = Math.round(views * rate * 0.2);
          const values: MetricValues =
            a.platform === 'mastodon' ? { likes, replies, reposts: 1 } : a.platform === 'x' && made.length % 5 === 0 ? { likes, replies } : { views, likes, replies };
          s.record(targetId, at, values);
          s.checked(targetId, publishedAt, at);
        }
      }
    }
  }
  return made;
}
