import { useEffect, useState } from 'react';
import type { WritingProviderDto, WritingStateDto, WritingTestDto } from '../../../../shared/contract/features/writing';
import { api } from '../../api/client';
import { toProblem, type Problem } from '../../lib/errors';

/** Settings → Writing: the text model, its key in the keychain, and a connection test. */
export function useWriting() {
  const [state, setState] = useState<WritingStateDto | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [test, setTest] = useState<WritingTestDto | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api
      .call('writing:get', {})
      .then((s) => live && setState(s))
      .catch((err: unknown) => live && setProblem(toProblem(err)));
    const off = api.subscribe('writing:changed', (s) => setState(s));
    return () => {
      live = false;
      off();
    };
  }, []);

  const run = async <T,>(fn: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setProblem(null);
    try {
      return await fn();
    } catch (err) {
      setProblem(toProblem(err));
      return null;
    } finally {
      setBusy(false);
    }
  };

  return {
    state,
    problem,
    test,
    busy,
    setProvider: (provider: WritingProviderDto | null) =>
      run(async () => {
        setTest(null);
        setState(await api.call('writing:set', { provider }));
      }),
    setKey: (key: string | null) => run(async () => setState(await api.call('writing:setKey', { key }))),
    runTest: () => run(async () => setTest(await api.call('writing:test', {}))),
  };
}
