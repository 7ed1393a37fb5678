/**
 * The way back to a good database: a refusal that names the latest good backup, and restores.
 *
 * A restore is staged, never done under an open database: `stageRestore` copies the chosen file
 * (checked) to `<dataDir>/restore-pending.sqlite`, and the next core start applies it before it
 * opens the database (`applyStagedRestore`). Applying keeps what was there: a sound database is
 * backed up first (kind pre-restore); a damaged one is renamed aside and never deleted.
 */
import { closeSync, copyFileSync, existsSync, openSync, renameSync, rmSync } from 'node:fs';
import { syncFile, syncFolder, syncParent } from './durable-files';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { dateFormat, systemLocale } from '../../../shared/domain/datetime-format';
import { systemZone } from '../../../shared/domain/time';
import type { BackupKind } from './backup-files';
import { BACKUP_DIR, backupDirOf, checkDatabaseFile, createBackup, latestGoodBackup, type BackupEntry, type SqliteOptions } from './backups';
import { StoreRefusedError } from './errors';
import { MIGRATIONS } from './migrations';
import { PRIVATE_FILE_MODE, ensurePrivateFile } from './private-files';
import { sealPathOf } from './seal';

export const PENDING_RESTORE_FILE = 'restore-pending.sqlite';
/** The database's file name inside the data folder (the core's DATABASE_FILE). */
const DB_FILE = 'loomcast.sqlite';
const SIDE_FILES = ['', '-wal', '-shm'];

export const KIND_WORDS: Record<BackupKind, string> = {
  daily: 'daily backup',
  'pre-migration': 'backup taken before an update',
  manual: 'backup you made',
  'pre-restore': 'backup taken before a restore',
};

/** "Fri 4 Dec 2026, 20:27" in this machine's locale and zone (Settings cannot be read from a damaged file). */
export function backupDate(takenAt: number): string {
  return dateFormat({ locale: systemLocale(), timeFormat: 'system' }).dayTime(takenAt, systemZone(), { withYear: true });
}

/** What the creator can do, in words, given the latest good backup (or none). */
export function recoveryAdvice(backup: BackupEntry | null, backupDir: string): string {
  if (!backup) {
    return (
      `There is no good backup in ${backupDir} to go back to. Keep a copy of the damaged file before trying anything; ` +
      'the sqlite3 command-line tool’s ".recover" can often save most of it.'
    );
  }
  return (
    `The latest good backup is from ${backupDate(backup.takenAt)} (${KIND_WORDS[backup.kind]}, ${backup.name}); what changed after it is not in it. ` +
    'To go back to it: in the desktop app choose "Restore latest backup"; in browser mode start Loomcast with ' +
    '`npm run web -- --restore-latest-backup` (and the same --data-dir). The damaged file is kept in the data folder, renamed, not deleted.'
  );
}

/** The refusal for a database that is damaged or unreadable, naming the way back. */
export function refuseDamaged(path: string, detail: string, kind: 'corrupt' | 'not_a_database' = 'corrupt', sqlite: SqliteOptions = {}): StoreRefusedError {
  const dir = backupDirOf(path);
  const backup = latestGoodBackup(dir, sqlite);
  const what = kind === 'corrupt' ? `Loomcast's database ${path} is damaged: ${detail}.` : `${path} could not be opened as a Loomcast database: ${detail}.`;
  return new StoreRefusedError(kind, `${what} Nothing was changed.\n\n${recoveryAdvice(backup, dir)}`, backup ? { name: backup.name, path: backup.path, takenAt: backup.takenAt } : null);
}

export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

/**
 * Puts a copy of `sourceSqlitePath` (a Loomcast database: a backup, or one from a workspace
 * archive) in place for the next core start. Checked first; the source is never changed.
 */
export function stageRestore(dataDir: string, sourceSqlitePath: string, sqlite: SqliteOptions = {}): void {
  if (!existsSync(sourceSqlitePath)) throw new RestoreRefusedError(`There is no file at ${sourceSqlitePath} to restore.`);
  const problem = checkDatabaseFile(sourceSqlitePath, 'integrity_check', sqlite);
  if (problem) throw new RestoreRefusedError(`${sourceSqlitePath} did not pass its integrity check (${problem}), so it was not restored.`);
  let ro: Database.Database | null = null;
  try {
    ro = new Database(sourceSqlitePath, { readonly: true, fileMustExist: true, nativeBinding: sqlite.nativeBinding });
    if (!ro.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get()) {
      throw new RestoreRefusedError(`${sourceSqlitePath} is not a Loomcast database, so it was not restored.`);
    }
    // A copy made by a newer Loomcast would be refused at the next start, after it had replaced the database.
    const { v } = ro.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
    if ((v ?? 0) > MIGRATIONS.length) {
      throw new RestoreRefusedError(`That backup was written by a newer version of Loomcast (schema ${v}; this version knows up to ${MIGRATIONS.length}). Update Loomcast to restore it.`);
    }
  } finally {
    ro?.close();
  }
  const target = join(dataDir, PENDING_RESTORE_FILE);
  const temp = `${target}.partial`;
  try {
    rmSync(temp, { force: true });
    closeSync(openSync(temp, 'wx', PRIVATE_FILE_MODE));
    copyFileSync(sourceSqlitePath, temp);
    ensurePrivateFile(temp);
    // On disk before it takes the name the next start looks for (durable-files.ts).
    syncFile(temp);
    renameSync(temp, target);
    syncParent(target);
  } catch (err) {
    rmSync(temp, { force: true });
    throw new RestoreRefusedError(`Could not put the backup in place: ${(err as Error).message}`);
  }
}

/** Which backup is restored by "Restore latest backup": the newest good one, staged. Null when there is none. */
export function stageLatestBackup(dataDir: string, sqlite: SqliteOptions = {}): BackupEntry | null {
  const backup = latestGoodBackup(join(dataDir, BACKUP_DIR), sqlite);
  if (backup) stageRestore(dataDir, backup.path, sqlite);
  return backup;
}

export interface AppliedRestore {
  /** The pre-restore backup of what was there, when it was sound. */
  savedAs: string | null;
  /** Where the database was moved aside and kept: when it was damaged, or its backup could not be written. */
  movedAsideTo: string | null;
}

const stampOf = (now: number) => new Date(now).toISOString().replace(/[-:.]/g, '');

/**
 * Called by the core before it opens the database: swaps a staged restore in. Null when nothing
 * is staged. Runs before anything else has the file open.
 */
export function applyStagedRestore(dataDir: string, now: number, sqlite: SqliteOptions = {}): AppliedRestore | null {
  const pending = join(dataDir, PENDING_RESTORE_FILE);
  if (!existsSync(pending)) return null;
  const current = join(dataDir, DB_FILE);
  let savedAs: string | null = null;
  let movedAsideTo: string | null = null;
  if (existsSync(current)) {
    const sound = checkDatabaseFile(current, 'quick_check', sqlite) === null;
    if (sound) {
      const db = new Database(current, { fileMustExist: true, nativeBinding: sqlite.nativeBinding });
      try {
        savedAs = createBackup({ db, dir: backupDirOf(current), kind: 'pre-restore', takenAt: now, nativeBinding: sqlite.nativeBinding }).name;
      } catch {
        // No room for the backup (a full or read-only disk): the file itself is kept aside below,
        // which needs no room. Throwing would fail this start and every next one, the restore pending.
      } finally {
        db.close();
      }
    }
    // Moved aside together (a stale -wal must never meet the restored file). A damaged one stays
    // there, as does a sound one whose backup could not be written.
    const aside = join(dataDir, `loomcast-${sound ? 'replaced' : 'damaged'}-${stampOf(now)}.sqlite`);
    for (const suffix of SIDE_FILES) if (existsSync(current + suffix)) renameSync(current + suffix, aside + suffix);
    if (savedAs) for (const suffix of SIDE_FILES) rmSync(aside + suffix, { force: true });
    else movedAsideTo = aside;
  }
  renameSync(pending, current);
  // The seal described the file that was there: the restored one is checked at this start.
  rmSync(sealPathOf(current), { force: true });
  // The swap (and the old file's new name) on disk before the restored file is written to.
  syncFolder(dataDir);
  return { savedAs, movedAsideTo };
}
