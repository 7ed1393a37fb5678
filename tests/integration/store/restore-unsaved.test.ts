import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store/open';
import { applyStagedRestore, stageRestore } from '../../../electron/core/store/recovery';
import { tempDir } from '../../support/core';

const T0 = Date.UTC(2030, 0, 1);
const HOUR = 3_600_000;

describe('a staged restore whose backup of the current database cannot be written', () => {
  const dirs: { remove(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
  /** A closed store in its own folder holding one note. */
  const withNote = (note: string) => {
    const d = tempDir();
    dirs.push(d);
    const path = join(d.path, 'loomcast.sqlite');
    const store = openStore(path, undefined, () => T0);
    store.db.exec(`CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('${note}')`);
    store.close();
    return { dir: d.path, path };
  };
  const noteIn = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return (db.prepare('SELECT body FROM notes').get() as { body: string }).body;
    } finally {
      db.close();
    }
  };

  it('still puts the restore in place, keeping the database it replaces beside it, so Loomcast starts', () => {
    const current = withNote('today');
    const backup = withNote('last week');
    stageRestore(current.dir, backup.path);
    // Where the pre-restore backup would go is not a folder (a full or read-only disk fails alike).
    rmSync(join(current.dir, 'backups'), { recursive: true, force: true });
    writeFileSync(join(current.dir, 'backups'), 'not a folder');

    const applied = applyStagedRestore(current.dir, T0 + HOUR);
    expect(applied).toMatchObject({ savedAs: null, movedAsideTo: expect.stringMatching(/loomcast-replaced-.*\.sqlite$/) });
    expect(noteIn(current.path)).toBe('last week');
    // Nothing lost: the database that was there is kept, whole, under the name given.
    expect(noteIn(applied!.movedAsideTo!)).toBe('today');
    expect(readdirSync(current.dir)).not.toContain('restore-pending.sqlite');
    // And the next start opens the restored file.
    rmSync(join(current.dir, 'backups'));
    mkdirSync(join(current.dir, 'backups'));
    const store = openStore(current.path, undefined, () => T0 + 2 * HOUR);
    expect(existsSync(current.path)).toBe(true);
    store.close();
  });
});
