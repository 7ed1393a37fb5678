import type { Clock } from '../deps';
import type { Targets } from '../posts/targets';

interface Waiting {
  id: string;
  resolve(startedAt: number | null): void;
  reject(err: unknown): void;
}

/**
 * Claims for the platform call, committed together: every lane that is ready to send waits for
 * the answers already on their way in (one turn of the event loop), then one transaction with one
 * fsync moves all their copies to `publishing`. Each copy is still committed before its own
 * request leaves, so exactly-once holds; ten accounts publishing at once pay for one fsync, not ten.
 */
export function createClaims(d: { targets: Pick<Targets, 'transition'>; clock: Pick<Clock, 'now'> }) {
  let waiting: Waiting[] = [];
  let planned = false;

  const flush = () => {
    planned = false;
    const batch = waiting;
    waiting = [];
    if (batch.length === 0) return;
    const startedAt = d.clock.now();
    let moved: Set<string>;
    try {
      // The gates ran just before; the scheduler plans its own next wake.
      moved = new Set(
        d.targets.transition(batch.map((w) => w.id), 'scheduled', 'publishing', 'publish.claim', { attempts: 'increment', attemptStartedAt: startedAt, nextAttemptAt: null }, { gate: false, wake: false }),
      );
    } catch (err) {
      for (const w of batch) w.reject(err);
      return;
    }
    for (const w of batch) w.resolve(moved.has(w.id) ? startedAt : null);
  };

  return {
    /**
     * Moves a due copy from `scheduled` to `publishing`, committed. Resolves with the instant its
     * attempt started, or null when it was no longer scheduled (cancelled, moved, claimed elsewhere).
     */
    claim(id: string): Promise<number | null> {
      return new Promise<number | null>((resolve, reject) => {
        waiting.push({ id, resolve, reject });
        if (planned) return;
        planned = true;
        // After the I/O callbacks already waiting, so the lanes they free join this transaction.
        setImmediate(flush);
      });
    },
  };
}

export type Claims = ReturnType<typeof createClaims>;
