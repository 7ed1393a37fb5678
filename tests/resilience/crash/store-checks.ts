/** Setup and after-kill checks for the operations below the core: migration, backup, workspace replace. */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { checkDatabaseFile, listBackups } from '../../../electron/core/store/backups';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { openStore } from '../../../electron/core/store/open';

export const DB = 'loomcast.sqlite';
const SIDE = ['', '-wal', '-shm'];

/** Table and index names of a database, sorted. */
export function schemaOf(db: Database.Database): string {
  return (db.prepare("SELECT type || ' ' || name AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY 1").all() as { n: string }[]).map((r) => r.n).join('\n');
}

/** The schema after each migration (index = version), from migrating a scratch file one step at a time. */
export function schemasByVersion(scratchDir: string): string[] {
  mkdirSync(scratchDir, { recursive: true });
  const path = join(scratchDir, 'steps.sqlite');
  const out = [''];
  for (let v = 1; v <= MIGRATIONS.length; v++) {
    const store = openStore(path, MIGRATIONS.slice(0, v));
    out[v] = schemaOf(store.db);
    store.close();
  }
  rmSync(scratchDir, { recursive: true, force: true });
  return out;
}

/** A database at schema 1 holding `posts` posts: what an old install leaves behind. */
export function oldDatabase(path: string, posts: number): void {
  const store = openStore(path, MIGRATIONS.slice(0, 1));
  const insert = store.db.prepare('INSERT INTO posts (id, created_at, updated_at) VALUES (?, 0, 0)');
  const version = store.db.prepare("INSERT INTO post_versions (post_id, number, text, source, created_at) VALUES (?, 1, ?, 'manual', 0)");
  store.db.transaction(() => {
    for (let i = 0; i < posts; i++) {
      insert.run(`old-${i}`);
      version.run(`old-${i}`, `A post from an old version, number ${i}, with enough words to take some room on a page.`);
    }
  })();
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
}

export function copyDatabase(from: string, toDir: string): void {
  for (const s of SIDE) rmSync(join(toDir, DB) + s, { force: true });
  copyFileSync(from, join(toDir, DB));
}

export interface DbFacts {
  integrity: string;
  version: number;
  schema: string;
  posts: number;
  texts: string[];
}

/** Opens the database as the next start would (SQLite replays or drops the WAL) and reads what matters. */
export function factsOf(dataDir: string): DbFacts {
  const db = new Database(join(dataDir, DB));
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const version = (db.prepare('SELECT coalesce(max(version), 0) AS v FROM schema_migrations').get() as { v: number }).v;
    const texts = (db.prepare('SELECT text FROM post_versions ORDER BY text').all() as { text: string }[]).map((r) => r.text);
    const posts = (db.prepare('SELECT count(*) AS n FROM posts').get() as { n: number }).n;
    return { integrity, version, schema: schemaOf(db), posts, texts };
  } finally {
    db.close();
  }
}

/** Backups the app would offer: each must be whole and sound. Checks only those not seen before. */
export function checkBackups(dataDir: string, seen: Set<string>): string[] {
  const problems: string[] = [];
  for (const b of listBackups(join(dataDir, 'backups'))) {
    if (seen.has(b.name)) continue;
    seen.add(b.name);
    const problem = checkDatabaseFile(b.path);
    if (problem) problems.push(`backup ${b.name} is offered but damaged: ${problem}`);
  }
  return problems;
}

/** Files a crash left half-written (the app ignores them; they should not pile up). */
export function leftovers(dataDir: string): string[] {
  const out: string[] = [];
  const backups = join(dataDir, 'backups');
  if (existsSync(backups)) out.push(...readdirSync(backups).filter((f) => f.endsWith('.partial')).map((f) => `backups/${f}`));
  out.push(...readdirSync(dataDir).filter((f) => f.endsWith('.partial')));
  const incoming = join(dataDir, 'incoming');
  if (existsSync(incoming)) out.push(...readdirSync(incoming).map((f) => `incoming/${f}`));
  const media = join(dataDir, 'media');
  if (existsSync(media)) out.push(...readdirSync(media).filter((f) => f.endsWith('.tmp')).map((f) => `media/${f}`));
  return out;
}
