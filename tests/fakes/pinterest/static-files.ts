/**
 * A tiny static file host on 127.0.0.1, standing in for the media bucket's public links that
 * Pinterest pulls images from. (The kit's Reply bodies are text or JSON, so binary needs its own server.)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StaticFiles {
  url: string;
  /** Serves the bytes at a new URL. */
  host(bytes: Uint8Array, mime: string): string;
  /** How many times each URL was fetched. */
  fetches: Map<string, number>;
  stop(): Promise<void>;
}

export async function startStaticFiles(): Promise<StaticFiles> {
  const files = new Map<string, { bytes: Uint8Array; mime: string }>();
  const fetches = new Map<string, number>();
  const server = createServer((req, res) => {
    const f = files.get(req.url ?? '');
    if (!f) return void res.writeHead(404).end();
    fetches.set(req.url ?? '', (fetches.get(req.url ?? '') ?? 0) + 1);
    res.writeHead(200, { 'content-type': f.mime, 'content-length': String(f.bytes.byteLength) }).end(f.bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let n = 0;
  return {
    url,
    fetches,
    host(bytes, mime) {
      const path = `/media/${++n}`;
      files.set(path, { bytes, mime });
      return `${url}${path}`;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
