import { useEffect } from 'react';
import { api } from '../../api/client';
import { toProblem } from '../../lib/errors';
import { useAccountsStore } from './accounts.store';

let listening = false;

function load(): void {
  api
    .call('accounts:list', {})
    .then((accounts) => useAccountsStore.setState({ accounts, problem: null }))
    .catch((err: unknown) => useAccountsStore.setState({ problem: toProblem(err) }));
}

export function useAccounts() {
  const accounts = useAccountsStore((s) => s.accounts);
  const problem = useAccountsStore((s) => s.problem);
  useEffect(() => {
    if (!listening) {
      listening = true;
      api.subscribe('accounts:changed', load);
      load();
    }
  }, []);
  return { accounts, problem };
}
