import type { Clock, Logger } from '../deps';
import type { Publisher } from './publisher';
import type { DueTarget, PublishQueue } from './publish-queue';

export interface SchedulerOptions {
  queue: PublishQueue;
  publisher: Publisher;
  clock: Clock;
  log: Logger;
  /** Accounts published to at the same time; one account's posts always go one by one. */
  concurrency?: number;
  /**
   * How often the watchdog compares the wall clock with the timers; capped at 30 s. Timers run
   * on the machine's awake time, so after a sleep (and on Linux desktops whose resume event
   * never comes) this is what notices within 30 s that posts fell due meanwhile.
   */
  watchdogMs?: number;
  /** While true nothing is sent: posts stay scheduled, and on resume follow the missed-post policy. */
  paused?: () => boolean;
}

/** The longest the watchdog may go without looking at the wall clock. */
export const WATCHDOG_MAX_MS = 30_000;

const BATCH = 50;

/**
 * Sleeps until the next due instant (one timer, no polling loop), wakes on `wake()` (new or
 * moved posts, power resume) and when the watchdog sees the clock jump, and drains what is due.
 */
export function createScheduler(o: SchedulerOptions) {
  const concurrency = o.concurrency ?? 4;
  const watchdogMs = Math.min(o.watchdogMs ?? WATCHDOG_MAX_MS, WATCHDOG_MAX_MS);
  const paused = o.paused ?? (() => false);
  /** A crash's leftovers (outcomes to check, threads to finish) wait while publishing is paused. */
  let leftoversSettled = false;
  let cancelTimer: (() => void) | null = null;
  let cancelWatchdog: (() => void) | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;
  let starting: Promise<void> = Promise.resolve();

  const plan = () => {
    cancelTimer?.();
    cancelTimer = null;
    if (stopped || paused()) return;
    const at = o.queue.nextWake();
    if (at === null) return;
    cancelTimer = o.clock.setTimer(Math.max(0, at - o.clock.now()), () => void run());
  };

  const watchdog = (expected: number) => {
    cancelWatchdog = o.clock.setTimer(watchdogMs, () => {
      const drift = o.clock.now() - (expected + watchdogMs);
      if (Math.abs(drift) > 5_000) {
        o.log.info('clock jumped; looking at what is due', { driftMs: drift });
        void run();
      }
      if (!stopped) watchdog(o.clock.now());
    });
  };

  /** One account's targets in order; up to `concurrency` accounts at once. */
  async function drain(targets: DueTarget[], work: (t: DueTarget) => Promise<void>): Promise<void> {
    const byAccount = new Map<string, DueTarget[]>();
    for (const t of targets) byAccount.set(t.account_id, [...(byAccount.get(t.account_id) ?? []), t]);
    const lanes = [...byAccount.values()];
    const worker = async () => {
      for (let lane = lanes.shift(); lane; lane = lanes.shift()) {
        for (const t of lane) {
          if (stopped || paused()) return;
          try {
            await work(t);
          } catch (err) {
            o.log.error('publishing a target failed unexpectedly', { targetId: t.id, error: err as Error });
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, lanes.length) }, worker));
  }

  async function settleLeftovers(): Promise<void> {
    if (leftoversSettled || paused()) return;
    leftoversSettled = true;
    const inFlight = o.queue.inFlight();
    if (inFlight.length > 0) o.log.warn('found posts whose outcome is unknown after a restart; checking them first', { count: inFlight.length });
    await drain(inFlight, (t) => o.publisher.recover(t));
    await drain(o.queue.unfinishedChains(), (t) => o.publisher.resumeChain(t));
  }

  async function tick(): Promise<void> {
    if (!leftoversSettled) await settleLeftovers();
    for (;;) {
      if (paused()) return;
      const now = o.clock.now();
      for (const t of o.queue.unboundDue(now, BATCH)) o.publisher.holdUnbound(t);
      const checks = o.queue.reconcileDue(now, BATCH);
      const due = o.queue.due(now, BATCH);
      if (checks.length === 0 && due.length === 0) return;
      await drain(checks, (t) => o.publisher.recover(t));
      await drain(due, (t) => o.publisher.publish(t));
      if (stopped || paused()) return;
    }
  }

  function run(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await tick();
      } while (again && !stopped);
    })().finally(() => {
      running = null;
      // A wake that came after the last look but before this settled (the watchdog's, right
      // after a sleep) must not be lost: look once more rather than only re-arming the timer.
      if (again && !stopped) void run();
      else plan();
    });
    return running;
  }

  return {
    /** Settles anything a crash left in flight, then starts sleeping until the next due post. */
    start(): Promise<void> {
      if (!stopped) return starting;
      stopped = false;
      leftoversSettled = false;
      starting = (async () => {
        await settleLeftovers();
        watchdog(o.clock.now());
      })();
      return starting.then(() => run());
    },
    /** Something changed (a post scheduled or moved, the machine woke, publishing resumed): look again now. */
    async wake(): Promise<void> {
      await starting;
      return run();
    },
    /** Stops taking new work and waits for what is in flight. */
    async stop(): Promise<void> {
      stopped = true;
      cancelTimer?.();
      cancelWatchdog?.();
      await starting.catch(() => {});
      await running;
    },
    isRunning: () => !stopped,
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
