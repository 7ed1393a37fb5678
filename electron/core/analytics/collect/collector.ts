/**
 * Collects published posts' numbers in the background: a sweep every 15 minutes on the injected
 * clock looks at the checks that are due (see ./schedule.ts) or that the creator asked for,
 * one account at a time, in batches where the platform reads many posts per request. Every look
 * leaves a status on its check and a line in the log; numbers go through the rollups' one
 * writer, with what the platform did not report left absent. Screens never wait on this.
 */
import { PLATFORM_NAMES, type Platform } from '../../../../shared/domain/platforms';
import type { Alerts } from '../../alerts/alerts';
import type { Clock, Logger } from '../../deps';
import type { EventBus } from '../../events';
import type { ClientContext, MetricSnapshot, PlatformClient, ProvisionalIds } from '../../platforms/types';
import { PlatformError } from '../../platforms/types';
import type { AccountContext, AccountContexts } from '../../publishing/accounts-context';
import { webLink } from '../../publishing/web-link';
import { amendPublishedCopy } from '../../posts/targets';
import type { Db } from '../../store/open';
import { METRIC_FIELDS, type MetricValues } from '../engagement';
import { dayOf, type Rollups } from '../rollups';
import { createChecksRepo, type CheckStatus, type DueCheck } from './checks-repo';
import { judge, type Verdict } from './outcome';
import { PROVISIONAL_READS_PER_LOOK } from './provisional';
import { createRefreshRun } from './refresh-run';
import { DAY_MS, nextCheckAt } from './schedule';
import { nextTurn } from '../../turn';

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

export interface SweepSummary {
  looked: number;
  requests: number;
  statuses: Partial<Record<CheckStatus, number>>;
  /** Targets that got a new snapshot. */
  recorded: string[];
  followers: number;
}

/**
 * One pass over one account's due checks. Its log lines all carry `at`, the pass's start: the
 * alerts count an account's looks by it, so a failed request for a batch of posts is one failed
 * look, not one per post.
 */
interface Look {
  at: number;
  summary: SweepSummary;
}

export function createMetricsCollector(d: CollectorDeps) {
  const repo = createChecksRepo(d.db);
  const { rollups } = d;
  /** The creator's refresh under way: how far it got, and stopping it (./refresh-run.ts). */
  const asked = createRefreshRun({ repo, now: () => d.clock.now(), emit: (p) => d.events.emit('metrics:refreshProgress', p) });
  /** Whether a sweep still looks at a check it was given: due by its band, or asked for and not stopped since. */
  const wanted = (c: DueCheck, at: number) => c.requested_at === null || (c.next_check_at !== null && c.next_check_at <= at) || asked.isWaiting(c.target_id);
  const interval = d.intervalMs ?? SWEEP_INTERVAL_MS;
  const timeoutMs = d.requestTimeoutMs ?? 60_000;
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

  /** Every platform call gets an abort signal, fired by a timer on the injected clock. */
  const withTimeout = async <T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const controller = new AbortController();
    let cancel = () => {};
    const late = new Promise<never>((_, reject) => {
      cancel = d.clock.setTimer(timeoutMs, () => {
        controller.abort();
        reject(new PlatformError('The platform did not answer in time.'));
      });
    });
    try {
      return await Promise.race([fn(controller.signal), late]);
    } finally {
      cancel();
    }
  };

  function settle(c: DueCheck, v: Verdict | { status: 'ok'; detail: null }, look: Look, unchanged = c.unchanged): void {
    const now = d.clock.now();
    const counted = v.status !== 'rate_limited';
    const next =
      v.status === 'not_found' ? null : nextCheckAt({ publishedAt: c.published_at, now, checks: c.checks + (counted ? 1 : 0), unchanged, retryAt: 'retryAt' in v ? (v.retryAt ?? null) : null });
    repo.settle({ targetId: c.target_id, accountId: c.account_id, status: v.status, detail: v.detail, now, lookAt: look.at, next, counted, unchanged });
    asked.settled(c.target_id, v.status, v.detail);
    look.summary.statuses[v.status] = (look.summary.statuses[v.status] ?? 0) + 1;
  }

  function recordOk(c: DueCheck, snap: MetricSnapshot, look: Look): void {
    const values: MetricValues = {};
    for (const f of METRIC_FIELDS) {
      const v = snap[f];
      if (typeof v === 'number' && Number.isFinite(v)) values[f] = Math.round(v);
    }
    if (Object.keys(values).length === 0) {
      settle(c, { status: 'pending', detail: 'The platform reported no numbers for this post yet.' }, look);
      return;
    }
    const prev = repo.latest(c.target_id);
    const same = prev !== null && METRIC_FIELDS.every((f) => (prev[f] ?? null) === (values[f] ?? null));
    // The numbers and the look that found them, together: a crash between the two left a
    // snapshot whose look still counted as due, so the next sweep recorded it a second time.
    d.db.transaction(() => {
      rollups.record(c.target_id, d.clock.now(), values);
      settle(c, { status: 'ok', detail: null }, look, same ? c.unchanged + 1 : 0);
    })();
    look.summary.recorded.push(c.target_id);
  }

  /**
   * The account's context, or why there is none; `threw`: reading it failed (a keychain error)
   * rather than the account needing the creator, so its checks say "failed" with the reason.
   */
  async function accountContext(accountId: string): Promise<AccountContext | { ok: false; reason: string; threw: true }> {
    try {
      return await d.contexts.forAccount(accountId);
    } catch (err) {
      return { ok: false, reason: `Loomcast could not read this account’s sign-in: ${(err as Error)?.message ?? String(err)}`, threw: true };
    }
  }

  /**
   * The creator hears of a post the platform took down after it went out: one alert per post,
   * resolved once no copy of it stands so (alerts/engine.ts). An alert that cannot be kept does
   * not stop the look; the copy's notice says it all the same.
   */
  function raiseRemoved(c: DueCheck, notice: string): void {
    const name = PLATFORM_NAMES[c.platform];
    try {
      d.alerts.raise({ kind: 'post_removed', title: `${name} took down your post`, body: notice, subject: { kind: 'post', id: c.post_id } });
    } catch (err) {
      d.log.warn('metrics: the alert for a post taken down was not raised', { targetId: c.target_id, error: err as Error });
    }
  }

  /** A rate limit: every check given is settled as limited, and the account waits until it lifts. */
  function hold(checks: DueCheck[], v: Verdict, look: Look, limited: Set<string>): void {
    const accountId = checks[0]!.account_id;
    for (const c of checks) settle(c, v, look);
    repo.holdAccount(accountId, v.retryAt!);
    limited.add(accountId);
    d.log.info('metrics: rate limited', { accountId, until: v.retryAt });
  }

  /**
   * The checks of copies saved under a provisional handle (a TikTok publish_id while the post's
   * review runs; see ./provisional.ts): asks the platform about each, records the real id and link
   * through the targets owner once they appear, and settles the look of the others (pending while
   * the review runs, not_found once the platform took the post down, with a notice on the copy).
   * Returns the checks whose numbers are read now, found ones under their real id; null when a
   * rate limit held the account (every check of the lane then settled).
   */
  async function resolveProvisional(checks: DueCheck[], ids: ProvisionalIds, base: ClientContext, look: Look, limited: Set<string>): Promise<DueCheck[] | null> {
    const out: DueCheck[] = [];
    let reads = 0;
    for (const [i, c] of checks.entries()) {
      if (!wanted(c, look.at)) continue;
      if (!ids.provisional(c.platform_post_id)) {
        out.push(c);
        continue;
      }
      // Past the reads a look may make (or stopping): still due, for the next sweep.
      if (closing || reads >= PROVISIONAL_READS_PER_LOOK) continue;
      reads++;
      look.summary.requests++;
      let a: Awaited<ReturnType<ProvisionalIds['read']>>;
      try {
        a = await withTimeout((signal) => ids.read({ ...base, signal }, { handle: c.platform_post_id, notice: c.notice }));
      } catch (err) {
        const v = judge(err, c.platform, d.clock.now());
        if (v.status === 'rate_limited') {
          hold([...out, ...checks.slice(i)], v, look, limited);
          return null;
        }
        if (v.status === 'failed') d.log.warn('metrics: a post’s status read failed', { accountId: c.account_id, error: err as Error });
        settle(c, v, look);
        continue;
      }
      const amend = (platformPostId: string, url: string | null, notice: string | null) =>
        amendPublishedCopy(d.db, d.events, d.clock.now(), { targetId: c.target_id, was: c.platform_post_id, platformPostId, platformUrl: webLink(url), notice });
      switch (a.kind) {
        case 'found':
          // A copy changed meanwhile is left alone, and looked at afresh by the next sweep.
          if (amend(a.platformPostId, a.url, a.notice)) {
            d.log.info('metrics: a post saved without its id got it', { targetId: c.target_id });
            out.push({ ...c, platform_post_id: a.platformPostId, notice: a.notice });
          }
          break;
        case 'waiting':
          settle(c, { status: 'pending', detail: a.detail }, look);
          break;
        case 'no_public_id':
          settle(c, { status: 'unsupported', detail: a.detail }, look);
          break;
        case 'removed': {
          // It did go out: the copy stays published, its notice says what became of it.
          const amended = amend(c.platform_post_id, null, a.notice);
          d.log.info('metrics: the platform took a post down after it went out', { targetId: c.target_id });
          settle(c, { status: 'not_found', detail: a.detail }, look);
          // After the settle: the alert holds while the copy's check says not_found (see alerts/conditions.ts).
          if (amended) raiseRemoved(c, a.notice);
          break;
        }
      }
    }
    return out;
  }

  /** One account's due checks, in order; stops at a rate limit. */
  async function lane(given: DueCheck[], summary: SweepSummary, limited: Set<string>): Promise<void> {
    const look: Look = { at: d.clock.now(), summary };
    // A refresh stopped since the sweep began: what it alone asked for is not looked at.
    let stops = asked.stops();
    let checks = given.filter((c) => wanted(c, look.at));
    const first = checks[0];
    if (!first) return;
    const client = d.clients[first.platform];
    if (!client) {
      for (const c of checks) settle(c, { status: 'unsupported', detail: 'This version of Loomcast cannot read numbers from this platform.' }, look);
      return;
    }
    const context = await accountContext(first.account_id);
    if (!context.ok) {
      const status = 'threw' in context ? 'failed' : 'permission_required';
      for (const c of checks) settle(c, { status, detail: context.reason }, look);
      return;
    }
    const provisional = client.provisionalIds;
    if (provisional) {
      const rest = await resolveProvisional(checks, provisional, context.ctx, look, limited);
      if (rest === null) return;
      checks = rest;
    }
    const batch = client.metricsBatch;
    const size = batch ? Math.max(1, batch.max) : 1;
    for (let i = 0; i < checks.length && !closing; i += size) {
      if (stops !== asked.stops()) {
        stops = asked.stops();
        checks = [...checks.slice(0, i), ...checks.slice(i).filter((c) => wanted(c, look.at))];
        if (i >= checks.length) break;
      }
      const chunk = checks.slice(i, i + size);
      const ctx: (signal: AbortSignal) => ClientContext = (signal) => ({ ...context.ctx, signal });
      try {
        summary.requests++;
        if (batch) {
          const got = await withTimeout((signal) => batch.read(ctx(signal), chunk.map((c) => c.platform_post_id)));
          for (const c of chunk) {
            const snap = got.get(c.platform_post_id);
            if (snap) recordOk(c, snap, look);
            else settle(c, judge(new PlatformError('not in the answer', undefined, 404), c.platform, d.clock.now()), look);
          }
        } else {
          recordOk(chunk[0]!, await withTimeout((signal) => client.metrics(ctx(signal), chunk[0]!.platform_post_id)), look);
        }
      } catch (err) {
        const v = judge(err, first.platform, d.clock.now());
        if (v.status === 'rate_limited') {
          // Everything of this account's waits until the limit lifts; this sweep stops here.
          hold(checks.slice(i).filter((c, k) => k < size || wanted(c, look.at)), v, look, limited);
          return;
        }
        if (v.status === 'failed') d.log.warn('metrics: a read failed', { accountId: first.account_id, error: err as Error });
        for (const c of chunk) settle(c, v, look);
      }
    }
  }

  /** Followers over time: one snapshot a day per account, where the platform gives the count. */
  async function followers(limited: Set<string>): Promise<number> {
    let n = 0;
    for (const a of repo.followerAccounts()) {
      const client = d.clients[a.platform];
      if (closing || !client?.followers || limited.has(a.id)) continue;
      const now = d.clock.now();
      const last = repo.lastFollowersAt(a.id);
      if (last !== null && dayOf(last) >= dayOf(now)) continue;
      try {
        // Inside the try: one account's keychain error must not cost the others their count.
        const context = await d.contexts.forAccount(a.id);
        if (!context.ok) continue;
        const count = await withTimeout((signal) => client.followers!({ ...context.ctx, signal }));
        if (count !== null && count >= 0) {
          repo.addFollowers(a.id, d.clock.now(), Math.round(count));
          n++;
        }
      } catch (err) {
        d.log.info('metrics: follower count not read', { accountId: a.id, error: err as Error });
      }
    }
    return n;
  }

  async function runSweep(): Promise<SweepSummary> {
    const summary: SweepSummary = { looked: 0, requests: 0, statuses: {}, recorded: [], followers: 0 };
    const now = d.clock.now();
    await ensure(now);
    asked.adopt();
    const due = repo.due(now, d.perSweep ?? 2_000);
    summary.looked = due.length;
    const byAccount = new Map<string, DueCheck[]>();
    for (const c of due) byAccount.set(c.account_id, [...(byAccount.get(c.account_id) ?? []), c]);
    const lanes = [...byAccount.values()];
    const limited = new Set<string>();
    const worker = async () => {
      for (let l = lanes.shift(); l; l = lanes.shift()) {
        try {
          await lane(l, summary, limited);
        } catch (err) {
          d.log.error('metrics: an account sweep failed unexpectedly', { accountId: l[0]!.account_id, error: err as Error });
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(d.concurrency ?? 4, lanes.length) }, worker));
      summary.followers = await followers(limited);
    } finally {
      // Numbers already written are news even when the sweep stopped short of its end.
      if (summary.recorded.length > 0) d.events.emit('metrics:updated', { targetIds: summary.recorded });
      // Copies asked for that no sweep can look at (deleted or unpublished meanwhile) end the run too.
      asked.reconcile();
    }
    return summary;
  }

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
