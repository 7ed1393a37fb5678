import Database from 'better-sqlite3';
import type { Logger } from '../deps';
import { nextTurn } from '../turn';
import type { MediaStore } from './media-store';
import { BIN_MEDIA_SQL } from '../posts/post-bin';

/** A file unused this long (a draft being written, an undo, a post in the bin) is never removed sooner. */
export const MEDIA_GRACE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The files a kept backup's posts use, and its bin's: a restore of that backup brings those posts
 * back, so their files stay as long as the backup does. Throws when the backup cannot be read.
 */
export function mediaOfBackup(path: string, nativeBinding?: string): Set<string> {
  const db = new Database(path, { readonly: true, fileMustExist: true, nativeBinding });
  try {
    const hashes = db.prepare('SELECT DISTINCT media_hash FROM post_media').pluck().all() as string[];
    const hasBin = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'deleted_posts'").get();
    const binned = hasBin ? (db.prepare(BIN_MEDIA_SQL).pluck().all() as string[]) : [];
    return new Set([...hashes, ...binned]);
  } finally {
    db.close();
  }
}

export interface MediaSweepDeps {
  media: Pick<MediaStore, 'unusedSince' | 'remove'>;
  /** The backups kept now (each one's path); a restore of any of them needs its posts' files. */
  backups: () => readonly { path: string }[];
  readBackup?: (path: string) => Set<string>;
  now: () => number;
  log: Pick<Logger, 'info' | 'warn'>;
}

/**
 * Media files no post uses any more, removed once nothing could bring such a post back: unused
 * for more than MEDIA_GRACE_MS (by the current posts and the bin), and used by no kept backup.
 * Run after the daily backup. A backup that cannot be read stops the sweep: nothing is removed
 * on a guess. Answers how many files went and the bytes freed.
 */
export async function sweepUnusedMedia(d: MediaSweepDeps): Promise<{ removed: number; bytes: number }> {
  const at = d.now();
  const candidates = d.media.unusedSince(at, at - MEDIA_GRACE_MS);
  if (candidates.length === 0) return { removed: 0, bytes: 0 };
  const read = d.readBackup ?? ((path: string) => mediaOfBackup(path));
  const kept = new Set<string>();
  for (const backup of d.backups()) {
    try {
      for (const hash of read(backup.path)) kept.add(hash);
    } catch (err) {
      d.log.warn('unused media left for now: a backup could not be read', { backup: backup.path, error: err as Error });
      return { removed: 0, bytes: 0 };
    }
    // A backup at a time: the posts going out meanwhile wait for one read, not for all of them.
    await nextTurn();
  }
  const doomed = candidates.filter((hash) => !kept.has(hash));
  const bytes = d.media.remove(doomed);
  if (doomed.length > 0) d.log.info('unused media removed', { files: doomed.length, bytes });
  return { removed: doomed.length, bytes };
}
