/**
 * A failed XRPC call → a publish outcome. Two stages with different truths:
 * - `before`: everything ahead of createRecord (mention lookups, reply lookups, blob uploads).
 *   Nothing can be posted without createRecord, so every failure here is definite non-delivery.
 * - `create`: the createRecord call itself, where a timeout, a reset or a 5xx may hide a post.
 *   (publish.ts looks the rkey up before settling a 4xx/5xx answer as failed or unknown.)
 */
import { networkOutcome } from '../common/http';
import type { Clock } from '../../deps';
import type { PublishOutcome } from '../types';
import { NAME, type XrpcFailure } from './xrpc';

/** The PDS's global limit is 3000 requests per 5 minutes: the wait used when a 429 has no headers. */
const DEFAULT_RATE_WINDOW_MS = 5 * 60_000;

export type Stage = 'before' | 'create';

/** The answers that settle the outcome whatever the stage: nothing was written. */
export function definiteRefusal(r: XrpcFailure, clock: Clock, what: string): PublishOutcome | null {
  if (r.kind !== 'http') return null;
  if (r.status === 429) {
    const until = r.rateLimit?.resetAt ?? clock.now() + (r.retryAfterMs ?? DEFAULT_RATE_WINDOW_MS);
    return { kind: 'rate_limited', until, reason: `${NAME} is limiting how many ${what} this account can make right now.`, details: r.details };
  }
  if (r.error === 'ExpiredToken') return { kind: 'expired_token', details: r.details };
  if (r.error === 'InvalidToken' || r.error === 'AuthMissing' || r.status === 401) {
    return { kind: 'failed', reason: `${NAME} did not accept Loomcast's sign-in for this account. Reconnect it in Accounts.`, details: r.details };
  }
  if (r.error === 'AccountTakedown' || r.error === 'AccountDeactivated' || r.error === 'RepoDeactivated' || r.error === 'RepoTakendown') {
    return { kind: 'failed', reason: `${NAME} says this account is deactivated or taken down, so it cannot post.`, details: r.details };
  }
  return null;
}

/** A 4xx that is the server refusing the content, in the creator's words. */
export function contentRefusal(r: Extract<XrpcFailure, { kind: 'http' }>, what: 'post' | 'image'): PublishOutcome {
  const m = r.message ?? '';
  if (r.status === 413) return { kind: 'failed', reason: `The image is larger than this ${NAME} server accepts.`, details: r.details };
  // The PDS's lexicon validation: "<grapheme|string> too big (maximum N, got M) at $.record.<path>".
  const big = /(grapheme|string) too big \(maximum (\d+), got (\d+)\) at \$\.record\.([\w.[\]]+)/i.exec(m);
  if (big) {
    const [, unit, max, got, path] = big;
    const field = path === 'text' ? "The post's text" : /\.alt$/.test(path!) ? "An image's alt text" : `The post's ${path}`;
    const reason =
      unit === 'grapheme'
        ? `${field} has ${got} characters; ${NAME} allows at most ${max}.`
        : `${field} is longer than ${NAME} allows: ${got} bytes where the limit is ${max} (emoji and accented letters take several bytes each).`;
    return { kind: 'failed', reason, details: r.details };
  }
  const clean = m.replace(/^Invalid app\.bsky\.feed\.post record: /, '');
  return { kind: 'failed', reason: clean ? `${NAME} refused the ${what}: ${clean}.` : `${NAME} refused the ${what} (HTTP ${r.status}).`, details: r.details };
}

/** Any failure ahead of createRecord: nothing was posted. */
export function beforeCreateOutcome(r: XrpcFailure, clock: Clock, doing: string): PublishOutcome {
  const settled = definiteRefusal(r, clock, doing === 'uploading an image' ? 'uploads' : 'requests');
  if (settled) return settled;
  switch (r.kind) {
    case 'network':
      return { kind: 'transient', reason: `${NAME} could not be reached while ${doing} (${r.failure.message}); nothing was posted.` };
    case 'garbled':
      return { kind: 'transient', reason: `${NAME} gave an unreadable answer while ${doing}; nothing was posted.`, details: r.message };
    case 'unsent':
      return { kind: 'failed', reason: `Loomcast could not prepare the request while ${doing}: ${r.message}.` };
    case 'http':
      if (r.status >= 500) return { kind: 'transient', reason: `${NAME} had a problem while ${doing} (HTTP ${r.status}); nothing was posted.`, details: r.details };
      return contentRefusal(r, doing === 'uploading an image' ? 'image' : 'post');
  }
}

/** createRecord failed and the rkey lookup did not find the post (or could not look). */
export function createOutcome(r: XrpcFailure, clock: Clock, looked: 'not_found' | 'could_not_look'): PublishOutcome {
  const settled = definiteRefusal(r, clock, 'posts');
  if (settled) return settled;
  switch (r.kind) {
    case 'network':
      return networkOutcome(r.failure, NAME);
    case 'unsent':
      return { kind: 'failed', reason: `Loomcast could not prepare the post: ${r.message}.` };
    case 'garbled':
      return { kind: 'unknown', reason: `${NAME} accepted the request but its answer could not be read (${r.message}); the post may or may not have been made.` };
    case 'http':
      if (r.status >= 500) {
        return { kind: 'unknown', reason: `${NAME} answered HTTP ${r.status} while creating the post; it may or may not have been made.`, details: r.details };
      }
      if (looked === 'could_not_look' && /already exists/i.test(r.message ?? '')) {
        return { kind: 'unknown', reason: `${NAME} says a post with this key already exists, but Loomcast could not look it up.`, details: r.details };
      }
      return contentRefusal(r, 'post');
  }
}
