/**
 * Thumbnails for calendar chips, loaded by media hash: each hash once, at most a few at a time,
 * and only while some chip still wants it. A month with 2,000 posts asks only for what is on
 * screen; a chip scrolled away or a month left behind withdraws its request before it starts.
 * Pure apart from `load`, injected so a test can count and hold the requests.
 */

export type ThumbState = { status: 'ready'; url: string } | { status: 'failed' } | { status: 'pending' };

interface Entry {
  state: ThumbState;
  listeners: Set<() => void>;
  /** Waiting in the queue, or being loaded: either way, not to be queued again. */
  queued: boolean;
  loading: boolean;
}

export interface ThumbLoader {
  /** What is known of a hash now. */
  get(hash: string): ThumbState;
  /** Asks for a hash; `onChange` hears when it is ready or failed. Returns the withdrawal. */
  want(hash: string, onChange: () => void): () => void;
  /** Requests running now, and waiting (for tests and the bench). */
  stats(): { active: number; queued: number; loaded: number };
}

export function createThumbLoader(load: (hash: string) => Promise<string>, maxConcurrent = 4): ThumbLoader {
  const entries = new Map<string, Entry>();
  const queue: string[] = [];
  let active = 0;
  let loaded = 0;

  const entry = (hash: string): Entry => {
    let e = entries.get(hash);
    if (!e) {
      e = { state: { status: 'pending' }, listeners: new Set(), queued: false, loading: false };
      entries.set(hash, e);
    }
    return e;
  };

  function settle(hash: string, state: ThumbState): void {
    const e = entry(hash);
    e.state = state;
    for (const fn of [...e.listeners]) fn();
  }

  function pump(): void {
    while (active < maxConcurrent && queue.length > 0) {
      const hash = queue.shift()!;
      const e = entry(hash);
      e.queued = false;
      // Withdrawn while it waited: nobody looks at it any more.
      if (e.listeners.size === 0) continue;
      active++;
      e.loading = true;
      load(hash)
        .then(
          (url) => {
            loaded++;
            settle(hash, { status: 'ready', url });
          },
          () => settle(hash, { status: 'failed' }),
        )
        .finally(() => {
          e.loading = false;
          active--;
          pump();
        });
    }
  }

  return {
    get: (hash) => entries.get(hash)?.state ?? { status: 'pending' },
    want(hash, onChange) {
      const e = entry(hash);
      e.listeners.add(onChange);
      if (e.state.status === 'pending' && !e.queued && !e.loading) {
        e.queued = true;
        queue.push(hash);
        pump();
      }
      return () => {
        e.listeners.delete(onChange);
      };
    },
    stats: () => ({ active, queued: queue.filter((h) => (entries.get(h)?.listeners.size ?? 0) > 0).length, loaded }),
  };
}
