import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../electron/core/store/open';
import { FALLBACK_AUTOCHECKPOINT_PAGES, SQLITE_AUTOCHECKPOINT_PAGES, startCheckpointThread, type CheckpointThread } from '../../electron/core/store/checkpoint-thread';
import { createTestCore, tempDir } from '../support/core';

// The database's checkpoints on their own thread (store/checkpoint-thread.ts): the app's
// connection no longer copies the -wal file into the database inside a commit.

type Result = { busy: number; log: number; checkpointed: number };

const opened: { store: Store; thread: CheckpointThread | null }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.thread?.close();
    if (o.store.db.open) o.store.close();
  }
});

function storeIn(dir: string): Store {
  const store = openStore(join(dir, 'loomcast.sqlite'));
  store.db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  return store;
}

/** Commits of ~1.6 MB each: about 400 pages apiece, past SQLite's own threshold after three. */
function fill(store: Store, commits: number): void {
  const insert = store.db.prepare('INSERT INTO filler (body) VALUES (?)');
  for (let c = 0; c < commits; c++) store.db.transaction(() => {
    for (let i = 0; i < 400; i++) insert.run('x'.repeat(4_000));
  })();
}

const warnings = () => {
  const seen: string[] = [];
  return { seen, log: { warn: (message: string, fields?: Record<string, unknown>) => void seen.push(`${message} ${JSON.stringify(fields ?? {})}`) } };
};

describe('the checkpoint thread', () => {
  it('leaves the commits to write only the -wal file, and moves its pages into the database itself', async () => {
    const dir = tempDir();
    const store = storeIn(dir.path);
    const results: Result[] = [];
    const { log, seen } = warnings();
    // A long interval: this test says when the thread checkpoints.
    const thread = startCheckpointThread(store.db, store.path, log, { intervalMs: 3_600_000, onCheckpoint: (r) => results.push(r) });
    opened.push({ store, thread });
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(FALLBACK_AUTOCHECKPOINT_PAGES);

    const before = statSync(store.path).size;
    fill(store, 6);
    // ~2,400 pages written: on its own the connection would have checkpointed twice, growing the file.
    expect(statSync(store.path).size).toBe(before);
    expect(statSync(`${store.path}-wal`).size).toBeGreaterThan(8_000_000);

    thread.now();
    await expect.poll(() => results.length).toBe(1);
    expect(results[0]!.busy).toBe(0);
    expect(results[0]!.log).toBeGreaterThan(SQLITE_AUTOCHECKPOINT_PAGES * 2);
    expect(results[0]!.checkpointed).toBe(results[0]!.log);
    expect(statSync(store.path).size).toBeGreaterThan(before + 8_000_000);
    // What the app's connection reads is the same before and after.
    expect(store.db.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 2_400 });
    expect(seen).toEqual([]);
  });

  it('checkpoints on its own, every interval', async () => {
    const store = storeIn(tempDir().path);
    const results: Result[] = [];
    const thread = startCheckpointThread(store.db, store.path, warnings().log, { intervalMs: 20, onCheckpoint: (r) => results.push(r) });
    opened.push({ store, thread });
    fill(store, 1);
    await expect.poll(() => results.some((r) => r.log > 0 && r.checkpointed === r.log), { timeout: 5_000 }).toBe(true);
  });

  it('waits while commits keep coming, and checkpoints once they stop', async () => {
    const store = storeIn(tempDir().path);
    const thread = startCheckpointThread(store.db, store.path, warnings().log, { intervalMs: 150, maxWaitTicks: 1_000 });
    opened.push({ store, thread });
    const before = statSync(store.path).size;
    const insert = store.db.prepare('INSERT INTO filler (body) VALUES (?)');
    // Small commits, one after another, for four ticks: the -wal file changes at every tick.
    for (const end = Date.now() + 600; Date.now() < end; ) insert.run('x'.repeat(2_000));
    expect(statSync(store.path).size).toBe(before);
    await expect.poll(() => statSync(store.path).size, { timeout: 5_000 }).toBeGreaterThan(before);
  });

  it('checkpoints after its longest wait even while commits keep coming', () => {
    const store = storeIn(tempDir().path);
    const thread = startCheckpointThread(store.db, store.path, warnings().log, { intervalMs: 50, maxWaitTicks: 2 });
    opened.push({ store, thread });
    const before = statSync(store.path).size;
    const insert = store.db.prepare('INSERT INTO filler (body) VALUES (?)');
    let grew = false;
    for (const end = Date.now() + 4_000; Date.now() < end && !grew; ) {
      insert.run('x'.repeat(2_000));
      grew = statSync(store.path).size > before;
    }
    expect(grew).toBe(true);
  });

  it('hands checkpoints back to the connection when it cannot open the database', async () => {
    const store = storeIn(tempDir().path);
    const { log, seen } = warnings();
    const thread = startCheckpointThread(store.db, store.path, log, { sqliteModule: join(tempDir().path, 'no-such-sqlite.js') });
    opened.push({ store, thread });
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]).toMatch(/^checkpoints are back on the main thread .*could not open the database/);
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(SQLITE_AUTOCHECKPOINT_PAGES);
  });

  it('says once that checkpoints fail, not at every try while they keep failing', async () => {
    const store = storeIn(tempDir().path);
    // A SQLite whose checkpoints fail as a full or failing disk makes them fail.
    const failing = join(tempDir().path, 'failing-sqlite.cjs');
    writeFileSync(failing, `module.exports = class { pragma(q) { if (q.startsWith('wal_checkpoint')) throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' }); } close() {} };`);
    const { log, seen } = warnings();
    const thread = startCheckpointThread(store.db, store.path, log, { sqliteModule: failing, intervalMs: 3_600_000 });
    opened.push({ store, thread });
    for (let i = 0; i < 3; i++) thread.now();
    await expect.poll(() => seen.length).toBe(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toEqual(['a checkpoint failed {"error":"disk I/O error"}']);
  });

  it('closes its connection before the app closes its own, which then removes the -wal file', async () => {
    const store = storeIn(tempDir().path);
    const thread = startCheckpointThread(store.db, store.path, warnings().log);
    fill(store, 1);
    await thread.close();
    store.close();
    expect(existsSync(`${store.path}-wal`)).toBe(false);
    // Closed for good: asking again does nothing.
    thread.now();
    await thread.close();
  });

  it('runs in a core started with it, which closes it', async () => {
    for (const checkpointThread of [false, true]) {
      const dir = tempDir();
      const file = join(dir.path, 'loomcast.sqlite');
      const core = await createTestCore({ dataDir: dir.path, checkpointThread });
      // A new database's schema is all in the -wal file until a checkpoint copies it over.
      const fresh = statSync(file).size;
      if (checkpointThread) await expect.poll(() => statSync(file).size, { timeout: 10_000 }).toBeGreaterThan(fresh + 100_000);
      else {
        await new Promise((r) => setTimeout(r, 600));
        expect(statSync(file).size).toBe(fresh);
      }
      await core.close();
      expect(existsSync(`${file}-wal`)).toBe(false);
      dir.remove();
    }
  });
});
