/**
 * The attempt marker: what TikTok handed back for one attempt (its publish_id), saved through
 * `req.remember` as soon as init answers, before TikTok can make the post public. It survives a
 * crash, so a later reconcile or retry asks `status/fetch` about that exact publish_id instead of
 * guessing from the public video list, which shows neither private posts nor posts still under
 * review.
 *
 * The marker is JSON: the publish_id, plus what makes its status readable later — the file size
 * (to tell an upload cut short from one TikTok is processing), the privacy level it was posted
 * with, and when init answered.
 */
import type { ClientContext } from '../types';
import { apiCtx, callTikTok } from './api';

export interface AttemptMarker {
  publishId: string;
  /** FILE_UPLOAD only: the full size, to tell an unfinished upload from a processing one. */
  videoSize?: number;
  privacy?: string;
  /** Epoch ms when TikTok handed out the publish_id. */
  at?: number;
}

export function encodeMarker(m: AttemptMarker): string {
  return JSON.stringify(m);
}

/** A marker this client wrote, or a bare publish_id. */
export function decodeMarker(raw: string | null | undefined): AttemptMarker | null {
  const s = raw?.trim();
  if (!s) return null;
  let v: unknown;
  try {
    v = JSON.parse(s);
  } catch {
    return { publishId: s };
  }
  const o = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  if (typeof o.publishId !== 'string' || !o.publishId) return null;
  return {
    publishId: o.publishId,
    ...(typeof o.videoSize === 'number' ? { videoSize: o.videoSize } : {}),
    ...(typeof o.privacy === 'string' ? { privacy: o.privacy } : {}),
    ...(typeof o.at === 'number' ? { at: o.at } : {}),
  };
}

/**
 * What a status read of this attempt needs: the file size (an upload cut short), and whether to
 * wait for the public id, which a public post gets only once TikTok's moderation passes.
 */
export function attemptPoll(a: AttemptMarker): { videoSize?: number; awaitPublicId?: boolean } {
  return { ...(a.videoSize !== undefined ? { videoSize: a.videoSize } : {}), ...(a.privacy === 'PUBLIC_TO_EVERYONE' ? { awaitPublicId: true } : {}) };
}

/** TikTok normally finishes processing within minutes; past an hour, Loomcast stops waiting. */
export const PROCESSING_BOUND_MS = 60 * 60_000;

const PRIVACY_WORDS: Record<string, string> = {
  PUBLIC_TO_EVERYONE: 'public',
  MUTUAL_FOLLOW_FRIENDS: 'friends only',
  FOLLOWER_OF_CREATOR: 'followers only',
  SELF_ONLY: 'private (only you can see it)',
};

const PRIVACY_NOTICE_START = 'TikTok does not offer public posting for this account';

/** Why a post went out with less than public visibility; null for a public post. */
export function privacyNotice(level: string | undefined): string | null {
  if (!level || level === 'PUBLIC_TO_EVERYONE') return null;
  return `${PRIVACY_NOTICE_START} through this app (apps that have not passed TikTok's audit may only post privately), so the post was published as ${PRIVACY_WORDS[level] ?? level}.`;
}

/** A copy's notice saying it went out with less than public visibility (privacyNotice). */
export const isPrivacyNotice = (notice: string | null | undefined): boolean => !!notice?.startsWith(PRIVACY_NOTICE_START);

/** The notice of a public post saved before TikTok listed its public id (see ./pending.ts). */
export const UNDER_REVIEW_NOTICE =
  'TikTok published the post but has not given it a public id yet (it may still be under review), so Loomcast keeps TikTok’s publish id for it meanwhile: the link and statistics come once TikTok lists the post.';

/** The post's share link, best effort: a published post stays published without it. */
export async function shareUrl(ctx: ClientContext, postId: string): Promise<string | null> {
  const r = await callTikTok<{ videos?: { id?: string | number; share_url?: string }[] }>(apiCtx(ctx), 'POST', '/v2/video/query/?fields=id,share_url', {
    filters: { video_ids: [postId] },
  });
  if (!r.ok) return null;
  return r.data.videos?.find((v) => String(v.id) === postId)?.share_url ?? null;
}

/**
 * A PUBLISH_COMPLETE attempt as the scheduler records it. Private posts (and posts still under
 * review) get no public id: the publish_id is the only handle TikTok gives then, and a notice
 * says why there is no link.
 */
export async function completedPost(ctx: ClientContext, attempt: AttemptMarker, postId: string | null): Promise<{ platformPostId: string; url: string | null; notice?: string }> {
  const notice = privacyNotice(attempt.privacy);
  if (postId) return { platformPostId: postId, url: await shareUrl(ctx, postId), ...(notice ? { notice } : {}) };
  return {
    platformPostId: attempt.publishId,
    url: null,
    notice: notice ?? UNDER_REVIEW_NOTICE,
  };
}
