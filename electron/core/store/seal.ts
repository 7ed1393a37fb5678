// A clean close's seal: lets the next start skip the integrity check of a file nothing has
// touched since Loomcast closed it, as a file system skips fsck after a clean unmount.
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { PRIVATE_FILE_MODE } from './private-files';

/**
 * How long a chain of sealed closes may go without the start's full check: a creator who quits
 * and opens Loomcast every day still gets one a week at start (and every daily backup runs the
 * full integrity_check meanwhile).
 */
export const SEAL_MAX_AGE_MS = 7 * 24 * 3_600_000;

interface Seal {
  v: 1;
  /** The closed file as the file system saw it: any write since changes one of these. */
  size: string;
  mtimeNs: string;
  ino: string;
  dev: string;
  /** When the start's check last passed on this file (this seal's chain began then). */
  checkedAt: number;
}

export const sealPathOf = (dbPath: string) => `${dbPath}.sealed`;

const identity = (dbPath: string) => {
  const st = statSync(dbPath, { bigint: true });
  return { size: String(st.size), mtimeNs: String(st.mtimeNs), ino: String(st.ino), dev: String(st.dev) };
};

/** A write-ahead log with frames in it: the file alone is not the whole database. */
const walHasFrames = (dbPath: string) => existsSync(`${dbPath}-wal`) && statSync(`${dbPath}-wal`).size > 0;

/**
 * Reads and removes the seal (a crash from here on must leave none). Answers when the check last
 * passed when the seal still describes the file exactly, its chain is younger than
 * `SEAL_MAX_AGE_MS` and no log waits beside it; null means: run the check.
 */
export function breakSeal(dbPath: string, now: number): number | null {
  const path = sealPathOf(dbPath);
  if (!existsSync(path)) return null;
  let seal: Partial<Seal> | null = null;
  try {
    // A seal is ~150 bytes: anything much bigger is not one, and is not read.
    if (statSync(path).size <= 4_096) seal = JSON.parse(readFileSync(path, 'utf8')) as Partial<Seal>;
  } catch {
    // Torn or edited: not a seal.
  }
  try {
    rmSync(path, { force: true });
  } catch {
    // Left in place, it still describes only this file as it is now: any write changes that. But
    // a start that could not remove it checks, to be safe.
    return null;
  }
  if (!seal || seal.v !== 1 || typeof seal.checkedAt !== 'number' || !existsSync(dbPath) || walHasFrames(dbPath)) return null;
  // A seal from a clock that was set back, or older than a week, is not trusted either.
  if (seal.checkedAt > now || now - seal.checkedAt >= SEAL_MAX_AGE_MS) return null;
  const st = identity(dbPath);
  return st.size === seal.size && st.mtimeNs === seal.mtimeNs && st.ino === seal.ino && st.dev === seal.dev ? seal.checkedAt : null;
}

/**
 * After the last connection closed (SQLite has moved the log into the file and removed it):
 * records the file as it is now. Written whole to a side file then renamed, so a crash leaves
 * either the old state (no seal) or a whole one. Writes nothing when a log is still there.
 */
export function seal(dbPath: string, checkedAt: number): boolean {
  if (!existsSync(dbPath) || walHasFrames(dbPath)) return false;
  const s: Seal = { v: 1, ...identity(dbPath), checkedAt };
  const path = sealPathOf(dbPath);
  writeFileSync(`${path}.tmp`, JSON.stringify(s), { mode: PRIVATE_FILE_MODE });
  renameSync(`${path}.tmp`, path);
  return true;
}
