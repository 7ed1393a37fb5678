/**
 * Desktop PDF of the weekly report: the page on screen (with its print stylesheet) printed by
 * Chromium's own printToPDF, saved where the creator picks. Only this thin handler lives in the
 * shell; the report itself is the core's. Browser mode uses the browser's print dialog instead.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channels, type RpcResult } from '../../shared/contract';
import type { Logger } from '../core/deps';
import { pdfFileName, pdfOptions } from './print-pdf-options';

export const SAVE_PDF_CHANNEL = 'reports:savePdf' as const;

/**
 * Takes over the contract's reports:savePdf handler (registered by ipc.ts to the core, which
 * refuses it) so the desktop answers it: same trust check, same input rules, same result shape.
 */
export function registerSavePdf(isTrustedSender: (event: IpcMainInvokeEvent) => boolean, log: Logger): void {
  ipcMain.removeHandler(SAVE_PDF_CHANNEL);
  ipcMain.handle(SAVE_PDF_CHANNEL, async (event, input: unknown): Promise<RpcResult<{ saved: boolean; path: string | null }>> => {
    if (!isTrustedSender(event)) return { ok: false, error: { code: 'unauthorized', message: 'This request did not come from a Loomcast window.' } };
    const parsed = channels[SAVE_PDF_CHANNEL].input.safeParse(input);
    if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: 'That is not a week to print.' } };
    try {
      const win = BrowserWindow.fromWebContents(event.sender);
      const options = { defaultPath: join(app.getPath('documents'), pdfFileName(parsed.data.weekStart)), filters: [{ name: 'PDF', extensions: ['pdf'] }] };
      const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { ok: true, value: { saved: false, path: null } };
      await writeFile(choice.filePath, await event.sender.printToPDF(pdfOptions()));
      return { ok: true, value: { saved: true, path: choice.filePath } };
    } catch (err) {
      log.error('saving the weekly report as PDF failed', { error: err as Error });
      return { ok: false, error: { code: 'internal', message: 'The PDF could not be saved. Try another folder, or use Print / Save as PDF.', details: (err as Error).message } };
    }
  });
}
