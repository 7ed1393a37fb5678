/**
 * Desktop export of the whole workspace: a save dialog picks where, the core writes the archive.
 * Takes over the contract's workspace:export handler (registered by ipc.ts to the core, which in
 * browser mode writes into the data folder's exports folder instead), with the same trust check.
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { AppError, channels, type RpcResult } from '../../shared/contract';
import type { WorkspaceExportDto, WorkspaceReplaceDto } from '../../shared/contract/features/workspace';
import type { Core } from '../core';
import type { Logger } from '../core/deps';

export const WORKSPACE_EXPORT_CHANNEL = 'workspace:export' as const;

export function registerWorkspaceExport(core: Pick<Core, 'services'>, isTrustedSender: (event: IpcMainInvokeEvent) => boolean, log: Logger): void {
  ipcMain.removeHandler(WORKSPACE_EXPORT_CHANNEL);
  ipcMain.handle(WORKSPACE_EXPORT_CHANNEL, async (event, input: unknown): Promise<RpcResult<WorkspaceExportDto>> => {
    if (!isTrustedSender(event)) return { ok: false, error: { code: 'unauthorized', message: 'This request did not come from a Loomcast window.' } };
    if (!channels[WORKSPACE_EXPORT_CHANNEL].input.safeParse(input).success) return { ok: false, error: { code: 'invalid_input', message: 'Export takes no options.' } };
    const workspace = core.services.workspace;
    try {
      const win = BrowserWindow.fromWebContents(event.sender);
      const options = {
        title: 'Export workspace',
        defaultPath: join(app.getPath('documents'), workspace.suggestedName()),
        filters: [{ name: 'Loomcast workspace', extensions: ['tar.gz', 'tgz'] }],
      };
      const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { ok: true, value: { saved: false, path: null, bytes: null, counts: null, missingMedia: 0, downloadId: null } };
      return { ok: true, value: await workspace.exportTo(choice.filePath) };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
      log.error('exporting the workspace failed', { error: err as Error });
      return { ok: false, error: { code: 'internal', message: 'The workspace could not be exported. Try another folder.', details: (err as Error).message } };
    }
  });
}

export const WORKSPACE_REPLACE_CHANNEL = 'workspace:replace' as const;

/**
 * Desktop replace: without a path the creator picks the archive in an open dialog; the core then
 * checks it in full, keeps what is here as a backup and reopens on the archive's data.
 */
export function registerWorkspaceReplace(core: Pick<Core, 'dispatch'>, isTrustedSender: (event: IpcMainInvokeEvent) => boolean, log: Logger): void {
  ipcMain.removeHandler(WORKSPACE_REPLACE_CHANNEL);
  ipcMain.handle(WORKSPACE_REPLACE_CHANNEL, async (event, input: unknown): Promise<RpcResult<WorkspaceReplaceDto>> => {
    if (!isTrustedSender(event)) return { ok: false, error: { code: 'unauthorized', message: 'This request did not come from a Loomcast window.' } };
    const parsed = channels[WORKSPACE_REPLACE_CHANNEL].input.safeParse(input);
    if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: 'Replace takes at most the path of an archive.' } };
    let path = parsed.data.path;
    if (!path) {
      try {
        const win = BrowserWindow.fromWebContents(event.sender);
        const options = {
          title: 'Replace this workspace with an archive',
          defaultPath: app.getPath('documents'),
          properties: ['openFile' as const],
          filters: [{ name: 'Loomcast workspace', extensions: ['gz', 'tgz'] }],
        };
        const choice = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
        if (choice.canceled || !choice.filePaths[0]) return { ok: true, value: { replaced: false, posts: 0, accountsToReconnect: 0, mediaAdded: 0 } };
        path = choice.filePaths[0];
      } catch (err) {
        log.error('the open dialog failed', { error: err as Error });
        return { ok: false, error: { code: 'internal', message: 'The file picker could not open.', details: (err as Error).message } };
      }
    }
    // The core's own handler: same checks, same restart as browser mode.
    return (await core.dispatch(WORKSPACE_REPLACE_CHANNEL, { path })) as RpcResult<WorkspaceReplaceDto>;
  });
}
