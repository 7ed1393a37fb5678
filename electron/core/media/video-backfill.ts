/**
 * Videos stored before Loomcast read their headers have no length in their row, so no platform's
 * length limit could refuse them (a post of one would fail when due, as before). After each start,
 * in the background, each such video's MP4 / MOV headers are read from its file by offset (never
 * the whole file), a few per turn of the event loop, and its length and shape written to its row.
 * A file that cannot be read keeps an empty length (not refused for it, as at upload) and is
 * looked at again at the next start: a few kilobytes read, never a loop.
 */
import { join } from 'node:path';
import type { Background } from '../background';
import type { Logger } from '../deps';
import type { Db } from '../store/open';
import { videoInfoOfFile } from './video-info';

/** Videos read per turn: headers only, well under a millisecond each. */
const PER_TURN = 16;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * `signal`: quitting stops it between batches (what is left waits for the next start);
 * `background`: where it registers, to wait between batches while the work is paused (background.ts).
 */
export async function backfillVideoFacts(d: { db: Db; dataDir: string; log: Pick<Logger, 'info' | 'warn'>; signal?: AbortSignal; background?: Pick<Background, 'gate'> }): Promise<{ read: number; unreadable: number }> {
  const media = join(d.dataDir, 'media');
  // Keyset paging by hash: each video is looked at once per start, readable or not.
  const next = d.db.prepare<[string], { hash: string }>(`SELECT hash FROM media WHERE mime LIKE 'video/%' AND duration_ms IS NULL AND hash > ? ORDER BY hash LIMIT ${PER_TURN}`);
  // Only where nothing wrote its facts meanwhile (the same bytes uploaded again).
  const write = d.db.prepare('UPDATE media SET width = coalesce(?, width), height = coalesce(?, height), duration_ms = ? WHERE hash = ? AND duration_ms IS NULL');
  const done = { read: 0, unreadable: 0 };
  let after = '';
  const gate = d.background?.gate('video lengths backfill');
  try {
    for (;;) {
      // After the start (never part of it), and between batches.
      await turn();
      await gate?.pass(d.signal);
      // Quitting, or the database closed meanwhile: what is left waits for the next start.
      if (d.signal?.aborted || !d.db.open) break;
      const batch = next.all(after);
      if (batch.length === 0) break;
      for (const { hash } of batch) {
        const r = videoInfoOfFile(join(media, hash));
        const ms = r.ok && r.info.durationSeconds !== null ? Math.round(r.info.durationSeconds * 1000) : null;
        if (r.ok && ms !== null && ms > 0) {
          write.run(r.info.width, r.info.height, ms, hash);
          done.read++;
        } else done.unreadable++;
      }
      after = batch[batch.length - 1]!.hash;
    }
  } finally {
    gate?.done();
  }
  if (done.read > 0 || done.unreadable > 0) d.log.info('read the length of videos stored before it was read at upload', done);
  return done;
}
