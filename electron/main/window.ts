import { app, BrowserWindow } from 'electron';
import type { Logger } from '../core/deps';
import { PRELOAD_FILE, windowIconFile } from './paths';
import { rendererEntry } from './renderer-url';

export interface MainWindowOptions {
  devUrl: string | null;
  log: Logger;
  /** While false, closing the window only hides it: the scheduler keeps running in the tray. */
  isQuitting(): boolean;
  /** Called the first time a close turns into a hide, to tell the creator where it went. */
  onHiddenToTray(): void;
  /** Started at login (--hidden): stay in the tray until the creator opens the window. */
  startHidden?: boolean;
}

export function createMainWindow({ devUrl, log, isQuitting, onHiddenToTray, startHidden = false }: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Loomcast',
    backgroundColor: '#ffffff',
    ...(process.platform === 'darwin' ? {} : { icon: windowIconFile() }),
    webPreferences: {
      // The one preload (electron/preload): window.api holds one function per contract channel
      // and a subscription to the contract's events, nothing else, in a sandboxed,
      // context-isolated page; no ipcRenderer, Node or Electron object reaches the page.
      preload: PRELOAD_FILE, /* eng-disable PRELOAD_JS_CHECK */
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      // A middle-click on a link fires auxclick and could open a window outside the
      // setWindowOpenHandler path; the app has no use for it.
      disableBlinkFeatures: 'Auxclick',
    },
  });

  win.once('ready-to-show', () => {
    if (!startHidden) win.show();
  });

  // Windows logoff/shutdown closes windows without a before-quit: let them close.
  win.on('session-end', () => app.quit());

  let toldAboutTray = false;
  win.on('close', (event) => {
    if (isQuitting()) return;
    event.preventDefault();
    win.hide();
    if (!toldAboutTray) {
      toldAboutTray = true;
      onHiddenToTray();
    }
  });

  // A crashed page comes back by itself, but not in a loop if it crashes on every load.
  let reloads = 0;
  win.webContents.on('render-process-gone', (_event, details) => {
    log.error('renderer process gone', { reason: details.reason, exitCode: details.exitCode });
    if (details.reason !== 'clean-exit' && !win.isDestroyed() && reloads++ < 3) win.webContents.reload();
  });

  win.loadURL(rendererEntry(devUrl)).catch((err: unknown) => log.error('could not load the window', { error: err as Error }));
  return win;
}

/** Brings the window back from the tray (or from behind other windows). */
export function showWindow(win: BrowserWindow): void {
  if (win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/**
 * Opens an in-app route by its URL fragment (`#/compose`): a same-document navigation, so the
 * page keeps its state. The renderer reads the fragment on `hashchange`.
 */
export function openRoute(win: BrowserWindow, devUrl: string | null, fragment: string, log: Logger): void {
  showWindow(win);
  win.loadURL(rendererEntry(devUrl, fragment)).catch((err: unknown) => log.warn('could not open a route', { fragment, error: err as Error }));
}
