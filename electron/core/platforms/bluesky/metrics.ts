/**
 * Metrics from the AppView (the PDS proxies app.bsky.* calls to it): `app.bsky.feed.getPosts`
 * takes up to 25 uris and leaves out the posts it does not have (deleted, or not indexed yet).
 * PostView counts are optional in the lexicon: a count the AppView leaves out is not reported,
 * never 0. Bluesky has no views, impressions or clicks. Followers: `app.bsky.actor.getProfile`.
 */
import { PlatformError, type ClientContext, type MetricSnapshot } from '../types';
import { NAME, Xrpc, type XrpcFailure } from './xrpc';

export const BLUESKY_METRICS_BATCH = 25;

type PostView = { uri: string; likeCount?: number; repostCount?: number; replyCount?: number; quoteCount?: number; bookmarkCount?: number };

const n = (v: unknown) => (typeof v === 'number' ? v : null);

function failure(ctx: ClientContext, r: XrpcFailure, what: string): PlatformError {
  if (r.kind === 'network') return new PlatformError(`Could not reach ${NAME} to read ${what}: ${r.failure.message}.`);
  if (r.kind === 'http') {
    const now = ctx.clock.now();
    if (r.status === 429) {
      const retryAt = r.retryAfterMs !== undefined ? now + r.retryAfterMs : (r.rateLimit?.resetAt ?? now + 5 * 60_000);
      return new PlatformError(`${NAME} is limiting requests.`, r.details, 429, { retryAt });
    }
    const why = r.error === 'ExpiredToken' ? 'the sign-in has expired' : (r.message ?? `HTTP ${r.status}`);
    const auth = r.status === 401 || r.status === 403 || r.error === 'ExpiredToken' || r.error === 'InvalidToken';
    return new PlatformError(`${NAME} did not give ${what} (${why}).`, r.details, auth ? 401 : r.status, auth ? { scope: 'a signed-in session (reconnect the account)' } : {});
  }
  return new PlatformError(`${NAME} gave an answer Loomcast could not read for ${what}.`, r.message);
}

function snapshot(p: PostView): MetricSnapshot {
  return { likes: n(p.likeCount), reposts: n(p.repostCount), replies: n(p.replyCount), quotes: n(p.quoteCount), bookmarks: n(p.bookmarkCount), views: null, impressions: null, clicks: null };
}

export async function blueskyMetricsBatch(ctx: ClientContext, uris: string[]): Promise<Map<string, MetricSnapshot>> {
  if (uris.length > BLUESKY_METRICS_BATCH) throw new PlatformError(`${NAME} reads at most ${BLUESKY_METRICS_BATCH} posts at a time.`);
  const x = new Xrpc(ctx, ctx.account.baseUrl, ctx.credentials.accessToken);
  const r = await x.call((a) => a.app.bsky.feed.getPosts({ uris }));
  if (!r.ok) throw failure(ctx, r, "the posts' numbers");
  const out = new Map<string, MetricSnapshot>();
  for (const p of r.data.posts as PostView[]) out.set(p.uri, snapshot(p));
  return out;
}

export async function blueskyMetrics(ctx: ClientContext, uri: string): Promise<MetricSnapshot> {
  const found = (await blueskyMetricsBatch(ctx, [uri])).get(uri);
  if (!found) throw new PlatformError(`${NAME} has no post at ${uri} (deleted, or not indexed yet).`, undefined, 404);
  return found;
}

export async function blueskyFollowers(ctx: ClientContext): Promise<number | null> {
  const actor = ctx.credentials.extra?.did ?? ctx.account.platformUserId ?? ctx.account.handle;
  const x = new Xrpc(ctx, ctx.account.baseUrl, ctx.credentials.accessToken);
  const r = await x.call((a) => a.app.bsky.actor.getProfile({ actor }));
  if (!r.ok) throw failure(ctx, r, 'the follower count');
  return n(r.data.followersCount);
}
