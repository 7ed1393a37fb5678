import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import { autoUpdater } from 'electron-updater';
import type { Logger, Notifier } from '../core/deps';
import { UPDATE_CHECK_INTERVAL_MS, updateSwitch } from './update-switch';

/**
 * Background updates with electron-updater, when electron-builder.yml configures a feed
 * (update-switch.ts decides). A found update downloads quietly and installs when Loomcast
 * quits; a failed check is logged, never shown: the creator's work does not depend on it.
 */
export function startUpdateChecks({ log, notifier }: { log: Logger; notifier: Notifier }): void {
  const decision = updateSwitch({
    isPackaged: app.isPackaged,
    platform: process.platform,
    env: process.env,
    feedConfigured: app.isPackaged && existsSync(join(process.resourcesPath, 'app-update.yml')),
  });
  if (!decision.check) {
    log.info('update checks off', { reason: decision.reason });
    return;
  }

  autoUpdater.logger = {
    info: (message?: unknown) => log.info('updater', { message: String(message) }),
    warn: (message?: unknown) => log.warn('updater', { message: String(message) }),
    error: (message?: unknown) => log.error('updater', { message: String(message) }),
    debug: (message: string) => log.debug('updater', { message }),
  };
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.on('update-downloaded', (info) => {
    notifier.notify({ title: `Loomcast ${info.version} is ready`, body: 'It installs when you quit Loomcast.' });
  });

  const check = () => {
    autoUpdater.checkForUpdates().catch((err: unknown) => log.warn('update check failed', { error: err as Error }));
  };
  check();
  setInterval(check, UPDATE_CHECK_INTERVAL_MS).unref();
}
