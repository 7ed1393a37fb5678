/**
 * Files that must survive a power cut once Loomcast has said they are there: a restored
 * database, a workspace copied to a new folder, an export, an uploaded picture a saved post
 * names. Writing a file and renaming it into place orders nothing on disk: after a power cut the
 * new name can point at an empty or half-written file (ext4, APFS and NTFS all allow it). So the
 * data is flushed before the rename (`syncFile`), and the folder after it (`syncFolder`), as
 * SQLite does for its own files.
 *
 * Windows cannot open a folder to flush it, and flushes renames itself (NTFS journals them): a
 * folder that cannot be opened is skipped there, and only there.
 */
import { closeSync, fsyncSync, lstatSync, openSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const WINDOWS = process.platform === 'win32';

/** Flushes a file's data to the disk (Windows flushes only a handle open for writing). */
export function syncFile(path: string): void {
  const fd = openSync(path, WINDOWS ? 'r+' : 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (names just created, renamed or removed in it) to the disk. */
export function syncFolder(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch (err) {
    if (WINDOWS) return;
    throw err;
  }
  try {
    fsyncSync(fd);
  } catch (err) {
    // Some file systems (and Windows) refuse to flush a folder handle; the names are journaled there.
    if (!WINDOWS && (err as NodeJS.ErrnoException).code !== 'EINVAL') throw err;
  } finally {
    closeSync(fd);
  }
}

/** Flushes the folder that holds `path`: after a rename into it, or a new file in it. */
export const syncParent = (path: string): void => syncFolder(dirname(path));

/**
 * Flushes every file and folder under `dir`, and `dir` itself (a copied workspace, an unpacked
 * archive). Symbolic links are not followed.
 */
export function syncTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) syncTree(path);
    else if (entry.isFile()) syncFile(path);
  }
  if (lstatSync(dir).isDirectory()) syncFolder(dir);
}
