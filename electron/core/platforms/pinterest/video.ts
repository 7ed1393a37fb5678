/**
 * Video pins, as documented: register the upload (`POST /v5/media`), POST the file as a
 * multipart form to the S3 `upload_url` with every `upload_parameters` field, then poll
 * `GET /v5/media/{id}` until it has `succeeded`. None of this makes a pin, so every failure here
 * is definite non-delivery.
 */
import type { ClientContext, MediaItem, PublishOutcome } from '../types';
import { readJson, request, type PlatformAnswer } from '../common/http';
import { apiRoot, errorMessage } from './api';
import { networkFailureOutcome, statusOutcome } from './outcomes';
import { pause } from '../common/pause';

export interface VideoOptions {
  /** Wait between status polls. */
  pollIntervalMs: number;
  /** Give up on processing after this long; nothing was posted, so a later retry is safe. */
  maxProcessingMs: number;
}

export type VideoSource = { source_type: 'video_id'; media_id: string; cover_image_key_frame_time: number };

interface Registration {
  media_id: string;
  upload_url: string;
  upload_parameters: Record<string, string>;
}

const json = (ctx: ClientContext) => ({ authorization: `Bearer ${ctx.credentials.accessToken}`, accept: 'application/json' });

async function answer(res: PlatformAnswer): Promise<unknown> {
  try {
    return await readJson(res);
  } catch {
    return null;
  }
}


async function register(ctx: ClientContext): Promise<Registration | PublishOutcome> {
  const r = await request(ctx, `${apiRoot(ctx.account.baseUrl)}/media`, {
    method: 'POST',
    headers: { ...json(ctx), 'content-type': 'application/json' },
    body: JSON.stringify({ media_type: 'video' }),
  });
  if (!r.ok) return networkFailureOutcome(r.failure, 'prepare');
  const body = await answer(r.res);
  if (!r.res.ok) return statusOutcome(r.res, body, ctx.clock.now(), 'prepare');
  const reg = body as Partial<Registration> | null;
  if (!reg || typeof reg.media_id !== 'string' || typeof reg.upload_url !== 'string' || !reg.upload_parameters) {
    return { kind: 'transient', reason: 'Pinterest did not say where to upload the video; nothing was posted.' };
  }
  return reg as Registration;
}

/** The S3 form upload. Our Pinterest token never goes to the storage host. */
async function upload(ctx: ClientContext, reg: Registration, media: MediaItem): Promise<PublishOutcome | null> {
  const bytes = await media.read();
  const form = new FormData();
  for (const [k, v] of Object.entries(reg.upload_parameters)) form.append(k, String(v));
  // S3 ignores every field after `file`, so it goes last.
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type: media.mime }), `${media.hash.slice(0, 16)}.video`);
  const r = await request(ctx, reg.upload_url, { method: 'POST', body: form });
  if (!r.ok) return networkFailureOutcome(r.failure, 'prepare');
  if (r.res.ok) {
    await r.res.arrayBuffer().catch(() => undefined);
    return null;
  }
  const text = await r.res.text().catch(() => '');
  const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? `HTTP ${r.res.status}`;
  const details = `HTTP ${r.res.status}: ${text.slice(0, 500)}`;
  if (r.res.status === 400 && /EntityTooLarge|EntityTooSmall/.test(code)) {
    return { kind: 'failed', reason: `Pinterest's upload storage refused the video's size (${code}).`, details };
  }
  return { kind: 'transient', reason: `Pinterest's upload storage refused the video (${code}); nothing was posted.`, details };
}

async function untilProcessed(ctx: ClientContext, mediaId: string, opts: VideoOptions): Promise<PublishOutcome | null> {
  const deadline = ctx.clock.now() + opts.maxProcessingMs;
  const url = `${apiRoot(ctx.account.baseUrl)}/media/${encodeURIComponent(mediaId)}`;
  for (;;) {
    const r = await request(ctx, url, { headers: json(ctx) });
    if (!r.ok) return networkFailureOutcome(r.failure, 'prepare');
    const body = await answer(r.res);
    if (!r.res.ok) return statusOutcome(r.res, body, ctx.clock.now(), 'prepare');
    const status = (body as { status?: unknown } | null)?.status;
    if (status === 'succeeded') return null;
    if (status === 'failed') {
      return { kind: 'failed', reason: `Pinterest could not process the video${errorMessage(body) ? `: ${errorMessage(body)}` : ''}. Try another file or format.` };
    }
    if (ctx.clock.now() >= deadline) {
      return { kind: 'transient', reason: `Pinterest was still processing the video after ${Math.round(opts.maxProcessingMs / 1000)} s; no pin was made.` };
    }
    if (!(await pause(ctx.clock, opts.pollIntervalMs, ctx.signal))) {
      return { kind: 'transient', reason: 'Stopped waiting for Pinterest to process the video; no pin was made.' };
    }
  }
}

export async function uploadVideo(ctx: ClientContext, media: MediaItem, opts: VideoOptions): Promise<VideoSource | PublishOutcome> {
  const reg = await register(ctx);
  if ('kind' in reg) return reg;
  const uploaded = await upload(ctx, reg, media);
  if (uploaded) return uploaded;
  const processed = await untilProcessed(ctx, reg.media_id, opts);
  if (processed) return processed;
  // The first frame as the cover; Pinterest wants either a cover URL or a key-frame time.
  return { source_type: 'video_id', media_id: reg.media_id, cover_image_key_frame_time: 0 };
}
