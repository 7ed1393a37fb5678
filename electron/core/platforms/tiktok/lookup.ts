/**
 * Reading back from TikTok: reconcile (did an attempt post?). It never posts.
 *
 * Reconcile asks `status/fetch` about the publish_id the attempt remembered (`attemptMarker`,
 * see attempt.ts); that answer covers private posts and posts under review too. Without one (a
 * pull init whose answer was lost never got a publish_id) it looks through the account's recent
 * videos (`POST /v2/video/list/`, scope video.list) for the caption, made since the attempt
 * began. TikTok lists only public videos there, so for an account that may only post privately
 * it cannot tell.
 *
 * A failure that may pass (network, 5xx, 429, an expired token) throws a PlatformError, so the
 * scheduler looks again later; `cannot_tell` is kept for what TikTok truly cannot answer.
 */
import { detailsOf } from '../common/http';
import { PlatformError, type ClientContext, type PublishRequest, type ReconcileResult } from '../types';
import { apiCtx, callTikTok, sameCaption, type TikTokAnswer } from './api';
import { PROCESSING_BOUND_MS, attemptPoll, completedPost, decodeMarker } from './attempt';
import { waitForPublish, type PollOptions } from './status';

/** Platform clocks and ours disagree a little; a post a minute "early" is still this attempt. */
const CLOCK_SKEW_MS = 60_000;
const MAX_PAGES = 5;

interface ListedVideo {
  id?: string | number;
  title?: string;
  video_description?: string;
  create_time?: number;
  share_url?: string;
}

export async function reconcileTikTok(ctx: ClientContext, req: PublishRequest, poll: PollOptions): Promise<ReconcileResult> {
  const attempt = decodeMarker(req.attemptMarker);
  if (!attempt) return findInRecentVideos(ctx, req);
  const v = await waitForPublish(ctx, attempt.publishId, { ...poll, ...attemptPoll(attempt) });
  switch (v.kind) {
    case 'complete':
      return { kind: 'found', ...(await completedPost(ctx, attempt, v.postId)) };
    case 'failed':
    case 'upload_incomplete':
      return { kind: 'not_found' };
    case 'inbox':
      return { kind: 'cannot_tell', reason: 'TikTok sent the post to your TikTok inbox to finish there; check the TikTok app.' };
    case 'processing': {
      const elapsed = ctx.clock.now() - (attempt.at ?? req.attemptStartedAt);
      if (elapsed > PROCESSING_BOUND_MS) {
        return { kind: 'cannot_tell', reason: `TikTok has been processing the post for ${Math.round(elapsed / 60_000)} minutes (${v.status}) without finishing; check the TikTok app.` };
      }
      throw new PlatformError(`TikTok says the post is still processing; check again later (${v.status}).`);
    }
    case 'unreachable':
      if (v.answer && (v.answer.status === 400 || v.answer.status === 404)) {
        return { kind: 'cannot_tell', reason: 'TikTok no longer knows this attempt’s publish id, so Loomcast cannot ask what became of it. Check the TikTok app.' };
      }
      throw new PlatformError(`Could not ask TikTok what became of the post (${v.reason}); check again later.`, v.answer ? detailsOf(v.answer.status, v.answer.body) : undefined, v.answer?.status);
  }
}

/** A failed read that may pass: throw so the scheduler asks again later. Otherwise a reason. */
function unreadable(r: Exclude<TikTokAnswer<unknown>, { ok: true }>, what: string): string {
  if (r.network) throw new PlatformError(`Could not reach TikTok to ${what}: ${r.network.message}.`);
  if (r.status === 401 || r.status === 429 || r.status >= 500) {
    throw new PlatformError(`TikTok could not ${what} right now (HTTP ${r.status}, ${r.code}); check again later.`, detailsOf(r.status, r.body), r.status);
  }
  return `TikTok would not ${what} (HTTP ${r.status}, ${r.code}).`;
}

async function findInRecentVideos(ctx: ClientContext, req: PublishRequest): Promise<ReconcileResult> {
  const api = apiCtx(ctx);
  const info = await callTikTok<{ privacy_level_options?: string[] }>(api, 'POST', '/v2/post/publish/creator_info/query/', {});
  if (!info.ok) return { kind: 'cannot_tell', reason: unreadable(info, 'show the account’s posting settings') };
  if (!(info.data.privacy_level_options ?? []).includes('PUBLIC_TO_EVERYONE')) {
    return {
      kind: 'cannot_tell',
      reason: 'This account can only post privately through this app, and TikTok lists only public videos, so Loomcast cannot see whether the post was made. Check the TikTok app.',
    };
  }
  const since = req.attemptStartedAt - CLOCK_SKEW_MS;
  let cursor: number | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const r = await callTikTok<{ videos?: ListedVideo[]; cursor?: number; has_more?: boolean }>(
      api,
      'POST',
      '/v2/video/list/?fields=id,title,video_description,create_time,share_url',
      { max_count: 20, ...(cursor !== undefined ? { cursor } : {}) },
    );
    if (!r.ok) return { kind: 'cannot_tell', reason: unreadable(r, 'list the account’s recent videos') };
    const videos = r.data.videos ?? [];
    const match = videos.find(
      (v) => v.id !== undefined && (v.create_time ?? 0) * 1000 >= since && (sameCaption(v.video_description, req.text) || sameCaption(v.title, req.text)),
    );
    if (match) return { kind: 'found', platformPostId: String(match.id), url: match.share_url ?? null };
    const oldest = Math.min(...videos.map((v) => (v.create_time ?? 0) * 1000));
    if (!r.data.has_more || videos.length === 0 || oldest < since) return { kind: 'not_found' };
    cursor = r.data.cursor;
  }
  return { kind: 'cannot_tell', reason: 'The account posted too many TikTok videos since this attempt to look through them all.' };
}
