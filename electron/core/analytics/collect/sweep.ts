/**
 * One sweep over the checks that are due: grouped by account, a lane per account (a few accounts
 * at a time, one account's requests always one after another), each lane reading provisional
 * handles first (./provisional.ts), then numbers in batches where the platform reads many posts
 * per request; then the day's follower counts. Every look ends in ./settle.ts; the collector
 * (./collector.ts) decides when a sweep runs.
 */
import { PlatformError } from '../../platforms/types';
import type { ClientContext } from '../../platforms/types';
import type { AccountContext } from '../../publishing/accounts-context';
import { dayOf } from '../rollups';
import type { ChecksRepo, DueCheck } from './checks-repo';
import type { CollectorDeps } from './collector';
import { judge } from './outcome';
import { resolveProvisional } from './provisional';
import type { RefreshRun } from './refresh-run';
import type { Look, Settler, SweepSummary } from './settle';

export interface SweepDeps {
  d: CollectorDeps;
  repo: ChecksRepo;
  /** The creator's refresh under way (./refresh-run.ts). */
  asked: RefreshRun;
  settler: Settler;
  /** Gives every published copy its check row before the due ones are read (the collector's pass). */
  ensure: (now: number) => Promise<void>;
  /** The collector is stopping: work in flight ends at the next request boundary. */
  closing: () => boolean;
}

/** Returns the sweep: one pass, run by the collector one at a time. */
export function createSweep({ d, repo, asked, settler, ensure, closing }: SweepDeps): () => Promise<SweepSummary> {
  const { settle, recordOk, hold } = settler;
  /** Whether a sweep still looks at a check it was given: due by its band, or asked for and not stopped since. */
  const wanted = (c: DueCheck, at: number) => c.requested_at === null || (c.next_check_at !== null && c.next_check_at <= at) || asked.isWaiting(c.target_id);
  const timeoutMs = d.requestTimeoutMs ?? 60_000;

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

  const provisionalLook = { d, settler, wanted, closing, withTimeout };

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
      const rest = await resolveProvisional(provisionalLook, checks, provisional, context.ctx, look, limited);
      if (rest === null) return;
      checks = rest;
    }
    const batch = client.metricsBatch;
    const size = batch ? Math.max(1, batch.max) : 1;
    for (let i = 0; i < checks.length && !closing(); i += size) {
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
      if (closing() || !client?.followers || limited.has(a.id)) continue;
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

  return async function runSweep(): Promise<SweepSummary> {
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
  };
}
