/**
 * The YouTube client (Data API v3). Why plain fetch rather than @googleapis/youtube: see api.ts.
 *
 * It keeps no state of its own: each attempt's upload session travels through the scheduler's
 * attempt marker (see marker.ts), which outlives the process.
 */
import type { PlatformClient } from '../types';
import { YOUTUBE_API } from './api';
import { refreshYouTube } from './connector';
import { reconcileYouTube } from './lookup';
import { YOUTUBE_METRICS_BATCH, youtubeMetricsBatch, youtubeMetrics } from './metrics';
import { publishYouTube, type YouTubeOptions } from './publish';
import { UPLOAD_QUANTUM } from './resumable';

const DEFAULTS: YouTubeOptions = { chunkSize: 32 * UPLOAD_QUANTUM, maxInterruptions: 5, backoffMs: 1_000, privacyStatus: 'public', categoryId: '22' };

export function createYouTubeClient(options: Partial<YouTubeOptions> = {}): PlatformClient {
  const opts = { ...DEFAULTS, ...options };
  if (opts.chunkSize <= 0 || opts.chunkSize % UPLOAD_QUANTUM !== 0) throw new Error('YouTube upload chunks must be a multiple of 256 KiB');
  return {
    platform: 'youtube',
    defaultBaseUrl: YOUTUBE_API,
    capabilities: {
      text: false,
      images: false,
      video: true,
      requiresMedia: true,
      maxImages: 0,
      threads: false,
      firstComment: false,
      reconcile: 'recent_posts',
    },
    publish: (ctx, req) => publishYouTube(ctx, req, opts),
    reconcile: (ctx, req) => reconcileYouTube(ctx, req, opts.privacyStatus),
    metrics: youtubeMetrics,
    metricsBatch: { max: YOUTUBE_METRICS_BATCH, read: youtubeMetricsBatch },
    refresh: refreshYouTube,
  };
}

export const youtubeClient = createYouTubeClient();
