/**
 * Soak: a simulated month of a busy creator on the core's fake clock, over X, Mastodon and
 * Facebook fakes that fail at random (5xx, 429 with a reset, timeouts after accepting the post,
 * expired tokens), with core restarts and a sleep of the machine. At the end no copy is lost or
 * duplicated, the database passes its integrity check, and memory is flat.
 *
 * CI runs a short month (fewer posts a day); `npm run soak` (LOOMCAST_SOAK=long) runs full
 * density with several seeds. LOOMCAST_SOAK_SEED replays a failure.
 */
import { describe, expect, it } from 'vitest';
import { seedFrom, withSeed } from './support/prng';
import { checkSoak, median } from './soak/check';
import { runSoak, type SoakOptions } from './soak/run';

const long = process.env.LOOMCAST_SOAK === 'long';
const fixed = process.env.LOOMCAST_SOAK_SEED;
// CI's short run keeps one seed, so a red build is about the change under test; `npm run soak`
// draws new seeds each time. A failure replays with its seed only as far as real time allows:
// the fakes answer over loopback, so a loaded machine can change the order of what happens.
const CI_SEED = 2343225488;
const seeds = fixed ? [seedFrom('LOOMCAST_SOAK_SEED')] : long ? Array.from({ length: 4 }, () => seedFrom('LOOMCAST_SOAK_SEED')) : [CI_SEED];
// The short run is a busy week's first days; its time goes mostly to the core's own timers
// (the alert rules look every five minutes), so it is fewer days rather than fewer posts.
const days = Number(process.env.LOOMCAST_SOAK_DAYS ?? (long ? 30 : 4));
const shape: Omit<SoakOptions, 'seed'> = long ? { days, postsPerDay: [6, 10], faultRate: 0.08, restartEveryDays: 3 } : { days, postsPerDay: [6, 10], faultRate: 0.15, restartEveryDays: 2 };
const MB = 1024 * 1024;

describe.each(seeds)('a month of publishing under faults (seed %i)', (seed) => {
  it(
    'loses and duplicates nothing, keeps the database sound and memory flat',
    () =>
      withSeed('LOOMCAST_SOAK_SEED', seed, async () => {
        const started = performance.now();
        const r = await runSoak({ seed, ...shape });
        try {
          const report = checkSoak(r);
          const took = Math.round(performance.now() - started);
          const heap = r.heap.filter((h): h is number => h !== null);
          // The first week against the last (a third of the days each in a shorter run); day 0 warms up.
          const span = Math.max(2, Math.min(7, Math.floor(heap.length / 3)));
          const firstWeek = median(heap.slice(1, 1 + span));
          const lastWeek = median(heap.slice(-span));
          console.log(
            `soak seed ${seed}: ${r.posts.length} posts, ${r.edits} edits, ${r.restarts} restarts, slept ${r.sleptMs / 3_600_000} h; faults ${JSON.stringify(r.world.faults)}; ` +
              `copies ${JSON.stringify(report.states)}, parts ${JSON.stringify(report.parts)}, received ${JSON.stringify(report.received)}, open alerts ${JSON.stringify(report.alerts)}; ` +
              `heap after GC first week ${(firstWeek / MB).toFixed(1)} MB, last week ${(lastWeek / MB).toFixed(1)} MB; ${took} ms`,
          );
          expect(report.problems, report.problems.join('\n')).toEqual([]);
          expect(report.integrity).toBe('ok');
          expect(r.restarts).toBeGreaterThan(0);
          expect(r.sleptMs).toBeGreaterThan(0);
          expect(report.states.published ?? 0).toBeGreaterThan(r.posts.length / 2);
          // Flat: a leak of a few KB per post would add megabytes over a month.
          if (heap.length === r.heap.length) expect(lastWeek).toBeLessThan(firstWeek * 1.25 + 8 * MB);
        } finally {
          await r.cleanup();
        }
      }),
    long ? 600_000 : 60_000,
  );
});
