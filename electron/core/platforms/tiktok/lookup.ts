/**
 * Reading back from TikTok: reconcile (did an attempt post?) and metrics. Neither ever posts.
 *
 * Reconcile asks `status/fetch` when this client still remembers the attempt's publish_id
 * (PublishRequest has no field for it, so it lives in memory for the life of the process);
 * otherwise it looks through the account's recent videos (`POST /v2/video/list/`, scope
 * video.list) for the caption, made since the attempt began. TikTok lists only public videos
 * there, so for an account that may only post privately it cannot tell.
 */
import { detailsOf } from '../common/http';
import { PlatformError, type ClientContext, type MetricSnapshot, type PublishRequest, type ReconcileResult } from '../types';
import { apiCtx, callTikTok, sameCaption } from './api';
import { shareUrl, type Attempt } from './publish';
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

export async function reconcileTikTok(ctx: ClientContext, req: PublishRequest, known: Attempt | undefined, poll: PollOptions): Promise<ReconcileResult> {
  if (known) {
    const v = await waitForPublish(ctx, known.publishId, { ...poll, ...(known.videoSize !== undefined ? { videoSize: known.videoSize } : {}) });
    if (v.kind === 'complete') return { kind: 'found', platformPostId: v.postId ?? known.publishId, url: v.postId ? await shareUrl(ctx, v.postId) : null };
    if (v.kind === 'failed' || v.kind === 'upload_incomplete') return { kind: 'not_found' };
    if (v.kind === 'processing') return { kind: 'cannot_tell', reason: `TikTok is still processing the post (${v.status}); check again in a few minutes.` };
    if (v.kind === 'inbox') return { kind: 'cannot_tell', reason: 'TikTok sent the post to the creator’s TikTok inbox; check the TikTok app.' };
    // Could not ask about the publish_id: fall back to the recent videos.
  }
  return findInRecentVideos(ctx, req);
}

async function findInRecentVideos(ctx: ClientContext, req: PublishRequest): Promise<ReconcileResult> {
  const api = apiCtx(ctx);
  const info = await callTikTok<{ privacy_level_options?: string[] }>(api, 'POST', '/v2/post/publish/creator_info/query/', {});
  if (!info.ok) return { kind: 'cannot_tell', reason: `Could not ask TikTok about the account: ${info.network ? info.network.message : `HTTP ${info.status} ${info.code}`}.` };
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
    if (!r.ok) return { kind: 'cannot_tell', reason: `Could not read the account’s recent TikTok videos: ${r.network ? r.network.message : `HTTP ${r.status} ${r.code}`}.` };
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

interface QueriedVideo {
  id?: string | number;
  view_count?: number;
  like_count?: number;
  comment_count?: number;
  share_count?: number;
}

export async function tiktokMetrics(ctx: ClientContext, postId: string): Promise<MetricSnapshot> {
  if (!/^\d+$/.test(postId)) throw new PlatformError('TikTok gives no statistics for a private post (it has no public id).');
  const r = await callTikTok<{ videos?: QueriedVideo[] }>(apiCtx(ctx), 'POST', '/v2/video/query/?fields=id,view_count,like_count,comment_count,share_count', {
    filters: { video_ids: [postId] },
  });
  if (!r.ok) {
    if (r.network) throw new PlatformError(`Could not reach TikTok for statistics: ${r.network.message}.`);
    throw new PlatformError('TikTok would not give the post’s statistics.', detailsOf(r.status, r.body), r.status);
  }
  const v = r.data.videos?.find((x) => String(x.id) === postId);
  if (!v) throw new PlatformError('TikTok does not list this post any more (deleted, or not public).');
  const n = (x: number | undefined) => (typeof x === 'number' ? x : null);
  return { views: n(v.view_count), likes: n(v.like_count), replies: n(v.comment_count), shares: n(v.share_count) };
}
