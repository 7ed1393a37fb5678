import { useEffect } from 'react';
import { create } from 'zustand';
import type { AppCredentialsDto } from '../../../../shared/contract';
import type { Platform } from '../../../../shared/domain/platforms';
import { api } from '../../api/client';
import { toProblem, type Problem } from '../../lib/errors';

/** The cached apps:list answer: one row per platform, client ids and whether a secret is stored. */
interface AppsState {
  apps: AppCredentialsDto[] | null;
  problem: Problem | null;
}

export const useAppsStore = create<AppsState>(() => ({ apps: null, problem: null }));

export async function refreshApps(): Promise<void> {
  try {
    const apps = await api.call('apps:list', {});
    useAppsStore.setState({ apps, problem: null });
  } catch (err) {
    useAppsStore.setState({ problem: toProblem(err) });
  }
}

/** Loads apps:list when a screen needs it; there is no push for apps, so each mount asks again. */
export function useDeveloperApps() {
  const apps = useAppsStore((s) => s.apps);
  const problem = useAppsStore((s) => s.problem);
  useEffect(() => {
    void refreshApps();
  }, []);
  return { apps, problem };
}

export function useAppFor(platform: Platform | null): AppCredentialsDto | undefined {
  const { apps } = useDeveloperApps();
  return platform ? apps?.find((a) => a.platform === platform) : undefined;
}

/** Saves a client id (and a secret, which goes to the keychain); an empty secret keeps the stored one. */
export async function saveApp(platform: Platform, clientId: string, clientSecret: string): Promise<AppCredentialsDto> {
  const saved = await api.call('apps:set', { platform, clientId: clientId.trim(), ...(clientSecret ? { clientSecret } : {}) });
  useAppsStore.setState((s) => ({ apps: s.apps?.map((a) => (a.platform === platform ? saved : a)) ?? [saved] }));
  return saved;
}
