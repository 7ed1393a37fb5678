import type { Platform } from '../../../shared/domain/platforms';

/** What a publish call may take when nothing below says otherwise. */
export const DEFAULT_PUBLISH_TIMEOUT_MS = 60_000;

/**
 * How long one publish call (a post or a thread part, with no media) may go unanswered before
 * its outcome counts as unknown: the copy then waits to be checked with the platform, and the
 * account's other due posts go on. Platforms that create a text post in one quick request get a
 * short bound; Threads makes a container first and waits for it. A call with media uploads and
 * may wait for the platform to process them: it starts from the default (see publishTimeoutMs).
 */
export const PUBLISH_TIMEOUT_MS: Record<Platform, { text: number; media: number }> = {
  x: { text: 20_000, media: DEFAULT_PUBLISH_TIMEOUT_MS },
  bluesky: { text: 20_000, media: DEFAULT_PUBLISH_TIMEOUT_MS },
  mastodon: { text: 30_000, media: DEFAULT_PUBLISH_TIMEOUT_MS },
  linkedin: { text: 30_000, media: DEFAULT_PUBLISH_TIMEOUT_MS },
  facebook: { text: 30_000, media: DEFAULT_PUBLISH_TIMEOUT_MS },
  threads: { text: 45_000, media: DEFAULT_PUBLISH_TIMEOUT_MS },
  instagram: { text: DEFAULT_PUBLISH_TIMEOUT_MS, media: DEFAULT_PUBLISH_TIMEOUT_MS },
  pinterest: { text: DEFAULT_PUBLISH_TIMEOUT_MS, media: DEFAULT_PUBLISH_TIMEOUT_MS },
  tiktok: { text: DEFAULT_PUBLISH_TIMEOUT_MS, media: DEFAULT_PUBLISH_TIMEOUT_MS },
  youtube: { text: DEFAULT_PUBLISH_TIMEOUT_MS, media: DEFAULT_PUBLISH_TIMEOUT_MS },
};

/** The slowest upload planned for: 2 Mbit/s, a slow home connection's uplink. */
export const SLOWEST_UPLOAD_BYTES_PER_S = 256 * 1024;
/** What a platform may take to process a video before it can be posted (X, TikTok and LinkedIn poll for minutes). */
export const VIDEO_PROCESSING_MS = 10 * 60_000;

/**
 * The bound for one call. With media it grows with what has to be uploaded, at the slowest
 * uplink planned for, and with a video's processing: a fixed minute would cut every attempt at a
 * large video short, and it could never go out. `override` (tests, a shell's setting) replaces
 * all of it for every platform.
 */
export function publishTimeoutMs(platform: Platform, media: readonly { bytes: number; mime: string }[], override?: number): number {
  if (override !== undefined) return override;
  const row = PUBLISH_TIMEOUT_MS[platform];
  if (media.length === 0) return row.text;
  const bytes = media.reduce((n, m) => n + Math.max(0, m.bytes), 0);
  const video = media.some((m) => m.mime.startsWith('video/'));
  return row.media + Math.ceil((bytes / SLOWEST_UPLOAD_BYTES_PER_S) * 1000) + (video ? VIDEO_PROCESSING_MS : 0);
}
