import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { BackupDto } from '../../shared/contract/features/backups';
import { FIRST_DAILY_DELAY_MS } from '../../electron/core/features/backups';
import { MIGRATIONS } from '../../electron/core/store/migrations';
import type { RestartableCore } from '../../electron/core/restartable';
import { FakeClock } from '../support/clock';
import { call, createTestCore, restartableCore, tempDir, type TestCore } from '../support/core';

const DAY = 86_400_000;

const draft = (core: RestartableCore | TestCore['core'], text: string) => call<PostDto>(core, 'posts:create', { text, platforms: ['x'], schedule: null });
const draftIds = async (core: RestartableCore) => (await call<PostDto[]>(core, 'posts:list', { scope: 'drafts' })).map((p) => p.id);

describe('restoring a backup from Settings', () => {
  const dirs: { remove(): void }[] = [];
  let core: RestartableCore | null = null;
  afterEach(async () => {
    await core?.close();
    core = null;
    dirs.splice(0).forEach((d) => d.remove());
  });

  it('reopens the running core on the chosen backup, keeps listeners, and backs up what it replaces', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const clock = new FakeClock();
    core = await restartableCore(dir.path, clock);
    const events: string[] = [];
    core.subscribe((event) => events.push(event));

    const before = await draft(core, 'There before the backup');
    const backup = await call<BackupDto>(core, 'backups:create');
    expect(backup).toMatchObject({ kind: 'manual', schemaVersion: null, takenAt: new Date(clock.now()).toISOString() });
    clock.advance(60_000);
    const after = await draft(core, 'Written after the backup');
    expect(await draftIds(core)).toEqual(expect.arrayContaining([before.id, after.id]));

    events.length = 0;
    expect(await core.dispatch('backups:restore', { name: backup.name })).toMatchObject({ ok: true, value: { restored: { name: backup.name } } });
    // The answer comes before the core has reopened; a request made now waits for it and sees the restored data.
    expect(await draftIds(core)).toEqual([before.id]);
    // Listeners (the tray, other windows) are told the reopened core's settings, publishing status and accounts.
    expect(events).toEqual(expect.arrayContaining(['settings:changed', 'publishing:changed', 'accounts:changed']));

    // What was replaced was backed up first, and can itself be restored.
    const { backups } = await call<{ backups: BackupDto[] }>(core, 'backups:list');
    const safety = backups.find((b) => b.kind === 'pre-restore');
    expect(safety).toBeDefined();
    expect(existsSync(join(dir.path, 'restore-pending.sqlite'))).toBe(false);

    // Listeners subscribed before the restart hear the new core's events.
    events.length = 0;
    await draft(core, 'After the restore');
    expect(events).toContain('posts:changed');

    await call(core, 'backups:restore', { name: safety!.name });
    expect(await draftIds(core)).toEqual(expect.arrayContaining([before.id, after.id]));
  });

  it('refuses a name that is not in the list, and a core that cannot reopen itself', async () => {
    const dir = tempDir();
    dirs.push(dir);
    core = await restartableCore(dir.path, new FakeClock());
    const missing = await core.dispatch('backups:restore', { name: 'loomcast-manual-20200101T000000000Z.sqlite' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const path = await core.dispatch('backups:restore', { name: '../loomcast.sqlite' });
    expect(path).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    // A backup written by a newer Loomcast would be refused after it replaced the database: refused before.
    const newer = await call<BackupDto>(core, 'backups:create');
    const file = new Database(join(dir.path, 'backups', newer.name));
    file.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, 0)').run(MIGRATIONS.length + 1, 'from_the_future', 'f'.repeat(64));
    file.close();
    const refused = await core.dispatch('backups:restore', { name: newer.name });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('newer version of Loomcast') } });
    expect(existsSync(join(dir.path, 'restore-pending.sqlite'))).toBe(false);

    const plain = await createTestCore();
    const made = await call<BackupDto>(plain.core, 'backups:create');
    expect(await plain.core.dispatch('backups:restore', { name: made.name })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await plain.close();
  });
});

describe('the daily backup', () => {
  let t: TestCore | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  it('runs on the injected clock a few minutes after start, then once a day, keeping the last 7', async () => {
    t = await createTestCore();
    const list = async () => (await call<{ backups: BackupDto[] }>(t!.core, 'backups:list')).backups.filter((b) => b.kind === 'daily');
    expect(await list()).toEqual([]);
    // Each backup is copied and checked on a worker thread: the list has it once that is done.
    t.clock.advance(FIRST_DAILY_DELAY_MS);
    await t.core.services.backups.idle();
    const [first] = await list();
    expect(first?.takenAt).toBe(new Date(t.clock.now()).toISOString());

    t.clock.advance(DAY - 1);
    await t.core.services.backups.idle();
    expect(await list()).toHaveLength(1);
    t.clock.advance(1);
    await t.core.services.backups.idle();
    expect(await list()).toHaveLength(2);

    // Nine days at once: nine backups, each named for its day, the last 7 kept.
    t.clock.advance(9 * DAY);
    await t.core.services.backups.idle();
    const kept = await list();
    expect(kept).toHaveLength(7);
    expect(kept[0]!.takenAt).toBe(new Date(t.clock.now()).toISOString());
    expect(kept[6]!.takenAt).toBe(new Date(t.clock.now() - 6 * DAY).toISOString());
  });

  it('Back up now is taken beside other work: a post made while it runs is saved before it is done', async () => {
    t = await createTestCore();
    // A few megabytes to copy, as a creator's history has (a scratch table of its own).
    const side = new Database(join(t.dataDir, 'loomcast.sqlite'));
    side.exec("CREATE TABLE scratch (body TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) INSERT INTO scratch SELECT printf('%0200d', i) FROM n");
    side.close();
    let done = false;
    const backup = call<BackupDto>(t.core, 'backups:create').then((b) => ((done = true), b));
    // A turn of the event loop: a backup taken on this thread would be over by now.
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Written during the backup', platforms: ['x'], schedule: null });
    expect(done).toBe(false);
    expect((await backup).kind).toBe('manual');
    expect((await call<PostDto>(t.core, 'posts:get', { id: post.id })).text).toBe('Written during the backup');
  });

  it('after a restart waits for the day to be up rather than backing up at every start', async () => {
    t = await createTestCore();
    t.clock.advance(FIRST_DAILY_DELAY_MS);
    // The close waits for the backup under way.
    t = await t.restart();
    const daily = async () => (await call<{ backups: BackupDto[] }>(t!.core, 'backups:list')).backups.filter((b) => b.kind === 'daily');
    expect(await daily()).toHaveLength(1);
    t.clock.advance(DAY - FIRST_DAILY_DELAY_MS);
    await t.core.services.backups.idle();
    expect(await daily()).toHaveLength(1);
    t.clock.advance(FIRST_DAILY_DELAY_MS);
    await t.core.services.backups.idle();
    expect(await daily()).toHaveLength(2);
  });
});
