/**
 * The X (API v2) client.
 *
 * Why plain fetch and not twitter-api-v2 (1.29.1, installed): its request maker sends every
 * call through Node's `https.request` (client-mixins/request-handler.helper.js) and only lets
 * you swap the `httpAgent`, so it cannot go through the injected `ctx.http`, cannot take our
 * AbortSignal, and collapses timeouts and resets into one thrown error. We need each of those
 * to decide truthfully whether a post went out; the endpoints themselves are a handful of
 * JSON/multipart calls.
 */
import { OAuthToken } from '../common/shape';
import { detailsOf, readJson } from '../common/http';
import { PlatformError, type ClientContext, type Credentials, type PlatformClient, type PublishOutcome, type PublishRequest, type RateLimitInfo } from '../types';
import { DEFAULT_API_BASE, readXRateLimit, xJson } from './api';
import { uploadMedia, type MediaOptions } from './media';
import { readMetrics, readMetricsBatch, X_METRICS_BATCH } from './metrics';
import { toCredentials, tokenRequest } from './oauth';
import { createFailure, createNetworkFailure } from './outcomes';
import { reconcileByTimeline } from './reconcile';

export interface XClientOptions extends Partial<MediaOptions> {
  /** Where public post links point. */
  webBase?: string;
}

type Result = PublishOutcome & { rateLimit?: RateLimitInfo };

export function createXClient(opts: XClientOptions = {}): PlatformClient {
  const media: MediaOptions = {
    chunkBytes: opts.chunkBytes ?? 4 * 1024 * 1024,
    pollDelayMs: opts.pollDelayMs ?? ((secs) => Math.max(1, secs) * 1000),
    maxPolls: opts.maxPolls ?? 120,
  };
  const webBase = (opts.webBase ?? 'https://x.com').replace(/\/+$/, '');

  /** https://x.com/<handle>/status/<id>; X redirects /i/status/<id> when the handle is unknown. */
  const urlFor = (ctx: ClientContext) => (id: string) => {
    const handle = ctx.account.handle.replace(/^@/, '');
    return `${webBase}/${handle ? encodeURIComponent(handle) : 'i'}/status/${id}`;
  };

  async function publish(ctx: ClientContext, req: PublishRequest): Promise<Result> {
    let mediaIds: string[] = [];
    if (req.media.length > 0) {
      const prepared = await uploadMedia(ctx, req.media, media);
      if (!prepared.ok) return { ...prepared.outcome, ...(prepared.rateLimit ? { rateLimit: prepared.rateLimit } : {}) };
      mediaIds = prepared.mediaIds;
    }
    // X stores text NFC-normalised; sending it so keeps reconcile's comparison exact.
    const text = req.text.normalize('NFC');
    const body = {
      // A media-only post leaves `text` out rather than sending an empty string.
      ...(text ? { text } : {}),
      ...(mediaIds.length ? { media: { media_ids: mediaIds } } : {}),
      ...(req.replyTo ? { reply: { in_reply_to_tweet_id: req.replyTo.platformPostId } } : {}),
    };
    const r = await xJson(ctx, '/2/tweets', 'POST', body);
    if (!r.ok) return createNetworkFailure(r.failure);
    const rateLimit = readXRateLimit(r.res);
    const withLimit = (o: PublishOutcome): Result => (rateLimit ? { ...o, rateLimit } : o);
    let answer: unknown;
    try {
      answer = await readJson(r.res);
    } catch {
      // The body was cut off: a 2xx means it was created; otherwise we can't tell.
      if (!r.res.ok) return withLimit({ kind: 'unknown', reason: `X's answer (HTTP ${r.res.status}) was cut off.` });
      answer = null;
    }
    if (!r.res.ok) return withLimit(createFailure(r.res, answer, ctx.clock.now()));
    const id = (answer as { data?: { id?: unknown } } | null)?.data?.id;
    if (typeof id !== 'string' || !id) {
      return withLimit({ kind: 'unknown', reason: `X accepted the request (HTTP ${r.res.status}) but did not give the post's id.`, details: JSON.stringify(answer).slice(0, 500) });
    }
    return withLimit({ kind: 'published', platformPostId: id, url: urlFor(ctx)(id) });
  }

  async function refresh(ctx: ClientContext): Promise<{ ok: true; credentials: Credentials } | { ok: false; reason: string }> {
    const { refreshToken, clientId, clientSecret } = ctx.credentials;
    if (!refreshToken) return { ok: false, reason: 'X gave no refresh token for this connection (offline.access was not granted).' };
    if (!clientId) return { ok: false, reason: 'The X developer app for this connection is unknown.' };
    const client = { clientId, clientSecret };
    const r = await tokenRequest(ctx, ctx.account.baseUrl, { grant_type: 'refresh_token', refresh_token: refreshToken }, client);
    if (!r.ok) throw new PlatformError(`Could not reach X to renew the sign-in: ${r.failure.message}.`);
    const body = await readJson(r.res);
    const token = OAuthToken.safeParse(body);
    if (r.res.ok && token.success) return { ok: true, credentials: toCredentials(token.data, ctx.clock.now(), client, ctx.credentials) };
    // 400 invalid_request / 401 unauthorized_client: the refresh token was revoked, expired or already spent.
    if (r.res.status === 400 || r.res.status === 401) return { ok: false, reason: 'X no longer accepts this connection.' };
    // Never echo a 2xx body: it may hold tokens.
    const details = r.res.ok ? 'the answer had no access token' : detailsOf(r.res.status, body);
    throw new PlatformError(`X could not renew the sign-in right now (HTTP ${r.res.status}).`, details, r.res.status);
  }

  return {
    platform: 'x',
    defaultBaseUrl: DEFAULT_API_BASE,
    capabilities: { text: true, images: true, video: true, requiresMedia: false, maxImages: 4, threads: true, firstComment: true, reconcile: 'recent_posts' },
    publish,
    reconcile: (ctx, req) => reconcileByTimeline(ctx, req, urlFor(ctx)),
    metrics: (ctx, id) => readMetrics(ctx, id),
    metricsBatch: { max: X_METRICS_BATCH, read: readMetricsBatch },
    refresh,
  };
}
