/**
 * Where the workspace lives. Resolution is pure: `--data-dir` (browser mode) > LOOMCAST_DATA_DIR
 * > the folder the creator picked (a small pointer file in the OS's app-data folder) > the OS's
 * app-data folder. Moving copies the workspace into a new folder and leaves the old one alone
 * (data-folder-copy.ts copies, data-folder-move.ts holds the app still meanwhile).
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { syncFile, syncParent } from './store/durable-files';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './store/private-files';

/** In the OS's app-data folder: `{ "dataDir": "/absolute/path" }`. */
export const POINTER_FILE = 'data-folder.json';
export const DATABASE = 'loomcast.sqlite';

export type DataDirSource = 'default' | 'picked' | 'env' | 'flag';

export interface ResolvedDataDir {
  dir: string;
  source: DataDirSource;
  /** The picked folder is not there (a drive not connected?); `dir` is that folder all the same. */
  missing: boolean;
  /** The pointer file could not be understood and was ignored. */
  ignoredPointer: string | null;
}

/** The picked folder a pointer file names, or an explanation of why it names none. */
export function parsePointer(text: string): { dir: string } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'it is not JSON' };
  }
  const dir = (value as { dataDir?: unknown } | null)?.dataDir;
  if (typeof dir !== 'string' || dir.trim() === '') return { problem: 'it names no folder' };
  if (!isAbsolute(dir)) return { problem: `"${dir}" is not an absolute path` };
  return { dir: resolve(dir) };
}

export function pointerText(dir: string): string {
  return `${JSON.stringify({ dataDir: dir }, null, 2)}\n`;
}

export function resolveDataDir(o: { flag?: string | undefined; env: NodeJS.ProcessEnv; pointer: string | null; defaultDir: string; exists: (path: string) => boolean }): ResolvedDataDir {
  const plain = { missing: false, ignoredPointer: null };
  if (o.flag) return { dir: resolve(o.flag), source: 'flag', ...plain };
  if (o.env.LOOMCAST_DATA_DIR) return { dir: resolve(o.env.LOOMCAST_DATA_DIR), source: 'env', ...plain };
  if (o.pointer !== null) {
    const p = parsePointer(o.pointer);
    if ('dir' in p) return { dir: p.dir, source: 'picked', missing: !o.exists(p.dir), ignoredPointer: null };
    return { dir: o.defaultDir, source: 'default', missing: false, ignoredPointer: p.problem };
  }
  return { dir: o.defaultDir, source: 'default', ...plain };
}

/** Reads the pointer file of `defaultDir`; null when there is none. */
export function readPointer(defaultDir: string): string | null {
  try {
    return readFileSync(join(defaultDir, POINTER_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Points the app at `dir` (written whole, then renamed into place), or back at the default (null). */
export function writePointer(defaultDir: string, dir: string | null): void {
  const file = join(defaultDir, POINTER_FILE);
  if (dir === null || resolve(dir) === resolve(defaultDir)) {
    rmSync(file, { force: true });
    return;
  }
  ensurePrivateDir(defaultDir);
  writeFileSync(`${file}.tmp`, pointerText(resolve(dir)), { mode: PRIVATE_FILE_MODE });
  // Never a pointer to the new folder before the folder's files are on disk (copyWorkspace), and
  // never an empty pointer after a power cut.
  syncFile(`${file}.tmp`);
  renameSync(`${file}.tmp`, file);
  syncParent(file);
}

/** Why `to` cannot take the workspace now in `from`; null when it can. */
export function moveTargetProblem(from: string, to: string, listing: string[] | null): string | null {
  if (!isAbsolute(to)) return 'Pick a folder by its full path.';
  const rel = relative(resolve(from), resolve(to));
  if (rel === '') return 'That is the folder Loomcast already uses.';
  if (!rel.startsWith('..') && !isAbsolute(rel)) return 'Pick a folder outside the current data folder.';
  if (!relative(resolve(to), resolve(from)).startsWith('..')) return 'Pick a folder that is not a parent of the current data folder.';
  if (listing !== null && listing.some((name) => !name.startsWith('.') && name !== POINTER_FILE)) return 'That folder is not empty. Pick an empty folder (or make a new one) so nothing in it is overwritten.';
  return null;
}

/** What Electron keeps beside our files in userData: the browser engine's own state, never copied. */
const ENGINE_STATE = new Set(['Cache', 'Code Cache', 'GPUCache', 'DawnCache', 'DawnGraphiteCache', 'DawnWebGPUCache', 'GrShaderCache', 'ShaderCache', 'Local Storage', 'Session Storage', 'IndexedDB', 'WebStorage', 'Shared Dictionary', 'blob_storage', 'Crashpad', 'Cookies', 'Cookies-journal', 'Network Persistent State', 'Preferences', 'TransportSecurity', 'Trust Tokens', 'Trust Tokens-journal', 'Service Worker', 'SharedStorage', 'lockfile', 'Dictionaries']);
/** The live database and its SQLite companions: the database goes over by SQLite's backup instead (data-folder-copy.ts). */
const LIVE_DATABASE = new Set([DATABASE, `${DATABASE}-wal`, `${DATABASE}-shm`, `${DATABASE}-journal`]);
/** What a move leaves behind: the pointer, the live database's files, the browser engine's state. */
export const leftBehind = (name: string): boolean => name === POINTER_FILE || LIVE_DATABASE.has(name) || name.startsWith('Singleton') || ENGINE_STATE.has(name);
