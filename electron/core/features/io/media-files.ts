/**
 * Media named by an import row: files on the computer Loomcast runs on. A file is recognised by
 * its first bytes, not its name, so the files in Loomcast's own media folder (named by their hash,
 * as an export lists them) import back too.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Node reads a file into one buffer; well above any platform's video limit, well below Node's. */
export const MEDIA_MAX_BYTES = 1024 ** 3;

export type MediaKind = 'image' | 'video';

export interface MediaFile {
  path: string;
  name: string;
  mime: string;
  kind: MediaKind;
  bytes: number;
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
    return { ok: true, file: { path, name: basename(path), mime: type.mime, kind: type.kind, bytes: size } };
  };
  return (raw: string): MediaCheck => {
    const hit = cache.get(raw);
    if (hit) return hit;
    const result = inspect(raw);
    cache.set(raw, result);
    return result;
  };
}
