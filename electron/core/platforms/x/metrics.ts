/**
 * Metrics: `GET /2/tweets/:id` or `GET /2/tweets?ids=` (up to 100) with
 * `tweet.fields=public_metrics,non_public_metrics,organic_metrics`. Non-public and organic
 * metrics need the owner's token and a post under 30 days old; when X refuses them (HTTP 200
 * with only `errors`, or a 4xx) we ask again for the public ones alone. In a batch, a post X
 * cannot find comes back in `errors` (resource-not-found) and is left out of the answer.
 */
import { detailsOf, readJson, type PlatformAnswer } from '../common/http';
import { PlatformError, type ClientContext, type MetricSnapshot } from '../types';
import { isRateLimited, rateLimitedUntil, xCall, xMessage } from './api';

type Counts = Partial<Record<string, number>>;
type TweetData = { id?: string; public_metrics?: Counts; non_public_metrics?: Counts; organic_metrics?: Counts };

const ALL_FIELDS = 'public_metrics,non_public_metrics,organic_metrics';
/** What reading posts needs (X's scopes for tweet lookup). */
const READ_SCOPES = 'tweet.read and users.read';
export const X_METRICS_BATCH = 100;

type Answer = { status: number; body: unknown; res: PlatformAnswer };

async function lookup(ctx: ClientContext, path: string, fields: string, extra: Record<string, string> = {}): Promise<Answer> {
  const r = await xCall(ctx, `${path}?${new URLSearchParams({ ...extra, 'tweet.fields': fields })}`);
  if (!r.ok) throw new PlatformError(`Could not reach X for metrics: ${r.failure.message}.`);
  return { status: r.res.status, body: await readJson(r.res), res: r.res };
}

const dataOf = (body: unknown) => (body as { data?: TweetData | TweetData[] } | null)?.data;

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

/** The error for an answer without data: rate limit (with its reset), sign-in, scope, or X's words. */
function refusal(ctx: ClientContext, a: Answer): PlatformError {
  const details = detailsOf(a.status, a.body);
  if (isRateLimited(a.status, a.body)) {
    const { until } = rateLimitedUntil(a.res, ctx.clock.now());
    return new PlatformError("X's rate limit for reading posts was reached.", details, 429, { retryAt: until });
  }
  if (a.status === 401) return new PlatformError('X no longer accepts the account sign-in.', details, 401, { scope: READ_SCOPES });
  if (a.status === 403) return new PlatformError(`X refused to read the post${xMessage(a.body) ? `: ${xMessage(a.body)}` : '.'}`, details, 403, { scope: READ_SCOPES });
  if (a.status === 200 || a.status === 404) return new PlatformError('X no longer has this post (deleted or hidden).', details, 404);
  return new PlatformError(`X did not return metrics${xMessage(a.body) ? `: ${xMessage(a.body)}` : '.'}`, details, a.status);
}

/** Private fields refused: 400/403, or HTTP 200 with only `errors` (or only field errors). */
function privateRefused(a: Answer): boolean {
  if (a.status === 400 || a.status === 403) return true;
  if (a.status !== 200) return false;
  const errors = (a.body as { errors?: { type?: string }[] } | null)?.errors ?? [];
  return !dataOf(a.body) || errors.some((e) => e.type?.includes('not-authorized-for-field'));
}

export async function readMetrics(ctx: ClientContext, id: string): Promise<MetricSnapshot> {
  const path = `/2/tweets/${encodeURIComponent(id)}`;
  let a = await lookup(ctx, path, ALL_FIELDS);
  if (privateRefused(a)) a = await lookup(ctx, path, 'public_metrics');
  const data = dataOf(a.body);
  if (a.status === 200 && data && !Array.isArray(data)) return toSnapshot(data);
  throw refusal(ctx, a);
}

/** Up to 100 posts in one request; the ones X does not return are absent from the map. */
export async function readMetricsBatch(ctx: ClientContext, ids: string[]): Promise<Map<string, MetricSnapshot>> {
  if (ids.length > X_METRICS_BATCH) throw new PlatformError(`X reads at most ${X_METRICS_BATCH} posts at a time.`);
  const q = { ids: ids.join(',') };
  let a = await lookup(ctx, '/2/tweets', ALL_FIELDS, q);
  if (privateRefused(a)) a = await lookup(ctx, '/2/tweets', 'public_metrics', q);
  const data = dataOf(a.body);
  if (a.status !== 200) throw refusal(ctx, a);
  const out = new Map<string, MetricSnapshot>();
  for (const t of Array.isArray(data) ? data : []) if (t.id) out.set(t.id, toSnapshot(t));
  return out;
}
