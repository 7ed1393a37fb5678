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
  /**
   * A video's length in seconds, where it could be read from the file (a video whose length is
   * unknown is not refused: the platform may still take it), and how to say the limit.
   */
  videoSeconds?: VideoSeconds;
  /** A video's length in a post of several photos and videos (Instagram's carousel), where it differs. */
  carouselVideoSeconds?: VideoSeconds;
  /** A video's width ÷ height as shown, where its size could be read. */
  videoAspect?: { min: number; max: number; words: string };
  /** The shortest and longest side of a video as shown, in pixels, where its size could be read. */
  videoSides?: { min?: number; max?: number; words: string };
}

export interface VideoSeconds {
  min?: number;
  max: number;
  /** "up to 5 minutes", "between 3 seconds and 15 minutes". */
  words: string;
}

/*
 * Video lengths and shapes: the team's platforms.md gives none, so these are each platform's
 * documented API limits (as of 2026), named per platform below. Only limits a platform's API
 * refuses are here, never its recommendations (9:16, 1080p), and none that its own docs leave
 * unsure (X's old 1280×1024 ceiling, which 1080p uploads no longer meet; Pinterest's shapes). Bluesky's and Facebook's clients post no video
 * (their capabilities), and Mastodon has no length limit (only a size, per instance), so they have none.
 */
/** Instagram's Reels and Threads' videos: anything from 1:100 (a sliver) to 10:1, per their publishing docs. */
const REEL_ASPECT = { min: 0.01, max: 10, words: 'between 1:100 (tall) and 10:1 (wide)' } as const;

export const PLATFORM_MEDIA: Readonly<Record<Platform, PlatformMediaRules>> = {
  // 4 photos, or 1 GIF, or 1 video; 5 MB photos, 15 MB GIFs (x/media.ts uploads every GIF as tweet_gif).
  // Videos (tweet_video) from 0.5 to 140 seconds, 1:3 to 3:1, at least 32×32: X's media upload docs.
  x: {
    maxImageBytes: { bytes: 5 * MiB, words: '5 MB' },
    maxGifBytes: { bytes: 15 * MiB, words: '15 MB' },
    maxItems: 4,
    videoAlone: true,
    gifAlone: true,
    videoSeconds: { min: 0.5, max: 140, words: 'between half a second and 140 seconds (2 min 20 s)' },
    videoAspect: { min: 1 / 3, max: 3, words: 'between 1:3 (tall) and 3:1 (wide)' },
    videoSides: { min: 32, words: 'at least 32 pixels on each side' },
  },
  // The lexicon's blob limit (bluesky/record.ts refuses larger).
  bluesky: { maxImageBytes: { bytes: 2_000_000, words: '2 MB (2,000,000 bytes)' }, maxItems: 4 },
  // The server refuses a video or audio beside anything else (images_and_video); a GIF becomes a
  // looping video that may still sit beside photos.
  mastodon: { maxItems: 4, videoAlone: true },
  // Videos from 3 seconds to 30 minutes, 1:2.4 to 2.4:1, from 144 to 4,096 pixels a side
  // (256×144 to 4096×2304): LinkedIn's Videos API docs.
  linkedin: {
    maxItems: 20,
    videoAlone: true,
    videoSeconds: { min: 3, max: 30 * 60, words: 'between 3 seconds and 30 minutes' },
    videoAspect: { min: 1 / 2.4, max: 2.4, words: 'between 1:2.4 (tall) and 2.4:1 (wide)' },
    videoSides: { min: 144, max: 4096, words: 'between 144 and 4,096 pixels on each side' },
  },
  facebook: { maxItems: 10 },
  // Public JPEGs only, up to 8 MiB, 4:5 to 1.91:1; a carousel of up to 10 photos and videos.
  // A video alone goes as a Reel, 3 seconds to 15 minutes; one in a carousel 3 to 60 seconds
  // (instagram/publish.ts; Instagram's content publishing docs).
  instagram: {
    imageTypes: ['image/jpeg'],
    imageTypesWords: 'JPEG',
    maxImageBytes: { bytes: 8 * MiB, words: '8 MB' },
    maxItems: 10,
    aspect: { min: 4 / 5, max: 1.91, words: 'between 4:5 (portrait) and 1.91:1 (landscape)' },
    videoSeconds: { min: 3, max: 15 * 60, words: 'between 3 seconds and 15 minutes' },
    carouselVideoSeconds: { min: 3, max: 60, words: 'between 3 and 60 seconds in a carousel' },
    videoAspect: REEL_ASPECT,
  },
  // Videos up to 5 minutes, 1:100 to 10:1: Threads' publishing docs.
  threads: {
    imageTypes: ['image/jpeg', 'image/png'],
    imageTypesWords: 'JPEG or PNG',
    maxImageBytes: { bytes: 8 * MiB, words: '8 MB' },
    maxItems: 20,
    videoSeconds: { max: 5 * 60, words: 'up to 5 minutes' },
    videoAspect: REEL_ASPECT,
  },
  // One video, or up to 35 photos that are not PNG (tiktok/publish.ts takes JPEG and WebP).
  // Videos from 3 seconds to 10 minutes, the longest any account may post (TikTok's Content
  // Posting API; an account may be held to less: creator_info's max_video_post_duration_sec,
  // which TikTok refuses with duration_check_failed).
  // Each side of a video from 360 to 4,096 pixels (the same docs' picture size restrictions).
  tiktok: {
    imageTypes: ['image/jpeg', 'image/webp'],
    imageTypesWords: 'JPEG or WebP',
    maxItems: 35,
    videoAlone: true,
    videoSeconds: { min: 3, max: 10 * 60, words: 'between 3 seconds and 10 minutes' },
    videoSides: { min: 360, max: 4096, words: 'between 360 and 4,096 pixels on each side' },
  },
  // Up to 12 hours (YouTube's upload limit; an unverified channel is held to 15 minutes, which
  // only YouTube knows).
  youtube: { maxItems: 1, videoAlone: true, videoSeconds: { max: 12 * 3600, words: 'up to 12 hours' } },
  // Video pins from 4 seconds to 15 minutes: Pinterest's video pin specs.
  pinterest: { maxItems: 1, maxAltChars: 500, videoSeconds: { min: 4, max: 15 * 60, words: 'between 4 seconds and 15 minutes' } },
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
