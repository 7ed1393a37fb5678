import { useEffect, useRef, useState } from 'react';
import { IMAGE_MIMES } from '../../../../shared/domain/media-limits';
import { api } from '../../api/client';
import { createThumbLoader, type ThumbState } from './thumb-loader';

/** Long edge of the stored thumbnail, in device pixels: a chip draws it at 16–28 CSS px. */
const THUMB_PX = 64;

/**
 * The image as the media tray gets it (media:thumbnail), scaled down once to a small square
 * so a month of chips doesn't hold full-size photos decoded in memory. Where the browser can't
 * scale it, the image is shown as sent.
 */
async function loadThumb(hash: string): Promise<string> {
  const { dataUrl } = await api.call('media:thumbnail', { hash });
  try {
    const [head, body = ''] = dataUrl.split(',', 2);
    const mime = /^data:([^;]+)/.exec(head ?? '')?.[1] ?? 'image/png';
    const bytes = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: mime }));
    const side = Math.min(bitmap.width, bitmap.height);
    const canvas = new OffscreenCanvas(THUMB_PX, THUMB_PX);
    // The centre square, like object-fit: cover.
    canvas.getContext('2d')!.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, THUMB_PX, THUMB_PX);
    bitmap.close();
    return URL.createObjectURL(await canvas.convertToBlob({ type: 'image/webp', quality: 0.8 }));
  } catch {
    return dataUrl;
  }
}

/** One loader for the whole calendar: a hash is fetched once however many chips show it. */
export const chipThumbs = createThumbLoader(loadThumb, 4);

type Watch = (visible: boolean) => void;
const watched = new WeakMap<Element, Watch>();
let observer: IntersectionObserver | null = null;

/** One observer for every thumbnail; a little margin starts loading just before one scrolls in. */
function observe(el: Element, fn: Watch): () => void {
  observer ??= new IntersectionObserver((entries) => {
    for (const e of entries) watched.get(e.target)?.(e.isIntersecting);
  }, { rootMargin: '120px' });
  watched.set(el, fn);
  observer.observe(el);
  return () => {
    observer?.unobserve(el);
    watched.delete(el);
  };
}

/**
 * A chip's thumbnail: the post's first image, once the chip is on screen; a plain mark for a
 * video or an image that can't be shown. Decorative: the chip's name says it has media.
 */
export function ChipThumb({ hash, mime }: { hash: string; mime: string }) {
  const box = useRef<HTMLSpanElement>(null);
  const image = IMAGE_MIMES.includes(mime);
  const [state, setState] = useState<ThumbState>(() => chipThumbs.get(hash));

  useEffect(() => {
    const el = box.current;
    if (!el || !image || chipThumbs.get(hash).status !== 'pending') return;
    let withdraw: (() => void) | null = null;
    const stop = observe(el, (visible) => {
      if (visible && !withdraw) withdraw = chipThumbs.want(hash, () => setState(chipThumbs.get(hash)));
      else if (!visible && withdraw) {
        withdraw();
        withdraw = null;
      }
    });
    return () => {
      stop();
      withdraw?.();
    };
  }, [hash, image]);

  const url = state.status === 'ready' ? state.url : null;
  return (
    <span ref={box} className="chip-thumb" data-testid="chip-thumb" data-media={image ? 'image' : 'video'} data-loaded={url ? 'true' : undefined} aria-hidden="true">
      {url ? <img src={url} alt="" decoding="async" draggable={false} /> : image ? null : <VideoMark />}
    </span>
  );
}

function VideoMark() {
  return (
    <svg width={10} height={10} viewBox="0 0 24 24" fill="currentColor" aria-hidden="true" focusable="false">
      <path d="M7 4.5v15l12-7.5-12-7.5Z" />
    </svg>
  );
}
