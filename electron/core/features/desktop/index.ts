/**
 * The desktop integration as the core sees it: which kinds of notification the creator wants on
 * their desktop (both modes; the notifier passed to the core is wrapped so it respects them), and
 * refusals for what only the desktop shell can do (launch at login, moving the data folder),
 * each saying what to do instead. The Electron shell replaces those handlers with its own.
 */
import { AppError } from '../../../../shared/contract';
import { DEFAULT_NOTIFICATION_SWITCHES, NOTIFICATION_KINDS, type desktopChannels, type NotificationSwitchesDto } from '../../../../shared/contract/features/desktop';
import type { Logger, Notifier } from '../../deps';
import type { SettingsStore } from '../../settings/settings-store';
import type { FeatureHandlers } from '../types';

export const LOGIN_ITEM_REFUSAL =
  'Browser mode cannot start itself when you log in. To keep Loomcast publishing without the desktop app, run it as a service: npm run web -- --headless with a systemd user unit (see docs/loomcast.service).';
export const MOVE_REFUSAL =
  'In browser mode the data folder is chosen when Loomcast starts. Stop it, copy the folder while it is stopped, and start it again with --data-dir and the new folder (or LOOMCAST_DATA_DIR).';

/**
 * The core's notifier: a kind the creator switched off is not shown (it is still kept in the
 * alerts inbox, which is written before notifying). Notices without a kind always show.
 */
export function switchedNotifier(inner: Notifier, switches: () => NotificationSwitchesDto, log: Logger): Notifier {
  return {
    notify(n) {
      if (n.kind && !switches()[n.kind]) {
        log.debug('notification not shown: switched off in Settings', { kind: n.kind });
        return;
      }
      inner.notify(n);
    },
  };
}

export function createDesktopFeature(d: { store: SettingsStore; notifier: Notifier; log: Logger }) {
  const switches = (): NotificationSwitchesDto => ({ ...DEFAULT_NOTIFICATION_SWITCHES, ...d.store.get('notifications.desktop') });
  // desktop:cancelMove is answered where the move lives (index.ts, data-folder-move.ts).
  const handlers: FeatureHandlers<Exclude<keyof typeof desktopChannels, 'desktop:cancelMove'>> = {
    'notifications:switches': () => switches(),
    'notifications:setSwitches': (input) => {
      const next = { ...switches() };
      for (const kind of NOTIFICATION_KINDS) if (input[kind] !== undefined) next[kind] = input[kind];
      return d.store.set('notifications.desktop', next);
    },
    'desktop:loginItem': () => {
      throw new AppError('conflict', LOGIN_ITEM_REFUSAL);
    },
    'desktop:setLoginItem': () => {
      throw new AppError('conflict', LOGIN_ITEM_REFUSAL);
    },
    'desktop:moveDataFolder': () => {
      throw new AppError('conflict', MOVE_REFUSAL);
    },
  };
  return {
    handlers,
    notifier: switchedNotifier(d.notifier, switches, d.log),
  };
}
