/**
 * TikTok's answers → outcomes. Where the post is created decides what a failure means:
 * - FILE_UPLOAD: `video/init` only opens an upload; the post exists only once the last chunk is
 *   in. Everything before the last chunk is definite non-delivery (an unfinished upload on
 *   TikTok, never a post).
 * - PULL_FROM_URL (video or photos): `init` itself hands TikTok everything it needs, so `init`
 *   is the creating call and only it can be `unknown`.
 * - After the creating call succeeded, any failure to confirm is `unknown`, never a retryable
 *   outcome: TikTok is already publishing it.
 */
import { detailsOf, networkOutcome, type NetworkFailure } from '../common/http';
import type { PublishOutcome } from '../types';
import { TIKTOK_NAME } from './api';

/** TikTok sends no rate-limit headers; its documented limits are per-minute windows. */
export const RATE_WINDOW_MS = 60_000;
const DAY_MS = 24 * 60 * 60_000;

export type Stage = 'prepare' | 'create';

type ErrorAnswer = { status: number; code: string; message: string; body: unknown };

const REFUSALS: Record<string, string> = {
  scope_not_authorized: 'TikTok has not given Loomcast permission to post for this account. Reconnect TikTok and allow posting.',
  privacy_level_option_mismatch: "TikTok refused the post's privacy setting for this account.",
  unaudited_client_can_only_post_to_private_accounts:
    'TikTok only lets an app that has not passed its audit post to private accounts. Make the TikTok account private, or use an audited TikTok app.',
  url_ownership_unverified:
    'TikTok only pulls media from a domain you have verified in the TikTok developer portal. Verify the media bucket’s domain there.',
  spam_risk_user_banned_from_posting: 'TikTok has blocked this account from posting.',
  spam_risk_text: 'TikTok refused the caption as spam.',
  spam_risk: 'TikTok refused the post as spam.',
  invalid_file_upload: 'TikTok refused the uploaded video file.',
  file_format_check_failed: 'TikTok cannot use this file format.',
  duration_check_failed: 'The video is longer than this TikTok account may post.',
  frame_rate_check_failed: 'TikTok refused the video’s frame rate.',
  picture_size_check_failed: 'TikTok refused the size of a photo or video frame.',
  video_pull_failed: 'TikTok could not download the video from its public link.',
  photo_pull_failed: 'TikTok could not download a photo from its public link.',
  publish_cancelled: 'The post was cancelled on TikTok.',
  auth_removed: 'The TikTok account removed Loomcast’s access while the post was processing. Reconnect TikTok.',
  user_has_no_profile_photo: 'TikTok needs the account to have a profile photo before posting.',
};

/** A non-ok envelope. `stage` says whether this call could have created the post. */
export function errorOutcome(err: ErrorAnswer, stage: Stage, now: number): PublishOutcome {
  const details = detailsOf(err.status, err.body);
  const said = err.message ? `: ${err.message}` : '.';
  if (err.status === 401 && err.code === 'access_token_invalid') return { kind: 'expired_token', details };
  if (err.status === 429 || err.code === 'rate_limit_exceeded') {
    return {
      kind: 'rate_limited',
      until: now + RATE_WINDOW_MS,
      reason: 'TikTok’s per-minute request limit was reached. TikTok sends no reset time, so Loomcast waits one minute, its documented window.',
      details,
    };
  }
  if (err.code === 'spam_risk_too_many_posts' || err.code === 'reached_active_user_cap') {
    return {
      kind: 'rate_limited',
      until: now + DAY_MS,
      reason:
        err.code === 'spam_risk_too_many_posts'
          ? 'TikTok’s daily posting limit for this account was reached; trying again in 24 hours.'
          : 'TikTok’s daily limit of accounts posting through this app was reached; trying again in 24 hours.',
      details,
    };
  }
  if (err.status >= 500) {
    return stage === 'create'
      ? { kind: 'unknown', reason: `TikTok answered with a server error (HTTP ${err.status}); the post may or may not have been created.`, details }
      : { kind: 'transient', reason: `TikTok had a server error (HTTP ${err.status}) before anything was posted.`, details };
  }
  const known = REFUSALS[err.code];
  if (known) return { kind: 'failed', reason: known, details };
  if (err.code === 'invalid_params') return { kind: 'failed', reason: `TikTok refused the post as invalid${said}`, details };
  return { kind: 'failed', reason: `TikTok refused the post (HTTP ${err.status}, ${err.code})${said}`, details };
}

export function networkFailureOutcome(failure: NetworkFailure, stage: Stage, what: string): PublishOutcome {
  if (stage === 'create') return networkOutcome(failure, TIKTOK_NAME);
  return { kind: 'transient', reason: `Could not ${what} (${failure.message}); nothing was posted.` };
}

/** A publish that ended FAILED on TikTok's side (`status/fetch` → `fail_reason`). */
export function processingFailure(failReason: string | undefined, body: unknown, now: number): PublishOutcome {
  const details = detailsOf(200, body);
  const code = failReason ?? 'unknown';
  if (code === 'internal') return { kind: 'transient', reason: 'TikTok failed to process the post because of an error on its side; nothing was posted.', details };
  if (code === 'spam_risk_too_many_posts') {
    return { kind: 'rate_limited', until: now + DAY_MS, reason: 'TikTok’s daily posting limit for this account was reached; nothing was posted. Trying again in 24 hours.', details };
  }
  return { kind: 'failed', reason: REFUSALS[code] ?? `TikTok could not publish the post (${code}).`, details };
}
