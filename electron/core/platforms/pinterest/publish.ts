/**
 * Making a pin: `POST /v5/pins` with the board, the text, the alt text and a `media_source`
 * (an image by public URL or inline base64, or an uploaded video's id).
 */
import type { ClientContext, MediaItem, PublishOutcome, PublishRequest, RateLimitInfo } from '../types';
import { readJson, request } from '../common/http';
import { apiRoot, pinUrl, readPinterestRateLimit } from './api';
import { networkFailureOutcome, statusOutcome } from './outcomes';
import { pinProblem, pinText } from './pin-fields';
import { uploadVideo, type VideoOptions, type VideoSource } from './video';

type ImageSource =
  | { source_type: 'image_url'; url: string }
  | { source_type: 'image_base64'; content_type: 'image/jpeg' | 'image/png'; data: string };

const INLINE_TYPES = ['image/jpeg', 'image/png'];

/**
 * Pinterest pulls an image from a public URL (our presigned bucket link). Without a bucket (or
 * when the bucket fails) the bytes go inline as base64, which Pinterest takes for JPEG and PNG.
 */
async function imageSource(ctx: ClientContext, media: MediaItem): Promise<ImageSource | PublishOutcome> {
  try {
    return { source_type: 'image_url', url: await media.publicUrl() };
  } catch (err) {
    if (!INLINE_TYPES.includes(media.mime)) {
      return {
        kind: 'failed',
        reason: `Pinterest can only take a ${media.mime} image from a public link, and none is available (${(err as Error).message}). Set up a media bucket in Settings, or use a JPEG or PNG.`,
      };
    }
    ctx.log.info('pinterest: no public link for the image, sending its bytes inline (base64)', { reason: (err as Error).message });
    const bytes = await media.read();
    return { source_type: 'image_base64', content_type: media.mime as 'image/jpeg' | 'image/png', data: Buffer.from(bytes).toString('base64') };
  }
}

async function createPin(ctx: ClientContext, pin: Record<string, unknown>): Promise<PublishOutcome & { rateLimit?: RateLimitInfo }> {
  const r = await request(ctx, `${apiRoot(ctx.account.baseUrl)}/pins`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ctx.credentials.accessToken}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(pin),
  });
  if (!r.ok) return networkFailureOutcome(r.failure, 'create');
  const now = ctx.clock.now();
  const rateLimit = readPinterestRateLimit(r.res, now);
  const withLimit = <T extends PublishOutcome>(o: T) => (rateLimit ? { ...o, rateLimit } : o);
  let body: unknown;
  try {
    body = await readJson(r.res);
  } catch (err) {
    // The status arrived but the body was cut: if it said 2xx the pin exists, and we lack its id.
    return withLimit({ kind: 'unknown', reason: `Pinterest's answer was cut off (${(err as Error).message}); the pin may exist.` });
  }
  if (r.res.status === 200 || r.res.status === 201) {
    const id = (body as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && id) return withLimit({ kind: 'published', platformPostId: id, url: pinUrl(id) });
    return withLimit({ kind: 'unknown', reason: 'Pinterest accepted the pin but did not return its id.' });
  }
  return withLimit(statusOutcome(r.res, body, now, 'create'));
}

export async function publishPin(ctx: ClientContext, req: PublishRequest, video: VideoOptions): Promise<PublishOutcome & { rateLimit?: RateLimitInfo }> {
  const problem = pinProblem(req);
  if (problem) return { kind: 'failed', reason: problem };
  const boardId = ctx.credentials.extra?.boardId;
  if (!boardId) return { kind: 'failed', reason: 'No Pinterest board is chosen for this account. Reconnect Pinterest to pick one.' };

  const media = req.media[0] as MediaItem;
  const source: ImageSource | VideoSource | PublishOutcome = media.mime.startsWith('video/') ? await uploadVideo(ctx, media, video) : await imageSource(ctx, media);
  if ('kind' in source) return source;

  const text = pinText(req);
  return createPin(ctx, {
    board_id: boardId,
    ...text,
    ...(media.altText ? { alt_text: media.altText } : {}),
    media_source: source,
  });
}
