import { useCallback, useEffect, useState } from 'react';
import type { ApiTokenDto, TokenScopeName } from '../../../../shared/contract/features/api-tokens';
import { api } from '../../api/client';
import { splitIssues, toProblem, type Problem } from '../../lib/errors';

/** Settings → Agents and scripts: the tokens, and making and revoking them. */
export function useApiTokens() {
  const [tokens, setTokens] = useState<ApiTokenDto[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  /** What is wrong with the new token's name, shown under the Name field. */
  const [nameError, setNameError] = useState<string | null>(null);

  const reload = useCallback(() => {
    api.call('apiTokens:list', {}).then(setTokens, (err: unknown) => setProblem(toProblem(err)));
  }, []);
  useEffect(() => {
    reload();
    return api.subscribe('apiTokens:changed', reload);
  }, [reload]);

  /** Runs one change; answers its value, or null with the problem shown (by `shown`, if given). */
  const run = async <T>(what: () => Promise<T>, shown: (err: unknown) => void = (err) => setProblem(toProblem(err))): Promise<T | null> => {
    setProblem(null);
    setBusy(true);
    try {
      const value = await what();
      reload();
      return value;
    } catch (err) {
      shown(err);
      return null;
    } finally {
      setBusy(false);
    }
  };

  return {
    tokens,
    problem,
    busy,
    nameError,
    clearNameError: () => setNameError(null),
    create: (name: string, scope: TokenScopeName) => {
      setNameError(null);
      // A problem with the name goes under the Name field; anything else under the form.
      return run(
        () => api.call('apiTokens:create', { name, scope }),
        (err) => {
          const split = splitIssues(err, (path) => (path[0] === 'name' ? ('name' as const) : null));
          setNameError(split.fields.name ?? null);
          setProblem(split.form);
        },
      );
    },
    revoke: (id: string) => run(() => api.call('apiTokens:revoke', { id })),
  };
}
