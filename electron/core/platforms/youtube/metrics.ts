/**
 * YouTube statistics: `GET /youtube/v3/videos?part=statistics&id=a,b…` (up to 50, 1 quota unit).
 * Counts come as strings; a hidden count is absent (not reported, never 0). A video missing from
 * `items` is deleted or private. Quota runs out per day (403 quotaExceeded, reset at midnight
 * Pacific); short-term limits are 403 rateLimitExceeded or 429.
 */
import { detailsOf, readJson, request } from '../common/http';
import { z } from 'zod';
import { shaped } from '../common/shape';
import { PlatformError, type ClientContext, type MetricSnapshot } from '../types';
import { bearer, endpoints, googleError } from './api';

export const YOUTUBE_METRICS_BATCH = 50;
/** Counts come as strings, each read with `n`; the list around them must be a list. */
const StatisticsShape = z.object({ items: z.array(z.object({ id: z.string().optional(), statistics: z.record(z.string(), z.unknown()).optional() })).optional() });
const HOUR_MS = 3_600_000;

/** The next midnight in Los Angeles (YouTube's quota day), within an hour either way of DST. */
function nextPacificMidnight(now: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(now);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const left = (24 - get('hour')) * HOUR_MS - get('minute') * 60_000;
  return now + Math.max(60_000, left);
}

export async function youtubeMetricsBatch(ctx: ClientContext, ids: string[]): Promise<Map<string, MetricSnapshot>> {
  if (ids.length > YOUTUBE_METRICS_BATCH) throw new PlatformError(`YouTube reads at most ${YOUTUBE_METRICS_BATCH} videos at a time.`);
  const url = `${endpoints(ctx.account.baseUrl).api}/videos?part=statistics&id=${ids.map(encodeURIComponent).join(',')}`;
  const r = await request(ctx, url, { headers: { ...bearer(ctx), accept: 'application/json' } });
  if (!r.ok) throw new PlatformError(`Could not reach YouTube for statistics: ${r.failure.message}.`);
  const body = await readJson(r.res);
  const status = r.res.status;
  if (!r.res.ok) {
    const { reason, message } = googleError(status, body);
    const details = detailsOf(status, body);
    const now = ctx.clock.now();
    if (reason === 'quotaExceeded' || reason === 'dailyLimitExceeded') throw new PlatformError('YouTube’s daily quota is used up.', details, 429, { retryAt: nextPacificMidnight(now) });
    if (status === 429 || reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded') throw new PlatformError('YouTube is limiting requests.', details, 429, { retryAt: now + 15 * 60_000 });
    if (status === 401 || status === 403) throw new PlatformError(`YouTube would not give the statistics (${message || reason}).`, details, status, { scope: 'youtube.readonly' });
    throw new PlatformError(`YouTube would not give the statistics (HTTP ${status}).`, details, status);
  }
  const n = (v: unknown) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null);
  const out = new Map<string, MetricSnapshot>();
  for (const item of shaped(StatisticsShape, body ?? {}, status, 'YouTube').items ?? []) {
    if (!item.id || !item.statistics) continue;
    const s = item.statistics;
    out.set(item.id, { views: n(s.viewCount), likes: n(s.likeCount), replies: n(s.commentCount) });
  }
  return out;
}

export async function youtubeMetrics(ctx: ClientContext, videoId: string): Promise<MetricSnapshot> {
  const v = (await youtubeMetricsBatch(ctx, [videoId])).get(videoId);
  if (!v) throw new PlatformError('YouTube does not list this video any more (deleted or private).', undefined, 404);
  return v;
}
