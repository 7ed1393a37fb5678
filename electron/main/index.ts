import { join } from 'node:path';
import { app, BrowserWindow, dialog, powerMonitor, session, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { createCore, type Core } from '../core';
import type { Logger } from '../core/deps';
import { createFileLogger } from '../core/log/file-logger';
import { PLATFORM_SUPPORT } from '../core/platforms/registry';
import { checkExternalUrl } from '../core/security';
import { createKeyringVault } from '../core/vault/keyring-vault';
import { createRestartableCore } from '../core/restartable';
import { startDesktopApi, type DesktopApi } from '../host/local-api';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { forwardCoreEvents, registerRpcHandlers } from './ipc';
import { registerSavePdf } from './print-pdf';
import { registerWorkspaceExport, registerWorkspaceReplace } from './workspace-export';
import { createElectronNotifier } from './notifier';
import { notificationRoute } from './notification-route';
import { chooseDataFolder, confirmMissingDataFolder, registerMoveDataFolder } from './data-folder';
import { refreshAutostartEntry, registerLoginItem } from './login-item';
import { HIDDEN_ARG, startsHidden } from './login-item/plan';
import { RENDERER_DIR, windowIconFile } from './paths';
import { devServerUrl, isRendererUrl } from './renderer-url';
import { resolveSqliteBinding } from './sqlite-binding';
import { SqliteEngineMissingError, describeStartupError } from './startup-error';
import { showStartupProblem } from './restore-prompt';
import { createTray } from './tray';
import { firstHideNotice } from './tray-notice';
import { startUpdateChecks } from './updater';
import { guardAllWebContents, hardenSession, openExternally } from './web-security';
import { createMainWindow, openRoute, showWindow } from './window';

/*
 * The Electron shell: a thin adapter from Electron to the core (window, tray, notifications,
 * power events). Everything Loomcast does lives in electron/core, which browser mode
 * (electron/host) hosts the same way.
 */

const APP_ID = 'app.loomcast.desktop';
/** Hash routes of renderer/src/app/router.ts. */
const NEW_POST_ROUTE = '/compose';
const ACCOUNTS_ROUTE = '/accounts';

// LOOMCAST_DATA_DIR (as in browser mode), else the folder picked in Settings, else the OS's
// app-data folder. It must be set before the single-instance lock, which is keyed on userData.
const dataFolder = chooseDataFolder();

const devUrl = devServerUrl(process.env.ELECTRON_RENDERER_URL, app.isPackaged);

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;
let tray: ReturnType<typeof createTray> | null = null;
let quitting = false;
let localApi: DesktopApi | null = null;

function focusMainWindow(): void {
  if (mainWindow) showWindow(mainWindow);
}

/** Only our page, in the main frame of our window, may call the core. */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (!mainWindow || mainWindow.isDestroyed() || event.sender !== mainWindow.webContents) return false;
  return isRendererUrl(frame.url, devUrl);
}

/** Until the core is up only the platforms' hosts pass; then also the creator's servers, sign-ins and posts. */
const checkLink = (url: string) => (core ? core.checkExternalLink(url) : checkExternalUrl(url));

function loomcastPages(): WebContents[] {
  return BrowserWindow.getAllWindows()
    .filter((w) => !w.isDestroyed() && isRendererUrl(w.webContents.getURL(), devUrl))
    .map((w) => w.webContents);
}

async function start(): Promise<void> {
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  if (!confirmMissingDataFolder(dataFolder)) {
    quitting = true;
    app.quit();
    return;
  }

  const logFile = join(app.getPath('userData'), 'logs', 'loomcast.log');
  const log: Logger = createFileLogger(logFile);

  hardenSession(session.defaultSession, { devUrl, log });
  guardAllWebContents(devUrl, log, checkLink);
  serveRenderer(session.defaultSession, RENDERER_DIR);

  const notifier = createElectronNotifier({
    log,
    icon: process.platform === 'darwin' ? undefined : windowIconFile(),
    onClick: (n) => {
      const route = notificationRoute(n);
      if (mainWindow && route) openRoute(mainWindow, devUrl, route, log);
      else focusMainWindow();
    },
  });

  let sqliteBinding: string | undefined;
  try {
    // better-sqlite3's own build is Node's (tests, browser mode); Electron loads its own.
    const sqlite = resolveSqliteBinding();
    if (sqlite.kind === 'none') throw new SqliteEngineMissingError(sqlite.line);
    sqliteBinding = sqlite.path;
    // Restartable: a restore from Settings reopens the core on the restored file without a relaunch.
    core = await createRestartableCore((requestRestart) => createCore({
      dataDir: app.getPath('userData'),
      requestRestart,
      sqliteNativeBinding: sqlite.path,
      dataDirSource: dataFolder.source,
      // Same service name (and test override) as browser mode: both see the same accounts.
      vault: createKeyringVault(process.env.LOOMCAST_KEYCHAIN_SERVICE ?? 'Loomcast'),
      log,
      notifier,
      // The same fetch browser mode and the tests use, so platform clients behave identically,
      // sent from the network worker as in browser mode.
      http: fetch,
      networkWorker: true,
      // The database's checkpoints on a thread of their own, off the thread that commits.
      checkpointThread: true,
      mode: 'desktop',
      // The OS's locale, as the window will report it: messages written before it opens match.
      defaultLocale: app.getLocale(),
      ...PLATFORM_SUPPORT,
      // Sign-in pages open in the creator's own browser, where their passwords and passkeys are.
      openExternal: (url) => openExternally(url, log, checkLink),
    }), log);
  } catch (err) {
    log.error('core failed to start', { error: err as Error });
    const problem = describeStartupError(err, logFile);
    // A damaged database with a good backup offers "Restore latest backup", then starts again.
    await showStartupProblem(err, problem, app.getPath('userData'), { nativeBinding: sqliteBinding }, log);
    quitting = true;
    app.quit();
    return;
  }
  const running = core;

  registerRpcHandlers(running, isTrustedSender, log);
  registerSavePdf(isTrustedSender, log);
  registerLoginItem(isTrustedSender, log);
  refreshAutostartEntry(log);
  registerMoveDataFolder({
    isTrustedSender,
    core: running,
    folder: dataFolder,
    log,
    relaunch: () => {
      app.relaunch({ args: process.argv.slice(1).filter((a) => a !== HIDDEN_ARG) });
      app.quit();
    },
  });
  registerWorkspaceExport(running, isTrustedSender, log);
  registerWorkspaceReplace(running, isTrustedSender, log);
  forwardCoreEvents(running, loomcastPages);
  // Sleep and wake: look at what fell due (the scheduler's watchdog also notices within 30 s).
  powerMonitor.on('resume', () => running.resume());
  powerMonitor.on('unlock-screen', () => running.resume());
  // The OS is shutting down or logging out: a close must not turn into a hide and hold it up.
  powerMonitor.on('shutdown', () => {
    quitting = true;
    app.quit();
  });

  mainWindow = createMainWindow({
    devUrl,
    log,
    isQuitting: () => quitting,
    // Once ever, and through the core's notifier, so the creator's "still running" switch applies.
    // Looked up at each hide: a restore from Settings reopens the core, and with it its settings store.
    onHiddenToTray: () => firstHideNotice(running.services.settings.store, running.services.notifier)(),
    startHidden: startsHidden(process.argv, process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin),
  });
  tray = createTray({
    core: running,
    log,
    notifier,
    open: focusMainWindow,
    newPost: () => {
      if (mainWindow) openRoute(mainWindow, devUrl, NEW_POST_ROUTE, log);
    },
    accounts: () => {
      if (mainWindow) openRoute(mainWindow, devUrl, ACCOUNTS_ROUTE, log);
    },
    quit: () => app.quit(),
  });
  startUpdateChecks({ log, notifier });
  // The loopback API for the creator's agents and scripts (`loomcast`, `loomcast mcp`), found through <dataDir>/api.json.
  localApi = await startDesktopApi({ core: running, log, dataDir: app.getPath('userData'), staticDir: RENDERER_DIR }).catch((err: unknown) => {
    log.warn('the local API for agents and scripts could not start', { error: err as Error });
    return null;
  });
  log.info('desktop shell ready', { dev: devUrl !== null });
}

if (!app.requestSingleInstanceLock()) {
  // Another Loomcast owns this data dir; it has been told to show itself (second-instance).
  app.quit();
} else {
  registerAppScheme();

  app.on('second-instance', focusMainWindow);
  // macOS: clicking the Dock icon brings the window back.
  app.on('activate', focusMainWindow);
  // Windows only ever hide; should they all be gone, stay in the tray rather than quit.
  app.on('window-all-closed', () => {});
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', (event) => {
    tray?.destroy();
    tray = null;
    const api = localApi;
    localApi = null;
    if (!core) return;
    // Let posts in flight settle (the scheduler drains) before the process goes.
    event.preventDefault();
    const closing = core;
    core = null;
    void (api ? api.stop() : Promise.resolve()).finally(() => void closing.close().finally(() => app.quit()));
  });

  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      dialog.showErrorBox('Loomcast could not start', err instanceof Error ? err.message : String(err));
      quitting = true;
      app.quit();
    });
}
