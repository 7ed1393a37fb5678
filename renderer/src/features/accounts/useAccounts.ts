import { useEffect } from 'react';
import type { AccountDto } from '../../../../shared/contract';
import { api } from '../../api/client';
import { toProblem } from '../../lib/errors';
import { useAccountsStore } from './accounts.store';
import { listenForConnectFinished } from './connect.store';

let listening = false;

/** Refetches accounts:list; accounts:changed calls it, and so do the screen's own changes. */
export async function refreshAccounts(): Promise<AccountDto[] | null> {
  try {
    const accounts = await api.call('accounts:list', {});
    useAccountsStore.setState({ accounts, problem: null });
    return accounts;
  } catch (err) {
    useAccountsStore.setState({ problem: toProblem(err) });
    return null;
  }
}

export function useAccounts() {
  const accounts = useAccountsStore((s) => s.accounts);
  const problem = useAccountsStore((s) => s.problem);
  useEffect(() => {
    if (!listening) {
      listening = true;
      api.subscribe('accounts:changed', () => void refreshAccounts());
      listenForConnectFinished();
      void refreshAccounts();
    }
  }, []);
  return { accounts, problem };
}

/** Removes the account and its secrets from the keychain; its scheduled posts stay, unbound. */
export async function disconnectAccount(id: string): Promise<void> {
  await api.call('accounts:disconnect', { id });
  useAccountsStore.setState((s) => ({ accounts: s.accounts?.filter((a) => a.id !== id) ?? null }));
  void refreshAccounts();
}

/** An account that can't post until the creator does something (rate limits clear by themselves). */
export function accountNeedsAttention(a: AccountDto): boolean {
  return a.status === 'needs_reconnect' || a.status === 'disconnected';
}
