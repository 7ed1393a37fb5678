import type { Clock, Logger } from '../deps';
import type { Publisher } from './publisher';
import type { Claimed } from './commits';
import type { DueTarget, PublishQueue } from './publish-queue';

export interface SchedulerOptions {
  queue: PublishQueue;
  publisher: Publisher;
  clock: Clock;
  log: Logger;
  /**
   * Accounts published to at the same time (one lane each); one account's posts always go one
   * by one, in order.
   */
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

/** Lanes at once unless told otherwise: enough for every account a creator has, few enough for one machine. */
export const DEFAULT_LANES = 16;

const BATCH = 50;

/**
 * Sleeps until the next due instant (one timer, no polling loop), wakes on `wake()` (new or
 * moved posts, power resume) and when the watchdog sees the clock jump.
 *
 * Each account with due work gets its own lane, which sends that account's copies one by one
 * and looks for more of its own before it ends; lanes never wait for each other, so one slow or
 * rate-limited account does not hold up the rest, and posts go out fairly whatever order they
 * were created in. While lanes run, the timer watches only the other accounts.
 */
export function createScheduler(o: SchedulerOptions) {
  const maxLanes = o.concurrency ?? DEFAULT_LANES;
  const watchdogMs = Math.min(o.watchdogMs ?? WATCHDOG_MAX_MS, WATCHDOG_MAX_MS);
  const paused = o.paused ?? (() => false);
  /** A crash's leftovers (outcomes to check, threads to finish) wait while publishing is paused. */
  let leftoversSettled = false;
  let settling: Promise<void> | null = null;
  let cancelTimer: (() => void) | null = null;
  let cancelWatchdog: (() => void) | null = null;
  const lanes = new Map<string, Promise<void>>();
  let stopped = true;
  let starting: Promise<void> = Promise.resolve();

  const plan = () => {
    cancelTimer?.();
    cancelTimer = null;
    if (stopped || paused() || lanes.size >= maxLanes) return;
    const at = o.queue.nextWake([...lanes.keys()]);
    if (at === null) return;
    cancelTimer = o.clock.setTimer(Math.max(0, at - o.clock.now()), () => void pump());
  };

  const watchdog = (expected: number) => {
    cancelWatchdog = o.clock.setTimer(watchdogMs, () => {
      const drift = o.clock.now() - (expected + watchdogMs);
      if (Math.abs(drift) > 5_000) {
        o.log.info('clock jumped; looking at what is due', { driftMs: drift });
        void pump();
      }
      if (!stopped) watchdog(o.clock.now());
    });
  };

  const attempt = async (t: DueTarget, work: (t: DueTarget) => Promise<void>) => {
    try {
      await work(t);
    } catch (err) {
      o.log.error('publishing a target failed unexpectedly', { targetId: t.id, error: err as Error });
    }
  };

  /** Leftovers after a restart: one account's targets in order, accounts side by side. */
  async function drain(targets: DueTarget[], work: (t: DueTarget) => Promise<void>): Promise<void> {
    const byAccount = new Map<string, DueTarget[]>();
    for (const t of targets) byAccount.set(t.account_id, [...(byAccount.get(t.account_id) ?? []), t]);
    const queued = [...byAccount.values()];
    const worker = async () => {
      for (let lane = queued.shift(); lane; lane = queued.shift()) {
        for (const t of lane) {
          if (stopped || paused()) return;
          await attempt(t, work);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(maxLanes, queued.length) }, worker));
  }

  function settleLeftovers(): Promise<void> {
    if (leftoversSettled || paused()) return settling ?? Promise.resolve();
    leftoversSettled = true;
    settling = (async () => {
      const inFlight = o.queue.inFlight();
      if (inFlight.length > 0) o.log.warn('found posts whose outcome is unknown after a restart; checking them first', { count: inFlight.length });
      await drain(inFlight, (t) => o.publisher.recover(t));
      await drain(o.queue.unfinishedChains(), (t) => o.publisher.resumeChain(t));
    })();
    return settling;
  }

  /**
   * One account's due copies, one request at a time, each claimed while the one before it is in
   * flight: the claim's commit and flush are then done by the time the request before it is
   * answered, instead of on every post's way out. A copy claimed is always sent (it is not handed
   * back when the lane stops), so a stop waits for at most one more request per lane.
   */
  async function sendInTurn(due: readonly DueTarget[]): Promise<void> {
    const claim = (t: DueTarget) =>
      o.publisher.claimDue(t).catch((err: unknown) => {
        o.log.error('publishing a target failed unexpectedly', { targetId: t.id, error: err as Error });
        return null;
      });
    let ahead: Promise<Claimed | null> | null = null;
    for (let i = 0; i < due.length; i++) {
      const t = due[i]!;
      const mine = ahead;
      ahead = null;
      if (!mine && (stopped || paused())) return;
      const claimed = await (mine ?? claim(t));
      if (!claimed) continue;
      const sending = attempt(t, (x) => o.publisher.sendClaimed(x, claimed));
      const next = due[i + 1];
      if (next && !stopped && !paused()) ahead = claim(next);
      await sending;
    }
  }

  /**
   * One account's lane: outcomes to check, threads to go on with, then due copies, one by one,
   * until it has nothing due.
   * The look that finds nothing and the lane's end happen in one synchronous step, so a post made
   * due meanwhile is either seen by the lane or starts a new one.
   */
  async function lane(accountId: string): Promise<void> {
    try {
      for (;;) {
        if (stopped || paused()) return;
        const now = o.clock.now();
        const checks = o.queue.reconcileDueFor(accountId, now, BATCH);
        const chains = o.queue.chainsDueFor(accountId, now, BATCH);
        const due = o.queue.dueFor(accountId, now, BATCH);
        if (checks.length === 0 && chains.length === 0 && due.length === 0) return;
        for (const t of checks) {
          if (stopped || paused()) return;
          await attempt(t, (x) => o.publisher.recover(x));
        }
        // Threads whose next part waited for its retry (or a check) go on where they stopped.
        for (const t of chains) {
          if (stopped || paused()) return;
          await attempt(t, (x) => o.publisher.resumeChain(x));
        }
        await sendInTurn(due);
        // Outcomes go to disk with the next claims; before looking again (or ending), they are there.
        await o.publisher.settled();
      }
    } finally {
      lanes.delete(accountId);
      if (!stopped) pump();
    }
  }

  /** Starts a lane for each account with due work that has none running, then sets the timer. */
  function pump(): void {
    if (stopped || paused()) return plan();
    if (!leftoversSettled) {
      settleLeftovers()
        .then(() => pump())
        .catch((err: unknown) => o.log.error("settling a restart's leftovers failed", { error: err as Error }));
      return;
    }
    const now = o.clock.now();
    for (const t of o.queue.unboundDue(now, BATCH)) o.publisher.holdUnbound(t);
    for (const accountId of o.queue.accountsWithWork(now)) {
      if (lanes.size >= maxLanes) break;
      if (lanes.has(accountId)) continue;
      // Started on the next turn, so the lane is in the map before any of it runs.
      lanes.set(accountId, Promise.resolve().then(() => lane(accountId)));
    }
    plan();
  }

  /** Resolves once no lane is running (and the leftovers of a restart are settled). */
  async function idle(): Promise<void> {
    await (settling ?? Promise.resolve());
    while (lanes.size > 0) await Promise.all([...lanes.values()]);
  }

  return {
    /** Settles anything a crash left in flight, then starts sleeping until the next due post. */
    start(): Promise<void> {
      if (!stopped) return starting;
      stopped = false;
      leftoversSettled = false;
      settling = null;
      starting = (async () => {
        await settleLeftovers();
        watchdog(o.clock.now());
      })();
      return starting.then(() => {
        pump();
        return idle();
      });
    },
    /**
     * Something changed (a post scheduled or moved, the machine woke, publishing resumed): look
     * again now. Resolves when what is due has been sent (every lane has ended).
     */
    async wake(): Promise<void> {
      await starting;
      pump();
      return idle();
    },
    /** Stops taking new work and waits for what is in flight. */
    async stop(): Promise<void> {
      stopped = true;
      cancelTimer?.();
      cancelWatchdog?.();
      await starting.catch(() => {});
      await (settling ?? Promise.resolve()).catch(() => {});
      while (lanes.size > 0) await Promise.all([...lanes.values()]);
    },
    isRunning: () => !stopped,
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
