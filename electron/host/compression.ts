import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/**
 * Browser mode serves the renderer's text files (html, js, css, json, svg, source maps)
 * compressed when the browser says it accepts it: brotli first, gzip otherwise, plain when it
 * asks for neither. The build writes a .br and a .gz copy next to each file
 * (scripts/lib/precompress.mjs); a file without one (a source map, a build made another way) is
 * compressed once, quickly, on its first request and kept in memory beside its modification
 * time and size, so a rebuild is picked up. Only the build's own files are served, so the
 * cache is bounded by the build.
 */
export type Encoding = 'br' | 'gzip';

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.map']);
/** Below this, compression saves less than the header costs (the build skips them too). */
const MIN_BYTES = 1024;
/** The suffix of the copy the build writes next to a file, per coding. */
export const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

export function isCompressible(ext: string): boolean {
  return COMPRESSIBLE.has(ext);
}

/** The q-value the Accept-Encoding header gives a coding (with `*` as the fallback), 0 when refused or absent. */
function quality(header: string, coding: string): number {
  let star: number | undefined;
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    const value = q ? Math.min(1, Number(q[1]) || 0) : 1;
    if (name === coding) return value;
    if (name === '*') star = value;
  }
  return star ?? 0;
}

/** The best coding the browser accepts, preferring brotli on a tie; null for plain. */
export function negotiate(acceptEncoding: string | string[] | undefined): Encoding | null {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '');
  if (header.trim() === '') return null;
  const br = quality(header, 'br');
  const gzipQ = quality(header, 'gzip');
  if (br === 0 && gzipQ === 0) return null;
  return br >= gzipQ ? 'br' : 'gzip';
}

interface Entry {
  key: string;
  br?: Promise<Buffer>;
  gzip?: Promise<Buffer>;
}

export class CompressedCache {
  private readonly entries = new Map<string, Entry>();

  /**
   * The body in the coding asked for, compressed once per file version. Returns null when the
   * file is too small to be worth it (the caller sends it plain).
   */
  get(file: string, version: string, body: Buffer, encoding: Encoding): Promise<Buffer> | null {
    if (body.length < MIN_BYTES) return null;
    let entry = this.entries.get(file);
    if (!entry || entry.key !== version) {
      entry = { key: version };
      this.entries.set(file, entry);
    }
    const made = entry[encoding];
    if (made) return made;
    const pending = encoding === 'br' ? brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }) : gz(body, { level: 6 });
    entry[encoding] = pending;
    // A failure is not kept: the next request tries again (and this one is sent plain).
    pending.catch(() => {
      if (entry[encoding] === pending) delete entry[encoding];
    });
    return pending;
  }
}
