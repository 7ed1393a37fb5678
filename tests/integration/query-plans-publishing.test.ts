/**
 * The scheduler's reads run on every wake and every lane round, at 100 posts or 100,000: each
 * must seek through an index. This reads SQLite's plan for each and fails on a full scan of the
 * posts, their copies, versions or thread parts. Scanning `accounts` (a handful of rows, one lane
 * each) is by design, as is walking the partial index that holds only the parts not yet out.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULER_READS } from '../../electron/core/publishing/publish-queue';
import { openStore, type Store } from '../../electron/core/store/open';
import { tempDir } from '../support/core';

/** Plan lines allowed to start with SCAN. */
const ALLOWED_SCANS = [/^SCAN a$/, /^SCAN json_each VIRTUAL TABLE/, /^SCAN p USING INDEX target_parts_open$/, /^SCAN p USING INDEX target_parts_retry$/];
const WATCHED = /\b(posts|targets|post_versions|target_parts|t|p|v)\b/;

const dir = tempDir();
let store: Store;

beforeAll(() => {
  store = openStore(join(dir.path, 'db.sqlite'));
  // Some rows of every kind the reads touch, so each read also runs (not only plans).
  store.db.exec(`INSERT INTO accounts (id, platform, handle, status, created_at, updated_at) VALUES ('a1', 'mastodon', '@a', 'connected', 1, 1), ('a2', 'bluesky', 'b', 'rate_limited', 1, 1);`);
  const post = store.db.prepare('INSERT INTO posts (id, created_at, updated_at) VALUES (?, 1, 1)');
  const version = store.db.prepare(`INSERT INTO post_versions (post_id, number, text, created_at) VALUES (?, 1, 'Hello', 1)`);
  const target = store.db.prepare(`INSERT INTO targets (id, post_id, platform, account_id, state, scheduled_at, next_attempt_at, created_at, updated_at) VALUES (?, ?, 'mastodon', ?, ?, ?, ?, 1, 1)`);
  const states = ['published', 'published', 'published', 'scheduled', 'publishing', 'failed', 'draft'] as const;
  store.db.transaction(() => {
    for (let i = 0; i < 700; i++) {
      post.run(`p${i}`);
      version.run(`p${i}`);
      const state = states[i % states.length]!;
      target.run(`t${i}`, `p${i}`, i % 5 === 0 ? null : 'a1', state, 1_000 + i, state === 'publishing' ? 2_000 + i : null);
    }
    store.db.exec(`INSERT INTO target_parts (target_id, position, kind, text, state) VALUES ('t0', 1, 'thread', 'Part 2', 'pending'), ('t1', 1, 'thread', 'Part 2', 'published'), ('t2', 1, 'comment', 'First comment', 'publishing')`);
    // t1's third part waits for its retry (schema 18).
    store.db.exec(`INSERT INTO target_parts (target_id, position, kind, text, state, attempts, next_attempt_at) VALUES ('t1', 2, 'thread', 'Part 3', 'pending', 1, 1001)`);
  })();
});
afterAll(() => {
  store.close();
  dir.remove();
});

const params = (sql: string): Record<string, unknown> | unknown[] => {
  if (!sql.includes('@')) return (sql.match(/\?/g) ?? []).map(() => 1_500);
  const named: Record<string, unknown> = {};
  if (sql.includes('@except')) named.except = JSON.stringify(['a2']);
  if (sql.includes('@now')) named.now = 1_500;
  if (sql.includes('@account')) named.account = 'a1';
  if (sql.includes('@limit')) named.limit = 50;
  return named;
};

const planOf = (sql: string): string[] => {
  const p = params(sql);
  const stmt = store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  return (Array.isArray(p) ? stmt.all(...p) : stmt.all(p)).map((r) => (r as { detail: string }).detail);
};

describe('query plans of the scheduler’s reads', () => {
  it.each(Object.keys(SCHEDULER_READS) as (keyof typeof SCHEDULER_READS)[])('%s seeks through an index', (name) => {
    const sql = SCHEDULER_READS[name];
    const plan = planOf(sql);
    const fullScans = plan.filter((line) => line.startsWith('SCAN') && !ALLOWED_SCANS.some((ok) => ok.test(line)));
    expect(fullScans, `${name}:\n${plan.join('\n')}`).toEqual([]);
    // Every copy, version or part it reads is found through an index or its primary key.
    for (const line of plan.filter((l) => l.startsWith('SEARCH') && WATCHED.test(l))) expect(line).toMatch(/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/);
    // And the read runs on this schema.
    const p = params(sql);
    const stmt = store.db.prepare(sql);
    expect(() => (Array.isArray(p) ? stmt.all(...p) : stmt.all(p))).not.toThrow();
  });

  it('finds unfinished chains from their open parts, not by walking every published copy', () => {
    expect(planOf(SCHEDULER_READS.unfinishedChains)[0]).toMatch(/^SEARCH t USING INDEX sqlite_autoindex_targets_1 \(id=\?\)/);
  });

  it('finds the next wake through each account’s copies (and the unbound ones), not by walking every scheduled copy', () => {
    // targets_due (state, scheduled_at) would also "seek", then read every scheduled copy in time
    // order looking for one with no account: about 45 ms at 100,000 posts, after every create.
    const plan = planOf(SCHEDULER_READS.nextWake);
    const reads = plan.filter((line) => line.startsWith('SEARCH t ') && !line.includes('(id=?)'));
    expect(reads.length).toBe(3);
    for (const line of reads) expect(line).toMatch(/USING (COVERING )?INDEX targets_account_due \(account_id=\? AND state=\?\)/);
    // Parts waiting for a retry are found from the few waiting parts, each copy then by its id.
    expect(plan.join('\n')).toMatch(/SEARCH p USING INDEX target_parts_retry \(next_attempt_at>\?\)\nSEARCH t USING INDEX sqlite_autoindex_targets_1 \(id=\?\)/);
  });

  it('finds the threads waiting for a part’s retry from the waiting parts, never from an account’s every copy', () => {
    for (const name of ['nextWake', 'accountsWithWork', 'chainsDueFor'] as const) {
      const plan = planOf(SCHEDULER_READS[name]).join('\n');
      expect(plan, name).toContain('target_parts_retry');
      expect(plan, name).not.toContain('targets_account_time');
    }
  });

  it('reads the expected rows through those plans', () => {
    const run = (name: keyof typeof SCHEDULER_READS) => {
      const sql = SCHEDULER_READS[name];
      const p = params(sql);
      const stmt = store.db.prepare(sql);
      return (Array.isArray(p) ? stmt.all(...p) : stmt.all(p)) as Record<string, unknown>[];
    };
    // The earliest copy of a1 that is scheduled or waits to be checked; a2's lane is "running".
    // t1's waiting part (1,001) comes before a1's earliest scheduled copy (1,003).
    expect(run('nextWake')).toEqual([{ at: 1_001 }]);
    expect(run('accountsWithWork').map((r) => r.id)).toEqual(['a1']);
    const due = run('dueFor');
    expect(due.length).toBeGreaterThan(0);
    expect(due.every((r) => r.state === 'scheduled' && r.account_id === 'a1' && r.text === 'Hello')).toBe(true);
    expect(due.map((r) => r.scheduled_at)).toEqual([...due.map((r) => r.scheduled_at as number)].sort((x, y) => x - y));
    // t0's part is open but it has no account; t1's third part waits for its retry.
    expect(run('unfinishedChains').map((r) => r.id).sort()).toEqual(['t1', 't2']);
    expect(run('chainsDueFor').map((r) => r.id)).toEqual(['t1']);
    expect(run('inFlight').every((r) => r.state === 'publishing' && r.account_id !== null)).toBe(true);
  });
});
