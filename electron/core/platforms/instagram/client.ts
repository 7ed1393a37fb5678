/**
 * The Instagram client, on fetch through ctx.http: no maintained library covers the Instagram
 * Login flavour of the API (`instagram-graph-api` is unofficial and Facebook-Login only), and
 * the container flow needs "before publish" and "publish itself" failures kept apart.
 */
import type { ClientContext, MetricSnapshot, PlatformClient } from '../types';
import { DEFAULT_BASE, NAME, igGet } from './api';
import { instagramOAuth } from './connector';
import type { PollPolicy } from './graph-call';
import { refreshToken } from './meta-oauth';
import { INSTAGRAM_METRICS, insightsOrThrow, instagramSnapshot } from './metrics';
import { publishToInstagram } from './publish';
import { reconcileInstagram } from './reconcile';

export interface InstagramClientOptions {
  /** Container status checks; the scheduler's per-call timeout (60 s) bounds the whole publish. */
  poll?: Partial<PollPolicy>;
}

/** Photos are usually FINISHED within seconds; give up before the scheduler's timeout cuts the call. */
const DEFAULT_POLL: PollPolicy = { firstDelayMs: 1_000, maxDelayMs: 5_000, maxWaitMs: 45_000 };

export function createInstagramClient(opts: InstagramClientOptions = {}): PlatformClient {
  const poll: PollPolicy = { ...DEFAULT_POLL, ...opts.poll };
  return {
    platform: 'instagram',
    capabilities: {
      text: false,
      images: true,
      video: true,
      requiresMedia: true,
      maxImages: 10,
      threads: false,
      firstComment: true,
      reconcile: 'recent_posts',
    },
    defaultBaseUrl: DEFAULT_BASE,
    publish: (ctx, req) => publishToInstagram(ctx, req, poll),
    reconcile: reconcileInstagram,
    async metrics(ctx: ClientContext, platformPostId: string): Promise<MetricSnapshot> {
      const got = await igGet(ctx, `/${encodeURIComponent(platformPostId)}/insights`, { metric: INSTAGRAM_METRICS });
      return instagramSnapshot(insightsOrThrow(NAME, got));
    },
    refresh: (ctx) => refreshToken(instagramOAuth, ctx),
  };
}

export const instagramClient: PlatformClient = createInstagramClient();
