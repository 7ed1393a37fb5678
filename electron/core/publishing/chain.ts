import { PLATFORM_NAMES } from '../../../shared/domain/platforms';
import type { DateFormat } from '../../../shared/domain/datetime-format';
import { formatInstant } from '../../../shared/domain/time';
import type { AccountsService } from '../accounts/accounts-service';
import type { Alerts } from '../alerts/alerts';
import type { Clock, Logger } from '../deps';
import type { ClientContext, PlatformClient, PublishOutcome, PublishRequest, ReconcileResult } from '../platforms/types';
import type { Targets } from '../posts/targets';
import type { LinkCards } from '../link-cards/reader';
import { expiredSignInReason, type AccountContexts } from './accounts-context';
import { ACCOUNT_WAIT_MS, CHECK_GIVE_UP_MS, backoffMs, type RetryPolicy } from './backoff';
import type { DueTarget, PartRow, PublishQueue } from './publish-queue';

export interface ChainDeps {
  queue: PublishQueue;
  targets: Pick<Targets, 'note'>;
  accounts: Pick<AccountsService, 'rateLimited'>;
  contexts: Pick<AccountContexts, 'refreshAfterExpiry'>;
  alerts: Alerts;
  linkCards: Pick<LinkCards, 'forText'>;
  clock: Clock;
  log: Logger;
  retry: RetryPolicy;
  random?: () => number;
  zone: () => string;
  dateFormat: () => DateFormat;
  client: PlatformClient;
  ctx: ClientContext;
  target: DueTarget;
  rootPostId: string;
  /** A send, bounded by the platform's publish timeout. */
  call(client: PlatformClient, ctx: ClientContext, req: PublishRequest): Promise<PublishOutcome>;
  /** A look on the platform for a part whose answer was lost, bounded the same way; throws when it cannot look. */
  check(client: PlatformClient, ctx: ClientContext, req: PublishRequest): Promise<ReconcileResult>;
}

/** "Part 2 of the thread", "The first comment": how notes and alerts name a part. */
const partName = (p: PartRow) => (p.kind === 'comment' ? 'The first comment' : `Part ${p.position + 1} of the thread`);
/** A note this module leaves on a copy while a part waits; cleared once the chain is whole. */
const WAIT_NOTE = /^(Part \d+ of the thread|The first comment)( waits)?:/;

/**
 * After the main post: the thread's later parts and the first comment, each replying to the one
 * before. Each part is committed `publishing` before it is sent, like a copy. A part that meets a
 * hiccup (a 5xx, a rate limit, an expired sign-in) waits and is tried again with the copy's
 * backoff, up to the same number of attempts; one whose answer was lost stays `publishing` and
 * is looked for on the platform before it is ever sent again, as of the attempt that may have
 * landed. A refusal, or the last attempt, stops the chain and is reported; parts already out are
 * never sent again. The scheduler comes back for a waiting part at its time (chainsDueFor).
 */
export async function publishChain(d: ChainDeps): Promise<void> {
  const parts = d.queue.parts(d.target.id);
  if (parts.length === 0) return;
  const platform = PLATFORM_NAMES[d.target.platform];
  const when = (at: number) => formatInstant(at, d.zone(), { format: d.dateFormat() });
  const backoff = (attempts: number) => backoffMs(attempts, d.retry, d.random);
  let ctx = d.ctx;
  let waited = false;
  let previous = d.rootPostId;
  for (const part of parts) {
    if (part.state === 'published') {
      previous = part.platform_post_id ?? previous;
      continue;
    }
    if (part.state === 'failed' || part.state === 'unconfirmed') return;
    const now = d.clock.now();
    if (part.next_attempt_at !== null && part.next_attempt_at > now) return;
    waited ||= part.attempts > 0 || part.next_attempt_at !== null || part.state === 'publishing';
    const base = {
      idempotencyKey: `${d.target.id}:${part.position}`,
      text: part.text,
      media: [],
      replyTo: { platformPostId: previous, rootPostId: d.rootPostId, kind: part.kind },
      linkCard: () => d.linkCards.forText(part.text),
    };
    const wait = (state: 'pending' | 'publishing', at: number, counted: boolean, note: string) => {
      if (d.queue.waitPart(d.target.id, part.position, state, at, counted, note)) d.targets.note(d.target.id, note, null);
    };

    // Its answer was lost (a timeout, a crash): look on the platform before anything is sent again.
    const open = part.state === 'publishing';
    const since = part.attempt_started_at ?? now;
    if (open) {
      let found: ReconcileResult;
      try {
        found = await d.check(d.client, ctx, { ...base, attemptStartedAt: since });
      } catch (err) {
        if (now - since > CHECK_GIVE_UP_MS) return stop(d, part, parts.length, 'unconfirmed', `Loomcast could not reach ${platform} to check whether it went out.`);
        const at = now + backoff(Math.max(1, part.attempts));
        return wait('publishing', at, false, `${partName(part)}: ${platform} could not be asked whether it went out (${(err as Error)?.message ?? err}). Checking again at ${when(at)}.`);
      }
      if (found.kind === 'found') {
        d.queue.settlePart(d.target.id, part.position, 'published', found.platformPostId, null, found.url);
        previous = found.platformPostId;
        continue;
      }
      if (found.kind === 'cannot_tell') return stop(d, part, parts.length, 'unconfirmed', found.reason);
      if (part.attempts >= d.retry.maxAttempts) {
        return found.kind === 'retry_is_safe'
          ? stop(d, part, parts.length, 'unconfirmed', `Gave up after ${part.attempts} attempts; an earlier one may have gone out, and ${platform} did not confirm it.`)
          : stop(d, part, parts.length, 'failed', `Gave up after ${part.attempts} attempts; ${platform} does not have it.`);
      }
      // not_found, or retry_is_safe (the platform dedupes by this key): send again with the same key.
    }

    if (!d.queue.claimPart(d.target.id, part.position, now)) return;
    const req: PublishRequest = { ...base, attemptStartedAt: open ? since : now };
    let outcome = await d.call(d.client, ctx, req);
    if (outcome.kind === 'expired_token') {
      const fresh = await d.contexts.refreshAfterExpiry(ctx, d.client);
      if (fresh) {
        ctx = fresh;
        outcome = await d.call(d.client, ctx, req);
      }
    }
    const attempts = part.attempts + 1;
    // After a lost answer, any later answer but "published" leaves it to be checked first.
    const backTo = open ? 'publishing' : 'pending';
    switch (outcome.kind) {
      case 'published':
        d.queue.settlePart(d.target.id, part.position, 'published', outcome.platformPostId, null, outcome.url);
        previous = outcome.platformPostId;
        continue;
      case 'failed':
        // Sent again after a lost answer: the refusal says nothing about the earlier attempt.
        if (open) return stop(d, part, parts.length, 'unconfirmed', `${outcome.reason} An earlier attempt may have gone out, and ${platform} did not confirm it.`);
        return stop(d, part, parts.length, 'failed', outcome.reason);
      case 'rate_limited': {
        const until = Math.max(outcome.until, d.clock.now());
        d.accounts.rateLimited(d.target.account_id, until);
        return wait(backTo, until, false, `${partName(part)} waits: ${platform} asked us to wait until ${when(until)}.`);
      }
      case 'unknown': {
        // Nothing can tell whether it landed: ask the creator rather than risk it twice.
        if (d.client.capabilities.reconcile === 'none') return stop(d, part, parts.length, 'unconfirmed', outcome.reason);
        const at = d.clock.now() + backoff(attempts);
        return wait('publishing', at, true, `${partName(part)}: ${outcome.reason} Checking whether it went out at ${when(at)}.`);
      }
      case 'transient':
      case 'expired_token': {
        const reason = outcome.kind === 'transient' ? outcome.reason : expiredSignInReason(d.queue.account(ctx.account.id)?.status === 'needs_reconnect', ctx.account.handle, PLATFORM_NAMES[ctx.account.platform]);
        if (attempts >= d.retry.maxAttempts) return stop(d, part, parts.length, open ? 'unconfirmed' : 'failed', `Gave up after ${attempts} attempts. ${reason}`);
        const at = d.clock.now() + Math.max(outcome.kind === 'transient' ? (outcome.retryAfterMs ?? 0) : 0, backoff(attempts));
        return wait(backTo, at, true, `${partName(part)} waits: ${reason} Trying again at ${when(at)}.`);
      }
    }
  }
  // Whole: a note left while a part waited no longer says anything true.
  if (waited && WAIT_NOTE.test(d.queue.noteOf(d.target.id) ?? '')) d.targets.note(d.target.id, null, null);
}

/**
 * A part that will not go out by itself: the account is not usable now (needs reconnecting, no
 * client). It keeps its place and is looked at again in a while, so the lane that found it due
 * does not come straight back to it.
 */
export function deferChain(d: Pick<ChainDeps, 'queue' | 'targets' | 'clock'>, target: DueTarget, reason: string, laterMs = ACCOUNT_WAIT_MS): void {
  const part = d.queue.parts(target.id).find((p) => p.state === 'pending' || p.state === 'publishing');
  if (!part) return;
  const note = `${partName(part)} waits: ${reason}`;
  if (d.queue.waitPart(target.id, part.position, part.state as 'pending' | 'publishing', d.clock.now() + laterMs, false, note)) d.targets.note(target.id, note, null);
}

function stop(d: ChainDeps, part: PartRow, parts: number, state: 'failed' | 'unconfirmed', reason: string): void {
  const platform = PLATFORM_NAMES[d.target.platform];
  const what =
    part.kind === 'comment'
      ? state === 'failed'
        ? 'The first comment did not go out:'
        : 'Loomcast could not confirm the first comment:'
      : `The thread stopped at part ${part.position + 1} of ${parts + 1}:`;
  const message = `${what} ${reason} The parts already published stay up; Loomcast will not repeat them.`;
  d.queue.settlePart(d.target.id, part.position, state, null, reason);
  d.targets.note(d.target.id, message, null);
  d.log.warn('chain stopped', { targetId: d.target.id, position: part.position, state });
  d.alerts.raise({ kind: 'thread_stopped', title: `Your ${platform} thread is incomplete`, body: message, subject: { kind: 'post', id: d.target.post_id } });
}
