import { useCallback, useEffect, useState } from 'react';
import type { BackupDto } from '../../../../shared/contract/features/backups';
import { api } from '../../api/client';
import { toProblem, type Problem } from '../../lib/errors';

/** Set just before the page reloads on the restored data, so Settings can say what happened. */
const RESTORED_KEY = 'loomcast.restoredBackup';

/** The backups folder and its backups (newest first), loaded when Settings opens. */
export function useBackups() {
  const [folder, setFolder] = useState<string | null>(null);
  const [backups, setBackups] = useState<BackupDto[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const apply = useCallback((list: { folder: string; backups: BackupDto[] }) => {
    setFolder(list.folder);
    setBackups(list.backups);
    setProblem(null);
  }, []);
  const fail = useCallback((err: unknown) => setProblem(toProblem(err)), []);
  const reload = useCallback(() => api.call('backups:list', {}).then(apply, fail), [apply, fail]);

  useEffect(() => {
    api.call('backups:list', {}).then(apply, fail);
  }, [apply, fail]);

  return { folder, backups, problem, reload };
}

export function createBackup(): Promise<BackupDto> {
  return api.call('backups:create', {});
}

/**
 * Goes back to a backup. The core answers once the file is staged and reopens on it; the next
 * request waits for the reopened core, and then the page reloads so every screen reads the
 * restored data afresh.
 */
export async function restoreBackup(name: string): Promise<void> {
  const { restored } = await api.call('backups:restore', { name });
  await api.call('app:info', {});
  sessionStorage.setItem(RESTORED_KEY, restored.takenAt);
  window.location.reload();
}

// Read once, when the reloaded page starts: the notice is shown in this page and not after the next reload.
const restoredAtLoad = sessionStorage.getItem(RESTORED_KEY);
sessionStorage.removeItem(RESTORED_KEY);

/** When the backup restored just before this page loaded was taken, or null. */
export const restoredNotice = (): string | null => restoredAtLoad;
