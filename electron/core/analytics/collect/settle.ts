/**
 * How a look at a check ends, whatever it found: its status, next look and log line written
 * through ./checks-repo.ts, the refresh under way told (./refresh-run.ts), numbers recorded
 * through the rollups' one writer together with their look (what the platform did not report
 * left absent), a rate limit holding the account, and the alert for a post the platform took
 * down. The sweep (./sweep.ts) decides; this writes.
 */
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import type { MetricSnapshot } from '../../platforms/types';
import { METRIC_FIELDS, type MetricValues } from '../engagement';
import type { ChecksRepo, CheckStatus, DueCheck } from './checks-repo';
import type { CollectorDeps } from './collector';
import type { Verdict } from './outcome';
import type { RefreshRun } from './refresh-run';
import { nextCheckAt } from './schedule';

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
export interface Look {
  at: number;
  summary: SweepSummary;
}

export function createSettler(d: Pick<CollectorDeps, 'db' | 'clock' | 'log' | 'rollups' | 'alerts'>, repo: ChecksRepo, asked: Pick<RefreshRun, 'settled'>) {
  const { rollups } = d;

  function settle(c: DueCheck, v: Verdict | { status: 'ok'; detail: null }, look: Look, unchanged = c.unchanged): void {
    const now = d.clock.now();
    const counted = v.status !== 'rate_limited';
    const next =
      v.status === 'not_found' ? null : nextCheckAt({ publishedAt: c.published_at, now, checks: c.checks + (counted ? 1 : 0), unchanged, retryAt: 'retryAt' in v ? (v.retryAt ?? null) : null });
    repo.settle({ targetId: c.target_id, accountId: c.account_id, status: v.status, detail: v.detail, now, lookAt: look.at, next, counted, unchanged });
    asked.settled(c.target_id, v.status, v.detail, c.platform);
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

  return { settle, recordOk, raiseRemoved, hold };
}

export type Settler = ReturnType<typeof createSettler>;
