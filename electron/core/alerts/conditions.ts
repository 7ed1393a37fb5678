/**
 * What holds right now, rule by rule: each function reads the database and returns the
 * conditions that are true at `now` under the creator's thresholds. Nothing here writes; the
 * evaluator opens what holds and resolves what no longer does.
 */
import type { AlertRulesDto, AlertRule } from '../../../shared/contract/features/alerts';
import { formatPercent, formatPercentOf } from '../../../shared/domain/numbers';
import { PLATFORM_NAMES, type Platform } from '../../../shared/domain/platforms';
import { signInDaysLeft, signInEnd, signInEndsWithin } from '../../../shared/domain/sign-in';
import { DEFAULT_TARGET_BANDS, engagementRate, engagements, reach, type MetricValues } from '../analytics/engagement';
import type { Credentials } from '../platforms/types';
import type { Db } from '../store/open';
import type { AlertInput } from './alerts';

export type Condition = AlertInput & { subjectKey: string };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Posts older than this are not looked at again for their numbers (unless an alert is open for them). */
const LOOKBACK_MS = 14 * DAY;

const name = (p: string) => PLATFORM_NAMES[p as Platform] ?? p;

/** `at`: when the latest look was taken. */
type LatestRow = MetricValues & { target_id: string; post_id: string; platform: string; published_at: number; at: number; handle: string | null };

/**
 * Whether publishing's alerts still hold, asked only about the posts of a rule's open alerts (by
 * post id, through targets_one_per_destination or targets_state_post): reading every failed or
 * missed post of the history on each look grew with it (~9,000 posts at 100,000). Exported for
 * the plan test. Parameters: post ids (JSON), then for postsIn the state.
 */
export const STILL_HOLDING_SQL = {
  postsIn: `SELECT DISTINCT post_id FROM targets WHERE post_id IN (SELECT value FROM json_each(?)) AND state = ?`,
  failedThreads: `SELECT DISTINCT post_id FROM targets WHERE post_id IN (SELECT value FROM json_each(?))
    AND (state IN ('failed','unconfirmed') OR (last_error IS NOT NULL AND (last_error LIKE '%thread stopped%' OR last_error LIKE 'The first comment%')))`,
  /** A published copy the platform took down: the collector's look at it ended in not_found. */
  removed: `SELECT DISTINCT post_id FROM targets WHERE post_id IN (SELECT value FROM json_each(?)) AND state = 'published'
    AND EXISTS (SELECT 1 FROM metric_checks c WHERE c.target_id = targets.id AND c.status = 'not_found')`,
} as const;

/**
 * An account's last looks, newest first. The collector writes a line per post, and every line of
 * one pass over the account with the same `at`: grouped by it, one failed request for a batch of
 * posts is one look, not one per post. Rate limits, pending and unsupported are no verdict on
 * whether numbers come in (nothing was asked, or nothing is there to read yet), so they are left
 * out rather than break a streak of failures. `worked`: lines of the look that did not fail;
 * status and detail are those of its newest line (SQLite takes bare columns from max()'s row).
 * Parameters: account id, how many looks.
 */
export const LAST_LOOKS_SQL = `SELECT max(id) AS id, status, detail, sum(status NOT IN ('failed','permission_required')) AS worked
  FROM metric_check_log WHERE account_id = ? AND status NOT IN ('rate_limited','pending','unsupported')
  GROUP BY at ORDER BY at DESC LIMIT ?`;

/**
 * The published copies' newest numbers a rule looks at: those out between @since (LOOKBACK_MS
 * back) and @until, and older ones only while the rule has an alert open on them (to resolve it).
 * Two reads, each by an index: the window down metric_latest_published, the open alerts' copies by
 * primary key. As one WHERE with an OR, the window's lower bound could not narrow the index and
 * each rule read every copy's numbers ever published (~56 ms per rule at 100,000 posts, on every
 * check). CROSS JOIN keeps metric_latest outside: the copies with numbers, each found by primary
 * key, rather than every published copy looked up in metric_latest. Exported for the plan test.
 */
export const LATEST_SQL = `SELECT m.*, t.post_id, a.handle FROM metric_latest m
      CROSS JOIN targets t ON t.id = m.target_id LEFT JOIN accounts a ON a.id = m.account_id
      WHERE t.state = 'published' AND m.published_at <= @until AND m.published_at >= @since
    UNION ALL
    SELECT m.*, t.post_id, a.handle FROM metric_latest m
      CROSS JOIN targets t ON t.id = m.target_id LEFT JOIN accounts a ON a.id = m.account_id
      WHERE m.target_id IN (SELECT substr(subject_key, 8) FROM alerts WHERE state = 'open' AND rule = @rule AND substr(subject_key, 1, 7) = 'target:')
        AND t.state = 'published' AND m.published_at <= @until AND m.published_at < @since`;

/** `bands`: the creator's engagement-rate targets per platform (Analytics → Target rates, else the defaults). */
/** `locale`: the creator's (Settings), for the numbers in the alerts' words ("4,7 %" in de-DE). */
export function createConditions(db: Db, bands: () => Record<Platform, { low: number; high: number }> = () => DEFAULT_TARGET_BANDS, locale: () => string = () => 'en') {
  const pct = (x: number) => formatPercentOf(Math.round(x * 1000) / 10, locale());
  // An engagement rate reads as on every analytics screen: one digit after the point ("3.0 %").
  const rateOf = (x: number) => formatPercent(x, locale(), 1);
  const pctOf = (x: number) => formatPercentOf(x, locale());
  const s = {
    latest: db.prepare<[{ until: number; since: number; rule: string }], LatestRow>(LATEST_SQL),
    // Index reads (targets_state_post, targets_published), not a walk of every copy. A copy failed
    // when it was tried (attempt_started_at), or, failed by the last gate before any try, when it
    // fell due (scheduled_at): the later of the two, as a retry keeps the earlier try's start. Not
    // updated_at: any later edit of the failed copy (its text, its account) moves that. It is the
    // failure's upper bound all the same, so it still narrows the read to the copies changed since.
    outcomes: db.prepare<[number, number, number], { failed: number; published: number }>(`SELECT
      (SELECT count(*) FROM targets WHERE state = 'failed' AND updated_at >= ?
        AND coalesce(max(attempt_started_at, scheduled_at), attempt_started_at, scheduled_at, updated_at) >= ?) AS failed,
      (SELECT count(*) FROM targets WHERE state = 'published' AND published_at >= ?) AS published`),
    // The queue counts the copy being sent ('publishing'): until it is out it still waits, and a
    // send handed back (a rate limit, a retry) must not clear the alert and raise it anew.
    waiting: db.prepare<[], { review: number; queue: number }>(`SELECT
      (SELECT count(DISTINCT post_id) FROM targets WHERE state = 'in_review') AS review,
      (SELECT count(DISTINCT post_id) FROM targets WHERE state IN ('approved','scheduled','publishing')) AS queue`),
    accounts: db.prepare<[], { id: string; platform: string; handle: string; status: string; last_error: string | null }>(
      `SELECT id, platform, handle, status, last_error FROM accounts WHERE status <> 'disconnected'`,
    ),
    lastLooks: db.prepare<[string, number], { status: string; detail: string | null; worked: number }>(LAST_LOOKS_SQL),
    postsIn: db.prepare<[string, string], { post_id: string }>(STILL_HOLDING_SQL.postsIn),
    failedThreads: db.prepare<[string], { post_id: string }>(STILL_HOLDING_SQL.failedThreads),
    removed: db.prepare<[string], { post_id: string }>(STILL_HOLDING_SQL.removed),
  };

  const target = (r: LatestRow): Pick<Condition, 'subject' | 'subjectKey'> => ({ subject: { kind: 'post', id: r.post_id }, subjectKey: `target:${r.target_id}` });
  const where = (r: LatestRow) => (r.handle ? `${name(r.platform)} (${r.handle})` : name(r.platform));

  return {
    /**
     * `unread`: the copies whose newest look did not report views or impressions at all (a look
     * that gave likes only: a permission lost, X's impressions past 30 days). Not reported is not
     * a change: their alert is neither raised nor resolved (resolving it made the next look that
     * reports the 0 again open and notify the same condition a second time).
     */
    zeroViews(rules: AlertRulesDto, now: number, unread?: Set<string>): Condition[] {
      const { hours } = rules.zero_views;
      // Views, or impressions where the platform counts those (X, Pinterest, LinkedIn). NULL is
      // "not reported", never zero: only a reported 0 counts, and only from a look taken the hours
      // set after publishing. A 0 seen in the first minutes says nothing of later; until such a
      // look comes in, there is nothing to say yet.
      return s
        .latest.all({ until: now - hours * HOUR, since: now - LOOKBACK_MS, rule: 'zero_views' })
        .filter((r) => {
          if ((r.views ?? r.impressions ?? null) === null) unread?.add(target(r).subjectKey);
          return r.at >= r.published_at + hours * HOUR && (r.views ?? r.impressions) === 0;
        })
        .map((r) => ({
          kind: 'zero_views',
          title: `No views yet on your ${name(r.platform)} post`,
          body: `${where(r)} reported 0 views at its last look, ${hours} hour${hours === 1 ? '' : 's'} or more after it went out.`,
          ...target(r),
        }));
    },

    /** `unread`: as for zero views, the copies whose newest look reported no views or no interactions. */
    lowEngagement(rules: AlertRulesDto, now: number, unread?: Set<string>): Condition[] {
      const { hours, percentOfLow } = rules.low_engagement;
      const out: Condition[] = [];
      const byPlatform = bands();
      for (const r of s.latest.all({ until: now - hours * HOUR, since: now - LOOKBACK_MS, rule: 'low_engagement' })) {
        // As for zero views: the rate from a look taken the hours set after publishing, not from
        // its first minutes (5 likes of 1,000 views in the first hour says little of the day).
        if (r.at < r.published_at + hours * HOUR) continue;
        const band = byPlatform[r.platform as Platform];
        const rate = engagementRate(r);
        // A platform that reports no views has no rate, and no band to fall under.
        if (!band || band.low <= 0) continue;
        if (rate === null) {
          // A look without views or interactions says nothing of the rate: not a recovery.
          if (reach(r).value === null || engagements(r).value === null) unread?.add(target(r).subjectKey);
          continue;
        }
        const floor = (band.low * percentOfLow) / 100;
        if (rate >= floor) continue;
        out.push({
          kind: 'low_engagement',
          title: `Low engagement on your ${name(r.platform)} post`,
          body: `${where(r)}: ${rateOf(rate)} engagement, under ${pctOf(percentOfLow)} of the ${rateOf(band.low)} you aim for at least (${rateOf(floor)}).`,
          ...target(r),
        });
      }
      return out;
    },

    failureRate(rules: AlertRulesDto, now: number): Condition[] {
      const { percent, hours, minPosts } = rules.failure_rate;
      const since = now - hours * HOUR;
      const { failed, published } = s.outcomes.get(since, since, since)!;
      const total = failed + published;
      if (total < minPosts || failed / total <= percent / 100) return [];
      return [
        {
          kind: 'failure_rate',
          title: 'Many posts are failing',
          body: `${failed} of the ${total} posts that went out or failed in the last ${hours} hours failed (${pct(failed / total)}, more than ${pctOf(percent)}).`,
          subject: null,
          subjectKey: 'app',
        },
      ];
    },

    backlog(rules: AlertRulesDto): Condition[] {
      const { count } = rules.backlog;
      const w = s.waiting.get()!;
      const out: Condition[] = [];
      if (w.review > count) out.push({ kind: 'backlog', title: `${w.review} posts are waiting in Review`, body: `More than ${count} posts wait for approval. Approve or reject some to keep them from piling up.`, subject: null, subjectKey: 'backlog:review' });
      if (w.queue > count) out.push({ kind: 'backlog', title: `${w.queue} posts are waiting in the queue`, body: `More than ${count} posts are approved or scheduled and have not gone out yet.`, subject: null, subjectKey: 'backlog:queue' });
      return out;
    },

    needsReconnect(): Condition[] {
      return s
        .accounts.all()
        .filter((a) => a.status === 'needs_reconnect')
        .map((a) => ({
          kind: 'account_needs_reconnect',
          title: `Reconnect ${a.handle} on ${name(a.platform)}`,
          body: `${a.last_error ?? 'Loomcast can no longer sign in to this account.'} Posts for this account wait until you reconnect it in Accounts.`,
          subject: { kind: 'account', id: a.id },
          subjectKey: `account:${a.id}`,
        }));
    },

    /**
     * A sign-in that will stop working: the refresh token's end where there is one (an access
     * token that renews itself is no news), else the access token's own expiry (signInEnd, which
     * the Accounts card reads too). `load` is given each account's credentials. An account whose
     * credentials could not be read (a keychain still locked after login) is unknown, not
     * cleared: its subject key goes into `unread`, so its alert is neither raised nor resolved
     * (resolving it made the next readable look raise and notify the same condition again).
     */
    async tokenExpiring(rules: AlertRulesDto, now: number, load: (accountId: string) => Promise<Credentials | null>, unread?: Set<string>): Promise<Condition[]> {
      const { days } = rules.token_expiring;
      const out: Condition[] = [];
      for (const a of s.accounts.all()) {
        if (a.status === 'needs_reconnect') continue;
        let c: Credentials | null;
        try {
          c = await load(a.id);
        } catch {
          unread?.add(`account:${a.id}`);
          continue;
        }
        const end = signInEnd(c);
        if (end === null || !signInEndsWithin(end, now, days)) continue;
        const left = signInDaysLeft(end, now);
        out.push({
          kind: 'token_expiring',
          title: `${a.handle} on ${name(a.platform)} needs signing in again soon`,
          body: end <= now ? 'Its sign-in has expired. Reconnect it in Accounts.' : `Its sign-in ends in ${left} day${left === 1 ? '' : 's'}. Reconnect it in Accounts before then.`,
          subject: { kind: 'account', id: a.id },
          subjectKey: `account:${a.id}`,
        });
      }
      return out;
    },

    metricsFailing(rules: AlertRulesDto): Condition[] {
      const { inARow } = rules.metrics_failing;
      const out: Condition[] = [];
      for (const a of s.accounts.all()) {
        const looks = s.lastLooks.all(a.id, inARow);
        if (looks.length < inARow || looks.some((l) => l.worked > 0)) continue;
        const why = looks[0]!.status === 'permission_required' ? 'Loomcast lacks the permission to read them' : 'reading them failed';
        out.push({
          kind: 'metrics_failing',
          title: `Numbers for ${a.handle} on ${name(a.platform)} aren’t coming in`,
          body: `The last ${inARow} looks at this account’s numbers did not work: ${why}${looks[0]!.detail ? ` (${looks[0]!.detail})` : ''}.`,
          subject: { kind: 'account', id: a.id },
          subjectKey: `account:${a.id}`,
        });
      }
      return out;
    },

    /** For the rules raised as things happen (publishing's, and the collector's post_removed): which of these posts (its open alerts' subjects) still meet the condition, as subject keys. */
    stillHolding(rule: AlertRule, postIds: readonly string[]): Set<string> {
      if (postIds.length === 0) return new Set();
      const ids = JSON.stringify(postIds);
      const keys = (rows: { post_id: string }[]) => new Set(rows.map((r) => `post:${r.post_id}`));
      switch (rule) {
        case 'post_failed':
          return keys(s.postsIn.all(ids, 'failed'));
        case 'post_unconfirmed':
          return keys(s.postsIn.all(ids, 'unconfirmed'));
        case 'post_missed':
          return keys(s.postsIn.all(ids, 'missed'));
        case 'thread_stopped':
          return keys(s.failedThreads.all(ids));
        case 'post_removed':
          return keys(s.removed.all(ids));
        default:
          return new Set();
      }
    },
  };
}

export type Conditions = ReturnType<typeof createConditions>;
