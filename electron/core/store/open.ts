import { closeSync, existsSync, openSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { StoreRefusedError } from './errors';
import { MIGRATIONS, type Migration } from './migrations';
import { systemClock } from '../deps';
import { PRIVATE_FILE_MODE, ensurePrivateFile } from './private-files';
import { backupDirOf, createBackup } from './backups';
import { refuseDamaged } from './recovery';
import { breakSeal, seal } from './seal';

export type Db = Database.Database;

export interface Store {
  db: Db;
  path: string;
  schemaVersion: number;
  /**
   * `checked`: the start ran the integrity check. `sealed`: the file was exactly as a clean
   * close left it (store/seal.ts), and the check last passed at `checkedAt`.
   */
  startCheck: 'checked' | 'sealed';
  checkedAt: number;
  /** Closes the connection and seals the file for the next start. */
  close(): void;
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

const pad = (n: number) => String(n).padStart(4, '0');

/** Decides, from what the file says was applied, whether this build may touch it at all. */
export function checkApplied(path: string, applied: AppliedRow[], known: readonly Migration[]): void {
  const newest = known.length;
  const future = applied.filter((row) => row.version > newest);
  if (future.length > 0) {
    const theirs = Math.max(...future.map((r) => r.version));
    throw new StoreRefusedError(
      'from_future',
      `This database was written by a newer version of Loomcast (schema ${theirs}; this version knows up to ${newest}). ` +
        `Update Loomcast to open it. Nothing was changed in ${path}.`,
    );
  }
  for (const row of applied) {
    const mine = known[row.version - 1];
    if (!mine || mine.checksum !== row.checksum || mine.name !== row.name) {
      throw new StoreRefusedError(
        'edited_migration',
        `Migration ${pad(row.version)}_${row.name} was changed after it was applied to this database ` +
          `(recorded checksum ${row.checksum.slice(0, 12)}…, this build has ${mine ? mine.checksum.slice(0, 12) + '…' : 'nothing'}). ` +
          `Loomcast refuses to guess what the change means; restore the original migration. Nothing was changed in ${path}.`,
      );
    }
  }
}

/**
 * The connection's page cache, in KiB (better-sqlite3 builds SQLite with 16,000). A month of the
 * calendar at 100,000 posts reads its posts, versions and copies from pages spread over the whole
 * file (ids are random, and posts are not written in the order of their dates): 30–40 MB of them.
 * With 16 MB every month read fetched most of those pages from the file again (the month's direct
 * statement ~35 ms, posts:calendar ~43 ms); with 64 MiB they stay (~19–26 and ~24–33 ms). A month
 * of up to about twice the seed's 1,768 posts fits; a busier one reads some pages again, as
 * before. SQLite takes the memory only as pages are read: after visiting every screen at 100,000
 * posts the host holds ~47 MB more (138–141 → 187 MB RSS); a small database never fills it.
 * Tried at 32 MiB before (README): it gained at 32 but not at 24 or 28, and the host was then near
 * its 250 MB target; it is now at ~140 MB before the cache.
 */
export const PAGE_CACHE_KIB = 65_536;

export interface OpenStoreOptions {
  /** better-sqlite3's compiled addon to load instead of its own build (the Electron build). */
  nativeBinding?: string;
}

/**
 * The start's check, before anything is written: `quick_check` of each ordinary table with its
 * indexes, one table at a time (the search indexes' shadow tables included, as b-trees).
 *
 * - quick_check, not integrity_check: it finds damaged pages and records in a third of the time
 *   (0.5 s against 1.5 s for a 217 MB file) by leaving out the index-to-table cross-check.
 * - Table by table, leaving out the FTS5 virtual tables themselves: since SQLite 3.44 a whole-file
 *   check also runs FTS5's own check, which reads every document again and re-tokenizes it. At
 *   100,000 posts with the search index built, that took the check from ~220 to ~400 ms; table by
 *   table it is ~245 ms. What the whole-file check adds beyond that is page accounting (pages no
 *   tree uses, the free list): leaks, not damaged records.
 * - Every backup gets the full integrity_check, search index included (store/backups.ts). A search
 *   index whose words disagree with its posts loses no post; the posts' own tables are checked here.
 *
 * Exported for its test. Answers SQLite's lines: ['ok'] when every table passed.
 */
export function quickCheck(db: Db): string[] {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'").pluck().all() as string[];
  const problems: string[] = [];
  for (const name of tables) {
    try {
      const lines = (db.pragma(`quick_check("${name.replace(/"/g, '""')}")`) as Record<string, string>[]).map((r) => String(Object.values(r)[0]));
      if (lines.length !== 1 || lines[0] !== 'ok') problems.push(...lines);
    } catch (err) {
      // A page too broken to walk stops the pragma itself.
      if (!String((err as { code?: string }).code ?? '').startsWith('SQLITE_CORRUPT')) throw err;
      problems.push(`${name}: ${(err as Error).message}`);
    }
  }
  return problems.length > 0 ? problems : ['ok'];
}

/**
 * Reads the migration record without writing a byte (read-only connection), after the integrity
 * check unless `checked` (the file is as a clean close left it).
 */
function readApplied(path: string, options: OpenStoreOptions, checked: boolean): AppliedRow[] {
  if (!existsSync(path) || statSync(path).size === 0) return [];
  let ro: Db;
  try {
    ro = new Database(path, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
  } catch (err) {
    throw refuseDamaged(path, `it could not be opened: ${(err as Error).message}`, 'not_a_database', options);
  }
  try {
    const check = checked ? ['ok'] : quickCheck(ro);
    if (check.length !== 1 || check[0] !== 'ok') throw refuseDamaged(path, `its integrity check failed (${check.slice(0, 3).join('; ')})`, 'corrupt', options);
    const hasTable = ro.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    if (!hasTable) {
      const anyTable = ro.prepare("SELECT name FROM sqlite_master WHERE type = 'table' LIMIT 1").get();
      if (anyTable) {
        throw new StoreRefusedError('not_a_database', `${path} is an SQLite file, but not one Loomcast wrote. Nothing was changed.`);
      }
      return [];
    }
    return ro.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as AppliedRow[];
  } catch (err) {
    if (err instanceof StoreRefusedError) throw err;
    const code = (err as { code?: string }).code ?? '';
    throw refuseDamaged(path, `it could not be read: ${(err as Error).message}`, code.startsWith('SQLITE_CORRUPT') ? 'corrupt' : 'not_a_database', options);
  } finally {
    ro.close();
  }
}

/**
 * Opens (or creates) the one SQLite file the creator owns: WAL, foreign keys on, full sync so a
 * committed "publishing" survives a power cut. Refuses a database it does not understand
 * before writing anything to it.
 */
export function openStore(
  path: string,
  migrations: readonly Migration[] = MIGRATIONS,
  now: () => number = systemClock.now,
  options: OpenStoreOptions = {},
): Store {
  const sealedAt = breakSeal(path, now());
  const checkedAt = sealedAt ?? now();
  const applied = readApplied(path, options, sealedAt !== null);
  checkApplied(path, applied, migrations);

  // Created owner-only (0600) before SQLite opens it: SQLite gives the -wal and -shm files the
  // database file's mode. A database left readable by others is tightened.
  if (!existsSync(path)) closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  const db = new Database(path, { nativeBinding: options.nativeBinding });
  db.pragma('journal_mode = WAL');
  for (const file of [path, `${path}-wal`, `${path}-shm`]) ensurePrivateFile(file);
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    checksum   TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);

  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  const done = new Set(applied.map((row) => row.version));
  const pending = migrations.filter((m) => !done.has(m.version));
  // An existing database is copied aside before it is changed: the way back if an update goes wrong.
  if (applied.length > 0 && pending.length > 0) {
    const from = Math.max(...applied.map((row) => row.version));
    try {
      createBackup({ db, dir: backupDirOf(path), kind: 'pre-migration', takenAt: now(), schemaVersion: from, nativeBinding: options.nativeBinding });
    } catch (err) {
      db.close();
      throw new Error(`Loomcast did not update its database (schema ${from} to ${migrations.length}) because the backup before the update failed: ${(err as Error).message}`);
    }
  }
  for (const mig of pending) {
    try {
      db.transaction(() => {
        db.exec(mig.sql);
        record.run(mig.version, mig.name, mig.checksum, now());
      })();
    } catch (err) {
      db.close();
      throw new Error(`Migration ${pad(mig.version)}_${mig.name} failed and was rolled back: ${(err as Error).message}`);
    }
  }

  return {
    db,
    path,
    schemaVersion: migrations.length,
    startCheck: sealedAt === null ? 'checked' : 'sealed',
    checkedAt,
    close: () => {
      db.close();
      try {
        seal(path, checkedAt);
      } catch {
        // No seal: the next start checks the file, as after a crash.
      }
    },
  };
}
