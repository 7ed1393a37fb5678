/**
 * Publishing one status: upload each media file (definite non-delivery if that fails), then
 * `POST /api/v1/statuses` with our idempotency key in the `Idempotency-Key` header, which
 * Mastodon remembers for an hour: the same key returns the same status instead of a new one.
 */
import type { ClientContext, PublishOutcome, PublishRequest, RateLimitInfo } from '../types';
import { detailsOf, networkOutcome, readJson, request } from '../common/http';
import { NAME, apiUrl, bearer, rateLimitOf, statusUrl, type MastodonStatus } from './api';
import { uploadMedia } from './media';
import { errorOutcome } from './outcome';

export async function publishStatus(ctx: ClientContext, req: PublishRequest): Promise<PublishOutcome & { rateLimit?: RateLimitInfo }> {
  const mediaIds: string[] = [];
  for (const item of req.media) {
    const up = await uploadMedia(ctx, item);
    if (!up.ok) return up.outcome;
    mediaIds.push(up.id);
  }

  const payload: Record<string, unknown> = { status: req.text, visibility: 'public' };
  if (req.replyTo) payload.in_reply_to_id = req.replyTo.platformPostId;
  if (mediaIds.length > 0) payload.media_ids = mediaIds;

  const sent = await request(ctx, apiUrl(ctx.account.baseUrl, '/api/v1/statuses'), {
    method: 'POST',
    headers: { ...bearer(ctx), 'Content-Type': 'application/json', 'Idempotency-Key': req.idempotencyKey },
    body: JSON.stringify(payload),
  });
  if (!sent.ok) return networkOutcome(sent.failure, NAME);

  const res = sent.res;
  const rateLimit = rateLimitOf(res);
  const withRate = <T extends PublishOutcome>(o: T) => (rateLimit ? { ...o, rateLimit } : o);
  let body: unknown;
  try {
    body = await readJson(res);
  } catch (err) {
    // The answer was cut off mid-body: a 2xx means the status was probably made.
    return withRate({ kind: 'unknown', reason: `${NAME} answered HTTP ${res.status} but the answer was cut off.`, details: (err as Error)?.message });
  }
  if (res.ok) {
    const status = body as Partial<MastodonStatus> | null;
    if (status && typeof status.id === 'string' && status.id) {
      return withRate({ kind: 'published', platformPostId: status.id, url: statusUrl(status) });
    }
    return withRate({ kind: 'unknown', reason: `${NAME} answered OK but did not return the post.`, details: detailsOf(res.status, body) });
  }
  return withRate(errorOutcome(res, body, 'post', ctx.clock.now()));
}
