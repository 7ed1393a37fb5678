/**
 * The Mastodon client, written on fetch (through ctx.http) rather than masto 7.1.0: masto's
 * HttpNativeImpl calls the global `fetch` with no way to inject ours, so requests would bypass
 * ctx.http; and it reduces answers to `{headers, data}` or a thrown MastoHttpError, which loses
 * the 200/202/206 media-processing statuses and folds network failures together, while
 * "refused" (not sent) and "reset/timeout" (maybe sent) must stay apart to tell the truth.
 */
import type { ClientContext, MetricSnapshot, PlatformClient } from '../types';
import { PlatformError } from '../types';
import { detailsOf, readJson, request } from '../common/http';
import { NAME, apiUrl, bearer, errorMessage, type MastodonStatus } from './api';
import { publishStatus } from './publish';
import { reconcileStatus } from './reconcile';

async function metrics(ctx: ClientContext, platformPostId: string): Promise<MetricSnapshot> {
  const got = await request(ctx, apiUrl(ctx.account.baseUrl, `/api/v1/statuses/${encodeURIComponent(platformPostId)}`), { headers: bearer(ctx) });
  if (!got.ok) throw new PlatformError(`Could not reach ${NAME} for the post's numbers: ${got.failure.message}.`);
  const body = await readJson(got.res);
  if (got.res.status !== 200) {
    const why = got.res.status === 404 ? 'the post is gone (deleted, or no longer visible)' : (errorMessage(body) ?? `HTTP ${got.res.status}`);
    throw new PlatformError(`${NAME} did not return the post's numbers: ${why}.`, detailsOf(got.res.status, body), got.res.status);
  }
  const s = body as Partial<MastodonStatus>;
  const n = (v: unknown) => (typeof v === 'number' ? v : null);
  // Mastodon counts no views or clicks; quotes arrived in 4.5.
  return { replies: n(s.replies_count), reposts: n(s.reblogs_count), likes: n(s.favourites_count), quotes: n(s.quotes_count) };
}

export const mastodonClient: PlatformClient = {
  platform: 'mastodon',
  capabilities: {
    text: true,
    images: true,
    video: true,
    requiresMedia: false,
    maxImages: 4,
    threads: true,
    firstComment: true,
    reconcile: 'idempotency_key',
  },
  defaultBaseUrl: 'https://mastodon.social',
  publish: publishStatus,
  reconcile: reconcileStatus,
  metrics,
  // Doorkeeper is configured with no expiry and no refresh tokens: a token that stops working
  // was revoked (by the creator, an admin, or a suspension). Only reconnecting helps.
  async refresh() {
    return { ok: false, reason: "Mastodon tokens don't expire; this one was revoked — reconnect" };
  },
};
