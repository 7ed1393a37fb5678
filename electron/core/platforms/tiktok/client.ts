/**
 * The TikTok client (Content Posting API + Display API). Plain fetch through ctx.http: TikTok
 * publishes no official JS SDK.
 *
 * It keeps no state of its own: each attempt's publish_id travels through the scheduler's
 * attempt marker (see attempt.ts), which outlives the process.
 */
import type { PlatformClient } from '../types';
import { TIKTOK_API } from './api';
import { refreshTikTok } from './connector';
import { reconcileTikTok } from './lookup';
import { TIKTOK_METRICS_BATCH, tiktokMetricsBatch, tiktokMetrics } from './metrics';
import { isPublishId, readPendingPost } from './pending';
import { publishTikTok, type TikTokOptions } from './publish';

const DEFAULTS: TikTokOptions = { videoSource: 'FILE_UPLOAD', pollIntervalMs: 3_000, maxPolls: 40 };
/** Reconcile waits a little for a post still processing, then asks to be called again later. */
const RECONCILE_POLLS = 5;

export function createTikTokClient(options: Partial<TikTokOptions> = {}): PlatformClient {
  const opts = { ...DEFAULTS, ...options };
  return {
    platform: 'tiktok',
    defaultBaseUrl: TIKTOK_API,
    capabilities: {
      text: false,
      images: true,
      video: true,
      requiresMedia: true,
      maxImages: 35,
      threads: false,
      firstComment: false,
      reconcile: 'recent_posts',
    },
    publish: (ctx, req) => publishTikTok(ctx, req, opts),
    reconcile: (ctx, req) => reconcileTikTok(ctx, req, { intervalMs: opts.pollIntervalMs, maxPolls: RECONCILE_POLLS }),
    metrics: tiktokMetrics,
    metricsBatch: { max: TIKTOK_METRICS_BATCH, read: tiktokMetricsBatch },
    provisionalIds: { provisional: isPublishId, read: (ctx, c) => readPendingPost(ctx, { publishId: c.handle, notice: c.notice }) },
    refresh: refreshTikTok,
  };
}

export const tiktokClient = createTikTokClient();
