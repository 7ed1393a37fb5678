/**
 * Bluesky through @atproto/api, against the account's PDS (bsky.social or self-hosted): text
 * with facets, up to four images with alt text, threads and first comments as replies, exactly
 * once by a record key derived from the idempotency key, metrics from the AppView (which the
 * PDS proxies app.bsky.* calls to).
 */
import type { PlatformClient } from '../types';
import { BLUESKY_METRICS_BATCH, blueskyFollowers, blueskyMetrics, blueskyMetricsBatch } from './metrics';
import { MAX_IMAGES } from './record';
import { publish, reconcile } from './publish';
import { refreshSession } from './session';

export const blueskyClient: PlatformClient = {
  platform: 'bluesky',
  capabilities: {
    text: true,
    images: true,
    video: false,
    requiresMedia: false,
    maxImages: MAX_IMAGES,
    threads: true,
    firstComment: true,
    reconcile: 'idempotency_key',
  },
  defaultBaseUrl: 'https://bsky.social',
  publish,
  reconcile,
  metrics: blueskyMetrics,
  metricsBatch: { max: BLUESKY_METRICS_BATCH, read: blueskyMetricsBatch },
  followers: blueskyFollowers,
  refresh: refreshSession,
};
