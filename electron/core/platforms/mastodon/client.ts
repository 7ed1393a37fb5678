/**
 * The Mastodon client, written on fetch (through ctx.http) rather than masto 7.1.0: masto's
 * HttpNativeImpl calls the global `fetch` with no way to inject ours, so requests would bypass
 * ctx.http; and it reduces answers to `{headers, data}` or a thrown MastoHttpError, which loses
 * the 200/202/206 media-processing statuses and folds network failures together, while
 * "refused" (not sent) and "reset/timeout" (maybe sent) must stay apart to tell the truth.
 */
import type { PlatformClient } from '../types';
import { mastodonFollowers, mastodonMetrics } from './metrics';
import { publishStatus } from './publish';
import { reconcileStatus } from './reconcile';

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
  metrics: mastodonMetrics,
  followers: mastodonFollowers,
  // Doorkeeper is configured with no expiry and no refresh tokens: a token that stops working
  // was revoked (by the creator, an admin, or a suspension). Only reconnecting helps.
  async refresh() {
    return { ok: false, reason: "Mastodon tokens don't expire; this one was revoked — reconnect" };
  },
};
