import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { AlertItemDto as AlertDto } from '../../../../shared/contract/features/alerts';
import { api } from '../../api/client';

/**
 * The alerts the core keeps in its database, open ones first, then newest first: read back with
 * alerts:list when the app starts (so the bell survives a reload), added to by alerts:raised
 * pushes and read again on alerts:changed (seen again, cleared, acknowledged, snoozed). An alert
 * is "new" until the core records it as read (readAt), which opening the list does.
 */
interface AlertsState {
  alerts: AlertDto[];
  /** False until alerts:list has answered once. */
  loaded: boolean;
  open: boolean;
}

export const useAlertsStore = create<AlertsState>(() => ({ alerts: [], loaded: false, open: false }));

/**
 * Alerts dismissed from the list on this computer. The core keeps every alert (there is no
 * channel to delete one), so the list remembers here which ones the creator put away.
 */
interface DismissedState {
  ids: number[];
}

const KEEP_DISMISSED = 500;

export const useDismissedAlerts = create<DismissedState>()(
  persist(() => ({ ids: [] as number[] }), {
    name: 'loomcast.alerts.dismissed',
    storage: createJSONStorage(() => localStorage),
  }),
);

/** As many as the core hands back by default; older ones stay in its database. */
const KEEP = 100;

const newestFirst = (a: AlertDto, b: AlertDto) => (a.state === b.state ? b.id - a.id : a.state === 'open' ? -1 : 1);

function merge(current: AlertDto[], incoming: AlertDto[]): AlertDto[] {
  const byId = new Map(current.map((a) => [a.id, a]));
  for (const a of incoming) {
    const known = byId.get(a.id);
    // A read mark made here stays, even if an older copy of the alert arrives after it.
    byId.set(a.id, known?.readAt && !a.readAt ? { ...a, readAt: known.readAt } : a);
  }
  return [...byId.values()].sort(newestFirst).slice(0, KEEP);
}

/** The count on the bell: open alerts the core has not recorded as read, and not dismissed here. */
export function unseenCount(alerts: AlertDto[], dismissed: readonly number[]): number {
  return alerts.filter((a) => a.readAt === null && a.state === 'open' && !dismissed.includes(a.id)).length;
}

/** Acknowledged: no more notices for it. It still clears by itself. */
export async function acknowledgeAlert(id: number): Promise<void> {
  const a = await api.call('alerts:acknowledge', { id });
  useAlertsStore.setState((s) => ({ alerts: merge(s.alerts, [a]) }));
}

/** No notice until then; if it still holds when the snooze ends, one notice. */
export async function snoozeAlert(id: number, forMs: number): Promise<void> {
  const a = await api.call('alerts:snooze', { id, until: new Date(Date.now() + forMs).toISOString() });
  useAlertsStore.setState((s) => ({ alerts: merge(s.alerts, [a]) }));
}

/** Reads the stored alerts when the app starts; pushes keep the list current after that. */
export async function loadAlerts(): Promise<void> {
  try {
    const stored = await api.call('alerts:list', { limit: KEEP });
    useAlertsStore.setState((s) => ({ alerts: merge(s.alerts, stored), loaded: true }));
  } catch {
    // The bell stays as it is; pushes still arrive, and the next start reads the list again.
    useAlertsStore.setState({ loaded: true });
  }
  if (useAlertsStore.getState().open) void markShownRead();
}

export function addAlert(alert: AlertDto): void {
  useAlertsStore.setState((s) => ({ alerts: merge(s.alerts, [alert]) }));
  // Raised while the list is open: the creator is looking at it, so it is read.
  if (useAlertsStore.getState().open) void markShownRead();
}

/** Tells the core the alerts on screen have been seen; the bell's count comes from readAt. */
async function markShownRead(): Promise<void> {
  const unread = useAlertsStore.getState().alerts.filter((a) => a.readAt === null);
  if (unread.length === 0) return;
  const ids = unread.map((a) => a.id);
  const at = new Date().toISOString();
  useAlertsStore.setState((s) => ({ alerts: s.alerts.map((a) => (ids.includes(a.id) && a.readAt === null ? { ...a, readAt: at } : a)) }));
  try {
    await api.call('alerts:markRead', { ids });
  } catch {
    // Not recorded: after a reload these count as new again, which is the honest outcome.
  }
}

export function setAlertsOpen(open: boolean): void {
  useAlertsStore.setState({ open });
  if (open) void markShownRead();
}

export function dismissAlert(id: number): void {
  useDismissedAlerts.setState((s) => ({ ids: [...s.ids.filter((x) => x !== id), id].slice(-KEEP_DISMISSED) }));
}
