/**
 * Mastodon's error answers → outcomes. One table for both writes of a post: the media upload
 * (nothing is posted yet, so any failure there is definite non-delivery) and the status
 * creation (where a 5xx may hide a post that was made).
 */
import type { PublishOutcome } from '../types';
import { detailsOf, retryAfterMs, type PlatformAnswer } from '../common/http';
import { NAME, errorMessage, rateLimitOf } from './api';

export type Stage = 'media' | 'post';

/** Mastodon's throttles run in 5-minute windows; used only if a 429 comes without its headers. */
const DEFAULT_THROTTLE_MS = 5 * 60_000;

type Refusal = Extract<PublishOutcome, { kind: 'failed' | 'transient' }>;

/** Known validation messages (Mastodon's en.yml) in the creator's words. */
function refusal(message: string | null, stage: Stage): Refusal {
  const m = message ?? '';
  const limit = /character limit of (\d+) exceeded/i.exec(m);
  if (/Text can't be blank/i.test(m)) return { kind: 'failed', reason: `${NAME} refused an empty post: it needs some text or an image.` };
  if (limit) return { kind: 'failed', reason: `The post is longer than this ${NAME} server allows (${limit[1]} characters).` };
  const many = /more than (\d+) files/i.exec(m);
  if (many) return { kind: 'failed', reason: `This ${NAME} server allows at most ${many[1]} attachments per post.` };
  if (/video to a post that already contains images/i.test(m)) return { kind: 'failed', reason: `${NAME} cannot mix a video with images in one post.` };
  if (/not finished processing/i.test(m)) {
    // A validation error raised before the status is created: nothing was posted, and it clears.
    return { kind: 'transient', reason: `${NAME} is still processing the media; Loomcast will try again shortly.`, retryAfterMs: 30_000 };
  }
  if (/description is too long/i.test(m)) return { kind: 'failed', reason: `The alt text is longer than this ${NAME} server allows.` };
  if (/file size|too large|content type|could not be verified/i.test(m)) {
    return { kind: 'failed', reason: `${NAME} refused the file: ${m.replace(/^Validation failed: /, '')}.` };
  }
  const what = stage === 'media' ? 'the media' : 'the post';
  return { kind: 'failed', reason: m ? `${NAME} refused ${what}: ${m.replace(/^Validation failed: /, '')}.` : `${NAME} refused ${what}.` };
}

/** The outcome of a non-2xx answer to a media upload or status creation. */
export function errorOutcome(res: PlatformAnswer, body: unknown, stage: Stage, now: number): PublishOutcome {
  const details = detailsOf(res.status, body);
  const message = errorMessage(body);
  const s = res.status;
  if (s === 429) {
    const until = rateLimitOf(res)?.resetAt ?? (retryAfterMs(res, now) ?? DEFAULT_THROTTLE_MS) + now;
    const what = stage === 'media' ? 'media uploads' : 'posts';
    return { kind: 'rate_limited', until, reason: `${NAME} is limiting how many ${what} this account can make right now.`, details };
  }
  // Mastodon tokens never expire: a 401 means the token was revoked or deleted. The scheduler
  // answers expired_token with refresh(), which says "reconnect".
  if (s === 401) return { kind: 'expired_token', details };
  if (s === 403) {
    if (/outside the authorized scopes/i.test(message ?? '')) {
      return { kind: 'failed', reason: `Loomcast's access to this ${NAME} account does not include posting; reconnect the account.`, details };
    }
    return { kind: 'failed', reason: `${NAME} did not allow this account to post${message ? `: ${message}` : '.'}`, details };
  }
  if (s === 404 && stage === 'post') {
    return { kind: 'failed', reason: `The post this one replies to no longer exists on ${NAME}.`, details };
  }
  if (s === 413) return { kind: 'failed', reason: `The file is larger than this ${NAME} server accepts.`, details };
  if (s >= 400 && s < 500) return { ...refusal(message, stage), details };
  if (stage === 'media') {
    // Only an upload failed: no status exists without the create call that never happened.
    return { kind: 'transient', reason: `${NAME} could not take the media right now (HTTP ${s}); nothing was posted.`, details };
  }
  return { kind: 'unknown', reason: `${NAME} answered HTTP ${s} while creating the post; it may or may not have been made.`, details };
}
