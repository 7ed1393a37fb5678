/**
 * Bluesky through @atproto/api, against the account's PDS (bsky.social or self-hosted): text
 * with facets, up to four images with alt text, threads and first comments as replies, exactly
 * once by a record key derived from the idempotency key, metrics from the AppView (which the
 * PDS proxies app.bsky.* calls to).
 */
import { PlatformError, type ClientContext, type MetricSnapshot, type PlatformClient } from '../types';
import { MAX_IMAGES } from './record';
import { publish, reconcile } from './publish';
import { refreshSession } from './session';
import { NAME, Xrpc } from './xrpc';

async function metrics(ctx: ClientContext, platformPostId: string): Promise<MetricSnapshot> {
  const x = new Xrpc(ctx, ctx.account.baseUrl, ctx.credentials.accessToken);
  const r = await x.call((a) => a.app.bsky.feed.getPosts({ uris: [platformPostId] }));
  if (!r.ok) {
    if (r.kind === 'network') throw new PlatformError(`Could not reach ${NAME} to read the post's numbers: ${r.failure.message}.`);
    if (r.kind === 'http') {
      const why = r.error === 'ExpiredToken' ? 'the sign-in has expired' : r.status === 429 ? 'it is limiting requests' : `HTTP ${r.status}`;
      throw new PlatformError(`${NAME} did not give the post's numbers (${why}).`, r.details, r.status);
    }
    throw new PlatformError(`${NAME} gave an answer Loomcast could not read for the post's numbers.`, r.message);
  }
  const post = r.data.posts.find((p) => p.uri === platformPostId);
  // The AppView leaves out posts it does not have: deleted, or not indexed yet.
  if (!post) throw new PlatformError(`${NAME} has no post at ${platformPostId} (deleted, or not indexed yet).`);
  return {
    likes: post.likeCount ?? 0,
    reposts: post.repostCount ?? 0,
    replies: post.replyCount ?? 0,
    quotes: post.quoteCount ?? 0,
    bookmarks: post.bookmarkCount ?? 0,
    // Bluesky has no views, impressions or clicks.
    views: null,
    impressions: null,
    clicks: null,
  };
}

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
  metrics,
  refresh: refreshSession,
};
