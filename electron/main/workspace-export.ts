/**
 * Desktop export of the whole workspace: a save dialog picks where, the core writes the archive.
 * Takes over the contract's workspace:export handler (registered by ipc.ts to the core, which in
 * browser mode writes into the data folder's exports folder instead), with the same trust check.
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { AppError, channels, type RpcResult } from '../../shared/contract';
import type { WorkspaceExportDto } from '../../shared/contract/features/workspace';
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
