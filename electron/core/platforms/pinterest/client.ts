/** The Pinterest PlatformClient: image and video pins, board-list reconcile, pin analytics. */
import { PlatformError, type ClientContext, type PlatformClient } from '../types';
import { DEFAULT_BASE_URL } from './api';
import { pinMetrics } from './metrics';
import { publishPin } from './publish';
import { findPin } from './reconcile';
import { tokenRequest, toCredentials } from './tokens';
import type { VideoOptions } from './video';

async function refresh(ctx: ClientContext): ReturnType<PlatformClient['refresh']> {
  const { refreshToken, clientId, clientSecret } = ctx.credentials;
  if (!refreshToken) return { ok: false, reason: 'Pinterest gave no refresh token for this account. Reconnect Pinterest.' };
  if (!clientId || !clientSecret) return { ok: false, reason: "The Pinterest app id or secret is missing. Add them in Settings and reconnect." };
  if (ctx.credentials.refreshExpiresAt !== undefined && ctx.credentials.refreshExpiresAt <= ctx.clock.now()) {
    return { ok: false, reason: 'The Pinterest sign-in lapsed (unused for 60 days). Reconnect Pinterest.' };
  }
  // Continuous refresh: each refresh returns a new 60-day refresh token. Apps made before
  // 2025-09-25 only get that behaviour when they ask for it.
  const answer = await tokenRequest(ctx, ctx.account.baseUrl, { clientId, clientSecret }, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    continuous_refresh: 'true',
  });
  if (answer.ok) return { ok: true, credentials: toCredentials(answer.body, ctx.clock.now(), ctx.credentials) };
  if (answer.kind === 'refused') return { ok: false, reason: `Pinterest no longer accepts this sign-in (${answer.message}). Reconnect Pinterest.` };
  // Not a refusal (network, 5xx, 429): the sign-in may still be good, so don't ask for a reconnect.
  throw new PlatformError(`Could not refresh the Pinterest sign-in: ${answer.message}.`, answer.details);
}

export function createPinterestClient(opts: Partial<VideoOptions> = {}): PlatformClient {
  const video: VideoOptions = { pollIntervalMs: opts.pollIntervalMs ?? 3000, maxProcessingMs: opts.maxProcessingMs ?? 10 * 60_000 };
  return {
    platform: 'pinterest',
    defaultBaseUrl: DEFAULT_BASE_URL,
    capabilities: {
      text: false,
      images: true,
      video: true,
      requiresMedia: true,
      maxImages: 1,
      threads: false,
      firstComment: false,
      reconcile: 'recent_posts',
    },
    publish: (ctx, req) => publishPin(ctx, req, video),
    reconcile: (ctx, req) => findPin(ctx, req),
    metrics: (ctx, id) => pinMetrics(ctx, id),
    refresh,
  };
}
