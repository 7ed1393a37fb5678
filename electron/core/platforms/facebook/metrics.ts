/**
 * Page post metrics. Impressions are gone from the Graph API (the last impression metrics
 * were removed on 2025-11-15), so `views` comes from post_total_media_view_unique and
 * `impressions` stays null. Reactions, comments and shares are the post's own counts.
 * Meta keeps retiring insights metrics ("invalid metric", code 100): a retired or
 * unpermitted metric reads as null instead of failing the whole snapshot.
 */
import { z } from 'zod';
import { detailsOf } from '../common/http';
import { shaped } from '../common/shape';
import { graphCall, succeeded } from '../meta/graph-call';
import { isPermissionCode, judge, wordsOf, type GraphError } from '../meta/graph-error';
import { PlatformError, type ClientContext, type MetricSnapshot } from '../types';
import { THROTTLE_FALLBACK_MS } from '../meta/outcome';
import { readUsage } from '../meta/usage';
import { bearer, graphRoot, pageIdOf } from './api';
import { tokenProblem } from './errors';

type Got = { ok: true; body: unknown } | { ok: false; error: GraphError | null; status: number; body: unknown; res: Response };

async function get(ctx: ClientContext, path: string): Promise<Got> {
  const got = await graphCall(ctx, `${graphRoot(ctx.account.baseUrl)}${path}`, { headers: bearer(ctx.credentials.accessToken) });
  if (!got.ok) throw new PlatformError(`Could not reach Facebook for post metrics: ${got.failure.message}`);
  return succeeded(got) ? { ok: true, body: got.body } : { ok: false, error: got.err, status: got.status, body: got.body, res: got.res };
}

/** Code 100 with subcode 33: "Object with ID … does not exist, cannot be loaded due to missing permissions…". */
const NO_SUCH_OBJECT_SUBCODE = 33;

/**
 * Graph answers nearly every error with HTTP 400 (platforms.md §5), so the error's code, not the
 * status, says what happened; the PlatformError carries the status the metrics collector reads
 * (401 reconnect, 403 permission, 404 gone, 429 wait until `retryAt`).
 */
function fail(ctx: ClientContext, got: Extract<Got, { ok: false }>): never {
  const details = detailsOf(got.status, got.body);
  const words = wordsOf(got.error, got.status);
  const verdict = judge(got.status, got.error);
  if (verdict.kind === 'expired_token') throw new PlatformError(`${tokenProblem(got.error)} Reconnect the Page to read metrics.`, details, 401);
  if (verdict.kind === 'rate_limited') {
    const now = ctx.clock.now();
    const retryAt = readUsage(got.res, now, pageIdOf(ctx) || undefined).regainAt ?? now + THROTTLE_FALLBACK_MS;
    throw new PlatformError(`Facebook is limiting how often Loomcast may read the Page (${words}).`, details, 429, { retryAt });
  }
  if (isPermissionCode(got.error?.code)) throw new PlatformError(`Facebook does not let Loomcast read this post (${words}).`, details, 403, { scope: 'pages_read_engagement and read_insights' });
  if (got.error?.code === 100 && got.error.subcode === NO_SUCH_OBJECT_SUBCODE) throw new PlatformError(`Facebook no longer has this post (${words}).`, details, 404);
  throw new PlatformError(`Facebook did not return metrics (${words}).`, details, got.status);
}

/** Each value is read with `num`, which takes only numbers; the list around them must be a list. */
const InsightsShape = z.object({ data: z.array(z.object({ name: z.string().optional(), values: z.array(z.object({ value: z.unknown() })).optional() })).optional() });
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Insights values by name; asks one by one when Facebook refuses the batch as an invalid metric. */
async function insights(ctx: ClientContext, postId: string, names: string[]): Promise<Record<string, number | null>> {
  const got = await get(ctx, `/${postId}/insights?metric=${names.join(',')}`);
  if (got.ok) {
    const data = shaped(InsightsShape, got.body ?? {}, 200, 'Facebook').data ?? [];
    return Object.fromEntries(names.map((n) => [n, num(data.find((d) => d.name === n)?.values?.[0]?.value)]));
  }
  const code = got.error?.code;
  if (code === 100 && names.length > 1) {
    const one = await Promise.all(names.map((n) => insights(ctx, postId, [n])));
    return Object.assign({}, ...one) as Record<string, number | null>;
  }
  if (code === 100 || isPermissionCode(code)) {
    ctx.log.warn('facebook insights metric unavailable', { metrics: names.join(','), code });
    return Object.fromEntries(names.map((n) => [n, null]));
  }
  return fail(ctx, got);
}

export async function facebookMetrics(ctx: ClientContext, platformPostId: string): Promise<MetricSnapshot> {
  const got = await get(ctx, `/${platformPostId}?fields=shares,reactions.summary(total_count),comments.summary(total_count)`);
  if (!got.ok) fail(ctx, got);
  const counts = got.body as {
    shares?: { count?: number };
    reactions?: { summary?: { total_count?: number } };
    comments?: { summary?: { total_count?: number } };
  } | null;
  const values = await insights(ctx, platformPostId, ['post_total_media_view_unique', 'post_clicks']);
  return {
    impressions: null,
    views: values.post_total_media_view_unique ?? null,
    clicks: values.post_clicks ?? null,
    likes: num(counts?.reactions?.summary?.total_count),
    replies: num(counts?.comments?.summary?.total_count),
    // Graph leaves `shares` out entirely while nobody has shared the post.
    reposts: num(counts?.shares?.count) ?? 0,
  };
}
