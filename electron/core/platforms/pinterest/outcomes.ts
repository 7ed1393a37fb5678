/**
 * Pinterest's HTTP answers → outcomes. Only `POST /v5/pins` creates anything, so only its
 * ambiguous answers are `unknown`; every failure before it (registering or uploading a video) is
 * definite non-delivery.
 */
import type { PublishOutcome } from '../types';
import { detailsOf, neverLeft, type NetworkFailure, type PlatformAnswer } from '../common/http';
import { errorMessage, PLATFORM_NAME, rateLimitWindow } from './api';

export type Step = 'create' | 'prepare';

export function statusOutcome(res: PlatformAnswer, body: unknown, now: number, step: Step): PublishOutcome {
  const status = res.status;
  const details = detailsOf(status, body);
  const said = errorMessage(body);
  if (status === 401) return { kind: 'expired_token', details };
  if (status === 429) {
    const { until, source } = rateLimitWindow(res, now);
    const when = source === 'none' ? ' Pinterest sent no reset time, so Loomcast waits 60 seconds.' : ` (per ${source}).`;
    return { kind: 'rate_limited', until, reason: `Pinterest is limiting how fast this account can post.${when}`, details };
  }
  if (status >= 500) {
    return step === 'create'
      ? { kind: 'unknown', reason: `Pinterest had an error (HTTP ${status}) while making the pin; it may or may not exist.`, details }
      : { kind: 'transient', reason: `Pinterest had an error (HTTP ${status}) before the pin was made; nothing was posted.`, details };
  }
  if (status === 403) {
    return { kind: 'failed', reason: `Pinterest does not allow this account to do that${said ? ` (${said})` : ''}. Reconnect Pinterest to grant pin access.`, details };
  }
  if (status === 404) {
    return { kind: 'failed', reason: `Pinterest could not find the board or the uploaded video${said ? ` (${said})` : ''}. Reconnect Pinterest to pick a board.`, details };
  }
  return { kind: 'failed', reason: `Pinterest refused the pin${said ? `: ${said}` : ` (HTTP ${status})`}.`, details };
}

/** A network failure: unknown only on the creating call; before it, nothing can have been posted. */
export function networkFailureOutcome(failure: NetworkFailure, step: Step): PublishOutcome {
  if (step === 'prepare' || neverLeft(failure)) {
    return { kind: 'transient', reason: `Could not reach ${PLATFORM_NAME} (${failure.message}); nothing was posted.` };
  }
  return { kind: 'unknown', reason: `${PLATFORM_NAME} may or may not have made the pin: ${failure.message}.` };
}
