/**
 * Metrics: `GET /2/tweets/:id?tweet.fields=public_metrics,non_public_metrics,organic_metrics`.
 * Non-public and organic metrics need the owner's token and a post under 30 days old; when X
 * refuses them (HTTP 200 with only `errors`, or a 4xx) we ask again for the public ones alone.
 */
import { detailsOf, readJson } from '../common/http';
import { PlatformError, type ClientContext, type MetricSnapshot } from '../types';
import { isRateLimited, xCall, xMessage } from './api';

type Counts = Partial<Record<string, number>>;
type TweetData = { public_metrics?: Counts; non_public_metrics?: Counts; organic_metrics?: Counts };

const ALL_FIELDS = 'public_metrics,non_public_metrics,organic_metrics';

async function lookup(ctx: ClientContext, id: string, fields: string): Promise<{ status: number; body: unknown }> {
  const r = await xCall(ctx, `/2/tweets/${encodeURIComponent(id)}?${new URLSearchParams({ 'tweet.fields': fields })}`);
  if (!r.ok) throw new PlatformError(`Could not reach X for metrics: ${r.failure.message}.`);
  return { status: r.res.status, body: await readJson(r.res) };
}

const dataOf = (body: unknown) => (body as { data?: TweetData } | null)?.data;

export function toSnapshot(t: TweetData): MetricSnapshot {
  const pub = t.public_metrics ?? {};
  const priv = t.non_public_metrics ?? {};
  const org = t.organic_metrics ?? {};
  const n = (v: number | undefined) => (typeof v === 'number' ? v : null);
  return {
    impressions: n(priv.impression_count ?? org.impression_count ?? pub.impression_count),
    likes: n(pub.like_count ?? org.like_count),
    replies: n(pub.reply_count ?? org.reply_count),
    reposts: n(pub.retweet_count ?? org.retweet_count),
    quotes: n(pub.quote_count),
    bookmarks: n(pub.bookmark_count),
    clicks: n(priv.url_link_clicks ?? org.url_link_clicks),
  };
}

export async function readMetrics(ctx: ClientContext, id: string): Promise<MetricSnapshot> {
  let { status, body } = await lookup(ctx, id, ALL_FIELDS);
  // Refused private fields come back as 400/403, or as HTTP 200 with only `errors`.
  if (status === 400 || status === 403 || (status === 200 && !dataOf(body))) ({ status, body } = await lookup(ctx, id, 'public_metrics'));
  const data = dataOf(body);
  if (status === 200 && data) return toSnapshot(data);
  const details = detailsOf(status, body);
  if (isRateLimited(status, body)) throw new PlatformError("X's rate limit for reading posts was reached.", details, 429);
  if (status === 401) throw new PlatformError('X no longer accepts the account sign-in.', details, 401);
  if (status === 200 || status === 404) throw new PlatformError('X no longer has this post (deleted or hidden).', details, 404);
  throw new PlatformError(`X did not return metrics${xMessage(body) ? `: ${xMessage(body)}` : '.'}`, details, status);
}
