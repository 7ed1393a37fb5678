/**
 * Moving a workspace to another computer: `workspace:export` and the export the desktop shell
 * calls with the path its save dialog returned. Import is `importWorkspace` (the CLI's
 * --import-workspace), which writes a new data folder and never touches a running one, and
 * `workspace:replace`, which swaps an archive's database in through the backups' staged restore
 * while the core reopens.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/contract';
import type { WorkspaceExportDto, WorkspaceReplaceDto } from '../../../shared/contract/features/workspace';
import type { Clock, Logger, Vault } from '../deps';
import type { Db } from '../store/open';
import { ensurePrivateDir } from '../store/private-files';
import { WorkspaceArchiveError } from './errors';
import { archiveFileName, exportWorkspace } from './export';
import { prepareWorkspaceReplace } from './replace';
import { RestoreRefusedError, stageRestore } from '../store/recovery';

export { importWorkspace, type ImportOptions } from './import';
export { prepareWorkspaceReplace } from './replace';
export { WorkspaceArchiveError } from './errors';

export interface WorkspaceDeps {
  db: Db;
  dataDir: string;
  vault: Vault;
  clock: Clock;
  log: Logger;
  appVersion: string;
  nativeBinding?: string;
  /** Reopens the core on its data folder (both shells hold a restartable core); absent: replace refuses. */
  requestRestart?: () => void;
}

/** A name in `dir` not taken yet: loomcast-workspace-2026-12-04.tar.gz, then …-2.tar.gz. */
function freeName(dir: string, name: string): string {
  for (let n = 1; ; n++) {
    const candidate = join(dir, n === 1 ? name : name.replace(/\.tar\.gz$/, `-${n}.tar.gz`));
    if (!existsSync(candidate)) return candidate;
  }
}

/** A refusal shown on the archive path field. */
const pathProblem = (message: string) => new AppError('invalid_input', message, { issues: [{ path: ['path'], message }] });

/** How long a browser-mode download link works; it also works only once. */
export const DOWNLOAD_TTL_MS = 15 * 60_000;

export function createWorkspaceFeature(deps: WorkspaceDeps) {
  const downloads = new Map<string, { path: string; until: number }>();
  const exportTo = async (destination: string): Promise<WorkspaceExportDto> => {
    try {
      const r = await exportWorkspace({ db: deps.db, dataDir: deps.dataDir, destination, appVersion: deps.appVersion, now: () => deps.clock.now(), vault: deps.vault, ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}) });
      const c = r.manifest.counts;
      deps.log.info('workspace exported', { path: r.path, bytes: r.bytes, media: r.manifest.entries.length - 1, missingMedia: r.manifest.missingMedia.length });
      return {
        saved: true,
        path: r.path,
        bytes: r.bytes,
        counts: { posts: c.posts ?? 0, copies: c.targets ?? 0, media: c.media ?? 0, accounts: c.accounts ?? 0, ideas: c.ideas ?? 0, templates: c.templates ?? 0, campaigns: c.campaigns ?? 0 },
        missingMedia: r.manifest.missingMedia.length,
        downloadId: null,
      };
    } catch (err) {
      if (err instanceof WorkspaceArchiveError) throw new AppError('internal', err.message);
      deps.log.error('workspace export failed', { error: err as Error });
      throw new AppError('internal', 'The workspace could not be exported. Check that the folder is writable and has free space, then try again.', { details: (err as Error).message });
    }
  };

  /**
   * The archive checked and unpacked beside the data folder, its database staged over the current
   * one (kept as a "Before restore" backup when the core reopens) and the core reopened.
   */
  const replaceWith = async (archivePath: string): Promise<WorkspaceReplaceDto> => {
    if (!deps.requestRestart) {
      throw new AppError('conflict', 'This Loomcast cannot reopen its data by itself. Quit it, then start browser mode with --import-workspace FILE on a new --data-dir.');
    }
    if (!existsSync(archivePath) || !statSync(archivePath).isFile()) throw pathProblem(`There is no file at ${archivePath}.`);
    const binding = deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {};
    let prepared;
    try {
      prepared = await prepareWorkspaceReplace(archivePath, deps.dataDir, { ...binding, now: () => deps.clock.now() });
    } catch (err) {
      if (err instanceof WorkspaceArchiveError) throw pathProblem(err.message);
      throw err;
    }
    try {
      stageRestore(deps.dataDir, prepared.sqlitePath, binding);
    } catch (err) {
      if (err instanceof RestoreRefusedError) throw new AppError('conflict', err.message);
      throw err;
    } finally {
      prepared.cleanup();
    }
    deps.log.info('workspace archive staged over the current one; reopening the data', { archive: archivePath, mediaAdded: prepared.mediaAdded });
    deps.requestRestart();
    return { replaced: true, posts: prepared.manifest.counts.posts ?? 0, accountsToReconnect: prepared.accountsToReconnect, mediaAdded: prepared.mediaAdded };
  };

  return {
    exportTo,
    /** A name for the save dialog's suggestion. */
    suggestedName: () => archiveFileName(deps.clock.now()),
    /**
     * The archive a browser-mode download id names, once: the id is spent on the first ask and
     * lapses after DOWNLOAD_TTL_MS, so a link left in the browser's download list opens nothing.
     */
    takeDownload(id: string): string | null {
      const now = deps.clock.now();
      for (const [key, d] of downloads) if (d.until <= now) downloads.delete(key);
      const d = downloads.get(id);
      downloads.delete(id);
      return d && existsSync(d.path) ? d.path : null;
    },
    replaceWith,
    handlers: {
      'workspace:replace': ({ path }: { path?: string | undefined }) => {
        if (!path) throw pathProblem('Give the path of the workspace archive (a .tar.gz file) on the computer running Loomcast.');
        return replaceWith(path);
      },
      // The desktop shell answers this channel itself with a save dialog (electron/main).
      'workspace:export': async () => {
        const dir = join(deps.dataDir, 'exports');
        ensurePrivateDir(dir);
        const r = await exportTo(freeName(dir, archiveFileName(deps.clock.now())));
        const downloadId = randomBytes(24).toString('base64url');
        downloads.set(downloadId, { path: r.path!, until: deps.clock.now() + DOWNLOAD_TTL_MS });
        return { ...r, downloadId };
      },
    },
  };
}

export type WorkspaceFeature = ReturnType<typeof createWorkspaceFeature>;
