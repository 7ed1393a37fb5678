// The data folder holds the creator's posts, plans, logs and media: on POSIX it and everything in
// it are the owner's alone (folders 0700, files 0600), also when an older Loomcast or another
// program left them readable by others. Windows has no POSIX modes (ACLs of the user profile
// apply), so there these only create what is missing.
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const POSIX = process.platform !== 'win32';

/** Says what was tightened; a logger's warn fits. */
export type TightenReport = (message: string, fields: { path: string; was: string; now: string }) => void;

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/** Removes group and other bits from an existing file or folder (never loosens, never follows links). */
function tighten(path: string, mode: number, report?: TightenReport): boolean {
  if (!POSIX) return false;
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return false;
  }
  if (st.isSymbolicLink() || (st.mode & 0o077) === 0) return false;
  chmodSync(path, mode);
  report?.('Tightened permissions: only you can read this now', { path, was: octal(st.mode), now: octal(mode) });
  return true;
}

/** Creates `dir` (and missing parents) owner-only, or tightens it when it exists with looser modes. */
export function ensurePrivateDir(dir: string, report?: TightenReport): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  tighten(dir, PRIVATE_DIR_MODE, report);
}

/** Makes an existing file owner-only (0600); a missing file is left alone. */
export function ensurePrivateFile(file: string, report?: TightenReport): void {
  if (existsSync(file)) tighten(file, PRIVATE_FILE_MODE, report);
}

/**
 * Tightens every folder (0700) and file (0600) under `dir`, e.g. media written by an older
 * Loomcast. Symbolic links are neither followed nor changed. Reports once, with a count.
 */
export function tightenTree(dir: string, report?: TightenReport): number {
  if (!POSIX || !existsSync(dir)) return 0;
  let changed = 0;
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (tighten(path, PRIVATE_DIR_MODE)) changed++;
        walk(path);
      } else if (entry.isFile() && tighten(path, PRIVATE_FILE_MODE)) changed++;
    }
  };
  walk(dir);
  if (changed > 0) report?.(`Tightened permissions of ${changed} item${changed === 1 ? '' : 's'}: only you can read them now`, { path: dir, was: 'readable by others', now: '0700/0600' });
  return changed;
}

/**
 * The data folder at start-up: created 0700, or tightened (with everything in it: database, logs,
 * media) when it exists readable by others. What was tightened is reported.
 */
export function ensurePrivateDataDir(dataDir: string, report?: TightenReport): void {
  ensurePrivateDir(dataDir, report);
  tightenTree(dataDir, report);
}
