import { create } from 'zustand';
import type { ChannelOutput } from '../../../../shared/contract';
import type { QueueSlotsDto } from '../../../../shared/contract/features/posting-times';
import type { Problem } from '../../lib/errors';

export type NextFreeDto = ChannelOutput<'queue:nextFree'>;

/** One account's cached queue: its weekly times and the next free ones. */
export interface AccountQueue {
  slots: QueueSlotsDto | null;
  next: NextFreeDto | null;
  /** Reading failed (the editor says why and offers nothing half-loaded). */
  problem: Problem | null;
  /** A change is on its way to the core. */
  saving: boolean;
  /** Saving failed: the change was not made. */
  saveProblem: Problem | null;
}

interface QueueState {
  byAccount: Record<string, AccountQueue>;
  /** Accounts whose "Posting times" panel is open on the Accounts screen. */
  open: Record<string, boolean>;
}

export const EMPTY_QUEUE: AccountQueue = { slots: null, next: null, problem: null, saving: false, saveProblem: null };

export const useQueueStore = create<QueueState>(() => ({ byAccount: {}, open: {} }));

export function patchQueue(accountId: string, patch: Partial<AccountQueue>): void {
  useQueueStore.setState((s) => ({ byAccount: { ...s.byAccount, [accountId]: { ...(s.byAccount[accountId] ?? EMPTY_QUEUE), ...patch } } }));
}

export function setPostingTimesOpen(accountId: string, open: boolean): void {
  useQueueStore.setState((s) => ({ open: { ...s.open, [accountId]: open } }));
}
