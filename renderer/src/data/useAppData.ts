import { useEffect } from 'react';
import type { SettingsDto } from '../../../shared/contract';
import { api } from '../api/client';
import { setCurrentDateFormat, systemLocale } from '../../../shared/domain/datetime-format';
import { toProblem } from '../lib/errors';
import { useAppStore } from './app.store';

let started = false;

// Every date and time on screen is written in this window's locale with the clock chosen in
// Settings. Set before React renders the new settings (zustand calls this first), so a change
// shows everywhere at once.
useAppStore.subscribe((state, prev) => {
  const now = state.settings?.timeFormat;
  if (now && now !== prev.settings?.timeFormat) setCurrentDateFormat({ locale: systemLocale(), timeFormat: now });
});

/**
 * The core writes some dates itself (errors, alerts, a post's last problem): it learns this
 * window's locale once at start, when it differs from the one it has.
 */
async function withOurLocale(settings: SettingsDto): Promise<SettingsDto> {
  const locale = systemLocale();
  return settings.locale === locale ? settings : api.call('settings:update', { locale });
}

/** Loads app:info and settings once, and keeps settings fresh when another window changes them. */
export function useBootstrap(): void {
  useEffect(() => {
    if (started) return;
    started = true;
    api.subscribe('settings:changed', (settings) => useAppStore.setState({ settings }));
    Promise.all([api.call('app:info', {}), api.call('settings:get', {}).then(withOurLocale)])
      .then(([info, settings]) => useAppStore.setState({ info, settings, bootProblem: null }))
      .catch((err: unknown) => {
        started = false;
        useAppStore.setState({ bootProblem: toProblem(err) });
      });
  }, []);
}

export const useAppInfo = () => useAppStore((s) => s.info);
export const useSettings = () => useAppStore((s) => s.settings);

const zoneOf = (s: ReturnType<typeof useAppStore.getState>): string => s.settings?.timeZone ?? s.info?.systemTimeZone ?? 'UTC';

/** The creator's zone; every time on screen is shown in it. */
export function useZone(): string {
  return useAppStore(zoneOf);
}

/** The creator's zone as it stands, outside React (stores, actions). */
export function currentZone(): string {
  return zoneOf(useAppStore.getState());
}

export async function updateSettings(patch: Partial<SettingsDto>): Promise<SettingsDto> {
  const settings = await api.call('settings:update', patch);
  useAppStore.setState({ settings });
  return settings;
}
