import { useId, useState } from 'react';
import type { ComposeMedia } from '../compose.store';
import { isImage } from '../mediaRules';
import { useThumbnail } from './useThumbnail';
import './preview-media.css';

/** How the media is framed: a timeline grid, one square (Instagram), a video frame, or a pin. */
export type MediaShape = 'grid' | 'square' | 'tall' | 'wide' | 'pin';

function Tile({ item, index, more }: { item: ComposeMedia; index: number; more: number }) {
  const url = useThumbnail(item.hash, item.mime);
  const alt = item.altText.trim();
  const descId = useId();
  const [open, setOpen] = useState(false);
  const image = isImage(item.mime);
  return (
    <figure className="pv-tile" data-testid="preview-media">
      {image ? (
        url ? (
          <img src={url} alt={alt || `Image ${index + 1}, not described yet`} data-testid="preview-image" />
        ) : (
          <span className="pv-tile-empty" aria-label={`Image ${index + 1}, loading`} role="img" />
        )
      ) : (
        <span className="pv-tile-video" role="img" aria-label={`Video: ${item.name || `item ${index + 1}`}`}>
          <span className="pv-play" aria-hidden="true" />
        </span>
      )}
      {more > 0 ? (
        <span className="pv-more" aria-label={`${more} more`}>
          +{more}
        </span>
      ) : null}
      {alt ? (
        <>
          {/* As on X and Bluesky: a badge that says a description is there and shows it when pressed. */}
          <button type="button" className="pv-alt-badge" aria-expanded={open} aria-describedby={descId} data-testid="preview-alt-badge" onClick={() => setOpen((o) => !o)}>
            ALT
          </button>
          <span id={descId} hidden>
            {alt}
          </span>
          {open ? (
            <figcaption className="pv-alt-text" data-testid="preview-alt-text">
              {alt}
            </figcaption>
          ) : null}
        </>
      ) : null}
    </figure>
  );
}

function missingAltNote(media: ComposeMedia[]): string | null {
  const missing = media.flatMap((m, i) => (isImage(m.mime) && !m.altText.trim() ? [i + 1] : []));
  if (missing.length === 0) return null;
  if (media.filter((m) => isImage(m.mime)).length === 1) return 'The image has no alt text yet.';
  const list = missing.length === 1 ? `${missing[0]}` : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
  return `Image${missing.length > 1 ? 's' : ''} ${list} ${missing.length > 1 ? 'have' : 'has'} no alt text yet.`;
}

/** The post's images and videos as the platform frames them, each image's alt text a press away. */
export function PreviewMedia({ media, shape, max }: { media: ComposeMedia[]; shape: MediaShape; max: number }) {
  if (media.length === 0) return null;
  // Grids show up to four; the single-frame shapes show the first (a carousel or a cover).
  const room = shape === 'grid' ? Math.min(4, Math.max(1, max)) : 1;
  const shown = media.slice(0, room);
  const more = Math.min(media.length, Math.max(1, max)) - shown.length;
  const note = missingAltNote(media.slice(0, Math.max(1, max)));
  return (
    <div className="pv-media-wrap">
      <div className="pv-media" data-shape={shape} data-count={shown.length}>
        {shown.map((m, i) => (
          <Tile key={m.hash} item={m} index={i} more={i === shown.length - 1 ? more : 0} />
        ))}
      </div>
      {note ? (
        <p className="pv-note pv-note-warn" data-testid="preview-alt-missing">
          {note}
        </p>
      ) : null}
    </div>
  );
}
