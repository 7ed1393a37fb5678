/**
 * Photos on a Page. One photo is published by `POST /{page-id}/photos` itself (that call
 * creates the post). Several are uploaded with published=false, then attached to one
 * `POST /{page-id}/feed` (attached_media), which is the call that creates the post.
 * Alt text goes in `alt_text_custom`, the Photo field for user-provided alt text.
 */
import type { ClientContext, MediaItem } from '../types';
import { graphWrite, type Step } from './graph';

export const MAX_IMAGES = 10;

export function checkMedia(media: MediaItem[]): string | null {
  const other = media.find((m) => !m.mime.startsWith('image/'));
  if (other) {
    return other.mime.startsWith('video/')
      ? 'Loomcast does not post videos to Facebook Pages yet; post the video from Facebook, or remove it.'
      : `Facebook Page posts from Loomcast take images only; ${other.mime} is not one.`;
  }
  if (media.length > MAX_IMAGES) return `A Facebook post from Loomcast takes at most ${MAX_IMAGES} photos; this one has ${media.length}.`;
  return null;
}

const extension = (mime: string) => mime.split('/')[1]?.replace('jpeg', 'jpg') ?? 'img';

export async function photoForm(item: MediaItem, n: number, fields: Record<string, string | undefined>): Promise<FormData> {
  const bytes = await item.read();
  const f = new FormData();
  f.set('source', new Blob([bytes as Uint8Array<ArrayBuffer>], { type: item.mime }), `photo-${n}.${extension(item.mime)}`);
  if (item.altText) f.set('alt_text_custom', item.altText);
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) f.set(k, v);
  return f;
}

/** Uploads each photo unpublished; returns their ids for attached_media. Nothing is posted. */
export async function uploadUnpublished(ctx: ClientContext, pageId: string, media: MediaItem[]): Promise<Step<string[]>> {
  const ids: string[] = [];
  for (const [i, item] of media.entries()) {
    const what = `uploading photo ${i + 1} of ${media.length}`;
    const up = await graphWrite<{ id?: string }>(ctx, `/${pageId}/photos`, await photoForm(item, i + 1, { published: 'false' }), 'prepare', what);
    if (!up.ok) return up;
    if (!up.value.id) return { ok: false, outcome: { kind: 'transient', reason: `Facebook did not return an id while ${what}; nothing was posted.` } };
    ids.push(up.value.id);
  }
  return { ok: true, value: ids };
}
