import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore, type Store } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

// Schema 2 → 3: a database with accounts and posts gains posting times and repeating series.
describe('migration 0003_queue_slots', () => {
  const dir = tempDir();
  const path = join(dir.path, 'db.sqlite');
  let store: Store;
  beforeAll(() => {
    const v2 = openStore(path, MIGRATIONS.slice(0, 2));
    v2.db.exec(`
      INSERT INTO accounts (id, platform, handle, created_at, updated_at) VALUES ('a1', 'mastodon', '@me@example.social', 1, 1);
      INSERT INTO accounts (id, platform, handle, created_at, updated_at) VALUES ('a2', 'x', 'me', 1, 1);
      INSERT INTO posts (id, created_at, updated_at) VALUES ('p1', 1, 1);
      INSERT INTO post_versions (post_id, number, text, created_at) VALUES ('p1', 1, 'from release two', 1);
      INSERT INTO targets (id, post_id, platform, account_id, scheduled_at, zone, state, created_at, updated_at)
        VALUES ('t1', 'p1', 'mastodon', 'a1', 1000, 'Europe/Berlin', 'scheduled', 1, 1);
      INSERT INTO posts (id, created_at, updated_at) VALUES ('p2', 1, 1);`);
    v2.close();
    store = openStore(path, MIGRATIONS.slice(0, 3));
  });
  afterAll(() => {
    store.close();
    dir.remove();
  });

  const run = (sql: string) => () => store.db.prepare(sql).run();

  it('keeps what schema 2 stored', () => {
    expect(store.schemaVersion).toBe(3);
    expect(store.db.prepare("SELECT account_id, scheduled_at, state FROM targets WHERE id = 't1'").get()).toEqual({ account_id: 'a1', scheduled_at: 1000, state: 'scheduled' });
    expect(store.db.prepare('SELECT count(*) AS n FROM queue_slots').get()).toEqual({ n: 0 });
  });

  it('stores weekly posting times once each, Monday 1 to Sunday 7, as HH:mm', () => {
    run("INSERT INTO queue_slots (account_id, weekday, time) VALUES ('a1', 1, '09:00')")();
    run("INSERT INTO queue_slots (account_id, weekday, time) VALUES ('a1', 7, '23:59')")();
    expect(run("INSERT INTO queue_slots (account_id, weekday, time) VALUES ('a1', 1, '09:00')")).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(run("INSERT INTO queue_slots (account_id, weekday, time) VALUES ('a1', 0, '09:00')")).toThrow(/CHECK/);
    expect(run("INSERT INTO queue_slots (account_id, weekday, time) VALUES ('a1', 8, '09:00')")).toThrow(/CHECK/);
    expect(run("INSERT INTO queue_slots (account_id, weekday, time) VALUES ('a1', 2, '24:00')")).toThrow(/CHECK/);
    expect(run("INSERT INTO queue_slots (account_id, weekday, time) VALUES ('a1', 2, '9:00')")).toThrow(/CHECK/);
    expect(run("INSERT INTO queue_slots (account_id, weekday, time) VALUES ('nobody', 2, '09:00')")).toThrow(/FOREIGN KEY/);
    // STRICT: a word is not a day.
    expect(run("INSERT INTO queue_slots (account_id, weekday, time) VALUES ('a1', 'two', '09:00')")).toThrow(/cannot store TEXT value in INTEGER column/);
  });

  it('drops an account’s times and zone with the account', () => {
    run("INSERT INTO queue_slots (account_id, weekday, time) VALUES ('a2', 3, '12:00')")();
    run("INSERT INTO queue_settings (account_id, zone, updated_at) VALUES ('a2', 'America/New_York', 1)")();
    run("DELETE FROM accounts WHERE id = 'a2'")();
    expect(store.db.prepare("SELECT count(*) AS n FROM queue_slots WHERE account_id = 'a2'").get()).toEqual({ n: 0 });
    expect(store.db.prepare("SELECT count(*) AS n FROM queue_settings WHERE account_id = 'a2'").get()).toEqual({ n: 0 });
  });

  it('keeps a series’ rule with exactly one end (a count or a date) and sane numbers', () => {
    const insert = (cols: string) => run(`INSERT INTO recurrences (origin_post_id, every_days, until_count, until_date, zone, start_date, local_time, created_at, updated_at) VALUES (${cols}, 1, 1)`);
    expect(insert("'p1', 7, NULL, NULL, 'Europe/Berlin', '2026-03-29', '09:00'")).toThrow(/CHECK/);
    expect(insert("'p1', 7, 5, '2026-05-01', 'Europe/Berlin', '2026-03-29', '09:00'")).toThrow(/CHECK/);
    expect(insert("'p1', 0, 5, NULL, 'Europe/Berlin', '2026-03-29', '09:00'")).toThrow(/CHECK/);
    expect(insert("'p1', 366, 5, NULL, 'Europe/Berlin', '2026-03-29', '09:00'")).toThrow(/CHECK/);
    expect(insert("'p1', 7, 1, NULL, 'Europe/Berlin', '2026-03-29', '09:00'")).toThrow(/CHECK/);
    expect(insert("'p1', 7, NULL, '2026-03-28', 'Europe/Berlin', '2026-03-29', '09:00'")).toThrow(/CHECK/);
    expect(insert("'p1', 7, NULL, '2026-05-01', 'Europe/Berlin', '2026-03-29', '9:00'")).toThrow(/CHECK/);
    insert("'p1', 7, NULL, '2026-05-01', 'Europe/Berlin', '2026-03-29', '09:00'")();
    expect(store.db.prepare("SELECT next_number FROM recurrences WHERE origin_post_id = 'p1'").get()).toEqual({ next_number: 2 });
  });

  it('links copies to their series; a deleted copy leaves its number taken, a deleted origin ends the series', () => {
    run("INSERT INTO recurrence_occurrences (origin_post_id, number, post_id, at, created_at) VALUES ('p1', 2, 'p2', 5000, 1)")();
    expect(run("INSERT INTO recurrence_occurrences (origin_post_id, number, post_id, at, created_at) VALUES ('p1', 1, NULL, 5000, 1)")).toThrow(/CHECK/);
    expect(run("INSERT INTO recurrence_occurrences (origin_post_id, number, post_id, at, created_at) VALUES ('p1', 3, 'p2', 6000, 1)")).toThrow(/UNIQUE/);
    run("DELETE FROM posts WHERE id = 'p2'")();
    expect(store.db.prepare("SELECT number, post_id FROM recurrence_occurrences WHERE origin_post_id = 'p1'").all()).toEqual([{ number: 2, post_id: null }]);
    run("DELETE FROM posts WHERE id = 'p1'")();
    expect(store.db.prepare('SELECT count(*) AS n FROM recurrences').get()).toEqual({ n: 0 });
    expect(store.db.prepare('SELECT count(*) AS n FROM recurrence_occurrences').get()).toEqual({ n: 0 });
  });

  it('indexes targets by account and time for the free-slot check', () => {
    const plan = store.db.prepare("EXPLAIN QUERY PLAN SELECT scheduled_at FROM targets WHERE account_id = 'a1' AND scheduled_at > 0").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('targets_account_time');
  });
});
