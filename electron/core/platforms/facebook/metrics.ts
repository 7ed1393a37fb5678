/**
 * Page post metrics. Impressions are gone from the Graph API (the last impression metrics
 * were removed on 2025-11-15), so `views` comes from post_total_media_view_unique and
 * `impressions` stays null. Reactions, comments and shares are the post's own counts.
 * Meta keeps retiring insights metrics ("invalid metric", code 100): a retired or
 * unpermitted metric reads as null instead of failing the whole snapshot.
 */
import type { PlatformAnswer } from '../common/http';
import { z } from 'zod';
import { shaped } from '../common/shape';
import { graphCall, succeeded } from '../meta/graph-call';
import { isPermissionCode, judge, type GraphError } from '../meta/graph-error';
import { PlatformError, type ClientContext, type MetricSnapshot } from '../types';
import { metricsError } from '../meta/insights';
import { bearer, graphRoot, pageIdOf } from './api';
import { tokenProblem } from './errors';

type Got = { ok: true; body: unknown } | { ok: false; error: GraphError | null; status: number; body: unknown; res: PlatformAnswer };

async function get(ctx: ClientContext, path: string): Promise<Got> {
  const got = await graphCall(ctx, `${graphRoot(ctx.account.baseUrl)}${path}`, { headers: bearer(ctx.credentials.accessToken) });
  if (!got.ok) throw new PlatformError(`Could not reach Facebook for post metrics: ${got.failure.message}`);
  return succeeded(got) ? { ok: true, body: got.body } : { ok: false, error: got.err, status: got.status, body: got.body, res: got.res };
}

/** Graph's error, by its code (meta/insights.ts), with Facebook's words for an ended sign-in. */
function fail(ctx: ClientContext, got: Extract<Got, { ok: false }>): never {
  const expired = judge(got.status, got.error).kind === 'expired_token' ? `${tokenProblem(got.error)} Reconnect the Page to read metrics.` : undefined;
  throw metricsError('Facebook', { err: got.error, status: got.status, body: got.body, res: got.res }, { now: ctx.clock.now(), scope: 'pages_read_engagement and read_insights', usageOwner: pageIdOf(ctx) || undefined, ...(expired ? { expired } : {}) });
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
