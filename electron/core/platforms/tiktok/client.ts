/**
 * The TikTok client (Content Posting API + Display API). Plain fetch through ctx.http: TikTok
 * publishes no official JS SDK.
 */
import type { ClientContext, PlatformClient, PublishRequest } from '../types';
import { TIKTOK_API } from './api';
import { refreshTikTok } from './connector';
import { reconcileTikTok, tiktokMetrics } from './lookup';
import { publishTikTok, type Attempt, type TikTokOptions } from './publish';

const DEFAULTS: TikTokOptions = { videoSource: 'FILE_UPLOAD', pollIntervalMs: 3_000, maxPolls: 40 };
/** Reconcile waits a little for a post still processing, then says it cannot tell yet. */
const RECONCILE_POLLS = 5;
const REMEMBERED = 1000;

export function createTikTokClient(options: Partial<TikTokOptions> = {}): PlatformClient {
  const opts = { ...DEFAULTS, ...options };
  // publish_id of each attempt, so reconcile can ask status/fetch instead of guessing.
  const attempts = new Map<string, Attempt>();
  const keyOf = (ctx: ClientContext, req: PublishRequest) => `${ctx.account.id}\u0000${req.idempotencyKey}`;

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
    publish(ctx, req) {
      const key = keyOf(ctx, req);
      // An earlier attempt's publish_id says nothing about this one.
      attempts.delete(key);
      return publishTikTok(ctx, req, opts, (a) => {
        attempts.delete(key);
        attempts.set(key, a);
        if (attempts.size > REMEMBERED) attempts.delete(attempts.keys().next().value!);
      });
    },
    reconcile(ctx, req) {
      return reconcileTikTok(ctx, req, attempts.get(keyOf(ctx, req)), { intervalMs: opts.pollIntervalMs, maxPolls: RECONCILE_POLLS });
    },
    metrics: tiktokMetrics,
    refresh: refreshTikTok,
  };
}

export const tiktokClient = createTikTokClient();
