import { useEffect, useState } from 'react';
import type { AccountDto } from '../../../../shared/contract';
import { toLocal } from '../../../../shared/domain/time';
import { dayTime } from '../../lib/format';
import { api } from '../../api/client';

/** One upcoming free posting time of the chosen accounts, as the creator's wall clock reads it. */
export interface FreeSlot {
  at: number;
  date: string;
  time: string;
  label: string;
  /** The accounts whose posting time it is (all chosen ones, or a few). */
  handles: string[];
}

const PER_ACCOUNT = 5;
const SHOWN = 6;

/**
 * The connected accounts that have weekly posting times (null while looking), and the next free
 * ones of the accounts the post goes to, merged and in order. Looked up again when posting times
 * or posts change, so a slot taken elsewhere disappears.
 */
export function usePostingSlots(accounts: AccountDto[], chosenIds: string[], zone: string): { withSlots: ReadonlySet<string> | null; free: FreeSlot[] } {
  const [withSlots, setWithSlots] = useState<ReadonlySet<string> | null>(null);
  const [free, setFree] = useState<FreeSlot[]>([]);
  const connected = accounts.filter((a) => a.status === 'connected');
  const key = connected.map((a) => a.id).join(',');
  const chosenKey = chosenIds.filter((id) => connected.some((a) => a.id === id)).join(',');

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

  useEffect(() => {
    let live = true;
    const ids = chosenKey && withSlots ? chosenKey.split(',').filter((id) => withSlots.has(id)) : [];
    const handleOf = (id: string) => accounts.find((a) => a.id === id)?.handle ?? id;
    const load = async () => {
      const lists = await Promise.all(ids.map((accountId) => api.call('queue:nextFree', { accountId, count: PER_ACCOUNT }).catch(() => null)));
      const byAt = new Map<number, string[]>();
      for (const list of lists) {
        for (const s of list?.slots ?? []) {
          const at = Date.parse(s.at);
          byAt.set(at, [...(byAt.get(at) ?? []), handleOf(list!.accountId)]);
        }
      }
      const merged = [...byAt.entries()]
        .sort(([a], [b]) => a - b)
        .slice(0, SHOWN)
        .map(([at, handles]) => {
          const { date, time } = toLocal(at, zone);
          return { at, date, time, label: dayTime(at, zone), handles };
        });
      if (live) setFree(merged);
    };
    void load();
    const offPosts = api.subscribe('posts:changed', () => void load());
    return () => {
      live = false;
      offPosts();
    };
    // accounts only lend their handles; the ids above decide what is asked.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [chosenKey, withSlots, zone]);

  return { withSlots, free };
}
