/**
 * A TikTok copy saved without its public id. TikTok reports PUBLISH_COMPLETE before a public
 * post's review passes and lists `publicaly_available_post_id` only after (usually within a
 * minute, sometimes hours); when the review outlasts publishing's polls, the copy is saved under
 * the publish_id with the under-review notice (attempt.ts, completedPost). The metrics collector
 * asks `status/fetch` about that publish_id again at each of its looks (readPendingPost) until
 * the id appears, TikTok turns the post down, or measuring ends.
 *
 * A post that went out with less than public visibility never gets a public id (and TikTok gives
 * no statistics for it): it is not asked about.
 */
import { detailsOf } from '../common/http';
import { PlatformError, type ClientContext, type ProvisionalAnswer } from '../types';
import { isPrivacyNotice, shareUrl } from './attempt';
import { fetchStatus } from './status';

/** TikTok's public ids are int64 digits; a publish_id (`v_pub_file~v2-1.…`) is not. */
export const isPublishId = (platformPostId: string): boolean => !/^\d+$/.test(platformPostId);

export type PendingPostAnswer = ProvisionalAnswer;

/**
 * One status read of a copy saved under its publish_id. A read that may pass (network, 5xx, 429,
 * an expired token) throws a PlatformError the collector sorts like any failed look.
 */
export async function readPendingPost(ctx: ClientContext, copy: { publishId: string; notice: string | null }): Promise<PendingPostAnswer> {
  if (isPrivacyNotice(copy.notice)) {
    return { kind: 'no_public_id', detail: 'TikTok gives no statistics for a post that is not public (it has no public id).' };
  }
  const r = await fetchStatus(ctx, copy.publishId);
  if (!r.ok) {
    if (r.network) throw new PlatformError(`Could not reach TikTok to ask whether the post has passed its review: ${r.network.message}.`);
    const details = detailsOf(r.status, r.body);
    if (r.status === 429 || r.code === 'rate_limit_exceeded') {
      // No rate headers: TikTok counts status reads in a sliding one-minute window.
      throw new PlatformError('TikTok is limiting status reads.', details, 429, { retryAt: ctx.clock.now() + 60_000 });
    }
    if (r.status === 401 || r.status === 403 || r.code === 'scope_not_authorized') {
      throw new PlatformError('TikTok would not show the post’s status.', details, r.status === 403 ? 403 : 401, { scope: 'video.publish' });
    }
    if (r.status === 400 || r.status === 404) {
      return { kind: 'no_public_id', detail: `TikTok no longer answers about this post’s publish id (HTTP ${r.status}, ${r.code}), so Loomcast cannot find its public id or statistics.` };
    }
    throw new PlatformError(`TikTok could not show the post’s status (HTTP ${r.status}, ${r.code}).`, details, r.status);
  }
  const s = r.data;
  if (s.status === 'FAILED') {
    const why = s.fail_reason ? ` (${s.fail_reason})` : '';
    return {
      kind: 'removed',
      detail: `TikTok took the post down after it went out${why}: its review did not pass. Loomcast stopped checking it.`,
      notice: `TikTok took this post down after it went out${why}: its review did not pass, so it has no link or statistics. It did go out, so it stays published here.`,
    };
  }
  const id = s.status === 'PUBLISH_COMPLETE' ? s.publicaly_available_post_id?.[0] : undefined;
  if (id === undefined) {
    return { kind: 'waiting', detail: 'TikTok has not given this post a public id yet (its review may still be running); Loomcast asks again at the next look.' };
  }
  const postId = String(id);
  return { kind: 'found', platformPostId: postId, url: await shareUrl(ctx, postId), notice: null };
}
