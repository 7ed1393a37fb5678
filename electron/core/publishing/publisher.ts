import { PLATFORM_NAMES, articleFor } from '../../../shared/domain/platforms';
import type { TargetState } from '../../../shared/domain/states';
import type { DateFormat } from '../../../shared/domain/datetime-format';
import { formatInstant } from '../../../shared/domain/time';
import type { Alerts } from '../alerts/alerts';
import type { Clock, Logger } from '../deps';
import type { AccountsService } from '../accounts/accounts-service';
import type { Gates } from '../posts/gates';
import type { Targets } from '../posts/targets';
import { summariseProblems } from '../../../shared/domain/preflight';
import type { MediaStore } from '../media/media-store';
import type { LinkCards } from '../link-cards/reader';
import type { ClientContext, PlatformClient, PublishOutcome, PublishRequest, RateLimitInfo } from '../platforms/types';
import { expiredSignInReason, type AccountContexts } from './accounts-context';
import { ACCOUNT_WAIT_MS, CHECK_GIVE_UP_MS, backoffMs, type RetryPolicy } from './backoff';
import { deferChain, publishChain } from './chain';
import { createCommits, type Claimed } from './commits';
import { behind } from './send-barrier';
import type { WalSync } from '../store/wal-sync';
import { publishTimeoutMs } from './timeouts';
import type { DueTarget, PublishQueue } from './publish-queue';
import { webLink } from './web-link';

export interface PublisherDeps {
  queue: PublishQueue;
  /** The one writer of the targets' state. */
  targets: Targets;
  gates: Gates;
  /** Where what publishing learns about an account goes (and is announced). */
  accounts: Pick<AccountsService, 'rateLimited' | 'worksAgain'>;
  contexts: AccountContexts;
  media: MediaStore;
  /** The cards a post carries to platforms whose API builds none (Bluesky, LinkedIn). */
  linkCards: Pick<LinkCards, 'forText'>;
  alerts: Alerts;
  clock: Clock;
  log: Logger;
  retry: RetryPolicy;
  /** One bound for every platform's calls instead of the table in timeouts.ts (tests, a shell's setting). */
  requestTimeoutMs?: number;
  missedPolicy: () => { graceMs: number; action: 'hold' | 'publish' };
  zone: () => string;
  /** How dates and times read in reasons and alerts (the creator's locale and clock). */
  dateFormat: () => DateFormat;
  random?: () => number;
  /** Flushes the claims' commits before their requests leave (send-barrier.ts); without it each claim's commit is fsync'd. */
  walSync?: Pick<WalSync, 'sync' | 'descriptor'>;
}

/** "An X post", "an Instagram post", "a Bluesky post": by how the name sounds. */
/** 'An X post', 'A Bluesky post': the article at the start of a sentence. */
const aOrAn = (platformName: string) => (articleFor(platformName) === 'an' ? 'An' : 'A');


/**
 * Publishes one due target, and settles every outcome. The rule that matters: the target is
 * committed as `publishing` before the network call, and only a confirmed answer (the
 * platform's own, or a reconcile that found the post) ever makes it `published`.
 */
export function createPublisher(d: PublisherDeps) {
  const now = () => d.clock.now();
  // Publishing's moves: the gates ran when the copy was scheduled and again below, before the
  // claim; the scheduler plans its own next wake after each round.
  const quiet = { gate: false, wake: false } as const;
  // An outcome lost to a power cut leaves the copy `publishing`: the restart checks with the
  // platform before anything is sent again, so only the claim needs its own fsync.
  const recoverable = { ...quiet, durable: false } as const;
  const q = {
    claimReconcile: (id: string) => d.targets.transition([id], 'publishing', 'publishing', 'publish.reconcile', { nextAttemptAt: null }, quiet).length === 1,
    published: (id: string, platformPostId: string, url: string | null, notice: string | null) =>
      d.targets.transition([id], 'publishing', 'published', 'publish.done', { platformPostId, platformUrl: webLink(url), publishedAt: now(), lastError: notice, lastErrorDetails: null, attemptMarker: null, nextAttemptAt: null }, recoverable).length === 1,
    settle: (id: string, from: TargetState, to: TargetState, e: { reason?: string | null; details?: string | null; nextAttemptAt?: number | null } = {}) =>
      d.targets.transition([id], from, to, 'publish.settle', { lastError: e.reason ?? null, lastErrorDetails: e.details ?? null, nextAttemptAt: e.nextAttemptAt ?? null }, quiet).length === 1,
  };
  const commits = createCommits({ targets: d.targets, clock: d.clock, log: d.log, ...(d.walSync ? { walSync: d.walSync } : {}) });
  const name = (t: DueTarget) => PLATFORM_NAMES[t.platform];
  const postAlert = (t: DueTarget, kind: 'post_failed' | 'post_unconfirmed' | 'post_missed', title: string, body: string) =>
    d.alerts.raise({ kind, title, body, subject: { kind: 'post', id: t.post_id } });

  const requestFor = (t: DueTarget, startedAt: number): PublishRequest => ({
    idempotencyKey: t.id,
    text: t.text,
    media: d.media.forPost(t.post_id),
    attemptStartedAt: startedAt,
    attemptMarker: t.attempt_marker,
    remember: (marker) => d.targets.remember(t.id, marker),
    linkCard: () => d.linkCards.forText(t.text),
  });

  /**
   * Every platform call gets an abort signal; a client that ignores it still cannot hold the
   * queue forever: shortly after the deadline its answer no longer counts (outcome unknown).
   */
  const withTimeout = <T>(ms: number, fn: (signal: AbortSignal) => Promise<T>, late: () => T): Promise<T> => {
    // Both timers run on the injected clock, like every other wait in the core.
    const controller = new AbortController();
    const cancelAbort = d.clock.setTimer(ms, () => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')));
    let cancelDeadline: () => void = () => {};
    const deadline = new Promise<T>((resolve, reject) => {
      cancelDeadline = d.clock.setTimer(ms + 1_000, () => {
        try {
          resolve(late());
        } catch (err) {
          reject(err);
        }
      });
    });
    return Promise.race([fn(controller.signal), deadline]).finally(() => {
      cancelAbort();
      cancelDeadline();
    });
  };
  const boundFor = (client: PlatformClient, media: PublishRequest['media']) => publishTimeoutMs(client.platform, media, d.requestTimeoutMs);

  /** `hung`: the platform took the request and did not answer within the publish timeout. */
  type Answer = PublishOutcome & { rateLimit?: RateLimitInfo; hung?: true };
  async function call(client: PlatformClient, ctx: ClientContext, req: PublishRequest): Promise<Answer> {
    const noAnswer: Answer = { kind: 'unknown', reason: `${PLATFORM_NAMES[client.platform]} did not answer in time.`, hung: true };
    try {
      return await withTimeout<Answer>(boundFor(client, req.media), (signal) => client.publish({ ...ctx, signal }, req), () => noAnswer);
    } catch (err) {
      // A client that throws has not told us what happened: treat it as unknown, never as sent.
      return { kind: 'unknown', reason: `${PLATFORM_NAMES[client.platform]} did not give a clear answer.`, details: (err as Error)?.message };
    }
  }

  /** A look on the platform after a lost answer, bounded like a send; throws when it cannot look. */
  const check = (client: PlatformClient, ctx: ClientContext, req: PublishRequest) =>
    withTimeout(
      boundFor(client, []),
      (signal) => client.reconcile({ ...ctx, signal }, req),
      () => {
        throw new Error(`${PLATFORM_NAMES[client.platform]} did not answer in time.`);
      },
    );

  /**
   * The answer says the post is out: committed with the next batch of publishing's writes. A copy
   * with a thread or first comment waits for that commit before its next part is claimed; a
   * single post does not, so its lane's next claim shares the same commit (the lane waits for
   * `settled()` before it looks for more work).
   */
  async function markPublished(t: DueTarget, client: PlatformClient, ctx: ClientContext, platformPostId: string, url: string | null, notice?: string): Promise<void> {
    const moved = commits.outcome(() => q.published(t.id, platformPostId, url, notice ?? null));
    const afterwards = () => {
      // The account row is written only when a post going out changes what it says.
      const account = d.queue.account(t.account_id);
      if (account && (account.status !== 'connected' || account.rate_limited_until !== null || account.last_error !== null)) d.accounts.worksAgain(t.account_id);
      d.log.info('published', { targetId: t.id, platform: t.platform, platformPostId });
    };
    if (!d.queue.hasParts(t.id)) {
      moved.then(
        (ok) => ok && afterwards(),
        (err: unknown) => d.log.error('could not record a published post; it is checked with the platform after a restart', { targetId: t.id, error: err as Error }),
      );
      return;
    }
    if (!(await moved)) return;
    afterwards();
    await publishChain({ ...d, client, ctx, target: t, rootPostId: platformPostId, call, check });
  }

  /** Out of attempts while an earlier one may have landed: never "failed", which could be a lie. */
  function unconfirmedAfterResend(t: DueTarget, reason: string): void {
    const why = `${reason} An earlier attempt may have gone out, and Loomcast could not confirm it.`;
    q.settle(t.id, 'publishing', 'unconfirmed', { reason: why });
    postAlert(t, 'post_unconfirmed', `Did your ${name(t)} post go out?`, `${why} Check ${name(t)}, then mark it published or publish it again.`);
  }

  /** `minDelayMs` below zero: retry at once, no backoff. */
  function retryOrFail(t: DueTarget, reason: string, details: string | undefined, attempts: number, minDelayMs = 0): void {
    if (attempts >= d.retry.maxAttempts) {
      q.settle(t.id, 'publishing', 'failed', { reason: `Gave up after ${attempts} attempts. ${reason}`, details: details ?? null });
      postAlert(t, 'post_failed', `Your ${name(t)} post failed`, `Gave up after ${attempts} attempts. ${reason}`);
    } else {
      const wait = minDelayMs < 0 ? 0 : Math.max(minDelayMs, backoffMs(attempts, d.retry, d.random));
      q.settle(t.id, 'publishing', 'scheduled', { reason: `${reason} Trying again at ${formatInstant(now() + wait, d.zone(), { format: d.dateFormat() })}.`, details: details ?? null, nextAttemptAt: now() + wait });
    }
  }

  /**
   * `resend`: this was a send again after an attempt whose outcome is still unknown. Until a check
   * says the post is not there, the copy stays claimed (`publishing`, with that first attempt's
   * start) whatever this answer says: back in `scheduled`, a new claim would restart the clock of
   * the platform's dedupe window, and a later send could make a second post.
   */
  async function settle(t: DueTarget, client: PlatformClient, ctx: ClientContext, req: PublishRequest, outcome: Awaited<ReturnType<typeof call>>, refreshed: boolean, resend = false): Promise<void> {
    const attempts = t.attempts + 1;
    const backTo = resend ? 'publishing' : 'scheduled';
    if (outcome.rateLimit?.remaining === 0 && outcome.rateLimit.resetAt && outcome.rateLimit.resetAt > now()) {
      d.accounts.rateLimited(t.account_id, outcome.rateLimit.resetAt);
    }
    switch (outcome.kind) {
      case 'published':
        return markPublished(t, client, ctx, outcome.platformPostId, outcome.url, outcome.notice);
      case 'failed':
        // A refusal of the send again says nothing about the first attempt, which may be up.
        if (resend) return unconfirmedAfterResend(t, outcome.reason);
        q.settle(t.id, 'publishing', 'failed', { reason: outcome.reason, details: outcome.details ?? null });
        postAlert(t, 'post_failed', `Your ${name(t)} post failed`, outcome.reason);
        return;
      case 'transient':
        if (resend) {
          if (attempts >= d.retry.maxAttempts) return unconfirmedAfterResend(t, outcome.reason);
          q.settle(t.id, 'publishing', 'publishing', { reason: `${outcome.reason} Checking again before sending.`, details: outcome.details ?? null, nextAttemptAt: now() + Math.max(outcome.retryAfterMs ?? 0, backoffMs(attempts, d.retry, d.random)) });
          return;
        }
        return retryOrFail(t, outcome.reason, outcome.details, attempts, outcome.retryAfterMs ?? 0);
      case 'rate_limited': {
        const until = Math.max(outcome.until, now());
        d.accounts.rateLimited(t.account_id, until);
        // Waiting out a stated limit is not a failed attempt.
        q.settle(t.id, 'publishing', backTo, {
          reason: `${name(t)} asked us to wait: rate limited until ${formatInstant(until, d.zone(), { withZone: true, format: d.dateFormat() })}.`,
          details: outcome.details ?? null,
          nextAttemptAt: until,
        });
        return;
      }
      case 'expired_token': {
        const fresh = refreshed ? null : await d.contexts.refreshAfterExpiry(ctx, client);
        if (fresh) return settle(t, client, fresh, req, await call(client, fresh, req), true, resend);
        // Skipped while the account needs reconnecting; if the refresh only failed to run, retry.
        const at = now() + backoffMs(attempts, d.retry, d.random);
        q.settle(t.id, 'publishing', backTo, { reason: expiredSignInReason(d.queue.account(t.account_id)?.status === 'needs_reconnect', ctx.account.handle, name(t), formatInstant(at, d.zone(), { format: d.dateFormat() })), details: outcome.details ?? null, nextAttemptAt: at });
        return;
      }
      case 'unknown':
        if (outcome.hung && client.capabilities.reconcile !== 'none') {
          // A platform that took the request and went silent may be as silent when asked at once:
          // check once the backoff has passed, and let this account's other due posts go meanwhile.
          const wait = backoffMs(attempts, d.retry, d.random);
          q.settle(t.id, 'publishing', 'publishing', { reason: `${outcome.reason} Checking whether the post went out…`, nextAttemptAt: now() + wait });
          return;
        }
        d.targets.note(t.id, outcome.reason, outcome.details ?? null);
        return reconcile(t, client, ctx, req, { attempts, sendAgainAtOnce: false });
    }
  }

  /** Settles a target whose last attempt may or may not have reached the platform. */
  async function reconcile(t: DueTarget, client: PlatformClient, ctx: ClientContext, req: PublishRequest, o: { attempts: number; sendAgainAtOnce: boolean }): Promise<void> {
    const unconfirmed = (why: string) => {
      q.settle(t.id, 'publishing', 'unconfirmed', { reason: why });
      postAlert(t, 'post_unconfirmed', `Did your ${name(t)} post go out?`, `${why} Check ${name(t)}, then mark it published or publish it again.`);
    };
    if (client.capabilities.reconcile === 'none') return unconfirmed(`${name(t)} gives no way to check whether the post was made.`);
    let result;
    try {
      result = await check(client, ctx, req);
    } catch (err) {
      if (now() - req.attemptStartedAt > CHECK_GIVE_UP_MS) return unconfirmed(`Loomcast could not reach ${name(t)} to check.`);
      // Stay `publishing` and look again later: never publish blind.
      const wait = backoffMs(t.attempts, d.retry, d.random);
      q.settle(t.id, 'publishing', 'publishing', { reason: `Checking with ${name(t)} whether the post went out…`, details: (err as Error)?.message ?? null, nextAttemptAt: now() + wait });
      return;
    }
    switch (result.kind) {
      case 'found':
        // A check that reads the account's posts by their words could land on one Loomcast
        // already recorded for another copy: never two copies on one post.
        if (d.queue.recordedElsewhere(t.account_id, result.platformPostId, t.id)) {
          return unconfirmed(`The post ${name(t)} showed when Loomcast checked is already recorded as another of your posts, so Loomcast cannot tell whether this one went out.`);
        }
        return markPublished(t, client, ctx, result.platformPostId, result.url, result.notice);
      case 'not_found':
        // Right after a timeout a platform's own lists can lag a post it just made (X's timeline
        // does): look once more after the backoff, and send again only if it is still not there.
        if (!o.sendAgainAtOnce) {
          const wait = backoffMs(o.attempts, d.retry, d.random);
          q.settle(t.id, 'publishing', 'publishing', { reason: `Checking with ${name(t)} again whether the post went out…`, nextAttemptAt: now() + wait });
          return;
        }
        return retryOrFail(t, `${name(t)} did not confirm the post; it is safe to send again.`, undefined, o.attempts, -1);
      case 'retry_is_safe': {
        // The platform dedupes by our key, but only for a while after the FIRST attempt that may
        // have landed (Mastodon: an hour). So the copy stays claimed with that attempt's start:
        // a new claim would restart the clock, and a resend after a sleep or a run of 5xx errors
        // could then land outside the window and post twice. Checked again before sending; once
        // the window has passed, the check reads the account's posts instead.
        if (!o.sendAgainAtOnce) {
          const wait = backoffMs(o.attempts, d.retry, d.random);
          q.settle(t.id, 'publishing', 'publishing', { reason: `${name(t)} did not confirm the post; sending it again with the same key, which cannot make a second post.`, nextAttemptAt: now() + wait });
          return;
        }
        return settle(t, client, ctx, req, await call(client, ctx, req), false, true);
      }
      case 'cannot_tell':
        return unconfirmed(result.reason);
    }
  }

  async function claimDue(t: DueTarget): Promise<Claimed | null> {
    const late = now() - t.scheduled_at;
    const policy = d.missedPolicy();
    if (t.attempts === 0 && t.next_attempt_at === null && policy.action === 'hold' && late > policy.graceMs) {
      if (q.settle(t.id, 'scheduled', 'missed', { reason: `Held: it was due ${formatInstant(t.scheduled_at, d.zone(), { withZone: true, format: d.dateFormat() })}, while Loomcast was not running.` })) {
        postAlert(t, 'post_missed', `${aOrAn(name(t))} ${name(t)} post was missed`, `It was due ${formatInstant(t.scheduled_at, d.zone(), { format: d.dateFormat() })}. Loomcast held it instead of posting late; reschedule or publish it now.`);
      }
      return null;
    }
    // The last gate, just before the network call: what would be refused is failed here, in words.
    const problems = d.gates.problemsOf(t.id, 'publish');
    if (problems.length > 0) {
      const reason = summariseProblems(problems);
      if (q.settle(t.id, 'scheduled', 'failed', { reason })) postAlert(t, 'post_failed', `Your ${name(t)} post can't go out`, reason);
      return null;
    }
    // Committed before anything is sent; lanes ready at the same moment share one commit, and
    // every request for this copy waits for that commit to be on disk (send-barrier.ts).
    return commits.claim(t.id);
  }

  async function sendClaimed(t: DueTarget, claimed: Claimed): Promise<void> {
    const started = claimed.startedAt;
    let ready: { client: PlatformClient; ctx: ClientContext; req: PublishRequest };
    try {
      // The lane read this copy a while ago: send the text as it stands now that it is claimed.
      t = { ...t, text: d.queue.get(t.id)?.text ?? t.text };
      const context = await d.contexts.forAccount(t.account_id);
      if (!context.ok) {
        // Nothing was sent: hand the target back. An account that needs reconnecting is skipped
        // by the queue until it is fixed; anything else is looked at again in a while.
        q.settle(t.id, 'publishing', 'scheduled', { reason: context.reason, nextAttemptAt: now() + ACCOUNT_WAIT_MS });
        return;
      }
      ready = { client: context.client, ctx: { ...context.ctx, http: behind(context.ctx.http, claimed.barrier) }, req: requestFor(t, started) };
    } catch (err) {
      // Claimed, but the request could not be made (a read that failed): nothing left, so the
      // copy waits for another attempt, never stays "publishing" until a restart.
      d.log.error('could not get a claimed post ready to send', { targetId: t.id, error: err as Error });
      return retryOrFail(t, `Loomcast could not get it ready to send (${(err as Error)?.message ?? String(err)}); nothing was sent.`, undefined, t.attempts + 1);
    }
    await settle(t, ready.client, ready.ctx, ready.req, await call(ready.client, ready.ctx, ready.req), false);
  }

  return {
    /**
     * What comes before a due `scheduled` copy's request: the missed-post policy, the last gate
     * and the claim. Resolves with the claim, or null when the copy is not to be sent (held,
     * failed, gone). A lane claims its next copy with this while the current one's request is in
     * flight (scheduler.ts); a copy claimed is always sent next, so none is left `publishing` unsent.
     */
    claimDue,
    /**
     * Sends a copy `claimDue` claimed, and settles its outcome. A published outcome may still be
     * on its way to disk when this resolves: await `settled()`.
     */
    sendClaimed,

    /** Due, but no account of its platform is connected: hold it and say so. */
    holdUnbound(t: Omit<DueTarget, 'account_id'>): void {
      const target = t as DueTarget;
      if (!q.settle(t.id, 'scheduled', 'missed', { reason: `No ${name(target)} account was connected when it was due.` })) return;
      postAlert(target, 'post_missed', `${aOrAn(name(target))} ${name(target)} post could not go out`, `It was due ${formatInstant(t.scheduled_at, d.zone(), { format: d.dateFormat() })}, but no ${name(target)} account is connected. Connect one in Accounts, then reschedule it.`);
    },

    /** A published target whose thread or first comment was cut short by a crash, or waits for a part's retry. */
    async resumeChain(t: DueTarget): Promise<void> {
      // Never so in practice (a copy is published with its id); kept from coming straight back.
      if (!t.platform_post_id) return deferChain(d, t, 'Loomcast does not know the post it replies to.');
      const context = await d.contexts.forAccount(t.account_id);
      // Not now (the account needs reconnecting): the part keeps its place and is looked at later.
      if (!context.ok) return deferChain(d, t, context.reason);
      await publishChain({ ...d, client: context.client, ctx: context.ctx, target: t, rootPostId: t.platform_post_id, call, check });
    },

    /** A target left `publishing` by a crash, or waiting to be checked again; resolves once its outcome is committed. */
    async recover(t: DueTarget): Promise<void> {
      if (!q.claimReconcile(t.id)) return;
      const context = await d.contexts.forAccount(t.account_id);
      if (!context.ok) {
        q.settle(t.id, 'publishing', 'publishing', { reason: `Checking whether the post went out once the account works again. ${context.reason}`, nextAttemptAt: now() + ACCOUNT_WAIT_MS });
        return;
      }
      await reconcile(t, context.client, context.ctx, requestFor(t, t.attempt_started_at ?? t.scheduled_at), { attempts: t.attempts, sendAgainAtOnce: true });
      await commits.settled();
    },

    /** Resolves once every outcome and claim queued so far is committed. */
    settled: () => commits.settled(),
  };
}

export type Publisher = ReturnType<typeof createPublisher>;
