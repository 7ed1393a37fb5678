import { closeSync, existsSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreRefusedError } from '../../../electron/core/store/errors';
import { openStore } from '../../../electron/core/store/open';
import { applyStagedRestore, stageRestore } from '../../../electron/core/store/recovery';
import { SEAL_MAX_AGE_MS, sealPathOf } from '../../../electron/core/store/seal';
import { tempDir } from '../../support/core';

const POSIX = process.platform !== 'win32';
const T0 = Date.UTC(2030, 0, 1);
const HOUR = 3_600_000;

describe("a clean close's seal", () => {
  const dirs: { remove(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
  const fresh = () => {
    const d = tempDir();
    dirs.push(d);
    return join(d.path, 'loomcast.sqlite');
  };
  const open = (path: string, at: number) => openStore(path, undefined, () => at);
  /** A store with a row in it, closed cleanly at `at`. */
  const closedWithData = (path: string, at = T0) => {
    const store = open(path, at);
    store.db.exec("CREATE TABLE IF NOT EXISTS notes (body TEXT); INSERT INTO notes VALUES ('kept')");
    store.close();
  };

  it('lets the next start skip the check of a file nothing touched, and is gone while the file is open', () => {
    const path = fresh();
    closedWithData(path);
    expect(existsSync(sealPathOf(path))).toBe(true);
    if (POSIX) expect(statSync(sealPathOf(path)).mode & 0o777).toBe(0o600);

    const next = open(path, T0 + HOUR);
    expect(next.startCheck).toBe('sealed');
    // The chain keeps the instant the check last passed, not this start's.
    expect(next.checkedAt).toBe(T0);
    // A crash from here on leaves no seal behind.
    expect(existsSync(sealPathOf(path))).toBe(false);
    expect(next.db.prepare('SELECT body FROM notes').pluck().all()).toEqual(['kept']);
    next.close();
    expect(JSON.parse(readFileSync(sealPathOf(path), 'utf8')).checkedAt).toBe(T0);
  });

  it('is not trusted after a crash: a start that never closed leaves none, and the next start checks', () => {
    const path = fresh();
    closedWithData(path);
    const crashed = open(path, T0 + HOUR);
    crashed.db.exec("INSERT INTO notes VALUES ('in the log')");
    // The process dies here: its connection is never closed (its log still holds the row).
    expect(existsSync(sealPathOf(path))).toBe(false);
    const next = open(path, T0 + 2 * HOUR);
    expect(next.startCheck).toBe('checked');
    expect(next.checkedAt).toBe(T0 + 2 * HOUR);
    next.close();
    crashed.db.close();
  });

  it('is not trusted once another program wrote to the file, to its log only, or damaged it', () => {
    const path = fresh();
    closedWithData(path);
    const other = new Database(path);
    other.exec("INSERT INTO notes VALUES ('by the sqlite3 tool')");
    other.close();
    const afterWrite = open(path, T0 + HOUR);
    expect(afterWrite.startCheck).toBe('checked');
    afterWrite.close();

    // A writer still open (or killed) leaves its rows in the log; the file itself is unchanged.
    const writer = new Database(path);
    writer.exec("INSERT INTO notes VALUES ('only in the log')");
    const withLog = open(path, T0 + 2 * HOUR);
    expect(withLog.startCheck).toBe('checked');
    withLog.close();
    writer.close();

    // Damage after a clean close changes the file, so the check runs and refuses it.
    const damaged = fresh();
    closedWithData(damaged);
    const big = open(damaged, T0);
    big.db.exec("CREATE TABLE filler (body TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) INSERT INTO filler SELECT printf('%0500d', i) FROM n");
    big.close();
    expect(existsSync(sealPathOf(damaged))).toBe(true);
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 4, 0xa5), 0, 4096 * 4, 4096 * 2);
    closeSync(fd);
    expect(() => open(damaged, T0 + HOUR)).toThrow(StoreRefusedError);
  });

  it('is checked again once its chain is a week old, or when the clock went back', () => {
    const path = fresh();
    closedWithData(path);
    const day6 = open(path, T0 + SEAL_MAX_AGE_MS - HOUR);
    expect(day6.startCheck).toBe('sealed');
    day6.close();
    const week = open(path, T0 + SEAL_MAX_AGE_MS);
    expect(week.startCheck).toBe('checked');
    expect(week.checkedAt).toBe(T0 + SEAL_MAX_AGE_MS);
    week.close();
    // The new chain starts at that check.
    const after = open(path, T0 + SEAL_MAX_AGE_MS + HOUR);
    expect(after.startCheck).toBe('sealed');
    after.close();

    const back = open(path, T0 - HOUR);
    expect(back.startCheck).toBe('checked');
    back.close();
  });

  it('goes with the file a restore replaces', () => {
    const path = fresh();
    closedWithData(path);
    const backup = fresh();
    closedWithData(backup);
    const dataDir = join(path, '..');
    stageRestore(dataDir, backup);
    expect(applyStagedRestore(dataDir, T0 + HOUR)).not.toBeNull();
    expect(existsSync(sealPathOf(path))).toBe(false);
    const store = open(path, T0 + HOUR);
    expect(store.startCheck).toBe('checked');
    store.close();
  });

  it('that is torn, edited or from an unknown version is no seal at all', () => {
    const path = fresh();
    // The last: the seal just written, padded past what a seal can be.
    const pad = (real: string) => real.replace('{', `{"pad":"${'x'.repeat(5_000)}",`);
    for (const garbage of ['{"v":1,"size":"1', '{"v":2}', 'null', JSON.stringify({ v: 1, size: '0', mtimeNs: '0', ino: '0', dev: '0', checkedAt: T0 }), pad]) {
      closedWithData(path);
      writeFileSync(sealPathOf(path), typeof garbage === 'string' ? garbage : garbage(readFileSync(sealPathOf(path), 'utf8')));
      const store = open(path, T0 + HOUR);
      expect(store.startCheck).toBe('checked');
      store.close();
    }
  });
});
