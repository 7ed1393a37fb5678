import { create } from 'zustand';
import type { AppInfoDto, SettingsDto } from '../../../shared/contract';
import type { Problem } from '../lib/errors';

/** What the whole app needs before any screen can show: who we are and the creator's settings. */
interface AppState {
  info: AppInfoDto | null;
  settings: SettingsDto | null;
  /** Set when the core can't be reached at all (wrong token, host stopped). */
  bootProblem: Problem | null;
}

export const useAppStore = create<AppState>(() => ({ info: null, settings: null, bootProblem: null }));
