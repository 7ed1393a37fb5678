import type { SettingsStore } from '../../settings/settings-store';

/** Whether the creator paused publishing: the one place that reads the stored switch. */
export const isPublishingPaused = (store: Pick<SettingsStore, 'get'>): boolean => store.get('publishing.pausedAt') !== null;
