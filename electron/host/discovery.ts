/**
 * The discovery file, `<dataDir>/api.json`: how the `loomcast` command and `loomcast mcp` find
 * the running Loomcast's local API (address and token). Written owner-only (0600) and whole
 * (a temporary file renamed into place) when a local API starts; removed at a clean stop, only
 * while it still names this process. Readers refuse a file others could read, say plainly when
 * it is malformed, and can tell a stale one (its process gone, or its port not answering).
 */
import { chmodSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../core/store/private-files';

export const DISCOVERY_FILE = 'api.json';
export type DiscoveryMode = 'desktop' | 'browser' | 'headless';

export interface Discovery {
  version: 1;
  url: string;
  port: number;
  token: string;
  pid: number;
  mode: DiscoveryMode;
  startedAt: string;
}

export type DiscoveryProblem = 'missing' | 'insecure' | 'malformed' | 'unreadable';

export class DiscoveryError extends Error {
  constructor(
    readonly problem: DiscoveryProblem,
    message: string,
  ) {
    super(message);
    this.name = 'DiscoveryError';
  }
}

export const discoveryPath = (dataDir: string): string => join(dataDir, DISCOVERY_FILE);

/** What a local API on `port` publishes; `url` defaults to loopback (127.0.0.1). */
export function discoveryFor(o: { port: number; token: string; pid: number; mode: DiscoveryMode; startedAt: Date; url?: string }): Discovery {
  return { version: 1, url: o.url ?? `http://127.0.0.1:${o.port}`, port: o.port, token: o.token, pid: o.pid, mode: o.mode, startedAt: o.startedAt.toISOString() };
}

/** The file's text read strictly: every field present and of its type, or a DiscoveryError('malformed'). */
export function parseDiscovery(text: string, file = DISCOVERY_FILE): Discovery {
  const bad = (why: string) => new DiscoveryError('malformed', `The discovery file ${file} is malformed (${why}). Start Loomcast again to rewrite it.`);
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw bad('it is not JSON');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad('it is not an object');
  const o = v as Record<string, unknown>;
  if (o.version !== 1) throw bad(`version ${JSON.stringify(o.version)} is not one this Loomcast reads`);
  if (typeof o.url !== 'string' || !/^https?:\/\/[^/]+$/.test(o.url)) throw bad('"url" is not an address such as http://127.0.0.1:4917');
  if (typeof o.port !== 'number' || !Number.isInteger(o.port) || o.port < 1 || o.port > 65535) throw bad('"port" is not a port number');
  if (typeof o.token !== 'string' || o.token.length < 16) throw bad('"token" is missing or too short');
  if (typeof o.pid !== 'number' || !Number.isInteger(o.pid) || o.pid < 1) throw bad('"pid" is not a process id');
  if (o.mode !== 'desktop' && o.mode !== 'browser' && o.mode !== 'headless') throw bad('"mode" is not desktop, browser or headless');
  if (typeof o.startedAt !== 'string' || Number.isNaN(Date.parse(o.startedAt))) throw bad('"startedAt" is not a date');
  return { version: 1, url: o.url, port: o.port, token: o.token, pid: o.pid, mode: o.mode, startedAt: o.startedAt };
}

/** Writes the file owner-only and whole: a reader sees the old file or the new one, never half of one. */
export function writeDiscovery(dataDir: string, d: Discovery): string {
  ensurePrivateDir(dataDir);
  const file = discoveryPath(dataDir);
  const tmp = `${file}.${d.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(d, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
  // The mode given to writeFileSync is only used for a new file, and the umask applies to it.
  if (process.platform !== 'win32') chmodSync(tmp, PRIVATE_FILE_MODE);
  renameSync(tmp, file);
  return file;
}

/**
 * Removes the file at a clean stop, but only while it is still ours (same pid and port): a second
 * Loomcast on the same folder may have written its own since. Returns whether it was removed.
 */
export function removeDiscovery(dataDir: string, mine: { pid: number; port: number }): boolean {
  const file = discoveryPath(dataDir);
  let current: Discovery;
  try {
    current = parseDiscovery(readFileSync(file, 'utf8'), file);
  } catch {
    return false;
  }
  if (current.pid !== mine.pid || current.port !== mine.port) return false;
  rmSync(file, { force: true });
  return true;
}

/** Reads the file for a client; refuses one others can read (its token would be theirs too). */
export function readDiscovery(dataDir: string, platform: NodeJS.Platform = process.platform): Discovery {
  const file = discoveryPath(dataDir);
  let text: string;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new DiscoveryError('malformed', `${file} is not a regular file.`);
    if (platform !== 'win32' && (st.mode & 0o077) !== 0) {
      throw new DiscoveryError('insecure', `The discovery file ${file} can be read by other users (mode 0${(st.mode & 0o777).toString(8)}), so its token is not a secret. Make it yours alone (chmod 600 ${file}) or restart Loomcast.`);
    }
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof DiscoveryError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DiscoveryError('missing', `Loomcast is not running for the data folder ${dataDir} (there is no ${DISCOVERY_FILE} in it). Start the app or \`npm run web\`, or point at another folder with --data-dir.`);
    throw new DiscoveryError('unreadable', `The discovery file ${file} could not be read (${code ?? (err as Error).message}).`);
  }
  return parseDiscovery(text, file);
}

/** Whether a process with this id exists (EPERM: it does, but belongs to someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether something accepts connections on `port` of `host` (loopback) within `timeoutMs`. */
export function portAnswers(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export type Staleness = { stale: false } | { stale: true; reason: string };

/** A file left behind by a Loomcast that did not stop cleanly: its process is gone or its port is silent. */
export async function checkStale(d: Discovery, probe: { alive: (pid: number) => boolean; answers: (port: number, host: string) => Promise<boolean> } = { alive: processAlive, answers: portAnswers }): Promise<Staleness> {
  const host = new URL(d.url).hostname.replace(/^\[|\]$/g, '');
  if (!probe.alive(d.pid)) return { stale: true, reason: `the Loomcast that wrote it (process ${d.pid}, started ${d.startedAt}) is no longer running` };
  if (!(await probe.answers(d.port, host))) return { stale: true, reason: `nothing answers on port ${d.port} any more` };
  return { stale: false };
}
