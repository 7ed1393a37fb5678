import type { Platform } from './platforms';

/** What media Loomcast takes; schema-free, so screens can read the limits without the contract's schemas. */
export const MEDIA_MIMES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4', 'video/quicktime'] as const;
export const IMAGE_MIMES: readonly string[] = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
/** The browser-mode host takes request bodies up to 10 MB, so one upload stays under 7 MB. */
export const MAX_UPLOAD_BYTES = 7 * 1024 * 1024;
/** Mastodon's limit for an image description; the longest of the platforms. */
export const MAX_ALT_TEXT = 1500;

const MiB = 1024 * 1024;

/**
 * Each platform's own media rules, beyond what its client's capabilities say (which media kinds,
 * how many images): what the platform, or Loomcast's client for it, refuses when the post falls
 * due. The pre-flight (preflight.ts) refuses the same before the post is scheduled.
 */
export interface PlatformMediaRules {
  /** The image types it takes; absent: every image type Loomcast stores. */
  imageTypes?: readonly string[];
  /** Its words for `imageTypes`, e.g. "JPEG or PNG". */
  imageTypesWords?: string;
  /** The largest still image (a GIF has `maxGifBytes` where given), and how to say it. */
  maxImageBytes?: { bytes: number; words: string };
  maxGifBytes?: { bytes: number; words: string };
  /** Photos and videos together in one post. */
  maxItems?: number;
  /** A video goes alone: no photos and no second video beside it. */
  videoAlone?: boolean;
  /** A GIF goes alone (X uploads every GIF as an animated one). */
  gifAlone?: boolean;
  /** A photo's width ÷ height, where its size is known. */
  aspect?: { min: number; max: number; words: string };
  maxAltChars?: number;
}

export const PLATFORM_MEDIA: Readonly<Record<Platform, PlatformMediaRules>> = {
  // 4 photos, or 1 GIF, or 1 video; 5 MB photos, 15 MB GIFs (x/media.ts uploads every GIF as tweet_gif).
  x: { maxImageBytes: { bytes: 5 * MiB, words: '5 MB' }, maxGifBytes: { bytes: 15 * MiB, words: '15 MB' }, maxItems: 4, videoAlone: true, gifAlone: true },
  // The lexicon's blob limit (bluesky/record.ts refuses larger).
  bluesky: { maxImageBytes: { bytes: 2_000_000, words: '2 MB (2,000,000 bytes)' }, maxItems: 4 },
  // The server refuses a video or audio beside anything else (images_and_video); a GIF becomes a
  // looping video that may still sit beside photos.
  mastodon: { maxItems: 4, videoAlone: true },
  linkedin: { maxItems: 20, videoAlone: true },
  facebook: { maxItems: 10 },
  // Public JPEGs only, up to 8 MiB, 4:5 to 1.91:1; a carousel of up to 10 photos and videos.
  instagram: {
    imageTypes: ['image/jpeg'],
    imageTypesWords: 'JPEG',
    maxImageBytes: { bytes: 8 * MiB, words: '8 MB' },
    maxItems: 10,
    aspect: { min: 4 / 5, max: 1.91, words: 'between 4:5 (portrait) and 1.91:1 (landscape)' },
  },
  threads: { imageTypes: ['image/jpeg', 'image/png'], imageTypesWords: 'JPEG or PNG', maxImageBytes: { bytes: 8 * MiB, words: '8 MB' }, maxItems: 20 },
  // One video, or up to 35 photos that are not PNG (tiktok/publish.ts takes JPEG and WebP).
  tiktok: { imageTypes: ['image/jpeg', 'image/webp'], imageTypesWords: 'JPEG or WebP', maxItems: 35, videoAlone: true },
  youtube: { maxItems: 1, videoAlone: true },
  pinterest: { maxItems: 1, maxAltChars: 500 },
};

/**
 * The most media files one post holds: the most any platform takes (TikTok's 35 photos). Each
 * chosen platform's own `maxItems` refuses more, in words naming it (preflight.ts).
 */
export const MAX_MEDIA_PER_POST = Math.max(...Object.values(PLATFORM_MEDIA).map((r) => r.maxItems ?? 0));

/** The most media files a post to these platforms can hold: the most any of them takes; with none chosen, the overall cap. */
export function mediaCapFor(platforms: readonly Platform[]): number {
  const caps = platforms.map((p) => PLATFORM_MEDIA[p].maxItems ?? MAX_MEDIA_PER_POST);
  return caps.length ? Math.max(...caps) : MAX_MEDIA_PER_POST;
}
