import { app, dialog } from 'electron';
import type { Logger } from '../core/deps';
import type { SqliteOptions } from '../core/store/backups';
import { StoreRefusedError } from '../core/store/errors';
import { stageLatestBackup } from '../core/store/recovery';
import { HIDDEN_ARG } from './login-item/plan';
import type { StartupProblem } from './startup-error';

/**
 * The startup error dialog. A database refused as damaged, with a good backup to go back to,
 * gets a "Restore latest backup" button: the backup is staged, and Loomcast starts again on it
 * (the damaged file is kept, renamed). Resolves true when the app is relaunching.
 */
export async function showStartupProblem(err: unknown, problem: StartupProblem, dataDir: string, sqlite: SqliteOptions, log: Logger): Promise<boolean> {
  if (!(err instanceof StoreRefusedError) || !err.recovery) {
    dialog.showErrorBox(problem.title, problem.message);
    return false;
  }
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: problem.title,
    message: problem.title,
    detail: problem.message,
    buttons: ['Restore latest backup', 'Quit'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  });
  if (response !== 0) return false;
  try {
    const staged = stageLatestBackup(dataDir, sqlite);
    if (!staged) throw new Error('The backup is no longer there or no longer passes its integrity check.');
    log.info('restore of the latest backup chosen at start', { name: staged.name });
  } catch (restoreErr) {
    log.error('restoring the latest backup failed', { error: restoreErr as Error });
    dialog.showErrorBox('Loomcast could not restore the backup', (restoreErr as Error).message);
    return false;
  }
  // The creator is at the dialog: the restarted app opens its window even if this start was a hidden one.
  app.relaunch({ args: process.argv.slice(1).filter((a) => a !== HIDDEN_ARG) });
  return true;
}
