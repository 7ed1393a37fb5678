import { useEffect } from 'react';
import type { QueueSlotDto } from '../../../../shared/contract/features/posting-times';
import { api } from '../../api/client';
import { toProblem } from '../../lib/errors';
import { EMPTY_QUEUE, patchQueue, useQueueStore, type AccountQueue } from './queue.store';
import { sortSlots } from './weekdays';

/** How many free times the editor lists. */
export const NEXT_COUNT = 5;

let listening = false;

/** How many mounted views show each account's queue; hidden ones are read afresh when shown again. */
const mounted = new Map<string, number>();
const shown = () => [...mounted.keys()];

async function refreshNext(accountId: string): Promise<void> {
  try {
    const next = await api.call('queue:nextFree', { accountId, count: NEXT_COUNT });
    patchQueue(accountId, { next });
  } catch (err) {
    patchQueue(accountId, { problem: toProblem(err) });
  }
}

/** Reads an account's weekly times and its next free ones. */
export async function refreshQueue(accountId: string): Promise<void> {
  try {
    const [slots, next] = await Promise.all([api.call('queue:slots', { accountId }), api.call('queue:nextFree', { accountId, count: NEXT_COUNT })]);
    patchQueue(accountId, { slots, next, problem: null });
  } catch (err) {
    patchQueue(accountId, { problem: toProblem(err) });
  }
}

/**
 * Pushes keep what is on screen true: another window changed the times; a post was scheduled,
 * moved or published (a free time may be taken or freed); the creator's zone changed.
 */
function listen(): void {
  if (listening) return;
  listening = true;
  api.subscribe('queue:slotsChanged', ({ accountId }) => {
    if (shown().includes(accountId)) void refreshQueue(accountId);
  });
  api.subscribe('posts:changed', () => shown().forEach((id) => void refreshNext(id)));
  api.subscribe('settings:changed', () => shown().forEach((id) => void refreshQueue(id)));
}

export function usePostingTimes(accountId: string): AccountQueue {
  const queue = useQueueStore((s) => s.byAccount[accountId] ?? EMPTY_QUEUE);
  useEffect(() => {
    listen();
    mounted.set(accountId, (mounted.get(accountId) ?? 0) + 1);
    void refreshQueue(accountId);
    return () => {
      const left = (mounted.get(accountId) ?? 1) - 1;
      if (left > 0) mounted.set(accountId, left);
      else mounted.delete(accountId);
    };
  }, [accountId]);
  return queue;
}

/** Saves the whole weekly list (and the zone, when given); the core sorts and de-duplicates it. */
async function save(accountId: string, slots: QueueSlotDto[], zone?: string | null): Promise<boolean> {
  patchQueue(accountId, { saving: true, saveProblem: null });
  try {
    const saved = await api.call('queue:setSlots', { accountId, slots, ...(zone !== undefined ? { zone } : {}) });
    patchQueue(accountId, { slots: saved, saving: false });
    await refreshNext(accountId);
    return true;
  } catch (err) {
    patchQueue(accountId, { saving: false, saveProblem: toProblem(err) });
    return false;
  }
}

const current = (accountId: string): QueueSlotDto[] => useQueueStore.getState().byAccount[accountId]?.slots?.slots ?? [];

export function addSlots(accountId: string, added: QueueSlotDto[]): Promise<boolean> {
  return save(accountId, sortSlots([...current(accountId), ...added]));
}

export function removeSlot(accountId: string, slot: QueueSlotDto): Promise<boolean> {
  return save(
    accountId,
    current(accountId).filter((s) => s.weekday !== slot.weekday || s.time !== slot.time),
  );
}

/** null: follow the creator's zone from Settings. */
export function setQueueZone(accountId: string, zone: string | null): Promise<boolean> {
  return save(accountId, current(accountId), zone);
}
