/**
 * LinkedIn's HTTP answers → outcomes. LinkedIn signals with the status code: 401 is the token,
 * 429 the daily limit (no headers: it resets at midnight UTC), 403 a missing permission,
 * 400/422 a request LinkedIn will never accept, 5xx its own trouble.
 */
import { detailsOf, retryAfterMs, type PlatformAnswer } from '../common/http';
import type { PublishOutcome, RateLimitInfo } from '../types';
import { messageOf, nextMidnightUtc } from './api';

export type Stage =
  /** The call that creates the post or comment: a 5xx here may have created it. */
  | 'create'
  /** Uploads before the creating call: whatever goes wrong, nothing was posted. */
  | 'upload';

export type Outcome = PublishOutcome & { rateLimit?: RateLimitInfo };

export function outcomeOf(res: PlatformAnswer, body: unknown, now: number, stage: Stage, what: string): Outcome {
  const status = res.status;
  const details = detailsOf(status, body);
  const said = messageOf(body);
  if (status === 401) return { kind: 'expired_token', details };
  if (status === 429) {
    const wait = retryAfterMs(res, now);
    const until = wait !== undefined ? now + wait : nextMidnightUtc(now);
    return {
      kind: 'rate_limited',
      until,
      reason:
        wait !== undefined
          ? `LinkedIn asked Loomcast to slow down while ${what}.`
          : `LinkedIn's daily limit for this account was reached while ${what}; LinkedIn resets it at midnight UTC and sends no time, so Loomcast waits until then.`,
      details,
      rateLimit: { remaining: 0, resetAt: until },
    };
  }
  if (status >= 500) {
    return stage === 'create'
      ? { kind: 'unknown', reason: `LinkedIn had a server error (HTTP ${status}) while ${what}; the post may or may not have been made.`, details }
      : { kind: 'transient', reason: `LinkedIn had a server error (HTTP ${status}) while ${what}; nothing was posted.`, details };
  }
  if (status === 403) {
    return {
      kind: 'failed',
      reason: `LinkedIn refused: this connection isn't allowed to do that (${said ?? 'access denied'}). Reconnect LinkedIn, or check that you may post as this profile or page.`,
      details,
    };
  }
  if (said && /duplicate/i.test(said)) {
    // LinkedIn names the earlier post: "Content is a duplicate of urn:li:share:…".
    const duplicate = /urn:li:[A-Za-z]+:[\w-]+/.exec(said)?.[0];
    return {
      kind: 'failed',
      reason: `LinkedIn refused the post as a duplicate of one you already published${duplicate ? ` (${duplicate})` : ''}.`,
      details,
    };
  }
  return { kind: 'failed', reason: `LinkedIn rejected the post while ${what}: ${readable(said) ?? `HTTP ${status}`}.`, details };
}

/** "ERROR :: /commentary :: length 3100 exceeds 3000" → "commentary: length 3100 exceeds 3000". */
function readable(message: string | undefined): string | undefined {
  if (!message) return undefined;
  const m = /^ERROR :: \/?([^:]+?) :: (.+)$/s.exec(message.trim());
  return m ? `${m[1]}: ${m[2]}` : message.trim().replace(/\.$/, '');
}
