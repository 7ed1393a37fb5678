import { Notification } from 'electron';
import type { Logger, Notification as LoomcastNotification, Notifier } from '../core/deps';

export interface NotifierOptions {
  log: Logger;
  /** A click on a notification: bring the window back, and show what it was about. */
  onClick(notification: LoomcastNotification): void;
  icon?: string;
}

/** The core's notifications as native OS notifications. */
export function createElectronNotifier({ log, onClick, icon }: NotifierOptions): Notifier {
  // Electron drops click handlers of notifications that get garbage collected while shown:
  // hold on to each one until it is clicked or closed.
  const live = new Set<Notification>();
  return {
    notify(n) {
      if (!Notification.isSupported()) {
        log.info('notification (not supported on this system)', { title: n.title });
        return;
      }
      const notification = new Notification({
        title: n.title,
        body: n.body,
        urgency: n.urgency ?? 'normal',
        ...(icon ? { icon } : {}),
      });
      live.add(notification);
      notification.on('click', () => {
        live.delete(notification);
        onClick(n);
      });
      notification.on('close', () => live.delete(notification));
      notification.on('failed', (_event, error) => {
        live.delete(notification);
        log.warn('notification failed', { title: n.title, error });
      });
      notification.show();
    },
  };
}
