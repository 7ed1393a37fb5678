import { PLATFORM_NAMES } from '../../../shared/domain/platforms';
import { formatInstant } from '../../../shared/domain/time';
import type { Alerts } from '../alerts/alerts';
import type { Clock, Logger } from '../deps';
import type { EventBus } from '../events';
import type { MediaStore } from '../media/media-store';
import type { ClientContext, PlatformClient, PublishOutcome, PublishRequest, RateLimitInfo } from '../platforms/types';
import type { AccountContexts } from './accounts-context';
import { backoffMs, type RetryPolicy } from './backoff';
import { publishChain } from './chain';
import type { DueTarget, PublishQueue } from './publish-queue';

export interface PublisherDeps {
  queue: PublishQueue;
  contexts: AccountContexts;
  media: MediaStore;
  alerts: Alerts;
  events: EventBus;
  clock: Clock;
  log: Logger;
  retry: RetryPolicy;
  requestTimeoutMs: number;
  missedPolicy: () => { graceMs: number; action: 'hold' | 'publish' };
  zone: () => string;
  random?: () => number;
}

/** "An X post", "an Instagram post", "a Bluesky post": by how the name sounds. */
const aOrAn = (platformName: string) => (/^(X|Instagram)\b/.test(platformName) ? 'An' : 'A');

/** How long an unknown outcome may stay unsettled before the creator is asked. */
const RECONCILE_GIVE_UP_MS = 6 * 3_600_000;

/**
 * Publishes one due target, and settles every outcome. The rule that matters: the target is
 * committed as `publishing` before the network call, and only a confirmed answer (the
 * platform's own, or a reconcile that found the post) ever makes it `published`.
 */
export function createPublisher(d: PublisherDeps) {
  const now = () => d.clock.now();
  const changed = (t: DueTarget) => d.events.emit('posts:changed', { ids: [t.post_id], reason: 'state' });
  const name = (t: DueTarget) => PLATFORM_NAMES[t.platform];
  const postAlert = (t: DueTarget, kind: 'post_failed' | 'post_unconfirmed' | 'post_missed', title: string, body: string) =>
    d.alerts.raise({ kind, title, body, subject: { kind: 'post', id: t.post_id } });

  const requestFor = (t: DueTarget, startedAt: number): PublishRequest => ({
    idempotencyKey: t.id,
    text: t.text,
    media: d.media.forPost(t.post_id),
    attemptStartedAt: startedAt,
    attemptMarker: t.attempt_marker,
    remember: (marker) => d.queue.remember(t.id, marker),
  });

  /**
   * Every platform call gets an abort signal; a client that ignores it still cannot hold the
   * queue forever: shortly after the deadline its answer no longer counts (outcome unknown).
   */
  const withTimeout = <T>(fn: (signal: AbortSignal) => Promise<T>, late: () => T): Promise<T> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<T>((resolve) => {
      timer = setTimeout(() => resolve(late()), d.requestTimeoutMs + 1_000);
    });
    return Promise.race([fn(AbortSignal.timeout(d.requestTimeoutMs)), deadline]).finally(() => clearTimeout(timer));
  };

  type Answer = PublishOutcome & { rateLimit?: RateLimitInfo };
  async function call(client: PlatformClient, ctx: ClientContext, req: PublishRequest): Promise<Answer> {
    const noAnswer: Answer = { kind: 'unknown', reason: `${PLATFORM_NAMES[client.platform]} did not answer in time.` };
    try {
      return await withTimeout<Answer>((signal) => client.publish({ ...ctx, signal }, req), () => noAnswer);
    } catch (err) {
      // A client that throws has not told us what happened: treat it as unknown, never as sent.
      return { kind: 'unknown', reason: `${PLATFORM_NAMES[client.platform]} did not give a clear answer.`, details: (err as Error)?.message };
    }
  }

  async function markPublished(t: DueTarget, client: PlatformClient, ctx: ClientContext, platformPostId: string, url: string | null, notice?: string): Promise<void> {
    if (!d.queue.published(t.id, platformPostId, url, now(), notice ?? null)) return;
    d.queue.accountOk(t.account_id, now());
    d.log.info('published', { targetId: t.id, platform: t.platform, platformPostId });
    changed(t);
    await publishChain({ ...d, client, ctx, target: t, rootPostId: platformPostId, call });
  }

  /** `minDelayMs` below zero: retry at once, no backoff. */
  function retryOrFail(t: DueTarget, reason: string, details: string | undefined, attempts: number, minDelayMs = 0): void {
    if (attempts >= d.retry.maxAttempts) {
      d.queue.settle(t.id, 'publishing', 'failed', now(), { reason: `Gave up after ${attempts} attempts. ${reason}`, details: details ?? null });
      postAlert(t, 'post_failed', `Your ${name(t)} post failed`, `Gave up after ${attempts} attempts. ${reason}`);
    } else {
      const wait = minDelayMs < 0 ? 0 : Math.max(minDelayMs, backoffMs(attempts, d.retry, d.random));
      d.queue.settle(t.id, 'publishing', 'scheduled', now(), { reason: `${reason} Trying again at ${formatInstant(now() + wait, d.zone())}.`, details: details ?? null, nextAttemptAt: now() + wait });
    }
    changed(t);
  }

  async function settle(t: DueTarget, client: PlatformClient, ctx: ClientContext, req: PublishRequest, outcome: Awaited<ReturnType<typeof call>>, refreshed: boolean): Promise<void> {
    const attempts = t.attempts + 1;
    if (outcome.rateLimit?.remaining === 0 && outcome.rateLimit.resetAt && outcome.rateLimit.resetAt > now()) {
      d.queue.rateLimited(t.account_id, outcome.rateLimit.resetAt, now());
    }
    switch (outcome.kind) {
      case 'published':
        return markPublished(t, client, ctx, outcome.platformPostId, outcome.url, outcome.notice);
      case 'failed':
        d.queue.settle(t.id, 'publishing', 'failed', now(), { reason: outcome.reason, details: outcome.details ?? null });
        postAlert(t, 'post_failed', `Your ${name(t)} post failed`, outcome.reason);
        changed(t);
        return;
      case 'transient':
        return retryOrFail(t, outcome.reason, outcome.details, attempts, outcome.retryAfterMs ?? 0);
      case 'rate_limited': {
        const until = Math.max(outcome.until, now());
        d.queue.rateLimited(t.account_id, until, now());
        // Waiting out a stated limit is not a failed attempt.
        d.queue.settle(t.id, 'publishing', 'scheduled', now(), {
          reason: `${name(t)} asked us to wait: rate limited until ${formatInstant(until, d.zone(), { withZone: true })}.`,
          details: outcome.details ?? null,
          nextAttemptAt: until,
        });
        changed(t);
        return;
      }
      case 'expired_token': {
        const fresh = refreshed ? null : await d.contexts.refreshAfterExpiry(ctx, client);
        if (fresh) return settle(t, client, fresh, req, await call(client, fresh, req), true);
        d.queue.settle(t.id, 'publishing', 'scheduled', now(), {
          reason: `Waiting for you to reconnect ${ctx.account.handle}: ${name(t)} no longer accepts its sign-in.`,
          details: outcome.details ?? null,
          // Skipped while the account needs reconnecting; if the refresh only failed to run, retry.
          nextAttemptAt: now() + backoffMs(attempts, d.retry, d.random),
        });
        changed(t);
        return;
      }
      case 'unknown':
        d.queue.note(t.id, outcome.reason, outcome.details ?? null, now());
        return reconcile(t, client, ctx, req, { attempts, sendAgainAtOnce: false });
    }
  }

  /** Settles a target whose last attempt may or may not have reached the platform. */
  async function reconcile(t: DueTarget, client: PlatformClient, ctx: ClientContext, req: PublishRequest, o: { attempts: number; sendAgainAtOnce: boolean }): Promise<void> {
    const unconfirmed = (why: string) => {
      d.queue.settle(t.id, 'publishing', 'unconfirmed', now(), { reason: why });
      postAlert(t, 'post_unconfirmed', `Did your ${name(t)} post go out?`, `${why} Check ${name(t)}, then mark it published or publish it again.`);
      changed(t);
    };
    if (client.capabilities.reconcile === 'none') return unconfirmed(`${name(t)} gives no way to check whether the post was made.`);
    let result;
    try {
      result = await withTimeout(
        (signal) => client.reconcile({ ...ctx, signal }, req),
        () => {
          throw new Error(`${name(t)} did not answer in time.`);
        },
      );
    } catch (err) {
      if (now() - req.attemptStartedAt > RECONCILE_GIVE_UP_MS) return unconfirmed(`Loomcast could not reach ${name(t)} to check.`);
      // Stay `publishing` and look again later: never publish blind.
      const wait = backoffMs(t.attempts, d.retry, d.random);
      d.queue.settle(t.id, 'publishing', 'publishing', now(), { reason: `Checking with ${name(t)} whether the post went out…`, details: (err as Error)?.message ?? null, nextAttemptAt: now() + wait });
      return;
    }
    switch (result.kind) {
      case 'found':
        return markPublished(t, client, ctx, result.platformPostId, result.url, result.notice);
      case 'not_found':
        // Right after a timeout a platform's own lists can lag a post it just made (X's timeline
        // does): look once more after the backoff, and send again only if it is still not there.
        if (!o.sendAgainAtOnce) {
          const wait = backoffMs(o.attempts, d.retry, d.random);
          d.queue.settle(t.id, 'publishing', 'publishing', now(), { reason: `Checking with ${name(t)} again whether the post went out…`, nextAttemptAt: now() + wait });
          return;
        }
        return retryOrFail(t, `${name(t)} did not confirm the post; it is safe to send again.`, undefined, o.attempts, -1);
      case 'retry_is_safe':
        // The platform dedupes by our key: sending again cannot make a second post.
        return retryOrFail(t, `${name(t)} did not confirm the post; it is safe to send again.`, undefined, o.attempts, o.sendAgainAtOnce ? -1 : 0);
      case 'cannot_tell':
        return unconfirmed(result.reason);
    }
  }

  return {
    /** A due `scheduled` target: apply the missed-post policy, claim it, publish, settle. */
    async publish(t: DueTarget): Promise<void> {
      const late = now() - t.scheduled_at;
      const policy = d.missedPolicy();
      if (t.attempts === 0 && t.next_attempt_at === null && policy.action === 'hold' && late > policy.graceMs) {
        if (d.queue.settle(t.id, 'scheduled', 'missed', now(), { reason: `Held: it was due ${formatInstant(t.scheduled_at, d.zone(), { withZone: true })}, while Loomcast was not running.` })) {
          postAlert(t, 'post_missed', `${aOrAn(name(t))} ${name(t)} post was missed`, `It was due ${formatInstant(t.scheduled_at, d.zone())}. Loomcast held it instead of posting late; reschedule or publish it now.`);
          changed(t);
        }
        return;
      }
      const started = now();
      if (!d.queue.claim(t.id, started)) return;
      changed(t);
      const context = await d.contexts.forAccount(t.account_id);
      if (!context.ok) {
        // Nothing was sent: hand the target back. An account that needs reconnecting is skipped
        // by the queue until it is fixed; anything else is looked at again in a while.
        d.queue.settle(t.id, 'publishing', 'scheduled', now(), { reason: context.reason, nextAttemptAt: now() + 15 * 60_000 });
        changed(t);
        return;
      }
      const req = requestFor(t, started);
      await settle(t, context.client, context.ctx, req, await call(context.client, context.ctx, req), false);
    },

    /** Due, but no account of its platform is connected: hold it and say so. */
    holdUnbound(t: Omit<DueTarget, 'account_id'>): void {
      const target = t as DueTarget;
      if (!d.queue.settle(t.id, 'scheduled', 'missed', now(), { reason: `No ${name(target)} account was connected when it was due.` })) return;
      postAlert(target, 'post_missed', `${aOrAn(name(target))} ${name(target)} post could not go out`, `It was due ${formatInstant(t.scheduled_at, d.zone())}, but no ${name(target)} account is connected. Connect one in Accounts, then reschedule it.`);
      changed(target);
    },

    /** A published target whose thread or first comment was cut short by a crash. */
    async resumeChain(t: DueTarget): Promise<void> {
      const context = await d.contexts.forAccount(t.account_id);
      if (!context.ok || !t.platform_post_id) return;
      await publishChain({ ...d, client: context.client, ctx: context.ctx, target: t, rootPostId: t.platform_post_id, call });
    },

    /** A target left `publishing` by a crash, or waiting to be checked again. */
    async recover(t: DueTarget): Promise<void> {
      if (!d.queue.claimReconcile(t.id, now())) return;
      const context = await d.contexts.forAccount(t.account_id);
      if (!context.ok) {
        d.queue.settle(t.id, 'publishing', 'publishing', now(), { reason: `Checking whether the post went out once the account works again. ${context.reason}`, nextAttemptAt: now() + 15 * 60_000 });
        return;
      }
      await reconcile(t, context.client, context.ctx, requestFor(t, t.attempt_started_at ?? t.scheduled_at), { attempts: t.attempts, sendAgainAtOnce: true });
    },
  };
}

export type Publisher = ReturnType<typeof createPublisher>;
