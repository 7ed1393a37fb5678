/**
 * TikTok statistics: `POST /v2/video/query/?fields=id,view_count,like_count,comment_count,share_count`
 * with `{filters:{video_ids:[…up to 20]}}` (scope video.list). Videos TikTok leaves out of the
 * answer are gone (deleted, or no longer public). Numbers can lag up to 48 h; a video listed
 * without any count is not ready yet. TikTok sends no rate headers: a 429 waits out its 1-minute
 * sliding window.
 */
import { detailsOf } from '../common/http';
import { PlatformError, type ClientContext, type MetricSnapshot } from '../types';
import { apiCtx, callTikTok } from './api';

export const TIKTOK_METRICS_BATCH = 20;
const FIELDS = 'id,view_count,like_count,comment_count,share_count';

interface QueriedVideo {
  id?: string | number;
  view_count?: number;
  like_count?: number;
  comment_count?: number;
  share_count?: number;
}

const n = (x: number | undefined) => (typeof x === 'number' ? x : null);

export async function tiktokMetricsBatch(ctx: ClientContext, ids: string[]): Promise<Map<string, MetricSnapshot>> {
  const out = new Map<string, MetricSnapshot>();
  // A private post has no public id and no statistics: it is simply not in the answer.
  const ask = ids.filter((id) => /^\d+$/.test(id));
  if (ask.length === 0) return out;
  if (ask.length > TIKTOK_METRICS_BATCH) throw new PlatformError(`TikTok reads at most ${TIKTOK_METRICS_BATCH} videos at a time.`);
  const r = await callTikTok<{ videos?: QueriedVideo[] }>(apiCtx(ctx), 'POST', `/v2/video/query/?fields=${FIELDS}`, { filters: { video_ids: ask } });
  if (!r.ok) {
    if (r.network) throw new PlatformError(`Could not reach TikTok for statistics: ${r.network.message}.`);
    const details = detailsOf(r.status, r.body);
    if (r.status === 429 || r.code === 'rate_limit_exceeded') throw new PlatformError('TikTok is limiting requests.', details, 429, { retryAt: ctx.clock.now() + 60_000 });
    if (r.status === 401 || r.status === 403 || r.code === 'scope_not_authorized') throw new PlatformError('TikTok would not give the videos’ statistics.', details, r.status === 403 ? 403 : 401, { scope: 'video.list' });
    throw new PlatformError('TikTok would not give the videos’ statistics.', details, r.status);
  }
  for (const v of r.data.videos ?? []) {
    if (v.id === undefined) continue;
    out.set(String(v.id), { views: n(v.view_count), likes: n(v.like_count), replies: n(v.comment_count), shares: n(v.share_count) });
  }
  return out;
}

export async function tiktokMetrics(ctx: ClientContext, postId: string): Promise<MetricSnapshot> {
  if (!/^\d+$/.test(postId)) throw new PlatformError('TikTok gives no statistics for a private post (it has no public id).', undefined, undefined, { unsupported: true });
  const v = (await tiktokMetricsBatch(ctx, [postId])).get(postId);
  if (!v) throw new PlatformError('TikTok does not list this post any more (deleted, or not public).', undefined, 404);
  return v;
}
