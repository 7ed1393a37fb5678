/**
 * Replacing the current workspace with an archive's, for the shell: the archive is checked and
 * unpacked in full beside the data folder (never over it), its media are added to the data
 * folder's media (named by their SHA-256, so adding never changes a file the current workspace
 * uses), and the unpacked database is handed back for the restore step to swap in while the
 * core is stopped (the backups' stageRestore(dataDir, sqlitePath) and a core restart).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, readdirSync, renameSync, rmSync, utimesSync } from 'node:fs';
import { syncFile, syncFolder } from '../store/durable-files';
import { join } from 'node:path';
import { systemClock } from '../deps';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../store/private-files';
import { importWorkspace, type ImportOptions, type ImportResult } from './import';
import { DATABASE_ENTRY } from './manifest';

export interface PreparedReplace extends ImportResult {
  /** The checked database to restore over the current one. */
  sqlitePath: string;
  /** Media files added to the data folder (those it lacked). */
  mediaAdded: number;
  /** Removes the unpacked folder once the restore has taken the database (or was abandoned). */
  cleanup(): void;
}

/** Unpack folders of replaces under way in this process; any other in incoming/ was left by a crash. */
const active = new Set<string>();

/** `now`: the core's clock, for the media files the incoming database keeps (see below). */
export async function prepareWorkspaceReplace(archivePath: string, dataDir: string, options: ImportOptions & { now?: () => number } = {}): Promise<PreparedReplace> {
  const { now = systemClock.now, ...importOptions } = options;
  const folder = `workspace-${randomBytes(6).toString('hex')}`;
  const incoming = join(dataDir, 'incoming', folder);
  ensurePrivateDir(join(dataDir, 'incoming'));
  // A replace killed mid-way leaves a whole unpacked workspace (or its staging folder) here.
  for (const left of readdirSync(join(dataDir, 'incoming'))) {
    if (![...active].some((a) => left === a || left.startsWith(`.${a}.`))) rmSync(join(dataDir, 'incoming', left), { recursive: true, force: true });
  }
  active.add(folder);
  const done = () => {
    rmSync(incoming, { recursive: true, force: true });
    active.delete(folder);
  };
  let result: ImportResult;
  try {
    result = await importWorkspace(archivePath, incoming, importOptions);
  } catch (err) {
    active.delete(folder);
    throw err;
  }
  const media = join(dataDir, 'media');
  ensurePrivateDir(media);
  let mediaAdded = 0;
  try {
    for (const name of readdirSync(join(incoming, 'media'))) {
      const to = join(media, name);
      if (existsSync(to)) {
        // Kept for the incoming database: written just now as far as the media sweep can tell, so
        // it does not take the file for one no row names (media-store.ts strays) before the swap.
        const at = new Date(now());
        utimesSync(to, at, at);
        continue;
      }
      // Copy then rename: a crash never leaves a half file under a content hash.
      const tmp = `${to}.${process.pid}.tmp`;
      copyFileSync(join(incoming, 'media', name), tmp);
      chmodSync(tmp, PRIVATE_FILE_MODE);
      syncFile(tmp);
      renameSync(tmp, to);
      mediaAdded++;
    }
    if (mediaAdded > 0) syncFolder(media);
  } catch (err) {
    done();
    throw err;
  }
  return { ...result, sqlitePath: join(incoming, DATABASE_ENTRY), mediaAdded, cleanup: done };
}
