import type { Platform } from '../../../../../shared/domain/platforms';

/**
 * How each platform lays out a post: the shape the preview imitates, and what it does with links.
 * - social: a timeline post (avatar, name, handle, text, media grid, link card), thread replies
 * - feed: a feed update with the link card below the text, comments underneath
 * - photo: the picture first, square, with the caption under it
 * - video: the video first (tall for TikTok, wide for YouTube)
 * - pin: the pin's picture with its title
 */
export type LookKind = 'social' | 'feed' | 'photo' | 'video' | 'pin';

export interface Look {
  kind: LookKind;
  /** The platform turns the first link into a card (when the post carries no images). */
  linkCard: boolean;
  /** Why a link in the text will not be clickable there; null where it is. */
  deadLinkNote: string | null;
  /** Shown beside the name, as the platform does ("@handle", "now · Public"). */
  meta: string;
}

export const LOOKS: Record<Platform, Look> = {
  x: { kind: 'social', linkCard: true, deadLinkNote: null, meta: 'now' },
  bluesky: { kind: 'social', linkCard: true, deadLinkNote: null, meta: 'now' },
  mastodon: { kind: 'social', linkCard: true, deadLinkNote: null, meta: 'now' },
  threads: { kind: 'social', linkCard: true, deadLinkNote: null, meta: 'now' },
  linkedin: { kind: 'feed', linkCard: true, deadLinkNote: null, meta: 'Now · Public' },
  facebook: { kind: 'feed', linkCard: true, deadLinkNote: null, meta: 'Just now · Public' },
  instagram: { kind: 'photo', linkCard: false, deadLinkNote: 'Links in Instagram captions are not clickable.', meta: '' },
  tiktok: { kind: 'video', linkCard: false, deadLinkNote: 'Links in TikTok captions are not clickable.', meta: '' },
  youtube: { kind: 'video', linkCard: false, deadLinkNote: null, meta: '' },
  pinterest: { kind: 'pin', linkCard: false, deadLinkNote: 'Pins from Loomcast carry no destination link; links stay plain text in the description.', meta: '' },
};
