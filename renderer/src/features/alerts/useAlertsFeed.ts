import { useEffect } from 'react';
import { api } from '../../api/client';
import { showToast } from '../../app/ui.store';
import { addAlert, loadAlerts } from './alerts.store';

let listening = false;

/**
 * Reads the alerts the core kept (so the bell survives a reload), then turns every alerts:raised
 * push into a toast and a line in the list. Started once by the frame.
 */
export function useAlertsFeed(): void {
  useEffect(() => {
    if (listening) return;
    listening = true;
    // Subscribe first: an alert raised while the list is loading is merged in, not lost.
    api.subscribe('alerts:raised', (alert) => {
      addAlert(alert);
      showToast(alert.title, { detail: alert.body, tone: 'attention' });
    });
    // Seen again, cleared, acknowledged or snoozed: read the list again.
    api.subscribe('alerts:changed', () => void loadAlerts());
    void loadAlerts();
  }, []);
}
