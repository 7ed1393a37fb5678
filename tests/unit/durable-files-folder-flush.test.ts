import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../support/core';

/**
 * A folder's flush comes after a rename has already put the file in place: when the folder
 * cannot be flushed (a file system that refuses it, a failing disk), the file is there all the
 * same, so the step must not be reported as failed. A pointer reported unwritten while it names
 * the new folder would have the app keep publishing from the old folder until the next start
 * takes the new one (a post sent twice); a restore reported refused would still be applied.
 * A file's own flush, before its rename, still refuses the step (nothing is named).
 * In the unit project: the mock of node:fs is the one every module here gets.
 */
const fail = vi.hoisted(() => ({ folders: null as string | null, files: null as string | null }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const fsyncSync = (fd: number) => {
    const code = real.fstatSync(fd).isDirectory() ? fail.folders : fail.files;
    if (code) throw Object.assign(new Error(`${code}: fsync failed`), { code });
    real.fsyncSync(fd);
  };
  return { ...real, default: { ...real, fsyncSync }, fsyncSync };
});

const { writePointer, POINTER_FILE } = await import('../../electron/core/data-folder');
const { stageRestore, PENDING_RESTORE_FILE } = await import('../../electron/core/store/recovery');
const { syncFolder } = await import('../../electron/core/store/durable-files');

describe('a folder that cannot be flushed after a rename', () => {
  const dirs: { path: string; remove(): void }[] = [];
  const dir = () => {
    const d = tempDir('loomcast-flush-');
    dirs.push(d);
    return d.path;
  };
  afterEach(() => {
    fail.folders = null;
    fail.files = null;
    for (const d of dirs.splice(0)) d.remove();
  });

  const loomcastDb = (path: string) => {
    const db = new Database(path);
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY); INSERT INTO schema_migrations VALUES (1);');
    db.close();
    return path;
  };

  for (const code of ['EIO', 'ENOTSUP', 'EPERM']) {
    it(`does not report a data-folder pointer unwritten once it names the new folder (${code})`, () => {
      const home = dir();
      const to = join(dir(), 'new');
      mkdirSync(to);
      fail.folders = code;
      expect(() => writePointer(home, to)).not.toThrow();
      expect(readFileSync(join(home, POINTER_FILE), 'utf8')).toContain('new');
    });

    it(`does not report a restore refused once it is staged for the next start (${code})`, () => {
      const dataDir = dir();
      const source = loomcastDb(join(dir(), 'backup.sqlite'));
      fail.folders = code;
      expect(() => stageRestore(dataDir, source)).not.toThrow();
      expect(existsSync(join(dataDir, PENDING_RESTORE_FILE))).toBe(true);
    });
  }

  it('still refuses when the file itself cannot be flushed, and names nothing', () => {
    const dataDir = dir();
    const source = loomcastDb(join(dir(), 'backup.sqlite'));
    fail.files = 'EIO';
    expect(() => stageRestore(dataDir, source)).toThrow(/Could not put the backup in place: EIO/);
    expect(existsSync(join(dataDir, PENDING_RESTORE_FILE))).toBe(false);
    expect(existsSync(join(dataDir, `${PENDING_RESTORE_FILE}.partial`))).toBe(false);
  });

  it('flushes a folder it can', () => {
    const d = dir();
    writeFileSync(join(d, 'a'), 'a');
    expect(() => syncFolder(d)).not.toThrow();
  });
});
