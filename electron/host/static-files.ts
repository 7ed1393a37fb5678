import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CompressedCache, isCompressible, negotiate, SUFFIX, type Encoding } from './compression';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

const compressed = new CompressedCache();

/** The build's compressed copy of a file, when there is one at least as new as the file. */
async function prebuilt(file: string, mtimeMs: number, encoding: Encoding): Promise<Buffer | null> {
  const copy = `${file}${SUFFIX[encoding]}`;
  const info = await stat(copy).catch(() => null);
  if (!info || info.mtimeMs < mtimeMs) return null;
  return readFile(copy).catch(() => null);
}

/**
 * Serves the renderer build; unknown paths get index.html so reloads work on any screen. Text
 * files go out brotli- or gzip-compressed when the request's Accept-Encoding allows it, with
 * `Vary: Accept-Encoding` so a cache never hands one browser's coding to another.
 */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse, headers: Record<string, string>, acceptEncoding?: string | string[]): Promise<void> {
  const decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  const wanted = normalize(join(root, decoded));
  if (wanted !== root && !wanted.startsWith(root + sep)) {
    res.writeHead(403, headers).end('Forbidden');
    return;
  }
  let file = wanted;
  let info = await stat(file).catch(() => null);
  if (!info || info.isDirectory()) {
    file = join(root, 'index.html');
    info = await stat(file).catch(() => null);
  }
  const body = info ? await readFile(file).catch(() => null) : null;
  if (!info || !body) {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('The renderer is not built. Run `npm run web`, which builds it first.');
    return;
  }
  const ext = extname(file);
  const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  const out: Record<string, string> = { ...headers, 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': cache };
  let sent: Buffer = body;
  if (isCompressible(ext)) {
    out.vary = 'Accept-Encoding';
    const encoding = negotiate(acceptEncoding);
    const packed = encoding ? ((await prebuilt(file, info.mtimeMs, encoding)) ?? (await compressed.get(file, `${info.mtimeMs}:${info.size}`, body, encoding)?.catch(() => null))) : null;
    if (encoding && packed) {
      out['content-encoding'] = encoding;
      sent = packed;
    }
  }
  out['content-length'] = String(sent.length);
  res.writeHead(200, out).end(sent);
}
