/**
 * Videos stored before Loomcast read their headers get their length after the next start, in the
 * background, so the pre-flight can refuse one too long for a platform; one that cannot be read
 * stays without a length (not refused for it) and nothing else changes.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { threadsClient } from '../../electron/core/platforms/threads/client';
import { backfillVideoFacts } from '../../electron/core/media/video-backfill';
import { createTestCore, tempDir, type TestCore } from '../support/core';
import { mp4 } from '../support/mp4';

const quiet = { info() {}, warn() {} };
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('videos stored before their length was read', () => {
  let t: TestCore | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  /** Writes a video row as an older Loomcast left it (no length, no size) and its file. */
  const storeAsBefore = (dataDir: string, bytes: Uint8Array, mime = 'video/mp4') => {
    const hash = sha(bytes);
    writeFileSync(join(dataDir, 'media', hash), bytes);
    const db = new Database(join(dataDir, 'loomcast.sqlite'));
    db.prepare('INSERT INTO media (hash, mime, bytes, width, height, duration_ms, created_at) VALUES (?, ?, ?, NULL, NULL, NULL, 0)').run(hash, mime, bytes.byteLength);
    db.close();
    return hash;
  };
  const row = (dataDir: string, hash: string) => {
    const db = new Database(join(dataDir, 'loomcast.sqlite'), { readonly: true });
    try {
      return db.prepare('SELECT width, height, duration_ms AS durationMs FROM media WHERE hash = ?').get(hash);
    } finally {
      db.close();
    }
  };

  it('reads each one from its headers after the next start, and leaves an unreadable one as it was', async () => {
    const dir = tempDir('loomcast-backfill-');
    t = await createTestCore({ dataDir: dir.path, clients: { threads: threadsClient } });
    await t.close();
    const long = storeAsBefore(dir.path, mp4({ seconds: 372.25, rotation: 90, width: 1920, height: 1080, moovLast: true }));
    const broken = storeAsBefore(dir.path, Uint8Array.from([0, 0, 0, 8, 0x66, 0x72, 0x65, 0x65, 1, 2, 3]));
    const photo = storeAsBefore(dir.path, Uint8Array.from([0xff, 0xd8, 0xff, 0xd9]), 'image/jpeg');

    t = await createTestCore({ dataDir: dir.path, clients: { threads: threadsClient } });
    await expect.poll(() => row(dir.path, long), { timeout: 5_000 }).toEqual({ width: 1080, height: 1920, durationMs: 372_250 });
    expect(row(dir.path, broken)).toEqual({ width: null, height: null, durationMs: null });
    expect(row(dir.path, photo)).toEqual({ width: null, height: null, durationMs: null });
  });

  it('looks at every video once per run, however many cannot be read, and answers what it did', async () => {
    const dir = tempDir('loomcast-backfill-');
    t = await createTestCore({ dataDir: dir.path });
    await t.close();
    t = null;
    // More unreadable files than one turn reads, all sorting before the readable one.
    const unreadable: string[] = [];
    for (let i = 0; i < 40; i++) unreadable.push(storeAsBefore(dir.path, Uint8Array.from([0, 0, 0, 9, 0x66, 0x72, 0x65, 0x65, i])));
    const good = storeAsBefore(dir.path, mp4({ seconds: 12, width: 640, height: 360 }));
    const db = new Database(join(dir.path, 'loomcast.sqlite'));
    try {
      expect(await backfillVideoFacts({ db, dataDir: dir.path, log: quiet })).toEqual({ read: 1, unreadable: 40 });
      expect(db.prepare('SELECT duration_ms AS d FROM media WHERE hash = ?').get(good)).toEqual({ d: 12_000 });
      // A second run finds only the unreadable ones, and reads each once.
      expect(await backfillVideoFacts({ db, dataDir: dir.path, log: quiet })).toEqual({ read: 0, unreadable: 40 });
      // Quitting stops it before the next batch.
      const stop = new AbortController();
      stop.abort();
      expect(await backfillVideoFacts({ db, dataDir: dir.path, log: quiet, signal: stop.signal })).toEqual({ read: 0, unreadable: 0 });
    } finally {
      db.close();
    }
    expect(unreadable).toHaveLength(40);
  });
});
