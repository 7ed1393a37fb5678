import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/contract';
import type { MediaItem } from '../platforms/types';
import type { Db } from '../store/open';
import { PRIVATE_FILE_MODE, ensurePrivateDir } from '../store/private-files';

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
}

/** Media files live in <dataDir>/media named by their SHA-256, so the same file is kept once. */
export function createMediaStore({ db, dataDir, now, publicUrls }: { db: Db; dataDir: string; now: () => number; publicUrls: () => PublicUrlProvider | null }) {
  const dir = join(dataDir, 'media');
  ensurePrivateDir(dir); // owner-only; createCore has already tightened what an older Loomcast left
  const insert = db.prepare('INSERT OR IGNORE INTO media (hash, mime, bytes, width, height, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const get = db.prepare('SELECT hash, mime, bytes, width, height FROM media WHERE hash = ?');
  const ofPost = db.prepare('SELECT m.hash, m.mime, m.bytes, m.width, m.height, pm.alt_text FROM post_media pm JOIN media m ON m.hash = pm.media_hash WHERE pm.post_id = ? ORDER BY pm.position');
  const attach = db.prepare('INSERT INTO post_media (post_id, position, media_hash, alt_text) VALUES (?, ?, ?, ?)');
  const detachAll = db.prepare('DELETE FROM post_media WHERE post_id = ?');

  const pathOf = (hash: string) => join(dir, hash);

  const toItem = (row: MediaRow, altText: string | null): MediaItem => ({
    hash: row.hash,
    mime: row.mime,
    bytes: row.bytes,
    altText,
    ...(row.width ? { width: row.width } : {}),
    ...(row.height ? { height: row.height } : {}),
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
    put(bytes: Uint8Array, mime: string, size: { width?: number; height?: number } = {}): string {
      const hash = createHash('sha256').update(bytes).digest('hex');
      const file = pathOf(hash);
      if (!existsSync(file)) {
        // Write then rename: a crash never leaves a half file under a content hash.
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, bytes, { mode: PRIVATE_FILE_MODE });
        renameSync(tmp, file);
      }
      insert.run(hash, mime, bytes.byteLength, size.width ?? null, size.height ?? null, now());
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
    /** Replaces a post's media list; call inside the caller's transaction. */
    setForPost(postId: string, items: { hash: string; altText: string | null }[]): void {
      detachAll.run(postId);
      items.forEach((m, i) => attach.run(postId, i, m.hash, m.altText));
    },
  };
}

export type MediaStore = ReturnType<typeof createMediaStore>;
