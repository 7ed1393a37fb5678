/**
 * Media for a LinkedIn post, uploaded before the post is created:
 * - images: initializeUpload → PUT the bytes to the uploadUrl → the image URN;
 * - video: initializeUpload (fileSizeBytes) → PUT each byte range of uploadInstructions, keeping
 *   each part's ETag → finalizeUpload with the ETags in order → wait until the video is AVAILABLE.
 * Nothing here creates a post, so every failure is definite non-delivery (transient or failed).
 */
import { readJson, request, type PlatformAnswer } from '../common/http';
import { cardToAttach, pictureLeftOut } from '../common/link-card';
import type { ClientContext, MediaItem, PublishRequest } from '../types';
import { apiRoot, enc, pause, restHeaders } from './api';
import { outcomeOf, type Outcome } from './errors';

export type Step<T> = { ok: true; value: T } | { ok: false; outcome: Outcome };

export interface VideoPolling {
  intervalMs: number;
  maxPolls: number;
}

/** The `content` of a post, or why it cannot be built. */
export type PostContent =
  | { media: { id: string; altText?: string; title?: string } }
  | { multiImage: { images: { id: string; altText?: string }[] } }
  | { article: { source: string; title: string; description?: string; thumbnail?: string } };

const MAX_IMAGES = 20;

export function checkMedia(media: MediaItem[]): string | null {
  const images = media.filter((m) => m.mime.startsWith('image/'));
  const videos = media.filter((m) => m.mime.startsWith('video/'));
  if (images.length + videos.length !== media.length) {
    const odd = media.find((m) => !m.mime.startsWith('image/') && !m.mime.startsWith('video/'));
    return `LinkedIn posts from Loomcast take images or one video; ${odd?.mime ?? 'this file'} is neither.`;
  }
  if (videos.length > 1 || (videos.length === 1 && images.length > 0)) return 'A LinkedIn post takes either images or a single video, not both or several videos.';
  if (images.length > MAX_IMAGES) return `A LinkedIn post takes at most ${MAX_IMAGES} images; this one has ${images.length}.`;
  return null;
}

async function send(ctx: ClientContext, url: string, init: RequestInit, what: string): Promise<Step<{ res: PlatformAnswer; body: unknown }>> {
  const r = await request(ctx, url, init);
  if (!r.ok) return { ok: false, outcome: { kind: 'transient', reason: `Could not finish ${what} (${r.failure.message}); nothing was posted.` } };
  const body = await readJson(r.res).catch(() => null);
  if (!r.res.ok) return { ok: false, outcome: outcomeOf(r.res, body, ctx.clock.now(), 'upload', what) };
  return { ok: true, value: { res: r.res, body } };
}

const bad = (what: string): Step<never> => ({ ok: false, outcome: { kind: 'transient', reason: `LinkedIn gave an answer Loomcast did not understand while ${what}; nothing was posted.` } });

/** `name`: how messages call it ("image 2", "the link card's picture"). */
async function uploadImage(ctx: ClientContext, owner: string, item: Pick<MediaItem, 'mime' | 'read'>, name: string): Promise<Step<string>> {
  const token = ctx.credentials.accessToken;
  const what = `preparing ${name}`;
  const init = await send(
    ctx,
    `${apiRoot(ctx.account.baseUrl)}/rest/images?action=initializeUpload`,
    { method: 'POST', headers: restHeaders(token, { 'Content-Type': 'application/json' }), body: JSON.stringify({ initializeUploadRequest: { owner } }) },
    what,
  );
  if (!init.ok) return init;
  const value = (init.value.body as { value?: { uploadUrl?: string; image?: string } } | null)?.value;
  if (!value?.uploadUrl || !value.image) return bad(what);
  const bytes = await item.read();
  const put = await send(
    ctx,
    value.uploadUrl,
    { method: 'PUT', headers: { Authorization: `Bearer ${token}`, 'Content-Type': item.mime }, body: bytes as Uint8Array<ArrayBuffer> },
    `uploading ${name}`,
  );
  if (!put.ok) return put;
  return { ok: true, value: value.image };
}

async function uploadVideo(ctx: ClientContext, owner: string, item: MediaItem, polling: VideoPolling): Promise<Step<string>> {
  const token = ctx.credentials.accessToken;
  const root = apiRoot(ctx.account.baseUrl);
  const json = restHeaders(token, { 'Content-Type': 'application/json' });
  const bytes = await item.read();
  const init = await send(
    ctx,
    `${root}/rest/videos?action=initializeUpload`,
    {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ initializeUploadRequest: { owner, fileSizeBytes: bytes.byteLength, uploadCaptions: false, uploadThumbnail: false } }),
    },
    'preparing the video upload',
  );
  if (!init.ok) return init;
  const value = (init.value.body as { value?: { video?: string; uploadToken?: string; uploadInstructions?: { uploadUrl?: string; firstByte?: number; lastByte?: number }[] } } | null)
    ?.value;
  const parts = value?.uploadInstructions;
  if (!value?.video || !parts?.length) return bad('preparing the video upload');

  const etags: string[] = [];
  for (const [i, part] of parts.entries()) {
    if (!part.uploadUrl || typeof part.firstByte !== 'number' || typeof part.lastByte !== 'number') return bad('uploading the video');
    const chunk = bytes.subarray(part.firstByte, part.lastByte + 1);
    const put = await send(
      ctx,
      part.uploadUrl,
      { method: 'PUT', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' }, body: chunk as Uint8Array<ArrayBuffer> },
      `uploading part ${i + 1} of ${parts.length} of the video`,
    );
    if (!put.ok) return put;
    const etag = put.value.res.headers.get('etag');
    if (!etag) return bad('uploading the video');
    etags.push(etag);
  }

  const fin = await send(
    ctx,
    `${root}/rest/videos?action=finalizeUpload`,
    { method: 'POST', headers: json, body: JSON.stringify({ finalizeUploadRequest: { video: value.video, uploadToken: value.uploadToken ?? '', uploadedPartIds: etags } }) },
    'finishing the video upload',
  );
  if (!fin.ok) return fin;

  // LinkedIn processes the video before a post can use it.
  for (let poll = 0; poll < polling.maxPolls; poll++) {
    const got = await send(ctx, `${root}/rest/videos/${enc(value.video)}`, { headers: restHeaders(token) }, 'checking the video');
    if (!got.ok) return got;
    const status = (got.value.body as { status?: string } | null)?.status;
    if (status === 'AVAILABLE') return { ok: true, value: value.video };
    if (status === 'PROCESSING_FAILED') {
      return { ok: false, outcome: { kind: 'failed', reason: 'LinkedIn could not process the video; try another file or format.', details: JSON.stringify(got.value.body).slice(0, 500) } };
    }
    try {
      await pause(ctx.clock, polling.intervalMs, ctx.signal);
    } catch {
      return { ok: false, outcome: { kind: 'transient', reason: 'Gave up waiting for LinkedIn to process the video; nothing was posted.' } };
    }
  }
  return { ok: false, outcome: { kind: 'transient', reason: 'LinkedIn was still processing the video; nothing was posted yet, Loomcast will try again.' } };
}

/** Uploads the post's media and returns the `content` for the post (undefined for text only). */
export async function uploadMedia(ctx: ClientContext, owner: string, media: MediaItem[], title: string | undefined, polling: VideoPolling): Promise<Step<PostContent | undefined>> {
  if (media.length === 0) return { ok: true, value: undefined };
  const video = media.find((m) => m.mime.startsWith('video/'));
  if (video) {
    const up = await uploadVideo(ctx, owner, video, polling);
    if (!up.ok) return up;
    return { ok: true, value: { media: { id: up.value, ...(title ? { title } : {}) } } };
  }
  const images: { id: string; altText?: string }[] = [];
  for (const [i, item] of media.entries()) {
    const up = await uploadImage(ctx, owner, item, `image ${i + 1}`);
    if (!up.ok) return up;
    images.push({ id: up.value, ...(item.altText ? { altText: item.altText } : {}) });
  }
  return { ok: true, value: images.length === 1 ? { media: images[0]! } : { multiImage: { images } } };
}

/**
 * A post without media shows the card of its first link as an article (`content.article`):
 * LinkedIn does not read the page for posts made through its API, so the card is the one the
 * composer previewed, its picture uploaded as the thumbnail. A page Loomcast could not read
 * leaves the post as text and `notice` says why; a picture LinkedIn refuses is left out, while
 * what would stop the post as well (the network, a rate limit, a server error) stops it here,
 * before anything is posted.
 */
export async function uploadArticle(ctx: ClientContext, owner: string, req: PublishRequest): Promise<Step<{ content?: PostContent; notice?: string }>> {
  const { card, notice: unread } = await cardToAttach(req);
  if (!card) return { ok: true, value: unread ? { notice: unread } : {} };
  let thumbnail: string | undefined;
  let notice: string | undefined;
  if (card.image) {
    const image = card.image;
    const up = await uploadImage(ctx, owner, { mime: image.mime, read: async () => image.bytes }, "the link card's picture");
    if (up.ok) thumbnail = up.value;
    else if (up.outcome.kind === 'failed') notice = pictureLeftOut(up.outcome.reason);
    else return up;
  }
  const article = { source: card.url, title: card.title, ...(card.description ? { description: card.description } : {}), ...(thumbnail ? { thumbnail } : {}) };
  return { ok: true, value: { content: { article }, ...(notice ? { notice } : {}) } };
}
