/**
 * What a pin says: title, description and alt text within Pinterest's documented limits, derived
 * the same way for publishing and for looking the pin up again (reconcile).
 */
import type { MediaItem, PublishRequest } from '../types';

export const TITLE_MAX = 100;
export const DESCRIPTION_MAX = 800;
export const ALT_TEXT_MAX = 500;

export interface PinText {
  title?: string;
  description?: string;
}

// Pinterest counts characters; we count code points (an emoji is one), which is our best reading.
const length = (s: string) => [...s].length;

function truncate(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** The title is the post's own title, or else the first line of its text (shortened to fit). */
export function pinText(req: Pick<PublishRequest, 'title' | 'text'>): PinText {
  const description = req.text.trim();
  const explicit = req.title?.trim();
  const firstLine = description.split('\n').find((l) => l.trim())?.trim();
  const title = explicit || (firstLine ? truncate(firstLine, TITLE_MAX) : undefined);
  return { ...(title ? { title } : {}), ...(description ? { description } : {}) };
}

/** A reason in the creator's words when the pin cannot be made as written, else null. */
export function pinProblem(req: PublishRequest): string | null {
  if (req.replyTo) {
    return 'Pinterest has no replies, threads or first comments through its API, so this part cannot be pinned.';
  }
  if (req.media.length === 0) return 'Pinterest has no text-only pins: add an image or a video.';
  if (req.media.length > 1) return `A pin holds one image or one video; this post has ${req.media.length} attachments.`;
  const media = req.media[0] as MediaItem;
  if (!media.mime.startsWith('image/') && !media.mime.startsWith('video/')) {
    return `Pinterest pins are images or videos; ${media.mime} is neither.`;
  }
  const title = req.title?.trim();
  if (title && length(title) > TITLE_MAX) return `Pinterest titles are at most ${TITLE_MAX} characters; this one has ${length(title)}.`;
  const text = req.text.trim();
  if (length(text) > DESCRIPTION_MAX) return `Pinterest descriptions are at most ${DESCRIPTION_MAX} characters; this one has ${length(text)}.`;
  if (media.altText && length(media.altText) > ALT_TEXT_MAX) {
    return `Pinterest alt text is at most ${ALT_TEXT_MAX} characters; this one has ${length(media.altText)}.`;
  }
  return null;
}

/** Does a pin from the board's list carry this text? Whitespace at the ends is not significant. */
export function sameText(pin: { title?: unknown; description?: unknown }, want: PinText): boolean {
  const norm = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  return norm(pin.description) === (want.description ?? '') && (want.title === undefined || norm(pin.title) === want.title);
}
