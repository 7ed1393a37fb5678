import { create } from 'zustand';
import type { AccountDto } from '../../../../shared/contract';
import type { Problem } from '../../lib/errors';

/** The cached accounts:list answer; accounts:changed refetches it. */
interface AccountsState {
  accounts: AccountDto[] | null;
  problem: Problem | null;
}

export const useAccountsStore = create<AccountsState>(() => ({ accounts: null, problem: null }));
