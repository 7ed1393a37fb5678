/**
 * Media for a post, before `POST /2/tweets` (so no failure here can have posted anything):
 * - images: simple `POST /2/media/upload` (multipart, media_category=tweet_image);
 * - GIFs and videos: chunked initialize → append × n → finalize, then `command=STATUS` polls
 *   that wait `check_after_secs` between them;
 * - alt text: `POST /2/media/metadata {id, metadata:{alt_text:{text}}}` (docs.x.com "Create Media
 *   metadata"; X supports it for images and GIFs only, so a video's description is not sent).
 */
import { readJson, type HttpResult } from '../common/http';
import type { ClientContext, MediaItem, PublishOutcome, RateLimitInfo } from '../types';
import { readXRateLimit, xCall, xJson } from './api';
import { prepareFailure, prepareNetworkFailure } from './outcomes';
import { pause } from '../common/pause';

export interface MediaOptions {
  /** Bytes per APPEND segment (X allows up to 1000 segments). */
  chunkBytes: number;
  /** How long to wait before the next STATUS poll, given X's `check_after_secs`. */
  pollDelayMs: (checkAfterSecs: number) => number;
  /** Give up (nothing posted, try again later) after this many STATUS polls. */
  maxPolls: number;
}

export type Prepared = { ok: true; mediaIds: string[] } | { ok: false; outcome: PublishOutcome; rateLimit?: RateLimitInfo };

type Kind = 'image' | 'gif' | 'video';
const CATEGORY: Record<Kind, string> = { image: 'tweet_image', gif: 'tweet_gif', video: 'tweet_video' };
const NOUN: Record<Kind, string> = { image: 'the image', gif: 'the GIF', video: 'the video' };

function kindOf(m: MediaItem): Kind | null {
  if (m.mime === 'image/gif') return 'gif';
  if (m.mime.startsWith('image/')) return 'image';
  if (m.mime.startsWith('video/')) return 'video';
  return null;
}

type ProcessingInfo = { state?: string; check_after_secs?: number; error?: { message?: string } };
type MediaData = { id?: string; processing_info?: ProcessingInfo };

class StepError {
  constructor(readonly outcome: PublishOutcome, readonly rateLimit?: RateLimitInfo) {}
}

/** Runs one preparing call; any failure becomes a StepError carrying its outcome. */
async function step(ctx: ClientContext, what: string, call: Promise<HttpResult>): Promise<MediaData> {
  const r = await call;
  if (!r.ok) throw new StepError(prepareNetworkFailure(r.failure, what));
  const body = await readJson(r.res);
  if (!r.res.ok) throw new StepError(prepareFailure(r.res, body, ctx.clock.now(), what), readXRateLimit(r.res));
  return ((body as { data?: MediaData } | null)?.data ?? {}) as MediaData;
}


async function awaitProcessing(ctx: ClientContext, opts: MediaOptions, id: string, info: ProcessingInfo | undefined, what: string): Promise<void> {
  for (let polls = 0; info && info.state !== 'succeeded'; polls++) {
    if (info.state === 'failed') {
      throw new StepError({ kind: 'failed', reason: `X could not process ${what}${info.error?.message ? `: ${info.error.message}` : '.'}`, details: JSON.stringify(info).slice(0, 500) });
    }
    if (polls >= opts.maxPolls) throw new StepError({ kind: 'transient', reason: `X was still processing ${what}; nothing was posted yet.` });
    try {
      await pause(ctx.clock, opts.pollDelayMs(info.check_after_secs ?? 1), ctx.signal);
    } catch {
      throw new StepError({ kind: 'transient', reason: `Stopped waiting for X to process ${what}; nothing was posted.` });
    }
    const q = new URLSearchParams({ command: 'STATUS', media_id: id });
    info = (await step(ctx, what, xCall(ctx, `/2/media/upload?${q}`))).processing_info;
  }
}

function blobOf(bytes: Uint8Array, mime: string): Blob {
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime });
}

async function uploadSimple(ctx: ClientContext, bytes: Uint8Array, m: MediaItem, kind: Kind): Promise<MediaData> {
  const form = new FormData();
  form.set('media', blobOf(bytes, m.mime), 'media');
  form.set('media_category', CATEGORY[kind]);
  return step(ctx, NOUN[kind], xCall(ctx, '/2/media/upload', { method: 'POST', body: form }));
}

async function uploadChunked(ctx: ClientContext, opts: MediaOptions, bytes: Uint8Array, m: MediaItem, kind: Kind): Promise<MediaData> {
  const what = NOUN[kind];
  const init = await step(ctx, what, xJson(ctx, '/2/media/upload/initialize', 'POST', { media_type: m.mime, total_bytes: bytes.byteLength, media_category: CATEGORY[kind] }));
  if (!init.id) throw new StepError({ kind: 'transient', reason: `X did not give an id for ${what}; nothing was posted.` });
  const id = init.id;
  for (let i = 0, offset = 0; offset < bytes.byteLength; i++, offset += opts.chunkBytes) {
    const form = new FormData();
    form.set('segment_index', String(i));
    form.set('media', blobOf(bytes.subarray(offset, offset + opts.chunkBytes), 'application/octet-stream'), 'media');
    await step(ctx, what, xCall(ctx, `/2/media/upload/${encodeURIComponent(id)}/append`, { method: 'POST', body: form }));
  }
  const done = await step(ctx, what, xCall(ctx, `/2/media/upload/${encodeURIComponent(id)}/finalize`, { method: 'POST' }));
  return { ...done, id: done.id ?? id };
}

/** X takes up to 4 images, or one GIF, or one video: say so before uploading anything. */
function checkMix(media: MediaItem[]): PublishOutcome | null {
  const kinds = media.map(kindOf);
  const bad = media.find((_, i) => kinds[i] === null);
  if (bad) return { kind: 'failed', reason: `X cannot post a file of type ${bad.mime}.` };
  const moving = kinds.filter((k) => k !== 'image').length;
  if (moving > 0 && media.length > 1) return { kind: 'failed', reason: 'X takes one GIF or one video per post, without other media.' };
  if (media.length > 4) return { kind: 'failed', reason: 'X takes at most 4 images per post.' };
  return null;
}

export async function uploadMedia(ctx: ClientContext, media: MediaItem[], opts: MediaOptions): Promise<Prepared> {
  const wrong = checkMix(media);
  if (wrong) return { ok: false, outcome: wrong };
  const ids: string[] = [];
  try {
    for (const m of media) {
      const kind = kindOf(m)!;
      let bytes: Uint8Array;
      try {
        bytes = await m.read();
      } catch (err) {
        return { ok: false, outcome: { kind: 'failed', reason: `Loomcast could not read ${NOUN[kind]} to upload it.`, details: (err as Error)?.message } };
      }
      const data = kind === 'image' ? await uploadSimple(ctx, bytes, m, kind) : await uploadChunked(ctx, opts, bytes, m, kind);
      if (!data.id) return { ok: false, outcome: { kind: 'transient', reason: `X did not give an id for ${NOUN[kind]}; nothing was posted.` } };
      await awaitProcessing(ctx, opts, data.id, data.processing_info, NOUN[kind]);
      if (m.altText && kind !== 'video') {
        await step(ctx, `the description of ${NOUN[kind]}`, xJson(ctx, '/2/media/metadata', 'POST', { id: data.id, metadata: { alt_text: { text: m.altText } } }));
      } else if (m.altText) {
        ctx.log.info('X has no alt text for video; the description was not sent', { hash: m.hash });
      }
      ids.push(data.id);
    }
  } catch (err) {
    if (err instanceof StepError) return { ok: false, outcome: err.outcome, ...(err.rateLimit ? { rateLimit: err.rateLimit } : {}) };
    throw err;
  }
  return { ok: true, mediaIds: ids };
}
