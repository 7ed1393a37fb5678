// Entity extraction and X weighting, delegated to twitter-text (browser-safe, CommonJS with an ESM build).
import twitterText from 'twitter-text';
import type { ParsedTweet, ParseTweetOptions, UrlWithIndices } from 'twitter-text';

/** The shape of twitter-text's `configs.version3`. */
export interface XConfig extends ParseTweetOptions {
  version: number;
  maxWeightedTweetLength: number;
  scale: number;
  defaultWeight: number;
  transformedURLLength: number;
  emojiParsingEnabled: boolean;
  ranges: Array<{ start: number; end: number; weight: number }>;
}

// @types/twitter-text does not declare `configs`; the library exports it at runtime.
const { configs } = twitterText as unknown as { configs: { version3: XConfig } };

/** X's current (v3) counting rules: 280 weighted, URLs 23, emoji sequences 2. */
export const X_CONFIG: Readonly<XConfig> = configs.version3;

/** Hashtags without the '#', as X recognises them. */
export function extractHashtags(text: string): string[] {
  return twitterText.extractHashtags(text);
}

/** @-mentioned usernames without the '@', as X recognises them. */
export function extractMentions(text: string): string[] {
  return twitterText.extractMentions(text);
}

/** URLs (with or without a protocol), as X recognises them. */
export function extractUrls(text: string): string[] {
  return twitterText.extractUrls(text);
}

/** URLs with UTF-16 indices; `withoutProtocol: false` keeps only URLs that have a scheme. */
export function extractUrlsWithIndices(text: string, withoutProtocol = true): UrlWithIndices[] {
  return twitterText.extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: withoutProtocol });
}

/** twitter-text's parseTweet with the v3 config. */
export function parseXPost(text: string): ParsedTweet {
  return twitterText.parseTweet(text, X_CONFIG);
}

/** True when the text has characters X rejects (U+FFFE, U+FEFF, U+FFFF). */
export function hasXInvalidCharacters(text: string): boolean {
  return twitterText.hasInvalidCharacters(text);
}

/** True when a code point weighs more than 1 on X (outside the v3 light ranges). */
export function isHeavyOnX(codePoint: number): boolean {
  return !X_CONFIG.ranges.some((r) => codePoint >= r.start && codePoint <= r.end && r.weight <= X_CONFIG.scale);
}
