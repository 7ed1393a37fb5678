import { currentDateFormat, type DateFormat } from '../../../shared/domain/datetime-format';
import { useAppStore } from './app.store';

/**
 * The creator's date format (this window's locale, the clock chosen in Settings), for a component
 * that keeps what it shows: it renders again when the Time format changes. The store's own
 * subscription (useAppData.ts) sets the format before React sees the new settings.
 */
export function useDateFormat(): DateFormat {
  useAppStore((s) => s.settings?.timeFormat);
  return currentDateFormat();
}
