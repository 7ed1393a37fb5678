import type { Platform } from '../../../shared/domain/platforms';

/** What a publish call may take when nothing below says otherwise. */
export const DEFAULT_PUBLISH_TIMEOUT_MS = 60_000;

/**
 * How long one publish call (a post or a thread part, with no media) may go unanswered before
 * its outcome counts as unknown: the copy then waits to be checked with the platform, and the
 * account's other due posts go on. Platforms that create a text post in one quick request get a
 * short bound; Threads makes a container first and waits for it. A call with media uploads and
 * may wait for the platform to process them, so it keeps the default.
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

/** The bound for one call; `override` (tests, a shell's setting) replaces the table for every platform. */
export function publishTimeoutMs(platform: Platform, withMedia: boolean, override?: number): number {
  if (override !== undefined) return override;
  const row = PUBLISH_TIMEOUT_MS[platform];
  return withMedia ? row.media : row.text;
}
