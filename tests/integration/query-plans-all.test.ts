import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../support/core';
import { seedPosts } from '../support/seed-scale';

/**
 * Every statement the core prepares as it starts (nearly all of them: modules prepare what they
 * run up front), planned on a seeded database without statistics as a creator's is: none walks a
 * table that grows with the history (posts, their versions, copies, parts, numbers) unless it is
 * listed below with why. The named hot queries have their own, stricter checks
 * (query-plans-posts and -publishing); this one catches the read nobody named, as a voice's
 * examples were (every post on each draft, ~23 s at 100,000 posts).
 */
const GROWING = ['posts', 'post_versions', 'targets', 'target_parts', 'metric_snapshots', 'metric_latest', 'metric_daily', 'metric_at_age', 'metric_checks', 'post_media', 'audit_log'];

/** Reads that are whole by nature, each with why; matched by a piece of their SQL. */
const WHOLE_BY_NATURE: { sql: RegExp; why: string }[] = [
  {
    sql: /FROM targets t NOT INDEXED\s+JOIN posts p ON p\.id = t\.post_id\s+JOIN post_versions v[\s\S]*@from IS NULL OR coalesce\(t\.published_at, t\.scheduled_at\) >= @from/,
    why: 'An export open at an end lists every dated copy (everything, or from today on), a subscribed calendar everything from 90 days back: index ranges measured slower for the subscription (484 ms against 266 at 100,000 posts). A range closed at both ends seeks targets_export_at.',
  },
  {
    sql: /^\s*(DELETE FROM metric_(latest|daily|at_age)\s*$|INSERT INTO metric_(latest|daily) [\s\S]*FROM \(SELECT \*, [\s\S]*row_number\(\) OVER \(PARTITION BY target_id|INSERT INTO metric_at_age [\s\S]*IN \(SELECT DISTINCT target_id FROM metric_snapshots\)|WITH f AS [\s\S]*INSERT INTO metric_account_daily [\s\S]*FROM h GROUP BY account_id, platform, day)/,
    why: 'The rollups derived again from every snapshot (analytics/rollups.ts rebuild: after an import, or to check them).',
  },
  {
    sql: /^SELECT min\(at\) AS lo, max\(at\) AS hi FROM metric_snapshots$/,
    why: "The span of every snapshot, read just before the daily rollups are counted again in the creator's zone (that rebuild reads every snapshot too): once per change of zone.",
  },
];

/** The names (tables and their aliases) under which a statement reads a growing table. */
function growingNames(sql: string): Set<string> {
  const names = new Set(GROWING);
  const re = new RegExp(`\\b(${GROWING.join('|')})\\s+(?:AS\\s+)?([a-z_]\\w*)`, 'gi');
  const keywords = new Set(['where', 'join', 'on', 'indexed', 'not', 'group', 'order', 'left', 'inner', 'cross', 'limit', 'and', 'or', 'as', 'using', 'set', 'values', 'select']);
  for (const m of sql.matchAll(re)) if (!keywords.has(m[2]!.toLowerCase())) names.add(m[2]!);
  return names;
}

let t: TestCore;
let db: Database.Database;
const prepared = new Set<string>();

beforeAll(async () => {
  const original = Database.prototype.prepare;
  // Each statement the core prepares while it starts, as written.
  Database.prototype.prepare = function (this: Database.Database, source: string) {
    prepared.add(source);
    return original.call(this, source);
  } as typeof original;
  try {
    t = await createTestCore();
  } finally {
    Database.prototype.prepare = original;
  }
  seedPosts(t.dataDir, 3000, t.clock);
  db = new Database(`${t.dataDir}/loomcast.sqlite`, { readonly: true });
});

afterAll(async () => {
  db?.close();
  await t?.close();
});

function planOf(sql: string): string[] | null {
  let statement: Database.Statement;
  try {
    statement = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  } catch {
    return null;
  }
  const named = Object.fromEntries([...sql.matchAll(/[:@$]([A-Za-z_]\w*)/g)].map((m) => [m[1]!, null]));
  const positional = (sql.match(/\?/g) ?? []).length;
  const rows = (Object.keys(named).length > 0 ? statement.all(named) : statement.all(...new Array(positional).fill(null))) as { detail: string }[];
  return rows.map((r) => r.detail);
}

/** A plan's walks of a growing table: SCAN of one, unless in an index's order and stopped by a LIMIT. */
function walks(sql: string, plan: string[]): string[] {
  const names = growingNames(sql);
  const limited = /\bLIMIT\b/i.test(sql);
  return plan.filter((d) => {
    // Every copy that went out, by the index of published copies with nothing narrowing it but the
    // state (published_at>? is "published_at IS NOT NULL"): a walk of the whole history by another name.
    const everyPublished = /^SEARCH (\w+) USING (COVERING )?INDEX targets_published \(state=\?( AND published_at>\?)?\)$/.exec(d);
    if (everyPublished && names.has(everyPublished[1]!)) return !limited && !/published_at\s*(>=?|BETWEEN)\s*[?:@$]/i.test(sql);
    const m = /^SCAN (\w+)/.exec(d);
    if (!m || !names.has(m[1]!)) return false;
    return !(limited && /USING (COVERING )?INDEX/.test(d));
  });
}

describe('every statement the core prepares', () => {
  it('reads the tables that grow with the history through an index, or is whole by nature and says why', () => {
    const checked: string[] = [];
    const found: { sql: string; walks: string[] }[] = [];
    for (const sql of prepared) {
      if (!/^\s*(WITH|SELECT|UPDATE|DELETE|INSERT)\b/i.test(sql)) continue;
      const plan = planOf(sql);
      if (plan === null) continue;
      checked.push(sql);
      const w = walks(sql, plan);
      if (w.length > 0 && !WHOLE_BY_NATURE.some((x) => x.sql.test(sql))) found.push({ sql: sql.replace(/\s+/g, ' ').trim().slice(0, 300), walks: w });
    }
    // Not a check of nothing: the core prepares a few hundred statements as it starts.
    expect(checked.length).toBeGreaterThan(250);
    expect(found).toEqual([]);
    // Each exception still exists (and still walks): an entry nothing matches is stale.
    for (const x of WHOLE_BY_NATURE) expect(checked.some((sql) => x.sql.test(sql)), x.why).toBe(true);
  });

  it('reads every index of a table that grows with the history: one nothing reads is a write for nothing', () => {
    const read = new Set<string>();
    for (const sql of prepared) {
      if (!/^\s*(WITH|SELECT|UPDATE|DELETE|INSERT)\b/i.test(sql)) continue;
      for (const d of planOf(sql) ?? []) for (const m of d.matchAll(/INDEX (\w+)/g)) read.add(m[1]!);
    }
    const indexes = db.prepare(`SELECT name, tbl_name AS tbl FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex_%'`).all() as { name: string; tbl: string }[];
    const growing = indexes.filter((i) => GROWING.includes(i.tbl));
    expect(growing.length).toBeGreaterThan(10);
    expect(growing.filter((i) => !read.has(i.name)).map((i) => `${i.tbl}.${i.name}`)).toEqual([]);
  });

  it('catches a walk (the check itself works)', () => {
    const sql = `SELECT p.id FROM posts p JOIN post_versions v ON v.post_id = p.id WHERE v.text LIKE '%soup%'`;
    expect(walks(sql, planOf(sql)!)).not.toEqual([]);
    const limited = `SELECT p.id FROM posts p INDEXED BY posts_updated ORDER BY p.updated_at DESC LIMIT 5`;
    expect(walks(limited, planOf(limited)!)).toEqual([]);
  });
});
