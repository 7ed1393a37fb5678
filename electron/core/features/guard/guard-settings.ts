import { GUARD_WINDOW_DEFAULT_DAYS, GuardSettings, type GuardSettingsDto } from '../../../../shared/contract/features/guard';
import type { FeatureDeps } from '../types';

/** The guard's own row in the settings table; the general Settings schema does not know it. */
export const GUARD_SETTINGS_KEY = 'guard.windowDays';

type Deps = Pick<FeatureDeps, 'db' | 'audit' | 'events' | 'log'>;

export function readGuardSettings({ db, log }: Pick<Deps, 'db' | 'log'>): GuardSettingsDto {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(GUARD_SETTINGS_KEY) as { value: string } | undefined;
  if (!row) return { windowDays: GUARD_WINDOW_DEFAULT_DAYS };
  const parsed = GuardSettings.safeParse({ windowDays: JSON.parse(row.value) });
  if (parsed.success) return parsed.data;
  log.warn('stored duplicate-guard window is invalid; using the default', { value: row.value });
  return { windowDays: GUARD_WINDOW_DEFAULT_DAYS };
}

export function writeGuardSettings({ db, audit, events }: Deps, next: GuardSettingsDto): GuardSettingsDto {
  db.transaction(() => {
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(GUARD_SETTINGS_KEY, JSON.stringify(next.windowDays));
    audit.record({ actor: 'user', action: 'settings.update', entity: 'settings', entityId: GUARD_SETTINGS_KEY, detail: next });
  })();
  events.emit('guard:settingsChanged', next);
  return next;
}
