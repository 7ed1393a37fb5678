import type { Clock } from '../../deps';

/**
 * Waits `ms` on the injected clock (so tests move time by hand); resolves false at once if the
 * call is aborted first, true once the time has passed. Used while media processes.
 */
export function pause(clock: Pick<Clock, 'setTimer'>, ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      cancel();
      resolve(false);
    };
    const cancel = clock.setTimer(ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
