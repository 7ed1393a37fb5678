/**
 * Backups of the one database file, in `<dataDir>/backups/`. Each is a `VACUUM INTO` copy (a
 * consistent snapshot even while the app writes, compacted, without the WAL) written under a
 * temporary name, made owner-only, checked with `PRAGMA integrity_check`, and only then renamed
 * into place: a backup under its real name is always whole and good. Rotation runs only after
 * the new backup passed its check.
 */
import { closeSync, existsSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { syncParent } from './durable-files';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { backupFileName, backupsToRemove, newestFirst, parseBackupFileName, type BackupKind, type BackupName } from './backup-files';
import { BackupThreadUnavailable, copyAndCheckInThread } from './backup-thread';
import { PRIVATE_FILE_MODE, ensurePrivateDir, ensurePrivateFile } from './private-files';

export const BACKUP_DIR = 'backups';

/** How better-sqlite3 is loaded: the shells' Electron build of the addon, or its own (Node) build when absent. */
export interface SqliteOptions {
  nativeBinding?: string | undefined;
}

export interface BackupEntry extends BackupName {
  path: string;
  sizeBytes: number;
}

/** Where backups of the database at `databasePath` go: `backups/` beside it. */
export const backupDirOf = (databasePath: string): string => join(dirname(databasePath), BACKUP_DIR);

/**
 * `PRAGMA integrity_check` (or the faster `quick_check`) of a file, opened read-only:
 * null when it is sound, else what is wrong (first lines of the report, or the error).
 */
export function checkDatabaseFile(path: string, pragma: 'integrity_check' | 'quick_check' = 'integrity_check', sqlite: SqliteOptions = {}): string | null {
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, nativeBinding: sqlite.nativeBinding });
    const rows = db.pragma(pragma) as Record<string, string>[];
    const lines = rows.map((r) => Object.values(r)[0]);
    return lines.length === 1 && lines[0] === 'ok' ? null : lines.slice(0, 3).join('; ');
  } catch (err) {
    return (err as Error).message;
  } finally {
    db?.close();
  }
}

/** Every backup in `dir`, newest first; files that are not backups (or half-written ones) are ignored. */
export function listBackups(dir: string): BackupEntry[] {
  if (!existsSync(dir)) return [];
  const out: BackupEntry[] = [];
  for (const file of readdirSync(dir)) {
    const parsed = parseBackupFileName(file);
    if (!parsed) continue;
    const path = join(dir, file);
    try {
      const st = statSync(path);
      if (st.isFile()) out.push({ ...parsed, path, sizeBytes: st.size });
    } catch {
      // Removed while listing: not there.
    }
  }
  return newestFirst(out);
}

/** The newest backup that passes `integrity_check`, or null when there is none. */
export function latestGoodBackup(dir: string, sqlite: SqliteOptions = {}): BackupEntry | null {
  return listBackups(dir).find((b) => checkDatabaseFile(b.path, 'integrity_check', sqlite) === null) ?? null;
}

export class BackupFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFailedError';
  }
}

export interface BackupRequest extends SqliteOptions {
  /** An open connection to the database to copy (read-only is enough). */
  db: Database.Database;
  dir: string;
  kind: BackupKind;
  takenAt: number;
  /** For pre-migration backups: the schema version being left. */
  schemaVersion?: number;
  /** Says which old backups rotation removed; a logger's info fits. */
  removed?: (names: string[]) => void;
}

/** Where a backup is written: its name, and the owner-only temporary file VACUUM INTO fills. */
interface Started {
  name: string;
  path: string;
  temp: string;
}

function startBackup(req: BackupRequest): Started {
  const { dir, kind, takenAt } = req;
  ensurePrivateDir(dir);
  let name = backupFileName(kind, takenAt, req.schemaVersion);
  // Two backups in the same millisecond (Back up now clicked twice): the later one waits a tick of the name.
  for (let t = takenAt + 1; existsSync(join(dir, name)); t++) name = backupFileName(kind, t, req.schemaVersion);
  const path = join(dir, name);
  const temp = `${path}.partial`;
  // A backup cut short by a crash or a kill left its .partial behind (never offered, but as big
  // as the database): backups are taken one at a time, so any that is there now is such a one.
  for (const f of readdirSync(dir)) if (f.endsWith('.partial')) rmSync(join(dir, f), { force: true });
  try {
    // VACUUM INTO accepts an empty file: created owner-only first, so the copy is never readable by others.
    closeSync(openSync(temp, 'wx', PRIVATE_FILE_MODE));
    ensurePrivateFile(temp);
  } catch (err) {
    throw failed(req, err, temp);
  }
  return { name, path, temp };
}

function failed(req: BackupRequest, err: unknown, temp: string): BackupFailedError {
  rmSync(temp, { force: true });
  if (err instanceof BackupFailedError) return err;
  return new BackupFailedError(`Could not write a backup to ${req.dir}: ${(err as Error).message}. Older backups were kept.`);
}

/** The copy passed its check (`problem` null): it takes its name, and older ones of its kind go. */
function finishBackup(req: BackupRequest, { name, path, temp }: Started, problem: string | null): BackupEntry {
  try {
    if (problem) throw new BackupFailedError(`The new backup did not pass its integrity check (${problem}); older backups were kept.`);
    renameSync(temp, path);
    // VACUUM INTO flushed the copy (the database's synchronous = FULL); this flushes its name.
    syncParent(path);
  } catch (err) {
    throw failed(req, err, temp);
  }
  const all = listBackups(req.dir);
  const entry = all.find((b) => b.name === name);
  if (!entry) throw new BackupFailedError(`The backup ${name} disappeared right after it was written.`);
  // The one just written is never rotated away (a restore deletes the live file once it is saved).
  const doomed = backupsToRemove(all.filter((b) => b.kind === req.kind), undefined, entry.takenAt).filter((n) => n !== name);
  for (const old of doomed) rmSync(join(req.dir, old), { force: true });
  if (doomed.length > 0) req.removed?.(doomed);
  return entry;
}

/**
 * Takes one backup on this thread, checks it, then rotates that kind. Throws BackupFailedError;
 * nothing half-written stays. For the start's backup before a migration and a restore's, when
 * nothing else runs yet; the running app's backups go through `createBackupOffThread`.
 */
export function createBackup(req: BackupRequest): BackupEntry {
  const started = startBackup(req);
  let problem: string | null;
  try {
    req.db.prepare('VACUUM INTO ?').run(started.temp);
    problem = checkDatabaseFile(started.temp, 'integrity_check', req);
  } catch (err) {
    throw failed(req, err, started.temp);
  }
  return finishBackup(req, started, problem);
}

/**
 * The same backup with its copy and check on a worker thread (store/backup-thread.ts), so the
 * app goes on publishing and answering meanwhile. Where the worker cannot load SQLite, it is
 * taken on this thread instead (`fellBack` says so, for the log).
 */
export async function createBackupOffThread(req: BackupRequest & { sqliteModule?: string; fellBack?: (why: string) => void }): Promise<BackupEntry> {
  const started = startBackup(req);
  let problem: string | null;
  try {
    problem = await copyAndCheckInThread({ source: req.db.name, temp: started.temp, nativeBinding: req.nativeBinding, ...(req.sqliteModule ? { sqliteModule: req.sqliteModule } : {}) });
  } catch (err) {
    if (!(err instanceof BackupThreadUnavailable)) throw failed(req, err, started.temp);
    req.fellBack?.(err.message);
    rmSync(started.temp, { force: true });
    return createBackup(req);
  }
  return finishBackup(req, started, problem);
}
