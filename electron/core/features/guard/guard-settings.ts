import type { GuardSettingsDto } from '../../../../shared/contract/features/guard';
import { settingsStoreOf } from '../../settings/settings-store';
import type { FeatureDeps } from '../types';

/** The guard's own row in the settings store (declared there with its schema and default). */
export const GUARD_SETTINGS_KEY = 'guard.windowDays';

type Deps = Pick<FeatureDeps, 'db' | 'audit' | 'events' | 'log'>;

/** An invalid stored window reads as the default (the store logs it). */
export function readGuardSettings({ db, log }: Pick<Deps, 'db' | 'log'>): GuardSettingsDto {
  return { windowDays: settingsStoreOf(db, log).get(GUARD_SETTINGS_KEY) };
}

export function writeGuardSettings({ db, audit, events, log }: Deps, next: GuardSettingsDto): GuardSettingsDto {
  const settings = settingsStoreOf(db, log);
  db.transaction(() => {
    settings.set(GUARD_SETTINGS_KEY, next.windowDays);
    audit.record({ actor: 'user', action: 'settings.update', entity: 'settings', entityId: GUARD_SETTINGS_KEY, detail: next });
  })();
  events.emit('guard:settingsChanged', next);
  return next;
}
