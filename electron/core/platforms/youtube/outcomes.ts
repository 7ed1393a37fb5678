/**
 * YouTube's answers → outcomes. A resumable upload creates the video only when its last byte
 * arrives: the session start and every earlier chunk are preparation (definite non-delivery);
 * only the last chunk can leave the outcome unknown.
 */
import { DateTime } from 'luxon';
import { detailsOf, retryAfterMs, type PlatformAnswer } from '../common/http';
import type { PublishOutcome } from '../types';
import { googleError } from './api';

/** Quota resets at midnight Pacific Time. */
export function nextPacificMidnight(now: number): number {
  return DateTime.fromMillis(now, { zone: 'America/Los_Angeles' }).plus({ days: 1 }).startOf('day').toMillis();
}

const REFUSALS: Record<string, string> = {
  invalidTitle: 'YouTube refused the title: it must be 1–100 characters, without < or >.',
  invalidDescription: 'YouTube refused the description: it must be at most 5000 bytes, without < or >.',
  invalidTags: 'YouTube refused the tags (at most 500 characters in all).',
  invalidCategoryId: 'YouTube refused the video category.',
  invalidVideoMetadata: 'YouTube refused the video’s details.',
  mediaBodyRequired: 'YouTube received no video file.',
  youtubeSignupRequired: 'This Google account has no YouTube channel yet. Create one on YouTube, then try again.',
  forbidden: 'YouTube does not allow this account to upload videos through Loomcast.',
  insufficientPermissions: 'Loomcast lacks permission to upload to this channel. Reconnect YouTube and allow uploads.',
  badContent: 'YouTube refused the video file.',
};

/** A non-2xx answer to a call that cannot have created the video. */
export function refusal(res: PlatformAnswer, body: unknown, now: number): PublishOutcome {
  const details = detailsOf(res.status, body);
  const e = googleError(res.status, body);
  if (res.status === 401) return { kind: 'expired_token', details };
  if (e.reason === 'quotaExceeded' || e.reason === 'dailyLimitExceeded') {
    return { kind: 'rate_limited', until: nextPacificMidnight(now), reason: 'YouTube’s daily API quota is used up; it resets at midnight Pacific Time.', details };
  }
  if (e.reason === 'uploadLimitExceeded') {
    return { kind: 'rate_limited', until: nextPacificMidnight(now), reason: 'This channel reached YouTube’s daily upload limit; trying again after midnight Pacific Time.', details };
  }
  if (res.status === 429 || e.reason === 'rateLimitExceeded' || e.reason === 'userRateLimitExceeded') {
    return { kind: 'rate_limited', until: now + (retryAfterMs(res, now) ?? 60_000), reason: 'YouTube asked Loomcast to slow down; trying again in a minute.', details };
  }
  if (res.status >= 500) return { kind: 'transient', reason: `YouTube had a server error (HTTP ${res.status}) before the video was created; nothing was posted.`, details };
  const known = REFUSALS[e.reason];
  if (known) return { kind: 'failed', reason: known, details };
  return { kind: 'failed', reason: `YouTube refused the upload (${e.reason})${e.message ? `: ${e.message}` : '.'}`, details };
}
