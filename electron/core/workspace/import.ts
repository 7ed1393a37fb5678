/**
 * Import: a workspace archive becomes a new data folder. Everything is checked in a staging folder
 * beside the target (the archive, then the database it holds); only a workspace that passed every
 * check is renamed into place. A target that holds anything is refused, so nothing is overwritten.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmdirSync, rmSync, statfsSync, statSync } from 'node:fs';
import { syncParent, syncTree } from '../store/durable-files';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../store/migrations';
import { checkApplied } from '../store/open';
import { StoreRefusedError } from '../store/errors';
import { PRIVATE_DIR_MODE } from '../store/private-files';
import { WorkspaceArchiveError } from './errors';
import { DATABASE_ENTRY, DEFAULT_IMPORT_LIMITS, type ImportLimits, type Manifest } from './manifest';
import { readArchive } from './read-archive';

export interface ImportResult {
  dataDir: string;
  manifest: Manifest;
  /** Accounts that need signing in again on this computer. */
  accountsToReconnect: number;
}

const isEmptyDir = (dir: string) => statSync(dir).isDirectory() && readdirSync(dir).length === 0;

/** Opens the staged database read-only and refuses one that is damaged or from a newer schema. */
function checkDatabase(file: string, manifest: Manifest, nativeBinding: string | undefined): number {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
  } catch (err) {
    throw new WorkspaceArchiveError('corrupt_database', `The archive’s database cannot be opened: ${(err as Error).message}`);
  }
  try {
    let check: unknown;
    try {
      check = db.pragma('integrity_check', { simple: true });
    } catch (err) {
      throw new WorkspaceArchiveError('corrupt_database', `The archive’s database is not a readable SQLite file: ${(err as Error).message}`);
    }
    if (check !== 'ok') throw new WorkspaceArchiveError('corrupt_database', `The archive’s database is damaged (integrity check: ${String(check)}).`);
    return readLoomcastDatabase(db, manifest);
  } finally {
    db.close();
  }
}

/** The sound database's schema and media, checked against the manifest; one Loomcast did not write is refused by name. */
function readLoomcastDatabase(db: Database.Database, manifest: Manifest): number {
  try {
    const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as { version: number; name: string; checksum: string }[];
    const version = applied.reduce((m, r) => Math.max(m, r.version), 0);
    if (version !== manifest.schemaVersion) throw new WorkspaceArchiveError('checksum_mismatch', `The archive’s database is at schema ${version}, but its manifest says ${manifest.schemaVersion}.`);
    try {
      checkApplied(DATABASE_ENTRY, applied, MIGRATIONS);
    } catch (err) {
      if (err instanceof StoreRefusedError) throw new WorkspaceArchiveError(err.kind === 'from_future' ? 'newer_schema' : 'unknown_schema', err.message.replace(/ Nothing was changed in .*$/, ''));
      throw err;
    }
    const media = (db.prepare('SELECT hash FROM media').all() as { hash: string }[]).map((r) => r.hash);
    const carried = new Set([...manifest.entries.map((e) => e.path), ...manifest.missingMedia.map((h) => `media/${h}`)]);
    const lacking = media.filter((h) => !carried.has(`media/${h}`));
    if (lacking.length > 0) throw new WorkspaceArchiveError('incomplete', `The archive’s database names ${lacking.length} media file${lacking.length === 1 ? '' : 's'} the archive does not hold.`);
    return (db.prepare(`SELECT count(*) AS n FROM accounts WHERE status = 'needs_reconnect'`).get() as { n: number }).n;
  } catch (err) {
    if (err instanceof WorkspaceArchiveError) throw err;
    // A sound SQLite file without Loomcast's tables (no schema_migrations, no media, no accounts).
    throw new WorkspaceArchiveError('not_a_workspace', `The archive’s database is not a Loomcast database (${(err as Error).message}).`);
  }
}

/**
 * Checks `archivePath` completely, then writes the workspace it holds to `targetDataDir`, which
 * must not exist yet or be empty. Throws WorkspaceArchiveError (with nothing written) otherwise.
 */
export interface ImportOptions {
  limits?: Partial<ImportLimits>;
  /** better-sqlite3's compiled addon (the Electron build in the desktop app). */
  nativeBinding?: string;
}

export async function importWorkspace(archivePath: string, targetDataDir: string, options: ImportOptions = {}): Promise<ImportResult> {
  const target = resolve(targetDataDir);
  const lim = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  if (existsSync(target) && !isEmptyDir(target)) {
    throw new WorkspaceArchiveError('target_not_empty', `${target} is not empty. Import into a new folder, so nothing there is overwritten.`);
  }
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true, mode: PRIVATE_DIR_MODE });
  const staging = mkdtempSync(join(parent, `.${basename(target)}.import-`));
  try {
    const { manifest } = await readArchive(archivePath, staging, lim, MIGRATIONS.length, freeSpace(staging));
    const accountsToReconnect = checkDatabase(join(staging, DATABASE_ENTRY), manifest, options.nativeBinding);
    if (existsSync(target)) {
      if (!isEmptyDir(target)) throw new WorkspaceArchiveError('target_not_empty', `${target} was filled while the archive was checked; nothing was written.`);
      rmdirSync(target);
    }
    // Unpacked and checked: on disk before it takes the name the app is pointed at.
    syncTree(staging);
    renameSync(staging, target);
    syncParent(target);
    return { dataDir: target, manifest, accountsToReconnect };
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}

/** Bytes free where the workspace is unpacked, less a margin for the system; unknown: no cap. */
function freeSpace(dir: string): number {
  try {
    const s = statfsSync(dir);
    return Math.max(0, s.bavail * s.bsize - 64 * 1024 * 1024);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
