/**
 * A quick, sound screen before measuring a text for a platform: true only when the text is
 * certainly within the platform's rules, from bounds that cost one pass over the characters, so
 * the full count (twitter-text's links and emoji, grapheme clusters) runs only for texts near or
 * past a limit. Never true where measure() would find a problem (tests/unit/measure-screen.test.ts
 * checks this on random texts); false just means "measure it".
 *
 * The bounds:
 * - X weighs a character 1 or 2 (ASCII always 1), an emoji sequence 2 (it has a character past
 *   ASCII, bounded at 2 already) and a link 23. Every link X finds has a dot in its domain, so
 *   the weight is at most the characters' bound plus 23 for each dot.
 * - Bluesky and Mastodon count grapheme clusters, never more than UTF-16 code units; Mastodon
 *   counts a link (one "://" each) as 23; Bluesky's byte limit is at least 3 bytes per code unit.
 * - Threads counts an emoji as its UTF-8 bytes and anything else by code points: at most the
 *   text's UTF-8 length.
 * - Facebook counts code units; LinkedIn too, each reserved character twice (it is sent escaped).
 */
import type { Platform } from '../../../../shared/domain/platforms';
import { BLUESKY_MAX_BYTES, BLUESKY_MAX_GRAPHEMES, FIELD_LIMITS, THREADS_MAX } from '../../../../shared/text-rules/platforms';
import { MASTODON_DEFAULT_MAX_CHARS, MASTODON_DEFAULT_URL_LENGTH } from '../../../../shared/text-rules/mastodon';
import { X_CONFIG } from '../../../../shared/text-rules/entities';
import { countLinkedInReserved } from '../../../../shared/text-rules/linkedin';

/** Characters X refuses outright: always measured, so the problem is named. */
const X_INVALID = /[\uFFFE\uFEFF\uFFFF]/;
const DOTS = /[.\u3002\uFF0E\uFF61]/g;

function xWeightBound(text: string): number {
  const t = text.normalize('NFC');
  let weight = 0;
  for (let i = 0; i < t.length; i++) weight += t.charCodeAt(i) < 0x80 ? 1 : 2;
  return weight + X_CONFIG.transformedURLLength * (t.match(DOTS)?.length ?? 0);
}

const occurrences = (text: string, what: string) => text.split(what).length - 1;

export function certainlyFits(platform: Platform, text: string): boolean {
  if (text.trim() === '') return false;
  switch (platform) {
    case 'x':
      return text.length <= X_CONFIG.maxWeightedTweetLength * 2 && !X_INVALID.test(text) && xWeightBound(text) <= X_CONFIG.maxWeightedTweetLength;
    case 'bluesky':
      return text.length <= BLUESKY_MAX_GRAPHEMES && text.length * 3 <= BLUESKY_MAX_BYTES;
    case 'mastodon':
      return text.length + MASTODON_DEFAULT_URL_LENGTH * occurrences(text, '://') <= MASTODON_DEFAULT_MAX_CHARS;
    case 'threads':
      return Buffer.byteLength(text, 'utf8') <= THREADS_MAX;
    case 'linkedin':
      return text.length + countLinkedInReserved(text) <= FIELD_LIMITS.linkedin.text;
    case 'facebook':
      return text.length <= FIELD_LIMITS.facebook.text;
    default:
      return false;
  }
}
