import { create } from 'zustand';
import type { AlertDto } from '../../../../shared/contract';

/**
 * Alerts raised while this window has been open, newest first. The core keeps every alert in
 * its database, but there is no channel to read them back yet, so earlier ones aren't shown.
 */
interface AlertsState {
  alerts: AlertDto[];
  /** Raised since the list was last opened. */
  unseen: number;
  open: boolean;
}

export const useAlertsStore = create<AlertsState>(() => ({ alerts: [], unseen: 0, open: false }));

/** Keeps the list short: a session rarely has more, and the core keeps them all anyway. */
const KEEP = 50;

export function addAlert(alert: AlertDto): void {
  useAlertsStore.setState((s) => {
    if (s.alerts.some((a) => a.id === alert.id)) return s;
    return { alerts: [alert, ...s.alerts].slice(0, KEEP), unseen: s.open ? s.unseen : s.unseen + 1 };
  });
}

export function setAlertsOpen(open: boolean): void {
  useAlertsStore.setState((s) => ({ open, unseen: open ? 0 : s.unseen }));
}

export function dismissAlert(id: number): void {
  useAlertsStore.setState((s) => ({ alerts: s.alerts.filter((a) => a.id !== id) }));
}
