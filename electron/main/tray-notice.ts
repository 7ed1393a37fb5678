import type { Notifier } from '../core/deps';
import type { SettingsStore } from '../core/settings/settings-store';

/**
 * What to do the first time a close hides the window: say, once ever (the flag is kept with
 * the creator's settings, so it survives restarts), that Loomcast keeps publishing from the tray.
 */
export function firstHideNotice(store: Pick<SettingsStore, 'get' | 'set'>, notifier: Notifier): () => void {
  return () => {
    if (store.get('shell.trayNoticeShown')) return;
    store.set('shell.trayNoticeShown', true);
    notifier.notify({ kind: 'still_running', title: 'Loomcast is still running', body: 'Scheduled posts keep publishing. Open Loomcast, pause publishing or quit it from the tray icon.' });
  };
}
