import { existsSync, fstatSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../electron/core/store/open';
import { createWalSync } from '../../electron/core/store/wal-sync';
import { tempDir } from '../support/core';

describe('flushing the WAL of a real database file', () => {
  const dirs: { remove(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  it('flushes the -wal file SQLite keeps open, after a commit made without the fsync and after the WAL was emptied', async () => {
    const dir = tempDir('loomcast-walsync-');
    dirs.push(dir);
    const path = join(dir.path, 'loomcast.sqlite');
    const store = openStore(path);
    try {
      const { db } = store;
      db.exec('CREATE TABLE walsync_probe (n INTEGER)');
      db.pragma('synchronous = NORMAL');
      db.prepare('INSERT INTO walsync_probe (n) VALUES (1)').run();
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
      const wal = createWalSync(path);
      await expect(wal.sync()).resolves.toBeUndefined();
      // Emptied by a checkpoint, the file is still there to be flushed.
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.prepare('INSERT INTO walsync_probe (n) VALUES (2)').run();
      await expect(Promise.all([wal.sync(), wal.sync(), wal.sync()])).resolves.toHaveLength(3);
      expect((db.prepare('SELECT count(*) AS n FROM walsync_probe').get() as { n: number }).n).toBe(2);
      // One descriptor kept for the file, which the network worker flushes too.
      const fd = wal.descriptor();
      expect(typeof fd).toBe('number');
      expect(wal.descriptor()).toBe(fd);
      await wal.close();
      expect(() => fstatSync(fd!)).toThrow(/EBADF/);
    } finally {
      store.close();
    }
  });

  it('says what went wrong when there is no WAL file to flush', async () => {
    const dir = tempDir('loomcast-walsync-');
    dirs.push(dir);
    const path = join(dir.path, 'never-opened.sqlite');
    expect(existsSync(`${path}-wal`)).toBe(false);
    const wal = createWalSync(path);
    await expect(wal.sync()).rejects.toThrow(/ENOENT/);
    // Nothing for the worker to flush either: its requests wait on this thread instead.
    expect(wal.descriptor()).toBeNull();
  });
});
