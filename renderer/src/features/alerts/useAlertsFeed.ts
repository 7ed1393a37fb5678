import { useEffect } from 'react';
import { api } from '../../api/client';
import { showToast } from '../../app/ui.store';
import { addAlert } from './alerts.store';

let listening = false;

/** Every alerts:raised push becomes a toast and a line in the alerts list. Started once by the frame. */
export function useAlertsFeed(): void {
  useEffect(() => {
    if (listening) return;
    listening = true;
    api.subscribe('alerts:raised', (alert) => {
      addAlert(alert);
      showToast(alert.title, { detail: alert.body, tone: 'attention' });
    });
  }, []);
}
