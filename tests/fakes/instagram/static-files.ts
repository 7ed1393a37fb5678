/**
 * A tiny public file server for media that platforms pull by URL (Instagram's `image_url`,
 * Threads' `image_url`/`video_url`): what a presigned S3 link is in production.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class StaticFiles {
  private files = new Map<string, { bytes: Buffer; type: string }>();
  private server: Server = createServer((req, res) => {
    const file = this.files.get(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1)));
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'content-length': String(file.bytes.length) }).end(file.bytes);
  });
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Serves `bytes` at a URL and returns it. */
  put(name: string, bytes: Uint8Array, type: string): string {
    this.files.set(name, { bytes: Buffer.from(bytes), type });
    return `${this.url}/${encodeURIComponent(name)}`;
  }
}
