/**
 * Files that must survive a power cut once Loomcast has said they are there: a restored
 * database, a workspace copied to a new folder, an export, an uploaded picture a saved post
 * names. Writing a file and renaming it into place orders nothing on disk: after a power cut the
 * new name can point at an empty or half-written file (ext4, APFS and NTFS all allow it). So the
 * data is flushed before the rename (`syncFile`), and the folder after it (`syncFolder`), as
 * SQLite does for its own files.
 *
 * Windows cannot flush a folder, and journals renames itself (NTFS): a folder's flush is best
 * effort everywhere (`syncFolder`), a file's is not.
 */
import { closeSync, fsyncSync, lstatSync, openSync, readdirSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const WINDOWS = process.platform === 'win32';

/**
 * Flushes a file's data to the disk. Windows flushes only a handle open for writing, which a
 * read-only file (an archive's entry made read-only elsewhere) refuses: such a file is left to
 * the system's own flush there, rather than refusing the import it belongs to.
 */
export function syncFile(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, WINDOWS ? 'r+' : 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (WINDOWS && (code === 'EPERM' || code === 'EACCES')) return;
    throw err;
  }
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Flushes a folder's entries (names just created, renamed or removed in it) to the disk, as far
 * as it can: never a throw. It comes after a rename has already put the file in place, so a
 * folder that cannot be opened or flushed (Windows; file systems that refuse it, EINVAL, ENOTSUP;
 * a failing disk) must not report the step as failed when it took effect: a data-folder pointer
 * said unwritten while it names the new folder, a restore said refused while it is staged. SQLite
 * ignores a folder's flush errors the same way. A file's own flush (`syncFile`) still throws.
 */
export function syncFolder(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Best effort (above): the names are journaled on Windows and most file systems.
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

/**
 * `syncFile` on libuv's thread pool (FileHandle.sync): a long flush on a slow disk (a copied
 * workspace's database) keeps the process answering meanwhile.
 */
export async function syncFileAsync(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, WINDOWS ? 'r+' : 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (WINDOWS && (code === 'EPERM' || code === 'EACCES')) return;
    throw err;
  }
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** `syncFolder` on libuv's thread pool: best effort, never a throw. */
export async function syncFolderAsync(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch {
    // Best effort, as syncFolder.
  } finally {
    await handle.close().catch(() => {});
  }
}

/** Flushes a file just written through its own handle (the async copy's files), before it is closed. */
export async function syncHandle(handle: FileHandle, path: string): Promise<void> {
  try {
    await handle.sync();
  } catch (err) {
    throw Object.assign(new Error(`${path} could not be flushed to the disk: ${(err as Error).message}`), { code: (err as NodeJS.ErrnoException).code });
  }
}
