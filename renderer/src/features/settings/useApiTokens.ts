import { useCallback, useEffect, useState } from 'react';
import type { ApiTokenDto, TokenScopeName } from '../../../../shared/contract/features/api-tokens';
import { api } from '../../api/client';
import { toProblem, type Problem } from '../../lib/errors';

/** Settings → Agents and scripts: the tokens, and making and revoking them. */
export function useApiTokens() {
  const [tokens, setTokens] = useState<ApiTokenDto[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(() => {
    api.call('apiTokens:list', {}).then(setTokens, (err: unknown) => setProblem(toProblem(err)));
  }, []);
  useEffect(() => {
    reload();
    return api.subscribe('apiTokens:changed', reload);
  }, [reload]);

  /** Runs one change; answers its value, or null with the problem shown. */
  const run = async <T>(what: () => Promise<T>): Promise<T | null> => {
    setProblem(null);
    setBusy(true);
    try {
      const value = await what();
      reload();
      return value;
    } catch (err) {
      setProblem(toProblem(err));
      return null;
    } finally {
      setBusy(false);
    }
  };

  return {
    tokens,
    problem,
    busy,
    create: (name: string, scope: TokenScopeName) => run(() => api.call('apiTokens:create', { name, scope })),
    revoke: (id: string) => run(() => api.call('apiTokens:revoke', { id })),
  };
}
