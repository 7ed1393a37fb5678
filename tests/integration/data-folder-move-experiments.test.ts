/**
 * Reading an experiment while the data folder is moved: experiments:get and experiments:list are
 * reads, but the first read after a running experiment's stopping rule has spoken records the
 * decision, a write the read-only connection refused ("attempt to write a readonly database").
 * During the hold the verdict is shown as it stands; the first read after the hold records it.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRollups } from '../../electron/core/analytics/rollups';
import type { ExperimentDto, ExperimentSummaryDto } from '../../shared/contract/features/experiments';
import { call, createTestCore, memoryVault, tempDir, type TestCore } from '../support/core';
import { endOf, readonlyWrites, slowDisk } from '../support/held-move';

const DAY = 86_400_000;

describe('reading an experiment while the data folder is moved', () => {
  let t: TestCore | null = null;
  const dirs: { remove(): void }[] = [];
  afterEach(async () => {
    await t?.close();
    t = null;
    for (const d of dirs.splice(0)) d.remove();
  });

  /** Marks the post's copy published two days ago with its numbers a day after, as the metrics sweep would record them. */
  function publish(postId: string, values: { views: number; likes: number }) {
    const db = new Database(join(t!.dataDir, 'loomcast.sqlite'));
    db.pragma('busy_timeout = 5000');
    try {
      const publishedAt = t!.clock.now() - 2 * DAY;
      const rows = db.prepare("UPDATE targets SET state = 'published', published_at = ? WHERE post_id = ? RETURNING id").all(publishedAt, postId) as { id: string }[];
      for (const r of rows) createRollups(db).record(r.id, publishedAt + DAY, values);
    } finally {
      db.close();
    }
  }

  it('shows a verdict reached just before the move without recording it; the first read after a stopped move records it', async () => {
    t = await createTestCore({ vault: memoryVault() });
    const account = await t.core.services.accounts.add({ platform: 'x', handle: 'me', credentials: { accessToken: 'a' } });
    await call(t.core, 'queue:setSlots', { accountId: account.id, slots: [{ weekday: 1, time: '09:00' }, { weekday: 3, time: '12:00' }, { weekday: 5, time: '17:30' }] });
    const e = await call<ExperimentDto>(t.core, 'experiments:create', { name: 'Hooks', arms: [{ text: 'Version A: short and plain' }, { text: 'Version B: a question first?' }], accountIds: [account.id], postsPerArm: 5 });
    const byArm = (arm: number) => e.posts.filter((p) => p.arm === arm).map((p) => p.postId);
    // The numbers that meet the stopping rule came in, and nobody has looked since.
    for (let i = 0; i < 5; i++) {
      publish(byArm(0)[i]!, { views: 1000, likes: 95 + i * 3 });
      publish(byArm(1)[i]!, { views: 1000, likes: 9 + i });
    }
    for (let i = 0; i < 3; i++) t.core.services.media.put(Buffer.alloc(1000 + i, i + 1), 'image/jpeg');

    const d = tempDir('loomcast-move-experiments-');
    dirs.push(d);
    const disk = slowDisk(2);
    const moving = endOf(t.core.services.moveWorkspaceTo(join(d.path, 'Loomcast'), { io: disk.io }));
    await disk.atSlowFile;

    // Mid-copy: the verdict is there, the decision not yet recorded.
    expect(await call<ExperimentDto>(t.core, 'experiments:get', { id: e.id })).toMatchObject({ state: 'running', result: { state: 'winner', winner: 0 } });
    expect((await call<ExperimentSummaryDto[]>(t.core, 'experiments:list'))[0]).toMatchObject({ id: e.id, state: 'running', verdict: 'winner', winnerLabel: 'A' });
    expect(readonlyWrites(t.logFile)).toEqual([]);

    expect(await call(t.core, 'desktop:cancelMove', {})).toEqual({ cancelled: true });
    disk.release();
    expect(await moving).toMatchObject({ ok: false, code: 'cancelled' });
    expect(await call<ExperimentDto>(t.core, 'experiments:get', { id: e.id })).toMatchObject({ state: 'decided', result: { state: 'winner', winner: 0 } });
    expect(readonlyWrites(t.logFile)).toEqual([]);
  });
});
