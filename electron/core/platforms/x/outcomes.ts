/**
 * X's answers → outcomes. Two rules decide everything here:
 * - a failure while preparing (media upload, alt text, processing) is before `POST /2/tweets`,
 *   so nothing can have been posted: never `unknown`;
 * - only `POST /2/tweets` itself can leave the outcome unknown (timeout, reset, 5xx).
 */
import { detailsOf, networkOutcome, type NetworkFailure, type PlatformAnswer } from '../common/http';
import type { PublishOutcome } from '../types';
import { X_NAME, isDuplicate, isRateLimited, rateLimitedOutcome, xMessage } from './api';

export const DUPLICATE_REASON = 'X refused this as a duplicate of a post you already published.';

/** A non-2xx answer to a preparing step; `what` names it for the creator ("the image"). */
export function prepareFailure(res: PlatformAnswer, body: unknown, now: number, what: string): PublishOutcome {
  const details = detailsOf(res.status, body);
  if (isRateLimited(res.status, body)) return rateLimitedOutcome(res, body, now, 'media uploads');
  if (res.status === 401) return { kind: 'expired_token', details };
  if (res.status >= 500) return { kind: 'transient', reason: `X could not take ${what} right now; nothing was posted.`, details };
  const said = xMessage(body);
  return { kind: 'failed', reason: `X refused ${what}${said ? `: ${said}` : '.'}`, details };
}

/** A network failure while preparing: the post was not created, whatever the failure. */
export function prepareNetworkFailure(failure: NetworkFailure, what: string): PublishOutcome {
  return { kind: 'transient', reason: `Could not send ${what} to X (${failure.message}); nothing was posted.` };
}

/** A network failure on `POST /2/tweets`: refused is safe, anything else may have posted. */
export function createNetworkFailure(failure: NetworkFailure): PublishOutcome {
  return networkOutcome(failure, X_NAME);
}

/** A non-2xx answer to `POST /2/tweets`. */
export function createFailure(res: PlatformAnswer, body: unknown, now: number): PublishOutcome {
  const details = detailsOf(res.status, body);
  if (isRateLimited(res.status, body)) return rateLimitedOutcome(res, body, now, 'posting');
  if (res.status === 401) return { kind: 'expired_token', details };
  if (res.status >= 500) {
    return { kind: 'unknown', reason: `X answered with a server error (HTTP ${res.status}); the post may or may not have been created.`, details };
  }
  if (res.status === 403 && isDuplicate(body)) return { kind: 'failed', reason: DUPLICATE_REASON, details };
  const said = xMessage(body);
  if (res.status === 400) return { kind: 'failed', reason: `X rejected the post as invalid${said ? `: ${said}` : '.'}`, details };
  if (res.status === 403) return { kind: 'failed', reason: `X does not allow this post${said ? `: ${said}` : '.'}`, details };
  return { kind: 'failed', reason: `X refused the post (HTTP ${res.status})${said ? `: ${said}` : '.'}`, details };
}
