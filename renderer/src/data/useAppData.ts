import { useEffect } from 'react';
import type { SettingsDto } from '../../../shared/contract';
import { api } from '../api/client';
import { toProblem } from '../lib/errors';
import { useAppStore } from './app.store';

let started = false;

/** Loads app:info and settings once, and keeps settings fresh when another window changes them. */
export function useBootstrap(): void {
  useEffect(() => {
    if (started) return;
    started = true;
    api.subscribe('settings:changed', (settings) => useAppStore.setState({ settings }));
    Promise.all([api.call('app:info', {}), api.call('settings:get', {})])
      .then(([info, settings]) => useAppStore.setState({ info, settings, bootProblem: null }))
      .catch((err: unknown) => {
        started = false;
        useAppStore.setState({ bootProblem: toProblem(err) });
      });
  }, []);
}

export const useAppInfo = () => useAppStore((s) => s.info);
export const useSettings = () => useAppStore((s) => s.settings);

/** The creator's zone; every time on screen is shown in it. */
export function useZone(): string {
  return useAppStore((s) => s.settings?.timeZone ?? s.info?.systemTimeZone ?? 'UTC');
}

export async function updateSettings(patch: Partial<SettingsDto>): Promise<SettingsDto> {
  const settings = await api.call('settings:update', patch);
  useAppStore.setState({ settings });
  return settings;
}
