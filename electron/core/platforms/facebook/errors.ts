/**
 * Graph API answers → outcomes. Facebook answers most errors with HTTP 400 whatever they are,
 * so the branch is on `error.code`: 190 the token, 4/17/32/613/80001 throttling, 506 a
 * duplicate, 368 a policy block, 10/200–299 a missing permission, 100 a bad request, 1/2
 * Facebook's own temporary trouble.
 */
import { detailsOf } from '../common/http';
import type { PublishOutcome, RateLimitInfo } from '../types';
import { graphError, readUsage, saidBy, type GraphError } from './api';

export type Outcome = PublishOutcome & { rateLimit?: RateLimitInfo };
export type Stage = 'create' | 'upload';

const THROTTLE_CODES = new Set([4, 17, 32, 613, 80001]);
const HOUR = 3_600_000;

/** Code 190's subcodes, in the creator's words. */
export function tokenProblem(e: GraphError | null): string {
  switch (e?.error_subcode) {
    case 463:
      return 'The Facebook sign-in expired.';
    case 460:
      return 'The Facebook password was changed, which ends every app sign-in.';
    case 467:
      return 'The Facebook sign-in is no longer valid (logged out, or ended by Facebook).';
    case 458:
      return 'Loomcast was removed from the Facebook account’s apps.';
    case 459:
      return 'Facebook wants the account owner to log in at facebook.com and clear a security checkpoint.';
    case 464:
      return 'The Facebook account is unconfirmed.';
    default:
      return 'Facebook no longer accepts the saved sign-in.';
  }
}

export function outcomeOf(res: Response, body: unknown, now: number, stage: Stage, what: string, pageId: string): Outcome {
  const e = graphError(body);
  const code = e?.code;
  const details = detailsOf(res.status, body);
  const said = saidBy(e);
  const usage = readUsage(res, now, pageId);
  const withUsage = (o: PublishOutcome): Outcome => (usage.rateLimit ? { ...o, rateLimit: usage.rateLimit } : o);

  if (code === 190 || code === 102) return withUsage({ kind: 'expired_token', details: `${tokenProblem(e)} ${details}` });
  if (code !== undefined && THROTTLE_CODES.has(code)) {
    // BUC says when access returns; X-App-Usage only reports a rolling hour, so wait that hour.
    const until = usage.regainAt ?? now + HOUR;
    return {
      kind: 'rate_limited',
      until,
      reason: usage.regainAt
        ? `Facebook is throttling calls for this Page while ${what}; it says access returns in about ${Math.round((until - now) / 60_000)} minutes.`
        : `Facebook is throttling calls while ${what} and gives no time, so Loomcast waits an hour (its usage window).`,
      details,
      rateLimit: { ...usage.rateLimit, remaining: 0, resetAt: until },
    };
  }
  if (code === 506) return withUsage({ kind: 'failed', reason: 'Facebook refused the post as a duplicate of one you already published on this Page.', details });
  if (code === 368) {
    return withUsage({ kind: 'failed', reason: `Facebook blocked the post under its Community Standards or spam rules${said ? `: ${said}` : ''}.`, details });
  }
  if (code === 10 || (code !== undefined && code >= 200 && code <= 299)) {
    return withUsage({
      kind: 'failed',
      reason: `Facebook says Loomcast may not do this on the Page (${said ?? 'permission missing'}). Reconnect the Page and grant the requested permissions.`,
      details,
    });
  }
  // Code 1/2 are "temporary, retry", but nothing says the post was not made: on the creating
  // call that is an unknown outcome, before it nothing was posted.
  if (code === 1 || code === 2 || res.status >= 500) {
    return withUsage(
      stage === 'create'
        ? { kind: 'unknown', reason: `Facebook had a temporary error while ${what}; the post may or may not have been made.`, details }
        : { kind: 'transient', reason: `Facebook had a temporary error while ${what}; nothing was posted.`, details },
    );
  }
  return withUsage({ kind: 'failed', reason: `Facebook rejected the post while ${what}: ${(said ?? `HTTP ${res.status}`).replace(/\.$/, '')}.`, details });
}
