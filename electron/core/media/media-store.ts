import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { syncFile, syncParent } from '../store/durable-files';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/contract';
import type { MediaItem } from '../platforms/types';
import type { Db } from '../store/open';
import { PRIVATE_FILE_MODE, ensurePrivateDir } from '../store/private-files';
import { BIN_MEDIA_SQL } from '../posts/post-bin';
import { imageSize, imageType } from './image-size';
import { bytesSource, videoInfo } from './video-info';

/** Hands a platform that pulls media by URL a short-lived public link (an S3 presigned URL). */
export interface PublicUrlProvider {
  publicUrl(file: { hash: string; mime: string; path: string }): Promise<string>;
}

interface MediaRow {
  hash: string;
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
}

/** The names Loomcast gives files in the media folder: a SHA-256, or a write's temporary `<sha256>.<pid>.tmp`. */
const MEDIA_NAME = /^[0-9a-f]{64}(\.\d+\.tmp)?$/;

/** Media files live in <dataDir>/media named by their SHA-256, so the same file is kept once. */
export function createMediaStore({ db, dataDir, now, publicUrls }: { db: Db; dataDir: string; now: () => number; publicUrls: () => PublicUrlProvider | null }) {
  const dir = join(dataDir, 'media');
  ensurePrivateDir(dir); // owner-only; createCore has already tightened what an older Loomcast left
  const insert = db.prepare('INSERT OR IGNORE INTO media (hash, mime, bytes, width, height, duration_ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  // The same bytes again: their facts as read now (an older Loomcast ignored EXIF orientation,
  // imports kept no size, and no video's length was read).
  const reread = db.prepare(`UPDATE media SET width = :width, height = :height, duration_ms = :durationMs
    WHERE hash = :hash AND (width IS NOT :width OR height IS NOT :height OR duration_ms IS NOT :durationMs)`);
  const get = db.prepare('SELECT hash, mime, bytes, width, height, duration_ms FROM media WHERE hash = ?');
  const ofPost = db.prepare('SELECT m.hash, m.mime, m.bytes, m.width, m.height, m.duration_ms, pm.alt_text FROM post_media pm JOIN media m ON m.hash = pm.media_hash WHERE pm.post_id = ? ORDER BY pm.position');
  const attach = db.prepare('INSERT INTO post_media (post_id, position, media_hash, alt_text) VALUES (?, ?, ?, ?)');
  const detachAll = db.prepare('DELETE FROM post_media WHERE post_id = ?');
  // Uploaded again: whatever the sweep noted, it is wanted now (see unusedSince); a post's
  // use comes back with the trigger of migration 0029 when it is saved into one.
  const wanted = db.prepare('UPDATE media SET unused_since = NULL WHERE hash = ? AND unused_since IS NOT NULL');
  const unused = {
    inBin: db.prepare(BIN_MEDIA_SQL).pluck(),
    used: db.prepare(`UPDATE media SET unused_since = NULL WHERE unused_since IS NOT NULL
      AND (EXISTS (SELECT 1 FROM post_media pm WHERE pm.media_hash = media.hash) OR hash IN (SELECT value FROM json_each(:bin)))`),
    // Only files a post has used: an upload the composer holds in an unsaved post is no post's yet.
    mark: db.prepare(`UPDATE media SET unused_since = :at WHERE used = 1 AND unused_since IS NULL
      AND NOT EXISTS (SELECT 1 FROM post_media pm WHERE pm.media_hash = media.hash) AND hash NOT IN (SELECT value FROM json_each(:bin))`),
    since: db.prepare('SELECT hash FROM media WHERE unused_since < :before').pluck(),
    stillUnused: db.prepare('SELECT 1 FROM media WHERE hash = ? AND unused_since IS NOT NULL').pluck(),
    remove: db.prepare('DELETE FROM media WHERE hash = ?'),
    usage: db.prepare(`SELECT count(*) AS files, coalesce(sum(bytes), 0) AS bytes, count(unused_since) AS unusedFiles,
      coalesce(sum(CASE WHEN unused_since IS NOT NULL THEN bytes END), 0) AS unusedBytes FROM media`),
  };

  const pathOf = (hash: string) => join(dir, hash);
  /** Whether a row names this file; a temporary file never is. */
  const named = (name: string) => name.length === 64 && get.get(name) !== undefined;

  const toItem = (row: MediaRow, altText: string | null): MediaItem => ({
    hash: row.hash,
    mime: row.mime,
    bytes: row.bytes,
    altText,
    ...(row.width ? { width: row.width } : {}),
    ...(row.height ? { height: row.height } : {}),
    ...(row.duration_ms ? { durationMs: row.duration_ms } : {}),
    read: async () => new Uint8Array(await readFile(pathOf(row.hash))),
    publicUrl: async () => {
      const provider = publicUrls();
      if (!provider) {
        throw new AppError('invalid_input', 'This platform fetches media from a public link. Set up a media bucket (S3-compatible) in Settings first.');
      }
      return provider.publicUrl({ hash: row.hash, mime: row.mime, path: pathOf(row.hash) });
    },
  });

  return {
    /**
     * Stores the bytes under their hash. An image's width and height are read from its bytes as it
     * is shown (EXIF orientation applied), a video's length, width and height from its MP4 / MOV
     * headers (its rotation applied; only the headers are read, by offset), and the type from its
     * first bytes, whoever hands it in (an upload, an import); `declared` and `size` are kept only
     * where the bytes don't say. A video that cannot be read is stored without its facts.
     */
    put(bytes: Uint8Array, declared: string, size: { width?: number; height?: number } = {}): string {
      // The bytes say what the file is: the gates and the platforms go by them, not by its name.
      const found = imageType(bytes);
      if (found === 'heif') {
        throw new AppError('invalid_input', 'That photo is HEIC (as iPhones save them), which the platforms do not take. Export it as JPEG and add that.');
      }
      const mime = found ?? declared;
      const hash = createHash('sha256').update(bytes).digest('hex');
      const file = pathOf(hash);
      if (!existsSync(file)) {
        // Write then rename: a crash never leaves a half file under a content hash.
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, bytes, { mode: PRIVATE_FILE_MODE });
        // A post saved next names it by hash; after a power cut that name must hold these bytes.
        syncFile(tmp);
        renameSync(tmp, file);
        syncParent(file);
      }
      const read = factsOf(bytes, mime);
      const width = read?.width ?? size.width ?? null;
      const height = read?.height ?? size.height ?? null;
      insert.run(hash, mime, bytes.byteLength, width, height, read?.durationMs ?? null, now());
      if (read) reread.run({ hash, width: read.width, height: read.height, durationMs: read.durationMs });
      wanted.run(hash);
      return hash;
    },
    read(hash: string): Uint8Array {
      return new Uint8Array(readFileSync(pathOf(hash)));
    },
    item(hash: string, altText: string | null = null): MediaItem {
      const row = get.get(hash) as MediaRow | undefined;
      if (!row) throw new AppError('not_found', `No media with hash ${hash.slice(0, 12)}…`);
      return toItem(row, altText);
    },
    forPost(postId: string): MediaItem[] {
      return (ofPost.all(postId) as (MediaRow & { alt_text: string | null })[]).map((r) => toItem(r, r.alt_text));
    },
    /**
     * The daily look for files nothing uses (media/media-sweep.ts): each file a post has used that
     * no post and no post in the bin uses now is marked with when that was first seen, and any
     * file used again is unmarked (a post that takes it, a restore, or an upload of the same bytes
     * unmarks it at once too: migration 0029's trigger and `put`). Answers the files unused since
     * before `before`. An upload no post has used yet (the composer keeps unsaved posts across
     * restarts) is never marked.
     */
    unusedSince(at: number, before: number): string[] {
      return db.transaction(() => {
        const bin = JSON.stringify(unused.inBin.all());
        unused.used.run({ bin });
        unused.mark.run({ bin, at });
        return unused.since.all({ before }) as string[];
      })();
    },
    /**
     * Removes these files and their rows, leaving any a post took meanwhile; answers the bytes
     * freed. Rows go first, in one transaction: a crash before the files go leaves a file with no
     * row, which misleads nothing, and a later sweep removes it (`strays`).
     */
    remove(hashes: readonly string[]): number {
      let freed = 0;
      const gone = db.transaction(() =>
        hashes.filter((hash) => {
          // No longer marked: a post took it meanwhile.
          if (unused.stillUnused.get(hash) === undefined) return false;
          unused.remove.run(hash);
          return true;
        }),
      )();
      for (const hash of gone) {
        freed += fileSize(pathOf(hash));
        rmSync(pathOf(hash), { force: true });
      }
      return freed;
    },
    /**
     * The files of the folder no row names, last written before `before`: a removal stopped
     * between its rows and its files, uploads of a later database after an older backup was
     * restored, a workspace replace given up, a write stopped before its rename (`.tmp`). Files
     * not named as Loomcast names them are not its own and are never listed.
     */
    strays(before: number): string[] {
      const names = existsSync(dir) ? readdirSync(dir) : [];
      return names.filter((name) => MEDIA_NAME.test(name) && !named(name) && modifiedAt(pathOf(name)) < before);
    },
    /**
     * Removes these stray files, leaving any that has a row by now (the same bytes uploaded
     * again) or was written since `before` (a workspace replace keeping it for its database);
     * answers the files removed and the bytes freed. There is no row to keep in step with:
     * nothing is half-removed.
     */
    removeStrays(names: readonly string[], before: number): { files: number; bytes: number } {
      const freed = { files: 0, bytes: 0 };
      for (const name of names) {
        if (!MEDIA_NAME.test(name) || named(name) || modifiedAt(pathOf(name)) >= before) continue;
        freed.bytes += fileSize(pathOf(name));
        rmSync(pathOf(name), { force: true });
        freed.files++;
      }
      return freed;
    },
    /** How many files the folder holds and their size, and of those the ones no post used at the last daily look. */
    usage(): { files: number; bytes: number; unused: { files: number; bytes: number } } {
      const r = unused.usage.get() as { files: number; bytes: number; unusedFiles: number; unusedBytes: number };
      return { files: r.files, bytes: r.bytes, unused: { files: r.unusedFiles, bytes: r.unusedBytes } };
    },
    /** Replaces a post's media list; call inside the caller's transaction. */
    setForPost(postId: string, items: { hash: string; altText: string | null }[]): void {
      detachAll.run(postId);
      items.forEach((m, i) => attach.run(postId, i, m.hash, m.altText));
    },
  };
}

/** What the bytes say of their size as shown, and a video's length (ms); null when they say nothing. */
function factsOf(bytes: Uint8Array, mime: string): { width: number | null; height: number | null; durationMs: number | null } | null {
  if (mime.startsWith('image/')) {
    const size = imageSize(bytes);
    return size && { ...size, durationMs: null };
  }
  if (!mime.startsWith('video/')) return null;
  const video = videoInfo(bytesSource(bytes));
  if (!video.ok) return null;
  const { durationSeconds, width, height } = video.info;
  return { width, height, durationMs: durationSeconds === null ? null : Math.round(durationSeconds * 1000) };
}

/** When the file was last written (ms); one that cannot be read counts as just written. */
const modifiedAt = (path: string): number => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
};

const fileSize = (path: string): number => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

export type MediaStore = ReturnType<typeof createMediaStore>;
