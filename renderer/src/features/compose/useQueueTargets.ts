import { useEffect, useState } from 'react';
import type { AccountDto } from '../../../../shared/contract';
import type { Platform } from '../../../../shared/domain/platforms';
import { api } from '../../api/client';

/**
 * The accounts a new post can be queued on: for each chosen platform, a connected account that
 * has weekly posting times. Null unless every chosen platform has one (then "Add to queue" shows).
 */
export function useQueueTargets(platforms: Platform[], accounts: AccountDto[]): AccountDto[] | null {
  const [withSlots, setWithSlots] = useState<ReadonlySet<string>>(new Set());
  const connected = accounts.filter((a) => a.status === 'connected');
  const key = connected.map((a) => a.id).join(',');

  useEffect(() => {
    let live = true;
    const ids = key ? key.split(',') : [];
    const load = () =>
      Promise.all(ids.map((accountId) => api.call('queue:slots', { accountId }).then((q) => (q.slots.length ? accountId : null), () => null))).then((found) => {
        if (live) setWithSlots(new Set(found.filter((id): id is string => id !== null)));
      });
    void load();
    const off = api.subscribe('queue:slotsChanged', () => void load());
    return () => {
      live = false;
      off();
    };
  }, [key]);

  if (platforms.length === 0) return null;
  const picked: AccountDto[] = [];
  for (const p of platforms) {
    const account = connected.find((a) => a.platform === p && withSlots.has(a.id));
    if (!account) return null;
    picked.push(account);
  }
  return picked;
}
