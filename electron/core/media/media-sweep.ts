import Database from 'better-sqlite3';
import type { Logger } from '../deps';
import { nextTurn } from '../turn';
import type { MediaStore } from './media-store';
import { BIN_MEDIA_SQL } from '../posts/post-bin';

/** A file unused this long (a draft being written, an undo, a post in the bin) is never removed sooner. */
export const MEDIA_GRACE_MS = 7 * 24 * 60 * 60 * 1000;

/** What a kept backup needs of the media folder. */
export interface BackupMedia {
  /** The files its posts use, and its bin's: a restore of that backup brings those posts back. */
  used: Set<string>;
  /** Of the files asked about, those it has a row for (a restore brings the row back, used or not). */
  known: Set<string>;
}

/**
 * The files a kept backup's posts use, and its bin's, so they stay as long as the backup does; and
 * which of `among` (files with no row now) it has a row for. Throws when the backup cannot be read.
 */
export function mediaOfBackup(path: string, among: readonly string[] = [], nativeBinding?: string): BackupMedia {
  const db = new Database(path, { readonly: true, fileMustExist: true, nativeBinding });
  try {
    const hashes = db.prepare('SELECT DISTINCT media_hash FROM post_media').pluck().all() as string[];
    const hasBin = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'deleted_posts'").get();
    const binned = hasBin ? (db.prepare(BIN_MEDIA_SQL).pluck().all() as string[]) : [];
    const known = among.length > 0 ? (db.prepare('SELECT hash FROM media WHERE hash IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(among)) as string[]) : [];
    return { used: new Set([...hashes, ...binned]), known: new Set(known) };
  } finally {
    db.close();
  }
}

export interface MediaSweepDeps {
  media: Pick<MediaStore, 'unusedSince' | 'remove' | 'strays' | 'removeStrays'>;
  /** The backups kept now (each one's path); a restore of any of them needs its posts' files. */
  backups: () => readonly { path: string }[];
  readBackup?: (path: string, among: readonly string[]) => BackupMedia;
  now: () => number;
  log: Pick<Logger, 'info' | 'warn'>;
}

/**
 * Media files no post uses any more, removed once nothing could bring such a post back: unused
 * for more than MEDIA_GRACE_MS (by the current posts and the bin), and used by no kept backup.
 * Files no row names (a removal stopped between rows and files, an older backup restored) go too
 * once untouched that long, unless a kept backup has a row for them. Run after the daily backup.
 * A backup that cannot be read stops the sweep: nothing is removed on a guess. Answers how many
 * files went and the bytes freed.
 */
export async function sweepUnusedMedia(d: MediaSweepDeps): Promise<{ removed: number; bytes: number }> {
  const at = d.now();
  const candidates = d.media.unusedSince(at, at - MEDIA_GRACE_MS);
  const strays = d.media.strays(at - MEDIA_GRACE_MS);
  if (candidates.length === 0 && strays.length === 0) return { removed: 0, bytes: 0 };
  // Only a file's own name can be in a backup; a temporary one never is.
  const hashes = strays.filter((name) => name.length === 64);
  const read = d.readBackup ?? ((path: string, among: readonly string[]) => mediaOfBackup(path, among));
  const kept = new Set<string>();
  for (const backup of d.backups()) {
    try {
      const { used, known } = read(backup.path, hashes);
      for (const hash of used) kept.add(hash);
      for (const hash of known) kept.add(hash);
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
  const loose = d.media.removeStrays(strays.filter((name) => !kept.has(name)), at - MEDIA_GRACE_MS);
  if (loose.files > 0) d.log.info('media files no row names removed', loose);
  return { removed: doomed.length + loose.files, bytes: bytes + loose.bytes };
}
