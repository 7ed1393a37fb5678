import { useEffect, useState } from 'react';
import type { AccountDto } from '../../../../shared/contract';
import { api } from '../../api/client';

/** The connected accounts, for the preview's name and handle; refetched when they change. */
export function useComposeAccounts(): AccountDto[] {
  const [accounts, setAccounts] = useState<AccountDto[]>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      api
        .call('accounts:list', {})
        .then((list) => {
          if (live) setAccounts(list);
        })
        .catch(() => undefined); // the preview then says "You"; the Accounts screen shows the problem
    void load();
    const off = api.subscribe('accounts:changed', () => void load());
    return () => {
      live = false;
      off();
    };
  }, []);
  return accounts;
}
