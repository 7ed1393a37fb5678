import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreRefusedError } from '../../../electron/core/store/errors';
import { MIGRATIONS, parseMigrations } from '../../../electron/core/store/migrations';
import { openStore, PAGE_CACHE_KIB } from '../../../electron/core/store/open';
import { tempDir } from '../../support/core';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('opening the database', () => {
  const dirs: { remove(): void }[] = [];
  const fresh = () => {
    const d = tempDir();
    dirs.push(d);
    return join(d.path, 'loomcast.sqlite');
  };
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  it('creates a new database in WAL mode with foreign keys on, the page cache a month of posts needs, and records each migration with its checksum', () => {
    const store = openStore(fresh());
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    // Negative: KiB rather than pages (64 MiB; better-sqlite3's default is 16,000 KiB).
    expect(store.db.pragma('cache_size', { simple: true })).toBe(-PAGE_CACHE_KIB);
    expect(PAGE_CACHE_KIB).toBeGreaterThanOrEqual(65_536);
    const rows = store.db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name, checksum: m.checksum })));
    store.close();
  });

  it('opens an up-to-date database again without re-running anything', () => {
    const path = fresh();
    openStore(path).close();
    const store = openStore(path);
    expect(store.db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: MIGRATIONS.length });
    store.close();
  });

  it('applies only the migrations a database lacks', () => {
    const path = fresh();
    const first = parseMigrations({ './migrations/0001_init.sql': MIGRATIONS[0]!.sql });
    openStore(path, first).close();
    const extra = parseMigrations({
      './migrations/0001_init.sql': MIGRATIONS[0]!.sql,
      './migrations/0002_add_notes.sql': 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT;',
    });
    const store = openStore(path, extra);
    expect(store.schemaVersion).toBe(2);
    expect(store.db.prepare("SELECT name FROM sqlite_master WHERE name = 'notes'").get()).toEqual({ name: 'notes' });
    store.close();
  });

  it('rolls back a migration that fails halfway and records nothing for it', () => {
    const path = fresh();
    const broken = parseMigrations({
      './migrations/0001_init.sql': MIGRATIONS[0]!.sql,
      './migrations/0002_broken.sql': 'CREATE TABLE half (id INTEGER); INSERT INTO no_such_table VALUES (1);',
    });
    expect(() => openStore(path, broken)).toThrow(/0002_broken failed and was rolled back/);
    const db = new Database(path, { readonly: true });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect(db.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: 1 });
    db.close();
  });

  it('refuses a database written by a newer Loomcast and leaves the file unchanged', () => {
    const path = fresh();
    openStore(path).close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)').run(MIGRATIONS.length + 1, 'from_the_future', 'f'.repeat(64), 0);
    db.close();
    const before = sha(path);
    let error: unknown;
    try {
      openStore(path);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StoreRefusedError);
    expect((error as StoreRefusedError).kind).toBe('from_future');
    expect((error as Error).message).toMatch(new RegExp(`written by a newer version of Loomcast \\(schema ${MIGRATIONS.length + 1}; this version knows up to ${MIGRATIONS.length}\\).*Nothing was changed`));
    expect(sha(path)).toBe(before);
  });

  it('refuses a database whose applied migration was edited and leaves the file unchanged', () => {
    const path = fresh();
    openStore(path).close();
    const before = sha(path);
    const sources = Object.fromEntries(MIGRATIONS.map((m) => [`./migrations/${String(m.version).padStart(4, '0')}_${m.name}.sql`, m.sql]));
    sources['./migrations/0001_init.sql'] += '\n-- a quiet edit\n';
    const edited = parseMigrations(sources);
    expect(() => openStore(path, edited)).toThrow(/Migration 0001_init was changed after it was applied/);
    expect(sha(path)).toBe(before);
  });

  it('refuses a file that is not a Loomcast database and leaves it unchanged', () => {
    const path = fresh();
    writeFileSync(path, 'these are my notes, not a database\n'.repeat(200));
    const before = sha(path);
    expect(() => openStore(path)).toThrow(StoreRefusedError);
    expect(sha(path)).toBe(before);
  });

  it('reads migration files only when they are numbered without gaps', () => {
    expect(() => parseMigrations({ './migrations/0002_x.sql': '' })).toThrow(/without gaps/);
    expect(() => parseMigrations({ './migrations/init.sql': '' })).toThrow(/NNNN_snake_name/);
  });

  it('treats a checkout with Windows line endings as the same migration', () => {
    const [crlf] = parseMigrations({ './migrations/0001_init.sql': MIGRATIONS[0]!.sql.replace(/\n/g, '\r\n') });
    expect(crlf!.checksum).toBe(MIGRATIONS[0]!.checksum);
  });
});
