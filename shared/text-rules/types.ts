import type { Platform } from '../domain/platforms';

export { PLATFORMS, PLATFORM_NAMES, type Platform } from '../domain/platforms';

/** Which piece of a post is measured. Text-only platforms always measure 'text'. */
export type Field = 'text' | 'title' | 'description';

/**
 * How `length` is counted:
 * - weighted: a platform-specific weight per character (X's weights; Threads' emoji bytes)
 * - graphemes: user-perceived characters (Intl.Segmenter), an emoji counts 1
 * - characters: UTF-16 code units (JavaScript `string.length`), an emoji usually counts 2; on
 *   Pinterest code points, an emoji counts 1 (and on LinkedIn the backslashes it is sent with count)
 * - bytes: UTF-8 bytes
 */
export type Unit = 'weighted' | 'graphemes' | 'characters' | 'bytes';

export interface Measure {
  platform: Platform;
  field: Field;
  /** The count in `unit`; when `atLeast` is true, a lower bound (the true count is at least this). */
  length: number;
  /**
   * True when part of a very large text (an unbroken run of thousands of characters with no
   * space) could not be counted in bounded time, so `length` is a lower bound. The text is then
   * never `valid`, and `problems` says "at least".
   */
  atLeast?: boolean;
  limit: number;
  valid: boolean;
  unit: Unit;
  /** Human explanations of the counting rules that apply, e.g. "X counts each link as 23". */
  notes: string[];
  /** Human-readable reasons the text is invalid; empty when valid. */
  problems: string[];
}

export interface MeasureOptions {
  /** The Mastodon instance's `configuration.statuses.max_characters` (default 500). */
  mastodonMaxChars?: number;
  /** The Mastodon instance's `configuration.statuses.characters_reserved_per_url` (default 23). */
  mastodonUrlLength?: number;
  /** Field to measure; only YouTube, Pinterest and TikTok have more than one. */
  field?: Field;
}
