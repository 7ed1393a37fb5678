/**
 * The Threads client, on fetch through ctx.http: Meta publishes no SDK for Threads (the
 * `threads-api` package is reverse-engineered), and the container flow needs "before publish"
 * and "publish itself" failures kept apart.
 */
import { DEFAULT_POLL, type PollPolicy } from '../meta/container';
import { insightsOrThrow, readInsights } from '../meta/insights';
import { refreshToken } from '../meta/oauth';
import type { ClientContext, MetricSnapshot, PlatformClient } from '../types';
import { DEFAULT_BASE, NAME, thGet } from './api';
import { threadsOAuth } from './connector';
import { publishToThreads } from './publish';
import { reconcileThreads } from './reconcile';

export interface ThreadsClientOptions {
  /** Container status checks for images and video; the scheduler's per-call timeout bounds the whole publish. */
  poll?: Partial<PollPolicy>;
}

export const THREADS_METRICS = 'views,likes,replies,reposts,quotes,shares';

export function createThreadsClient(opts: ThreadsClientOptions = {}): PlatformClient {
  const poll: PollPolicy = { ...DEFAULT_POLL, ...opts.poll };
  return {
    platform: 'threads',
    capabilities: {
      text: true,
      images: true,
      video: true,
      requiresMedia: false,
      maxImages: 20,
      threads: true,
      firstComment: true,
      reconcile: 'recent_posts',
    },
    defaultBaseUrl: DEFAULT_BASE,
    publish: (ctx, req) => publishToThreads(ctx, req, poll),
    reconcile: reconcileThreads,
    async metrics(ctx: ClientContext, platformPostId: string): Promise<MetricSnapshot> {
      const got = await thGet(ctx, `/${encodeURIComponent(platformPostId)}/insights`, { metric: THREADS_METRICS });
      const v = readInsights(insightsOrThrow(NAME, got, { now: ctx.clock.now(), scope: 'threads_manage_insights' }));
      return { views: v('views'), likes: v('likes'), replies: v('replies'), reposts: v('reposts'), quotes: v('quotes'), shares: v('shares') };
    },
    refresh: (ctx) => refreshToken(threadsOAuth, ctx),
  };
}

export const threadsClient: PlatformClient = createThreadsClient();
