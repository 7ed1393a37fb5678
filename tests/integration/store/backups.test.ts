import { existsSync, openSync, readdirSync, readFileSync, statSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../../shared/contract';
import type { BackupDto } from '../../../shared/contract/features/backups';
import { backupFileName } from '../../../electron/core/store/backup-files';
import { checkDatabaseFile, createBackup, createBackupOffThread, listBackups } from '../../../electron/core/store/backups';
import { StoreRefusedError } from '../../../electron/core/store/errors';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore } from '../../../electron/core/store/open';
import { backupDate, stageLatestBackup } from '../../../electron/core/store/recovery';
import { call, createTestCore, tempDir } from '../../support/core';

const POSIX = process.platform !== 'win32';
const DAY = 86_400_000;

describe('backups of the database', () => {
  const dirs: { remove(): void }[] = [];
  const fresh = () => {
    const d = tempDir();
    dirs.push(d);
    return d.path;
  };
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  it('removes a half-written backup a crash left behind when it takes the next one', () => {
    const dir = fresh();
    const store = openStore(join(dir, 'loomcast.sqlite'));
    createBackup({ db: store.db, dir: join(dir, 'backups'), kind: 'manual', takenAt: 1_000 });
    // What SIGKILL during VACUUM INTO leaves (the crash suite finds these): never offered, as big as the database.
    const partial = join(dir, 'backups', `${backupFileName('daily', 2_000)}.partial`);
    closeSync(openSync(partial, 'w'));
    expect(listBackups(join(dir, 'backups'))).toHaveLength(1);
    createBackup({ db: store.db, dir: join(dir, 'backups'), kind: 'manual', takenAt: 3_000 });
    store.close();
    expect(readdirSync(join(dir, 'backups')).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(listBackups(join(dir, 'backups'))).toHaveLength(2);
  });

  it('copies an existing database aside, checked and owner-only, before a migration run changes it', () => {
    const dir = fresh();
    const path = join(dir, 'loomcast.sqlite');
    const older = MIGRATIONS.slice(0, 3);
    const first = openStore(path, older, () => 1_000);
    first.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('marker', JSON.stringify('before the update'));
    first.close();
    expect(listBackups(join(dir, 'backups'))).toEqual([]);

    const takenAt = Date.UTC(2026, 5, 1, 12);
    const store = openStore(path, MIGRATIONS, () => takenAt);
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    store.close();

    const [backup, ...others] = listBackups(join(dir, 'backups'));
    expect(others).toEqual([]);
    expect(backup).toMatchObject({ kind: 'pre-migration', schemaVersion: 3, takenAt, name: backupFileName('pre-migration', takenAt, 3) });
    expect(backup!.name).toBe('loomcast-pre-migration-v0003-20260601T120000000Z.sqlite');
    if (POSIX) expect(statSync(backup!.path).mode & 0o777).toBe(0o600);
    // The copy is the database as it was before: schema 3, with its data, and sound.
    const copy = new Database(backup!.path, { readonly: true });
    expect(copy.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: 3 });
    expect(copy.prepare("SELECT value FROM settings WHERE key = 'marker'").get()).toEqual({ value: JSON.stringify('before the update') });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    expect(readdirSync(join(dir, 'backups')).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('takes no pre-migration backup of a new database or of one that is up to date', () => {
    const dir = fresh();
    const path = join(dir, 'loomcast.sqlite');
    openStore(path).close();
    openStore(path).close();
    expect(listBackups(join(dir, 'backups'))).toEqual([]);
  });

  it('rotates only after the new backup is written: 9 daily backups leave the newest 7', () => {
    const dir = fresh();
    const db = new Database(join(dir, 'x.sqlite'));
    db.exec('CREATE TABLE t (v INTEGER)');
    const t0 = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 9; i++) createBackup({ db, dir: join(dir, 'backups'), kind: 'daily', takenAt: t0 + i * DAY });
    createBackup({ db, dir: join(dir, 'backups'), kind: 'manual', takenAt: t0 });
    db.close();
    const left = listBackups(join(dir, 'backups'));
    expect(left.filter((b) => b.kind === 'daily').map((b) => b.takenAt)).toEqual([8, 7, 6, 5, 4, 3, 2].map((i) => t0 + i * DAY));
    expect(left.filter((b) => b.kind === 'manual')).toHaveLength(1);
  });

  it('never rotates away the backup it just wrote, even after backups named by a clock that ran ahead', () => {
    const dir = fresh();
    const db = new Database(join(dir, 'x.sqlite'));
    db.exec('CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1)');
    const backups = join(dir, 'backups');
    // Seven daily backups taken while the machine's clock was a few years ahead.
    const ahead = Date.UTC(2031, 0, 1);
    for (let i = 0; i < 7; i++) createBackup({ db, dir: backups, kind: 'daily', takenAt: ahead + i * DAY });
    db.exec('INSERT INTO t VALUES (2)');
    const now = Date.UTC(2026, 5, 1);
    const entry = createBackup({ db, dir: backups, kind: 'daily', takenAt: now });
    db.close();
    // The new one (the only one with row 2) stays; one of the stale ones goes instead.
    expect(existsSync(entry.path)).toBe(true);
    const daily = listBackups(backups).filter((b) => b.kind === 'daily');
    expect(daily).toHaveLength(7);
    expect(daily.map((b) => b.takenAt)).toContain(now);
    expect(daily.map((b) => b.takenAt)).not.toContain(ahead);
  });
});

/** Overwrites real pages in the middle of the file with garbage, as a failing disk would. */
function corrupt(path: string): void {
  const size = statSync(path).size;
  const pageSize = 4096;
  const fd = openSync(path, 'r+');
  const garbage = Buffer.alloc(pageSize * 4, 0xa5);
  // Page 1 (header and schema) stays, so SQLite opens the file and the integrity check finds the damage.
  writeSync(fd, garbage, 0, Math.min(garbage.length, size - pageSize * 2), pageSize * 2);
  closeSync(fd);
}

describe('backups taken while the app runs', () => {
  const dirs: { remove(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
  /** The app's database with `rows` notes in it, open as the app keeps it (WAL). */
  const running = (rows: number) => {
    const d = tempDir();
    dirs.push(d);
    const store = openStore(join(d.path, 'loomcast.sqlite'));
    store.db.exec('CREATE TABLE notes (body TEXT)');
    const put = store.db.prepare('INSERT INTO notes VALUES (?)');
    store.db.transaction(() => {
      for (let i = 0; i < rows; i++) put.run(`note ${i} ${'x'.repeat(200)}`);
    })();
    return { store, dir: join(d.path, 'backups') };
  };

  it('copies and checks on a worker thread: the app goes on writing meanwhile, and the copy is whole and sound', async () => {
    const { store, dir } = running(20_000);
    let done = false;
    const backup = createBackupOffThread({ db: store.db, dir, kind: 'manual', takenAt: 5_000 }).then((b) => ((done = true), b));
    // This thread is free while the worker copies: these writes commit before the backup is done.
    for (let i = 0; i < 5; i++) {
      store.db.prepare('INSERT INTO notes VALUES (?)').run(`written while backing up ${i}`);
      await new Promise((r) => setImmediate(r));
    }
    expect(done).toBe(false);
    const entry = await backup;
    expect(entry).toMatchObject({ kind: 'manual', takenAt: 5_000 });
    if (POSIX) expect(statSync(entry.path).mode & 0o777).toBe(0o600);
    const copy = new Database(entry.path, { readonly: true });
    // A snapshot: every note committed before it, whatever came after.
    expect((copy.prepare('SELECT count(*) AS n FROM notes WHERE body LIKE ?').get('note %') as { n: number }).n).toBe(20_000);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    store.close();
  });

  it('is taken on this thread when the worker cannot load SQLite, and says so', async () => {
    const { store, dir } = running(10);
    const why: string[] = [];
    const entry = await createBackupOffThread({ db: store.db, dir, kind: 'manual', takenAt: 6_000, sqliteModule: join(dir, 'no-such-sqlite.js'), fellBack: (w) => why.push(w) });
    expect(why).toHaveLength(1);
    expect(why[0]).toContain('no-such-sqlite');
    expect(listBackups(dir).map((b) => b.name)).toEqual([entry.name]);
    expect(checkDatabaseFile(entry.path)).toBeNull();
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    store.close();
  });
});

describe('a damaged database at start', () => {
  it('is refused with the latest good backup named, and restoring that backup brings the earlier data back', async () => {
    let t = await createTestCore();
    const kept = await call<PostDto>(t.core, 'posts:create', { text: 'Written before the backup', platforms: ['x'], schedule: null });
    const backup = await call<BackupDto>(t.core, 'backups:create');
    const lost = await call<PostDto>(t.core, 'posts:create', { text: 'Written after the backup', platforms: ['x'], schedule: null });
    const { dataDir, clock } = t;
    await t.close();

    const dbPath = join(dataDir, 'loomcast.sqlite');
    corrupt(dbPath);
    const damagedBytes = readFileSync(dbPath);

    let refusal: unknown;
    await createTestCore({ dataDir, clock }).catch((err: unknown) => (refusal = err));
    expect(refusal).toBeInstanceOf(StoreRefusedError);
    const err = refusal as StoreRefusedError;
    expect(err.kind).toBe('corrupt');
    expect(err.recovery).toMatchObject({ name: backup.name, takenAt: Date.parse(backup.takenAt) });
    expect(err.message).toContain('is damaged');
    expect(err.message).toContain(`The latest good backup is from ${backupDate(Date.parse(backup.takenAt))}`);
    expect(err.message).toContain('Restore latest backup');
    expect(err.message).toContain('npm run web -- --restore-latest-backup');
    // Refused before anything was written.
    expect(readFileSync(dbPath).equals(damagedBytes)).toBe(true);

    expect(stageLatestBackup(dataDir)?.name).toBe(backup.name);
    t = await createTestCore({ dataDir, clock });
    const drafts = await call<PostDto[]>(t.core, 'posts:list', { scope: 'drafts' });
    expect(drafts.map((p) => p.id)).toEqual([kept.id]);
    expect(drafts.map((p) => p.id)).not.toContain(lost.id);
    await t.close();

    // The damaged file is kept beside it, renamed, byte for byte.
    const aside = readdirSync(dataDir).filter((f) => /^loomcast-damaged-\d{8}T\d{9}Z\.sqlite$/.test(f));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dataDir, aside[0]!)).equals(damagedBytes)).toBe(true);
    expect(existsSync(join(dataDir, 'restore-pending.sqlite'))).toBe(false);
  });

  it('says there is no backup to go back to when there is none', async () => {
    const t = await createTestCore();
    await call(t.core, 'posts:create', { text: 'some data', platforms: ['x'], schedule: null });
    const { dataDir, clock } = t;
    await t.close();
    corrupt(join(dataDir, 'loomcast.sqlite'));
    const err = (await createTestCore({ dataDir, clock }).catch((e: unknown) => e)) as StoreRefusedError;
    expect(err).toBeInstanceOf(StoreRefusedError);
    expect(err.recovery).toBeNull();
    expect(err.message).toMatch(/There is no good backup in .*backups to go back to/);
    expect(stageLatestBackup(dataDir)).toBeNull();
  });
});
