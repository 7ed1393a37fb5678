import { useCallback, useEffect, useState } from 'react';
import type { FeedStatusDto } from '../../../../shared/contract/features/io';
import { api } from '../../api/client';
import { toProblem, type Problem } from '../../lib/errors';

/**
 * The calendar subscription (browser mode). The link itself is only known right after it is
 * made: the core keeps a fingerprint of the token, never the token.
 */
export function useFeed() {
  const [status, setStatus] = useState<FeedStatusDto | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    api.call('io:feedStatus', {}).then(setStatus, (err: unknown) => setProblem(toProblem(err)));
  }, []);

  const run = useCallback(async (action: 'io:feedEnable' | 'io:feedRotate' | 'io:feedDisable') => {
    setBusy(true);
    setProblem(null);
    try {
      const next = await api.call(action, {});
      setStatus({ enabled: next.enabled, createdAt: next.createdAt, lastFetchedAt: next.lastFetchedAt });
      setUrl('path' in next ? `${window.location.origin}${next.path}` : null);
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  }, []);

  return {
    status,
    url,
    busy,
    problem,
    enable: () => run('io:feedEnable'),
    rotate: () => run('io:feedRotate'),
    disable: () => run('io:feedDisable'),
  };
}
