/**
 * One Graph call and what its failure means for the post. Instagram and Threads publish in two
 * steps (make a media container, then publish it): every failure while preparing is definite
 * non-delivery, and only the publishing call itself can leave the outcome unknown.
 */
import { detailsOf, networkOutcome, readJson, type NetworkFailure } from '../common/http';
import type { ClientContext, PublishOutcome, RateLimitInfo } from '../types';
import { graphError, judge, readUsage, send, wordsOf, type GraphError } from './meta-graph';
import { pause } from '../common/pause';
export { pause };

export type Answer =
  | { ok: false; failure: NetworkFailure }
  | { ok: true; status: number; res: Response; body: unknown; err: GraphError | null };

export type Outcome = PublishOutcome & { rateLimit?: RateLimitInfo };

export async function graphCall(ctx: Pick<ClientContext, 'http' | 'signal'>, url: string, init: RequestInit = {}): Promise<Answer> {
  const got = await send(ctx, url, init);
  if (!got.ok) return got;
  let body: unknown;
  try {
    body = await readJson(got.res);
  } catch {
    // The status arrived but the body was cut: for a write we cannot know its result.
    return { ok: false, failure: { kind: 'reset', message: 'the answer was cut off' } };
  }
  const status = got.res.status;
  return { ok: true, status, res: got.res, body, err: status >= 200 && status < 300 ? null : graphError(body) };
}

/** A 2xx answer. (The brand keeps a non-2xx answer in the `false` branch of the type guard.) */
export type Success = Extract<Answer, { ok: true }> & { readonly __2xx: true };

export function succeeded(a: Answer): a is Success {
  return a.ok && a.status >= 200 && a.status < 300;
}

/** The `id` a Graph write returns, as a string (Graph ids are numeric strings). */
export function idOf(a: Answer): string | null {
  if (!succeeded(a)) return null;
  const id = (a.body as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id ? id : typeof id === 'number' ? String(id) : null;
}

/** Where an error happened in the two-step publishing flow. */
export type Stage = 'prepare' | 'create';

export interface GraphPlatform {
  name: string;
  /** When the rolling publishing cap lets the account post again; undefined if it is not reached. */
  capUntil(ctx: ClientContext): Promise<{ until: number; why: string } | undefined>;
  /** Threads answers its cap with an ordinary throttling code, so every throttle checks the quota. */
  throttleMayBeCap: boolean;
}

/** Meta counts its platform rate limits over a rolling hour: with no usage header, wait that out. */
export const THROTTLE_FALLBACK_MS = 60 * 60_000;
/** The publishing caps are counted over a rolling 24 hours. */
export const CAP_WINDOW_MS = 24 * 3_600_000;

/** The outcome of a failed call at `stage`; `doing` reads like "creating the post". */
export async function failureOutcome(ctx: ClientContext, p: GraphPlatform, stage: Stage, answer: Answer, doing: string): Promise<Outcome> {
  if (!answer.ok) {
    const { failure } = answer;
    if (stage === 'create' || failure.kind === 'refused' || failure.kind === 'dns') return networkOutcome(failure, p.name);
    return { kind: 'transient', reason: `${p.name} did not answer while ${doing} (${failure.message}); nothing was published.` };
  }
  const now = ctx.clock.now();
  const details = detailsOf(answer.status, answer.body);
  const usage = readUsage(answer.res, now);
  const rl = usage.rateLimit ? { rateLimit: usage.rateLimit } : {};
  const verdict = judge(answer.status, answer.err);
  switch (verdict.kind) {
    case 'expired_token':
      return { kind: 'expired_token', details, ...rl };
    case 'rate_limited': {
      const cap = verdict.cap || p.throttleMayBeCap ? await p.capUntil(ctx).catch(() => undefined) : undefined;
      if (cap) return { kind: 'rate_limited', until: cap.until, reason: cap.why, details, ...rl };
      if (verdict.cap) {
        return { kind: 'rate_limited', until: now + CAP_WINDOW_MS, reason: `${p.name}'s limit on posts per 24 hours is reached; it did not say when a slot frees, so Loomcast waits the full 24 hours.`, details, ...rl };
      }
      if (usage.regainAt !== undefined) {
        return { kind: 'rate_limited', until: usage.regainAt, reason: `${p.name} is limiting how often Loomcast may call it for this account.`, details, ...rl };
      }
      return {
        kind: 'rate_limited',
        until: now + THROTTLE_FALLBACK_MS,
        reason: `${p.name} is limiting how often Loomcast may call it and did not say for how long; Loomcast waits an hour, the window Meta counts its limits over.`,
        details,
        ...rl,
      };
    }
    case 'server':
      if (stage === 'create') return { kind: 'unknown', reason: `${p.name} had a server error while ${doing}; the post may or may not be up.`, details, ...rl };
      return { kind: 'transient', reason: `${p.name} had a server error while ${doing}; nothing was published.`, details, ...rl };
    case 'not_ready':
      return { kind: 'transient', reason: `${p.name} was not ready to publish the media yet; nothing was published.`, details, ...rl };
    case 'refused':
      return { kind: 'failed', reason: refusal(p.name, answer.err, answer.status, doing), details, ...rl };
  }
}

function refusal(name: string, err: GraphError | null, status: number, doing: string): string {
  const words = wordsOf(err, status);
  const code = err?.code ?? null;
  if (code === 10 || (code !== null && code >= 200 && code < 300)) {
    return `${name} refused ${doing} because Loomcast lacks a permission (${words}). Reconnect the account and allow everything Loomcast asks for.`;
  }
  if (err?.subcode === 2207051) return `${name} blocked the post as suspected spam (${words}).`;
  if (err?.subcode === 2207050) return `${name} says the account is restricted or needs attention in the ${name} app (${words}).`;
  return `${name} refused ${doing}: ${words}`;
}


/** Container status checks: quick at first, then backing off, then giving up. */
export interface PollPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  /** Stop (nothing published, safe to retry) once this much time was spent waiting. */
  maxWaitMs: number;
}

export type ContainerState = { state: 'ready' } | { state: 'waiting' } | { state: 'error'; words: string } | { state: 'expired' };

/**
 * Polls a media container until it is ready to publish. Returns null when it is, or the
 * outcome that ends the attempt; nothing has been published at this point in any case.
 */
export async function waitForContainer(
  ctx: ClientContext,
  p: GraphPlatform,
  policy: PollPolicy,
  check: () => Promise<Answer>,
  read: (body: unknown) => ContainerState,
): Promise<Outcome | null> {
  let waited = 0;
  let delay = policy.firstDelayMs;
  for (;;) {
    const answer = await check();
    if (!succeeded(answer)) return failureOutcome(ctx, p, 'prepare', answer, 'processing the media');
    const s = read(answer.body);
    if (s.state === 'ready') return null;
    if (s.state === 'error') return { kind: 'failed', reason: `${p.name} could not use the media: ${s.words}`, details: detailsOf(answer.status, answer.body) };
    if (s.state === 'expired') return { kind: 'transient', reason: `${p.name} let the prepared media expire before it was published; nothing was published.` };
    if (waited >= policy.maxWaitMs) {
      return { kind: 'transient', reason: `${p.name} was still processing the media after ${Math.round(waited / 1000)} s; nothing was published.` };
    }
    if (!(await pause(ctx.clock, delay, ctx.signal))) {
      return { kind: 'transient', reason: `Stopped waiting for ${p.name} to process the media; nothing was published.` };
    }
    waited += delay;
    delay = Math.min(delay * 2, policy.maxDelayMs);
  }
}

/** The oldest post still inside the rolling window is the first to free a slot. */
export function capFreesAt(timestamps: number[], windowMs: number, now: number): number | undefined {
  const inWindow = timestamps.filter((t) => t > now - windowMs);
  return inWindow.length === 0 ? undefined : Math.min(...inWindow) + windowMs;
}
