/**
 * The readings at an age that the upgrade to schema 37 left to work out (the copies measured
 * before it: ~100,000 at 100,000 posts, 1.4 s in all), worked out after the start, one batch of
 * 500 a turn of the event loop, so neither the start nor a post due meanwhile waits for them.
 * Until a copy's is worked out, the screens read it from its snapshots as before (same answer).
 */
import type { Background } from '../background';
import type { Logger } from '../deps';
import type { Db } from '../store/open';
import type { Rollups } from './rollups';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * `signal`: quitting stops it between batches (what is left waits for the next start);
 * `background`: where it registers, to wait between batches while the work is paused (background.ts).
 */
export async function workOutAtAgeInBackground(d: { db: Db; rollups: Pick<Rollups, 'workOutAtAge'>; log: Pick<Logger, 'info'>; signal?: AbortSignal; background?: Pick<Background, 'gate'> }): Promise<number> {
  let n = 0;
  const gate = d.background?.gate('numbers-at-an-age backfill');
  try {
    for (;;) {
      await turn();
      await gate?.pass(d.signal);
      if (d.signal?.aborted || !d.db.open) break;
      const done = d.rollups.workOutAtAge();
      if (done === 0) break;
      n += done;
    }
  } finally {
    gate?.done();
  }
  if (n > 0) d.log.info('worked out the numbers at an age of copies measured before', { copies: n });
  return n;
}
