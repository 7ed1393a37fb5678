/**
 * The data folder on the desktop: resolved before anything opens it (LOOMCAST_DATA_DIR > the
 * folder the creator picked, kept as a pointer in the OS's app-data folder > that folder itself),
 * and desktop:moveDataFolder, which copies the workspace into a folder the creator picks, points
 * the app at it and restarts. The old folder is left as it was.
 */
import { existsSync } from 'node:fs';
import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { AppError, type RpcResult } from '../../shared/contract';
import type { DataFolderMoveDto } from '../../shared/contract/features/desktop';
import type { Core } from '../core';
import { readPointer, resolveDataDir, writePointer, type ResolvedDataDir } from '../core/data-folder';
import type { Logger } from '../core/deps';
import { HIDDEN_ARG } from './login-item/plan';

/** Sets userData to the data folder; call before the single-instance lock, which is keyed on it. */
export function chooseDataFolder(): ResolvedDataDir & { defaultDir: string } {
  const defaultDir = app.getPath('userData');
  let pointer: string | null = null;
  try {
    pointer = readPointer(defaultDir);
  } catch {
    // Unreadable: treated like a pointer that names nothing (resolveDataDir says so below).
    pointer = '';
  }
  const resolved = resolveDataDir({ env: process.env, pointer, defaultDir, exists: existsSync });
  if (resolved.dir !== defaultDir) app.setPath('userData', resolved.dir);
  return { ...resolved, defaultDir };
}

/**
 * A picked folder that is not there (an unplugged drive) is never replaced by a fresh, empty
 * workspace without asking. Returns false when the creator chose to quit.
 */
export function confirmMissingDataFolder(folder: ResolvedDataDir & { defaultDir: string }): boolean {
  if (!folder.missing) return true;
  const choice = dialog.showMessageBoxSync({
    type: 'warning',
    title: 'Loomcast’s data folder is not there',
    message: `Your Loomcast data folder, ${folder.dir}, cannot be found.`,
    detail: 'If it is on a drive that is not connected, connect it and start Loomcast again. Or go back to the usual folder, ' + `${folder.defaultDir} (your picked folder is not deleted; pick it again in Settings later).`,
    buttons: ['Quit', 'Use the usual folder'],
    defaultId: 0,
    cancelId: 0,
  });
  if (choice !== 1) return false;
  writePointer(folder.defaultDir, null);
  app.relaunch({ args: process.argv.slice(1).filter((a) => a !== HIDDEN_ARG) });
  return false;
}

export function registerMoveDataFolder(o: { isTrustedSender: (event: IpcMainInvokeEvent) => boolean; core: Pick<Core, 'services'>; folder: ResolvedDataDir & { defaultDir: string }; log: Logger; relaunch: () => void }): void {
  ipcMain.removeHandler('desktop:moveDataFolder');
  ipcMain.handle('desktop:moveDataFolder', async (event): Promise<RpcResult<DataFolderMoveDto>> => {
    if (!o.isTrustedSender(event)) return { ok: false, error: { code: 'unauthorized', message: 'This request did not come from a Loomcast window.' } };
    const from = o.folder.dir;
    if (o.folder.source === 'env') {
      return { ok: false, error: { code: 'conflict', message: 'LOOMCAST_DATA_DIR chooses the data folder for this run. Start Loomcast without it to pick a folder here.' } };
    }
    const win = BrowserWindow.fromWebContents(event.sender);
    const options = { title: 'Pick a new, empty folder for Loomcast’s data', buttonLabel: 'Move here', properties: ['openDirectory', 'createDirectory', 'promptToCreate'] as ('openDirectory' | 'createDirectory' | 'promptToCreate')[] };
    const choice = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    const to = choice.filePaths[0];
    if (choice.canceled || !to) return { ok: true, value: { moved: false, from, to: null } };
    // The core holds every change from here to the restart (publishing too: a post sent then
    // would be recorded only in the old folder and go out again from the new one), copies without
    // blocking this process (the window says how far it got), and writes the pointer only once
    // the copy is on disk. A failure takes the copy back and lets the app go on where it was.
    try {
      const copied = await o.core.services.moveWorkspaceTo(to, { commit: () => writePointer(o.folder.defaultDir, to) });
      o.log.info('workspace copied to a new data folder; restarting there', { from, to, copied });
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: err.toBody() };
      o.log.error('moving the data folder failed', { error: err as Error });
      return { ok: false, error: { code: 'internal', message: `The data could not be moved; Loomcast keeps using ${from}.`, details: (err as Error).message } };
    }
    // Answer first, so the window can say what happened, then restart on the new folder.
    setTimeout(o.relaunch, 1500);
    return { ok: true, value: { moved: true, from, to } };
  });
}
