/** After-kill checks for the operations through the whole core: publishing, CSV import, metric collection. */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FakeServer } from '../../fakes/common/fake-server';

const open = (dataDir: string) => new Database(join(dataDir, 'loomcast.sqlite'));

interface Row {
  id: string;
  platform: 'x' | 'mastodon';
  state: string;
  platform_post_id: string | null;
  text: string;
}
interface Part {
  target_id: string;
  position: number;
  state: string;
  text: string;
  platform_post_id: string | null;
}

export interface PublishFacts {
  integrity: string;
  states: Record<string, number>;
  pending: number;
  problems: string[];
}

/**
 * Nothing sent twice, nothing recorded that the platform does not have: each post on a fake
 * belongs to a copy (or part) that is publishing, published or unconfirmed, at most once, and a
 * published one is there exactly once under the id recorded.
 */
export function publishFacts(dataDir: string, fakes: Record<'x' | 'mastodon', FakeServer>): PublishFacts {
  const db = open(dataDir);
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const rows = db
      .prepare(`SELECT t.id, t.platform, t.state, t.platform_post_id, (SELECT text FROM post_versions v WHERE v.post_id = t.post_id ORDER BY number DESC LIMIT 1) AS text FROM targets t`)
      .all() as Row[];
    const parts = db.prepare('SELECT target_id, position, state, text, platform_post_id FROM target_parts').all() as Part[];
    const problems: string[] = [];
    const states: Record<string, number> = {};
    const owner = new Map<string, { state: string; id: string | null; what: string }>();
    for (const r of rows) {
      states[r.state] = (states[r.state] ?? 0) + 1;
      owner.set(`${r.platform}\u0000${r.text}`, { state: r.state, id: r.platform_post_id, what: `copy ${r.id}` });
    }
    const platformOf = new Map(rows.map((r) => [r.id, r.platform]));
    for (const p of parts) owner.set(`${platformOf.get(p.target_id)}\u0000${p.text}`, { state: p.state, id: p.platform_post_id, what: `part ${p.position} of ${p.target_id}` });
    for (const [platform, fake] of Object.entries(fakes) as ['x' | 'mastodon', FakeServer][]) {
      if (fake.duplicates() > 0) problems.push(`${platform}: ${fake.duplicates()} duplicates`);
      const count = new Map<string, number>();
      for (const p of fake.posts) count.set(p.text, (count.get(p.text) ?? 0) + 1);
      for (const p of fake.posts) {
        const o = owner.get(`${platform}\u0000${p.text}`);
        if (!o) problems.push(`${platform}: a post no copy owns: ${p.text}`);
        // Mastodon keeps our Idempotency-Key for an hour: after a kill, a copy it has may be put back
        // to `scheduled` ("safe to send again"), and the resend returns the same status.
        else if (!['publishing', 'published', 'unconfirmed', ...(platform === 'mastodon' ? ['scheduled'] : [])].includes(o.state)) problems.push(`${platform}: ${o.what} is ${o.state} but the platform has it`);
      }
      for (const [key, o] of owner) {
        const [p, text] = key.split('\u0000') as [string, string];
        if (p !== platform || o.state !== 'published') continue;
        const on = fake.posts.filter((x) => x.text === text);
        if (on.length !== 1) problems.push(`${platform}: ${o.what} is published, the platform has it ${on.length} times`);
        else if (on[0]!.id !== o.id) problems.push(`${platform}: ${o.what} recorded id ${o.id}, the platform has ${on[0]!.id}`);
      }
    }
    const pending =
      (db.prepare("SELECT count(*) AS n FROM targets WHERE state IN ('scheduled','publishing')").get() as { n: number }).n +
      (db.prepare("SELECT count(*) AS n FROM target_parts p JOIN targets t ON t.id = p.target_id WHERE t.state = 'published' AND p.state IN ('pending','publishing')").get() as { n: number }).n;
    return { integrity, states, pending, problems };
  } finally {
    db.close();
  }
}

export interface ImportFacts {
  integrity: string;
  imports: number;
  posts: number;
  targets: number;
  problems: string[];
}

/** Every import is wholly there or not at all: its posts and copies counted against what it recorded. */
export function importFacts(dataDir: string, rowsPerImport: number, platformsPerRow: number): ImportFacts {
  const db = open(dataDir);
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const imports = db.prepare('SELECT id, result FROM imports').all() as { id: string; result: string }[];
    const posts = (db.prepare("SELECT count(DISTINCT post_id) AS n FROM post_versions WHERE source = 'import'").get() as { n: number }).n;
    const targets = (db.prepare("SELECT count(*) AS n FROM targets t WHERE t.post_id IN (SELECT post_id FROM post_versions WHERE source = 'import')").get() as { n: number }).n;
    const problems: string[] = [];
    if (posts !== imports.length * rowsPerImport) problems.push(`${posts} imported posts for ${imports.length} imports of ${rowsPerImport} rows`);
    if (targets !== posts * platformsPerRow) problems.push(`${targets} copies for ${posts} imported posts`);
    for (const i of imports) {
      const r = JSON.parse(i.result) as { posts: number; postIds: string[] };
      const there = (db.prepare(`SELECT count(*) AS n FROM posts WHERE id IN (SELECT value FROM json_each(?))`).get(JSON.stringify(r.postIds)) as { n: number }).n;
      if (r.posts !== rowsPerImport || there !== rowsPerImport) problems.push(`import ${i.id}: says ${r.posts} posts, ${there} are there`);
    }
    return { integrity, imports: imports.length, posts, targets, problems };
  } finally {
    db.close();
  }
}

export interface MetricsFacts {
  integrity: string;
  snapshots: number;
  looks: number;
  problems: string[];
}

/** Each look that found numbers is one snapshot and one "ok" line in the check log, never one without the other. */
export function metricsFacts(dataDir: string): MetricsFacts {
  const db = open(dataDir);
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const rows = db
      .prepare(
        `SELECT c.target_id AS id, c.checks,
           (SELECT count(*) FROM metric_snapshots s WHERE s.target_id = c.target_id) AS snapshots,
           (SELECT count(*) FROM metric_check_log l WHERE l.target_id = c.target_id AND l.status = 'ok') AS oks,
           (SELECT count(*) FROM metric_check_log l WHERE l.target_id = c.target_id AND l.status <> 'rate_limited') AS counted
         FROM metric_checks c`,
      )
      .all() as { id: string; checks: number; snapshots: number; oks: number; counted: number }[];
    const problems: string[] = [];
    for (const r of rows) {
      if (r.snapshots !== r.oks) problems.push(`target ${r.id}: ${r.snapshots} snapshots for ${r.oks} successful looks`);
      if (r.checks !== r.counted) problems.push(`target ${r.id}: counts ${r.checks} looks, the log has ${r.counted}`);
    }
    return { integrity, snapshots: rows.reduce((n, r) => n + r.snapshots, 0), looks: rows.reduce((n, r) => n + r.counted, 0), problems };
  } finally {
    db.close();
  }
}
