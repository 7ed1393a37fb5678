/**
 * The Instagram client, on fetch through ctx.http: no maintained library covers the Instagram
 * Login flavour of the API (`instagram-graph-api` is unofficial and Facebook-Login only), and
 * the container flow needs "before publish" and "publish itself" failures kept apart.
 */
import { DEFAULT_POLL, type PollPolicy } from '../meta/container';
import { insightsOrThrow, readInsights } from '../meta/insights';
import { refreshToken } from '../meta/oauth';
import type { ClientContext, MetricSnapshot, PlatformClient } from '../types';
import { DEFAULT_BASE, NAME, igGet } from './api';
import { instagramOAuth } from './connector';
import { publishToInstagram } from './publish';
import { reconcileInstagram } from './reconcile';

export interface InstagramClientOptions {
  /** Container status checks; the scheduler's per-call timeout (60 s) bounds the whole publish. */
  poll?: Partial<PollPolicy>;
}

export const INSTAGRAM_METRICS = 'views,reach,likes,comments,shares,saved,total_interactions';

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
      const v = readInsights(insightsOrThrow(NAME, got, { now: ctx.clock.now(), scope: 'instagram_business_manage_insights' }));
      // Instagram's names → ours. `reach` and `total_interactions` have no place in a snapshot.
      return { views: v('views'), likes: v('likes'), replies: v('comments'), shares: v('shares'), saves: v('saved') };
    },
    refresh: (ctx) => refreshToken(instagramOAuth, ctx),
  };
}

export const instagramClient: PlatformClient = createInstagramClient();
