/**
 * Media named by an import row: files on the computer Loomcast runs on. A file is recognised by
 * its first bytes, not its name, so the files in Loomcast's own media folder (named by their hash,
 * as an export lists them) import back too.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { imageSize } from '../../media/image-size';
import { videoInfoOfFile } from '../../media/video-info';

/** Node reads a file into one buffer; well above any platform's video limit, well below Node's. */
export const MEDIA_MAX_BYTES = 1024 ** 3;

export type MediaKind = 'image' | 'video';

export interface MediaFile {
  path: string;
  name: string;
  mime: string;
  kind: MediaKind;
  bytes: number;
  /** A video's length (ms), read from its headers by offset; null where they don't say. */
  durationMs?: number | null;
  /** Its size as shown (a photo's EXIF orientation or a video's rotation applied); null where the file does not say. */
  width?: number | null;
  height?: number | null;
}

export type MediaCheck = { ok: true; file: MediaFile } | { ok: false; message: string };

/** Media paths and alt texts are separated by "|" or new lines: alt text is prose, so commas and semicolons stay in it. */
export function splitMediaList(cell: string): string[] {
  return cell
    .split(/[|\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** What a file is, from its magic numbers: the formats every platform Loomcast serves accepts. */
export function sniff(head: Uint8Array): { mime: string; kind: MediaKind } | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { mime: 'image/jpeg', kind: 'image' };
  if (head[0] === 0x89 && ascii(1, 4) === 'PNG') return { mime: 'image/png', kind: 'image' };
  if (ascii(0, 4) === 'GIF8') return { mime: 'image/gif', kind: 'image' };
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return { mime: 'image/webp', kind: 'image' };
  if (ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12);
    if (/^(heic|heix|mif1|msf1)$/.test(brand)) return null;
    return { mime: brand === 'qt  ' ? 'video/quicktime' : 'video/mp4', kind: 'video' };
  }
  return null;
}

function resolvePath(raw: string, folder: string | undefined): { path: string } | { error: string } {
  if (/^https?:\/\//i.test(raw)) {
    return { error: `${raw} is a web link. Loomcast imports media from files on this computer: download it and give the file's path.` };
  }
  let path = raw;
  if (/^file:\/\//i.test(path)) {
    try {
      path = fileURLToPath(path);
    } catch {
      return { error: `${raw} is not a file address Loomcast can open.` };
    }
  }
  if (path === '~' || path.startsWith('~/')) path = join(homedir(), path.slice(1));
  if (isAbsolute(path)) return { path };
  if (!folder) return { error: `“${raw}” is a relative path. Give the full path, or set the media folder it starts from.` };
  if (!isAbsolute(folder)) return { error: `The media folder “${folder}” must be a full path, e.g. /Users/you/Pictures.` };
  return { path: join(folder, path) };
}

/** A photo's header is almost always in its first bytes; a JPEG's EXIF can push its frame further. */
const PHOTO_HEAD_BYTES = 256 * 1024;
/** The largest photo read whole when its first bytes do not say its size (the import hashes as much anyway). */
const PHOTO_WHOLE_MAX_BYTES = 64 * 1024 * 1024;

/** A photo's size as shown, as the media library reads it on import (media/image-size.ts); null when unknown or unreadable. */
function photoSizeOf(path: string, bytes: number): { width: number; height: number } | null {
  const read = (length: number) => {
    const buf = new Uint8Array(length);
    const fd = openSync(path, 'r');
    try {
      return buf.subarray(0, readSync(fd, buf, 0, length, 0));
    } finally {
      closeSync(fd);
    }
  };
  try {
    const head = read(Math.min(bytes, PHOTO_HEAD_BYTES));
    const size = imageSize(head);
    if (size || bytes <= head.byteLength || bytes > PHOTO_WHOLE_MAX_BYTES) return size;
    return imageSize(read(bytes));
  } catch {
    return null;
  }
}

/** Checks one media path without reading the whole file; results are cached per check run. */
export function createMediaInspector(folder: string | undefined) {
  const cache = new Map<string, MediaCheck>();
  const inspect = (raw: string): MediaCheck => {
    const where = resolvePath(raw, folder);
    if ('error' in where) return { ok: false, message: where.error };
    const { path } = where;
    let size: number;
    try {
      const st = statSync(path);
      if (st.isDirectory()) return { ok: false, message: `${path} is a folder, not a file.` };
      size = st.size;
    } catch {
      return { ok: false, message: `Missing media: there is no file at ${path}.` };
    }
    if (size > MEDIA_MAX_BYTES) return { ok: false, message: `${basename(path)} is larger than 1 GB; no platform takes a file that size.` };
    const head = new Uint8Array(16);
    try {
      const fd = openSync(path, 'r');
      try {
        readSync(fd, head, 0, 16, 0);
      } finally {
        closeSync(fd);
      }
    } catch (err) {
      return { ok: false, message: `Loomcast could not read ${path}: ${(err as NodeJS.ErrnoException).code === 'EACCES' ? 'it has no permission to' : (err as Error).message}.` };
    }
    const type = sniff(head);
    if (!type) return { ok: false, message: `${basename(path)} is not a photo or video Loomcast can post (JPEG, PNG, GIF, WebP, MP4 or MOV).` };
    const file: MediaFile = { path, name: basename(path), mime: type.mime, kind: type.kind, bytes: size };
    if (type.kind === 'video') {
      // Only the headers, by offset (moov may be last): never the whole file.
      const video = videoInfoOfFile(path);
      file.durationMs = video.ok && video.info.durationSeconds !== null ? Math.round(video.info.durationSeconds * 1000) : null;
      file.width = video.ok ? video.info.width : null;
      file.height = video.ok ? video.info.height : null;
    } else {
      const shown = photoSizeOf(path, size);
      file.width = shown?.width ?? null;
      file.height = shown?.height ?? null;
    }
    return { ok: true, file };
  };
  return (raw: string): MediaCheck => {
    const hit = cache.get(raw);
    if (hit) return hit;
    const result = inspect(raw);
    cache.set(raw, result);
    return result;
  };
}

/** How many files' hashes a hasher keeps; a preview and its commit then read each file once. */
const HASHES_KEPT = 5000;
const HASH_CHUNK = 1024 * 1024;
/**
 * The largest file hashed for the guard. The check runs on the main thread: a photo is read in
 * milliseconds, a long video would hold publishing and the window for seconds. A row with a
 * larger file is not compared (the guard lets it through, as it did before media were compared).
 */
export const MAX_HASHED_BYTES = 64 * 1024 * 1024;

/**
 * The SHA-256 of a file's bytes, the hash the media library keeps it under (media/media-store.ts),
 * so the duplicate guard can fingerprint an import row with its media before the commit copies
 * them. Read in chunks and kept per path, size and change time; null when the file can't be
 * read (the row's own check says why) or is larger than MAX_HASHED_BYTES.
 */
export function createMediaHasher() {
  const kept = new Map<string, string>();
  const digest = (path: string): string => {
    const hash = createHash('sha256');
    const chunk = new Uint8Array(HASH_CHUNK);
    const fd = openSync(path, 'r');
    try {
      for (let n = readSync(fd, chunk, 0, HASH_CHUNK, null); n > 0; n = readSync(fd, chunk, 0, HASH_CHUNK, null)) hash.update(chunk.subarray(0, n));
    } finally {
      closeSync(fd);
    }
    return hash.digest('hex');
  };
  return (path: string): string | null => {
    try {
      const st = statSync(path);
      if (st.size > MAX_HASHED_BYTES) return null;
      const key = `${path}\u0000${st.size}\u0000${st.mtimeMs}`;
      let hash = kept.get(key);
      if (hash === undefined) {
        hash = digest(path);
        if (kept.size >= HASHES_KEPT) kept.delete(kept.keys().next().value!);
        kept.set(key, hash);
      }
      return hash;
    } catch {
      return null;
    }
  };
}
