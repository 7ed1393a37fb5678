/**
 * The work Loomcast does on a timer or in batches after a start pauses while the data folder is
 * moved (its connection read-only) and catches up once the move is over: the next copies of a
 * repeating post, the search index brought up to date, the length of older videos read.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PostDto } from '../../shared/contract';
import { SEARCH_WARM_MS } from '../../electron/core/features/calendar';
import { call, createTestCore, memoryVault, tempDir, type TestCore } from '../support/core';
import { endOf, readonlyWrites, settle, slowDisk } from '../support/held-move';
import { mp4 } from '../support/mp4';

const DAY = 24 * 60 * 60_000;

/** One number read from the workspace's database by a connection of its own. */
function count(dataDir: string, sql: string): number {
  const db = new Database(join(dataDir, 'loomcast.sqlite'), { readonly: true });
  try {
    return (db.prepare(sql).pluck().get() as number) ?? 0;
  } finally {
    db.close();
  }
}

describe('timed and batched background work during a move of the data folder', () => {
  let t: TestCore | null = null;
  const dirs: { remove(): void }[] = [];
  const dir = () => {
    const d = tempDir('loomcast-move-timers-');
    dirs.push(d);
    return d.path;
  };
  afterEach(async () => {
    await t?.close();
    t = null;
    for (const d of dirs.splice(0)) d.remove();
  });

  /** Starts a move held at its first file; `end` stops it (the creator) or lets it fail (the disk). */
  function heldMove(core: TestCore, end: 'stop' | 'fail') {
    const disk = slowDisk(1, { fail: end === 'fail' });
    const moving = endOf(core.core.services.moveWorkspaceTo(join(dir(), 'Loomcast'), { io: disk.io }));
    return {
      held: disk.atSlowFile,
      async over() {
        if (end === 'stop') expect(await call(core.core, 'desktop:cancelMove', {})).toEqual({ cancelled: true });
        disk.release();
        expect(await moving).toMatchObject({ ok: false, code: end === 'stop' ? 'cancelled' : 'internal' });
      },
    };
  }

  it('a repeating post’s next copy falling due during the move is made after it', async () => {
    t = await createTestCore({ vault: memoryVault() });
    const core = t;
    await core.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', credentials: { accessToken: 'a' } });
    // The fake clock's start is 10:00 in Berlin; the first of five daily copies goes out tomorrow.
    const tomorrow = new Date(core.clock.now() + DAY).toISOString().slice(0, 10);
    const origin = await call<PostDto>(core.core, 'posts:create', { text: 'Evergreen: batch a week of posts', platforms: ['mastodon'], schedule: { date: tomorrow, time: '09:00' } });
    await call(core.core, 'queue:setRecurrence', { postId: origin.id, everyDays: 1, until: { count: 5 } });
    const series = () => count(core.dataDir, `SELECT count(*) FROM posts WHERE id IN (SELECT post_id FROM post_versions WHERE text LIKE 'Evergreen%')`);
    const made = series();
    expect(made).toBeLessThan(5);

    const move = heldMove(core, 'stop');
    await move.held;
    // Days pass mid-copy (a slow disk, or a machine asleep): copies fall due to be made.
    core.clock.advance(2 * DAY);
    await settle();
    expect(series()).toBe(made);

    await move.over();
    await vi.waitFor(() => expect(series()).toBeGreaterThan(made), { timeout: 2_000, interval: 5 });
    expect(readonlyWrites(core.logFile)).toEqual([]);
  });

  it('the search index is brought up to date by the move before it holds; the background catch-up waits its whole delay again after', async () => {
    t = await createTestCore();
    const core = t;
    for (let i = 0; i < 5; i++) await call(core.core, 'posts:create', { text: `Note ${i} about posting times`, platforms: ['mastodon'], schedule: null });
    const unindexed = () => count(core.dataDir, 'SELECT count(*) FROM posts WHERE id NOT IN (SELECT post_id FROM post_search_docs)');
    expect(unindexed()).toBe(5);

    const move = heldMove(core, 'fail');
    await move.held;
    // The move itself brought the index up to date, once everything was paused and before the
    // database went read-only (a search mid-move finds every post: data-folder-move-search.test.ts)…
    expect(unindexed()).toBe(0);
    // …and the background catch-up's time passing mid-move starts nothing.
    core.clock.advance(SEARCH_WARM_MS + 1);
    await settle();

    await move.over();
    await call(core.core, 'posts:create', { text: 'Note made after the move', platforms: ['mastodon'], schedule: null });
    expect(unindexed()).toBe(1);
    // The whole delay again after the move, as after a start.
    core.clock.advance(SEARCH_WARM_MS - 1);
    await settle();
    expect(unindexed()).toBe(1);
    core.clock.advance(1);
    await vi.waitFor(() => expect(unindexed()).toBe(0), { timeout: 2_000, interval: 5 });
    expect(readonlyWrites(core.logFile)).toEqual([]);
  });

  it('the lengths of older videos read after a start wait between batches during the move, then are all read', async () => {
    const dataDir = dir();
    t = await createTestCore({ dataDir });
    await t.close();
    t = null;
    // Many videos as an older Loomcast left them (no length): many batches of the backfill.
    const db = new Database(join(dataDir, 'loomcast.sqlite'));
    const insert = db.prepare('INSERT INTO media (hash, mime, bytes, width, height, duration_ms, created_at) VALUES (?, ?, ?, NULL, NULL, NULL, 0)');
    const videos = 320;
    for (let i = 0; i < videos; i++) {
      const bytes = mp4({ seconds: 5 + i, width: 640, height: 360 });
      const hash = createHash('sha256').update(bytes).digest('hex');
      writeFileSync(join(dataDir, 'media', hash), bytes);
      insert.run(hash, 'video/mp4', bytes.byteLength);
    }
    db.close();
    const read = () => count(dataDir, `SELECT count(*) FROM media WHERE mime = 'video/mp4' AND duration_ms IS NOT NULL`);

    // The move begins as the core starts, before the backfill has gone through its batches.
    t = await createTestCore({ dataDir });
    const core = t;
    const move = heldMove(core, 'stop');
    await move.held;
    const during = read();
    expect(during).toBeLessThan(videos);
    await settle();
    expect(read()).toBe(during);

    await move.over();
    await vi.waitFor(() => expect(read()).toBe(videos), { timeout: 5_000, interval: 5 });
    expect(readonlyWrites(core.logFile)).toEqual([]);
  });
});
