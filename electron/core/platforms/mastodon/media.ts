/**
 * Media upload: `POST /api/v2/media` (multipart `file` + `description` = alt text) answers 200
 * when the file is ready or 202 (`url: null`) while it is processed; then `GET /api/v1/media/:id`
 * answers 206 until done and 200 when done. Nothing here creates a post, so every failure is
 * definite non-delivery.
 */
import type { ClientContext, MediaItem, PublishOutcome, RateLimitInfo } from '../types';
import { detailsOf, readJson, request } from '../common/http';
import { NAME, apiUrl, bearer, errorMessage, rateLimitOf, sleep, type MastodonMedia } from './api';
import { errorOutcome } from './outcome';

/** Mastodon's `description_limit` (configurable per instance since 4.4; 1500 everywhere by default). */
export const DESCRIPTION_LIMIT = 1500;
/** How long a video may take to process before Loomcast gives up on this attempt. */
const PROCESSING_DEADLINE_MS = 10 * 60_000;
const FIRST_POLL_MS = 250;
const MAX_POLL_MS = 5_000;

export type UploadResult = { ok: true; id: string } | { ok: false; outcome: PublishOutcome & { rateLimit?: RateLimitInfo } };

/**
 * Alt text cut to the limit Rails validates (characters = code points), on a grapheme boundary,
 * so the post still goes out rather than failing on an over-long description.
 */
export function fitDescription(text: string, limit = DESCRIPTION_LIMIT): string {
  if ([...text].length <= limit) return text;
  let out = '';
  let used = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    const n = [...segment].length;
    if (used + n > limit - 1) break;
    out += segment;
    used += n;
  }
  return `${out}…`;
}

function fileName(item: MediaItem): string {
  const ext = item.mime.split('/')[1]?.replace('jpeg', 'jpg').replace(/[^a-z0-9]/gi, '') || 'bin';
  return `${item.hash.slice(0, 16) || 'media'}.${ext}`;
}

const notSent = (why: string, details?: string): UploadResult => ({
  ok: false,
  outcome: { kind: 'transient', reason: `${why} Nothing was posted.`, ...(details ? { details } : {}) },
});

export async function uploadMedia(ctx: ClientContext, item: MediaItem): Promise<UploadResult> {
  let bytes: Uint8Array;
  try {
    bytes = await item.read();
  } catch (err) {
    return { ok: false, outcome: { kind: 'failed', reason: 'Loomcast could not read the media file for this post.', details: (err as Error)?.message } };
  }
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: item.mime }), fileName(item));
  const alt = item.altText?.trim();
  if (alt) {
    const fitted = fitDescription(alt);
    if (fitted !== alt) ctx.log.warn('mastodon: alt text shortened to the description limit', { limit: DESCRIPTION_LIMIT });
    form.append('description', fitted);
  }
  const sent = await request(ctx, apiUrl(ctx.account.baseUrl, '/api/v2/media'), { method: 'POST', headers: bearer(ctx), body: form });
  if (!sent.ok) return notSent(`The media upload to ${NAME} did not complete (${sent.failure.message}).`);
  const res = sent.res;
  const body = await readJson(res);
  if (res.status !== 200 && res.status !== 202) {
    const rateLimit = rateLimitOf(res);
    return { ok: false, outcome: { ...errorOutcome(res, body, 'media', ctx.clock.now()), ...(rateLimit ? { rateLimit } : {}) } };
  }
  const media = body as MastodonMedia;
  if (!media || typeof media.id !== 'string') return notSent(`${NAME} accepted the media but gave no id.`, detailsOf(res.status, body));
  if (res.status === 200) return { ok: true, id: media.id };
  return waitForProcessing(ctx, media.id);
}

/** Polls a 202 upload until Mastodon has processed it (200), failed it (422) or we give up. */
async function waitForProcessing(ctx: ClientContext, id: string): Promise<UploadResult> {
  const deadline = ctx.clock.now() + PROCESSING_DEADLINE_MS;
  let wait = FIRST_POLL_MS;
  let last = '';
  while (ctx.clock.now() < deadline) {
    if (!(await sleep(ctx, wait))) return notSent(`Stopped waiting for ${NAME} to process the media.`);
    wait = Math.min(wait * 2, MAX_POLL_MS);
    const got = await request(ctx, apiUrl(ctx.account.baseUrl, `/api/v1/media/${encodeURIComponent(id)}`), { headers: bearer(ctx) });
    if (!got.ok) {
      if (ctx.signal?.aborted) return notSent(`Stopped waiting for ${NAME} to process the media.`);
      last = got.failure.message;
      continue; // a lost poll is harmless: ask again
    }
    const res = got.res;
    const body = await readJson(res);
    if (res.status === 200) return { ok: true, id };
    if (res.status === 206) continue;
    const details = detailsOf(res.status, body);
    if (res.status === 422) {
      return { ok: false, outcome: { kind: 'failed', reason: `${NAME} could not process the media file (${errorMessage(body) ?? 'processing failed'}).`, details } };
    }
    if (res.status === 401 || res.status === 429) return { ok: false, outcome: errorOutcome(res, body, 'media', ctx.clock.now()) };
    if (res.status === 404) return notSent(`${NAME} lost the uploaded media before it was attached.`, details);
    last = details; // 5xx while polling: ask again
  }
  return notSent(`${NAME} took too long to process the media.`, last || undefined);
}
