/**
 * Collects published posts' numbers in the background: when to sweep and the creator's part in
 * it. A sweep every 15 minutes on the injected clock (./sweep.ts looks at the checks that are due,
 * see ./schedule.ts, or that the creator asked for, one account at a time; ./settle.ts writes how
 * each look went); start and stop; "refresh now", its progress and stopping it (./refresh-run.ts);
 * and the pass that gives every published copy its check row first. Screens never wait on this.
 */
import type { Platform } from '../../../../shared/domain/platforms';
import type { Alerts } from '../../alerts/alerts';
import type { Clock, Logger } from '../../deps';
import type { EventBus } from '../../events';
import type { PlatformClient } from '../../platforms/types';
import type { AccountContexts } from '../../publishing/accounts-context';
import type { Db } from '../../store/open';
import type { Rollups } from '../rollups';
import { createChecksRepo } from './checks-repo';
import { createRefreshRun } from './refresh-run';
import { DAY_MS, nextCheckAt } from './schedule';
import { createSettler, type SweepSummary } from './settle';
import { createSweep } from './sweep';
import { nextTurn } from '../../turn';

export type { SweepSummary } from './settle';

export const SWEEP_INTERVAL_MS = 15 * 60_000;
/** How far before the last look a sweep reads copies that changed (a clock set back a little). */
const ENSURE_OVERLAP_MS = DAY_MS;

export interface CollectorDeps {
  db: Db;
  clients: Partial<Record<Platform, PlatformClient>>;
  /** The same accounts context the publisher uses: credentials, base URLs, token refresh. */
  contexts: Pick<AccountContexts, 'forAccount'>;
  events: EventBus;
  clock: Clock;
  log: Logger;
  /** The one writer of snapshots and their rollups (shared with the analytics feature's recount of days). */
  rollups: Rollups;
  /** Where the creator hears of a post the platform took down after it went out (one alert per post). */
  alerts: Pick<Alerts, 'raise'>;
  intervalMs?: number;
  requestTimeoutMs?: number;
  /** Checks looked at per sweep at most; the rest wait for the next one. */
  perSweep?: number;
  /** Accounts read at the same time; one account's checks always go one request after another. */
  concurrency?: number;
}

export function createMetricsCollector(d: CollectorDeps) {
  const repo = createChecksRepo(d.db);
  /** The creator's refresh under way: how far it got, and stopping it (./refresh-run.ts). */
  const asked = createRefreshRun({ repo, now: () => d.clock.now(), emit: (p) => d.events.emit('metrics:refreshProgress', p) });
  const interval = d.intervalMs ?? SWEEP_INTERVAL_MS;
  /** Not sweeping on its own timer (sweep() still works, as tests call it). */
  let stopped = true;
  /** stop() was called: work in flight ends at the next request boundary. */
  let closing = false;
  let cancelTimer: (() => void) | null = null;
  let nextSweepAt: number | null = null;
  let running: Promise<SweepSummary> | null = null;

  /**
   * When check rows were last given out. A copy that goes out is written with updated_at = now,
   * so later looks read only copies changed since then (less a day, for a clock set back a
   * little); the first look after a start, or after the clock went back further, reads them all.
   */
  let ensuredAt: number | null = null;
  /** The whole pass under way (the first after a start), which later looks wait for. */
  let ensuring: Promise<void> | null = null;
  const ensure = (now: number): Promise<void> => {
    if (ensuring) return ensuring;
    const next = (publishedAt: number) => nextCheckAt({ publishedAt, now, checks: 0, unchanged: 0 });
    if (ensuredAt !== null && now >= ensuredAt) {
      repo.ensure(next, ensuredAt - ENSURE_OVERLAP_MS);
      ensuredAt = now;
      return Promise.resolve();
    }
    // Every copy, a stretch at a time with a turn of the event loop between (~350 ms in all at
    // 100,000 posts); copies out meanwhile are written after `now`, so the next look finds them.
    ensuring = repo
      .ensureAll(next, () => nextTurn().then(() => !closing))
      .then(() => {
        if (!closing) ensuredAt = now;
      })
      .finally(() => {
        ensuring = null;
      });
    return ensuring;
  };

  const runSweep = createSweep({ d, repo, asked, settler: createSettler(d, repo, asked), ensure, closing: () => closing });

  function sweep(): Promise<SweepSummary> {
    if (running) return running;
    running = runSweep().finally(() => {
      running = null;
    });
    return running;
  }

  const arm = (ms: number) => {
    cancelTimer?.();
    nextSweepAt = d.clock.now() + ms;
    cancelTimer = d.clock.setTimer(ms, () => {
      cancelTimer = null;
      nextSweepAt = null;
      sweep()
        .catch((err: unknown) => d.log.error('metrics: the sweep failed', { error: err as Error }))
        .finally(() => {
          if (!stopped) arm(interval);
        });
    });
  };

  return {
    sweep,
    /** Sweeps every 15 minutes, the first one shortly after start. */
    start(): void {
      if (!stopped) return;
      stopped = false;
      closing = false;
      arm(60_000);
    },
    async stop(): Promise<void> {
      stopped = true;
      closing = true;
      cancelTimer?.();
      cancelTimer = null;
      nextSweepAt = null;
      await running?.catch(() => {});
      await ensuring?.catch(() => {});
    },
    /** "Refresh now": marks the checks of these posts (all measured ones without) for the next sweep; never waits on a platform. */
    async refresh(postIds?: string[]): Promise<{ queued: number }> {
      const now = d.clock.now();
      await ensure(now);
      const targets = postIds ? postIds.flatMap((id) => repo.targetsOfPost(id)) : null;
      // Checks marked before a restart are the run under way; these join it.
      asked.adopt();
      const marked = repo.request(targets, now);
      asked.asked(marked);
      const queued = marked.length;
      // Look soon, in the background: after the sweep under way, if there is one.
      if (!stopped && queued > 0) {
        if (running) void running.finally(() => !stopped && arm(0));
        else arm(0);
      }
      return { queued };
    },
    /** How far the refresh under way (or the last one) got. */
    refreshProgress: () => asked.progress(),
    /**
     * Stops the refresh under way: the checks still asked for go back to their band (nothing
     * measured is touched); a look under way finishes, the sweep skips the rest.
     */
    cancelRefresh() {
      asked.adopt();
      repo.unrequestAll();
      return asked.stop();
    },
    isRunning: () => !stopped,
    /** When the timer sweeps next; null while a sweep runs or when stopped. */
    nextSweepAt: () => nextSweepAt,
  };
}

export type MetricsCollector = ReturnType<typeof createMetricsCollector>;
