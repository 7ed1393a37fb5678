/**
 * What a failed Graph call means for the post, the same for Facebook, Instagram and Threads.
 * A post is made by one call (Facebook's /feed or /photos, Instagram's media_publish, Threads'
 * threads_publish); failures while preparing (uploads, containers) are definite non-delivery,
 * and only the creating call can leave the outcome unknown.
 */
import { detailsOf, networkOutcome, neverLeft } from '../common/http';
import type { ClientContext, PublishOutcome, RateLimitInfo } from '../types';
import { isPermissionCode, judge, wordsOf, type GraphError } from './graph-error';
import type { Answer } from './graph-call';
import { readUsage } from './usage';

export type Outcome = PublishOutcome & { rateLimit?: RateLimitInfo };

/** Where an error happened: before the post exists (`prepare`), or on the call that creates it. */
export type Stage = 'prepare' | 'create';

export interface GraphPlatform {
  name: string;
  /** When the rolling publishing cap lets the account post again; undefined if it is not reached. */
  capUntil?(ctx: ClientContext): Promise<{ until: number; why: string } | undefined>;
  /** Threads answers its cap with an ordinary throttling code, so every throttle checks the quota. */
  throttleMayBeCap?: boolean;
  /** Whose BUC usage entries count (Facebook: the Page). */
  usageOwner?(ctx: ClientContext): string | undefined;
  /** The platform's own words for an ended sign-in, put before the details. */
  tokenWords?(err: GraphError | null): string;
  /** A platform's own refusals (Facebook's duplicate post, policy block); null for the usual words. */
  refusal?(err: GraphError | null, words: string, doing: string): string | null;
}

/** Meta counts its platform rate limits over a rolling hour: with no usage header, wait that out. */
export const THROTTLE_FALLBACK_MS = 60 * 60_000;
/** The publishing caps are counted over a rolling 24 hours. */
export const CAP_WINDOW_MS = 24 * 3_600_000;

/** The outcome of a failed call at `stage`; `doing` reads like "creating the post". */
export async function failureOutcome(ctx: ClientContext, p: GraphPlatform, stage: Stage, answer: Answer, doing: string): Promise<Outcome> {
  if (!answer.ok) {
    const { failure } = answer;
    if (stage === 'create' || neverLeft(failure)) return networkOutcome(failure, p.name);
    return { kind: 'transient', reason: `${p.name} did not answer while ${doing} (${failure.message}); nothing was published.` };
  }
  const now = ctx.clock.now();
  const details = detailsOf(answer.status, answer.body);
  const usage = readUsage(answer.res, now, p.usageOwner?.(ctx));
  const rl = usage.rateLimit ? { rateLimit: usage.rateLimit } : {};
  const verdict = judge(answer.status, answer.err);
  switch (verdict.kind) {
    case 'expired_token':
      return { kind: 'expired_token', details: p.tokenWords ? `${p.tokenWords(answer.err)} ${details}` : details, ...rl };
    case 'rate_limited': {
      const limited = (until: number, reason: string): Outcome => ({ kind: 'rate_limited', until, reason, details, rateLimit: { ...usage.rateLimit, remaining: 0, resetAt: until } });
      const cap = (verdict.cap || p.throttleMayBeCap) && p.capUntil ? await p.capUntil(ctx).catch(() => undefined) : undefined;
      if (cap) return limited(cap.until, cap.why);
      // Code 9 is the publishing cap only where the platform has one (Instagram); elsewhere a throttle.
      if (verdict.cap && p.capUntil) {
        return limited(now + CAP_WINDOW_MS, `${p.name}'s limit on posts per 24 hours is reached; it did not say when a slot frees, so Loomcast waits the full 24 hours.`);
      }
      if (usage.regainAt !== undefined) {
        return limited(usage.regainAt, `${p.name} is limiting how often Loomcast may call it while ${doing}; it says access returns in about ${Math.max(1, Math.round((usage.regainAt - now) / 60_000))} minutes.`);
      }
      return limited(
        now + THROTTLE_FALLBACK_MS,
        `${p.name} is limiting how often Loomcast may call it while ${doing} and did not say for how long; Loomcast waits an hour, the window Meta counts its limits over.`,
      );
    }
    case 'server':
      if (stage === 'create') return { kind: 'unknown', reason: `${p.name} had a server error while ${doing}; the post may or may not be up.`, details, ...rl };
      return { kind: 'transient', reason: `${p.name} had a server error while ${doing}; nothing was published.`, details, ...rl };
    case 'not_ready':
      return { kind: 'transient', reason: `${p.name} was not ready to publish the media yet; nothing was published.`, details, ...rl };
    case 'refused':
      return { kind: 'failed', reason: refusal(p, answer.err, answer.status, doing), details, ...rl };
  }
}

function refusal(p: GraphPlatform, err: GraphError | null, status: number, doing: string): string {
  const words = wordsOf(err, status);
  const own = p.refusal?.(err, words, doing);
  if (own) return own;
  if (isPermissionCode(err?.code)) {
    return `${p.name} refused ${doing} because Loomcast lacks a permission (${words}). Reconnect the account and allow everything Loomcast asks for.`;
  }
  if (err?.subcode === 2207051) return `${p.name} blocked the post as suspected spam (${words}).`;
  if (err?.subcode === 2207050) return `${p.name} says the account is restricted or needs attention in the ${p.name} app (${words}).`;
  return `${p.name} refused ${doing}: ${words}`;
}
