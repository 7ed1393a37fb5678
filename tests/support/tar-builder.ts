/**
 * Builds .tar.gz files byte by byte, so tests can make the archives a real exporter never would:
 * paths with `..`, links, entries the manifest does not list, sizes that lie.
 */
import { gzipSync } from 'node:zlib';
import { Header } from 'tar';

export interface RawEntry {
  path: string;
  data?: Buffer | string;
  type?: 'File' | 'SymbolicLink' | 'Link' | 'Directory';
  linkpath?: string;
  /** The size the header claims; the data's own length by default. */
  size?: number;
}

export function rawTar(entries: RawEntry[], trailer: Buffer = Buffer.alloc(0)): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const data = e.data === undefined ? Buffer.alloc(0) : Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data);
    const header = new Header({ path: e.path, mode: 0o600, size: e.size ?? data.length, type: e.type ?? 'File', ...(e.linkpath ? { linkpath: e.linkpath } : {}), mtime: new Date(0) });
    const block = Buffer.alloc(512);
    header.encode(block, 0);
    blocks.push(block, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024), trailer);
  return Buffer.concat(blocks);
}

export const rawTarGz = (entries: RawEntry[], trailer?: Buffer) => gzipSync(rawTar(entries, trailer));
