/**
 * Launch at login, the Electron side: answers the contract's desktop:loginItem and
 * desktop:setLoginItem (the core refuses them in browser mode) by reading and writing what
 * ./plan.ts decides. The state shown is always read back from the OS or the file.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import { app, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channels, type RpcResult } from '../../../shared/contract';
import type { LoginItemStateDto } from '../../../shared/contract/features/desktop';
import type { Logger } from '../../core/deps';
import { autostartEntry, autostartPath, HIDDEN_ARG, launchTarget, loginItemMethod, loginItemOptions, readAutostartState } from './plan';

const REFUSED = { ok: false, error: { code: 'unauthorized', message: 'This request did not come from a Loomcast window.' } } as const;

const target = () => launchTarget({ appImage: process.env.APPIMAGE, execPath: process.execPath, isPackaged: app.isPackaged, appPath: app.getAppPath() });
const file = () => autostartPath(process.env, homedir());

function readFile(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

export function loginItemState(): LoginItemStateDto {
  const method = loginItemMethod(process.platform);
  if (method === 'unsupported') return { supported: false, enabled: false, where: null, note: 'Loomcast does not know how to start at login on this system.' };
  if (method === 'login-item') {
    const mac = process.platform === 'darwin';
    const s = app.getLoginItemSettings(mac ? undefined : { path: process.execPath, args: [HIDDEN_ARG] });
    const waiting = mac && s.status === 'requires-approval';
    return {
      supported: true,
      enabled: s.openAtLogin,
      where: mac ? 'System Settings → General → Login Items' : 'Settings → Apps → Startup',
      note: waiting ? 'macOS is waiting for you to allow it: open System Settings → General → Login Items and switch Loomcast on.' : null,
    };
  }
  const path = file();
  const state = readAutostartState(readFile(path), target());
  return { supported: true, enabled: state.enabled, where: path, note: state.stale ? 'This entry starts Loomcast from another place (was the app moved?). Switch it off and on to point it here.' : null };
}

export function setLoginItem(enabled: boolean): LoginItemStateDto {
  const method = loginItemMethod(process.platform);
  if (method === 'login-item') app.setLoginItemSettings(loginItemOptions(enabled, process.platform, process.execPath));
  else if (method === 'autostart-file') {
    const path = file();
    if (enabled) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(`${path}.tmp`, autostartEntry(target()), { mode: 0o644 });
      renameSync(`${path}.tmp`, path);
    } else rmSync(path, { force: true });
  }
  return loginItemState();
}

/** A packaged app that was moved (a new AppImage location) points its existing entry at itself again. */
export function refreshAutostartEntry(log: Logger): void {
  if (!app.isPackaged || loginItemMethod(process.platform) !== 'autostart-file' || !existsSync(file())) return;
  try {
    if (readAutostartState(readFile(file()), target()).stale) {
      setLoginItem(true);
      log.info('autostart entry pointed at this copy of Loomcast', { file: file() });
    }
  } catch (err) {
    log.warn('could not update the autostart entry', { error: err as Error });
  }
}

/** Takes over the contract's desktop:loginItem and desktop:setLoginItem (the core refuses them). */
export function registerLoginItem(isTrustedSender: (event: IpcMainInvokeEvent) => boolean, log: Logger): void {
  const failed = (err: unknown): RpcResult<never> => {
    log.error('launch at login failed', { error: err as Error });
    return { ok: false, error: { code: 'internal', message: 'Loomcast could not change whether it starts at login.', details: (err as Error).message } };
  };
  ipcMain.removeHandler('desktop:loginItem');
  ipcMain.handle('desktop:loginItem', (event): RpcResult<LoginItemStateDto> => {
    if (!isTrustedSender(event)) return REFUSED;
    try {
      return { ok: true, value: loginItemState() };
    } catch (err) {
      return failed(err);
    }
  });
  ipcMain.removeHandler('desktop:setLoginItem');
  ipcMain.handle('desktop:setLoginItem', (event, input: unknown): RpcResult<LoginItemStateDto> => {
    if (!isTrustedSender(event)) return REFUSED;
    const parsed = channels['desktop:setLoginItem'].input.safeParse(input);
    if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: 'Say whether Loomcast should start at login (on or off).' } };
    try {
      const state = setLoginItem(parsed.data.enabled);
      log.info('launch at login changed', { enabled: state.enabled });
      return { ok: true, value: state };
    } catch (err) {
      return failed(err);
    }
  });
}
