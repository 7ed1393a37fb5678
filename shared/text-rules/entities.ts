// Entity extraction and X weighting, delegated to twitter-text (browser-safe, CommonJS with an ESM build).
import twitterText from 'twitter-text';
import type { ParsedTweet, ParseTweetOptions, UrlWithIndices } from 'twitter-text';
import { DIRECT_MAX, RUN_BUDGET, pieces } from './pieces';

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

/** Entities found in a text; `complete` is false when unbroken runs were too long to search. */
export interface Found<T> {
  items: T[];
  complete: boolean;
  /** The unbroken runs left unsearched, as [start, end) offsets. */
  skipped: Array<[number, number]>;
}

/**
 * Runs `extract` over a long text piece by piece (see pieces.ts), shifting indices back to the
 * whole text's. Runs that `needed` says could hold an entity are searched while RUN_BUDGET lasts;
 * past it they are skipped and the result is marked incomplete.
 */
function piecewise<T>(text: string, extract: (piece: string) => T[], needed: (run: string) => boolean, shift: (item: T, by: number) => T): Found<T> {
  if (text.length <= DIRECT_MAX) return { items: extract(text), complete: true, skipped: [] };
  const items: T[] = [];
  const skipped: Array<[number, number]> = [];
  let budget = RUN_BUDGET;
  for (const p of pieces(text)) {
    if (p.run && needed(p.text)) {
      if (p.text.length > budget) {
        skipped.push([p.start, p.start + p.text.length]);
        continue;
      }
      budget -= p.text.length;
    }
    for (const item of extract(p.text)) items.push(p.start === 0 ? item : shift(item, p.start));
  }
  return { items, complete: skipped.length === 0, skipped };
}

const shiftIndices = <T extends { indices: [number, number] }>(item: T, by: number): T => ({
  ...item,
  indices: [item.indices[0] + by, item.indices[1] + by],
});

// twitter-text only runs its (backtracking) URL pattern when the text has a '.' (or, for
// URLs with a protocol, a ':'); hashtags need a hash sign.
const mayHoldUrl = (withoutProtocol: boolean) => (run: string) => run.includes(withoutProtocol ? '.' : ':');
const mayHoldHashtag = (run: string) => /[#＃]/.test(run) && run.includes('.');

/** URLs with UTF-16 indices, found in bounded time however long the text is (see pieces.ts). */
export function findUrls(text: string, withoutProtocol = true): Found<UrlWithIndices> {
  return piecewise(
    text,
    (piece) => twitterText.extractUrlsWithIndices(piece, { extractUrlsWithoutProtocol: withoutProtocol }),
    mayHoldUrl(withoutProtocol),
    shiftIndices,
  );
}

/** Hashtags (without the '#'), found in bounded time however long the text is. */
export function findHashtags(text: string): Found<string> {
  return piecewise(text, (piece) => twitterText.extractHashtags(piece), mayHoldHashtag, (h) => h);
}

/** Hashtags without the '#', as X recognises them (in an unbroken run of over 16,384 characters, maybe not all). */
export function extractHashtags(text: string): string[] {
  return findHashtags(text).items;
}

/** @-mentioned usernames without the '@', as X recognises them. */
export function extractMentions(text: string): string[] {
  // The mention pattern does not backtrack like the URL one: linear on any text.
  return twitterText.extractMentions(text);
}

/** URLs (with or without a protocol), as X recognises them (in an unbroken run of over 16,384 characters, maybe not all). */
export function extractUrls(text: string): string[] {
  return findUrls(text).items.map((u) => u.url);
}

/** URLs with UTF-16 indices; `withoutProtocol: false` keeps only URLs that have a scheme. */
export function extractUrlsWithIndices(text: string, withoutProtocol = true): UrlWithIndices[] {
  return findUrls(text, withoutProtocol).items;
}

/** twitter-text's parseTweet with the v3 config (whole text: use countX for text of any length). */
export function parseXPost(text: string): ParsedTweet {
  return twitterText.parseTweet(text, X_CONFIG);
}

/** X's weighted length of a text, and whether it is exact. */
export interface XCount {
  weightedLength: number;
  /** False when unbroken runs were too long to count: `weightedLength` is then a lower bound. */
  exact: boolean;
  /** parseTweet's verdict (within the limit, not empty, no invalid characters); false when not exact. */
  valid: boolean;
}

// A valid URL is at most 4096 characters after punycode (twitter-text's MAX_URL_LENGTH), so at
// most 8192 UTF-16 code units as written; it weighs 23. Emoji and other characters weigh more per
// code unit, so a run of n code units weighs at least floor(n * 23 / 8192).
const MAX_URL_CODE_UNITS = 8192;

/**
 * X's weighted length in time linear in the text's length. Short texts go to parseTweet whole;
 * long ones are normalised once and weighed piece by piece (weights add up across cuts before
 * whitespace: no link or emoji spans one). Unbroken runs beyond RUN_BUDGET are not parsed but
 * given their smallest possible weight, so the length is then a lower bound.
 */
export function countX(text: string): XCount {
  if (text.length <= DIRECT_MAX) {
    const parsed = parseXPost(text);
    return { weightedLength: parsed.weightedLength, exact: true, valid: parsed.valid };
  }
  const normalized = text.normalize('NFC');
  const runNeedsBudget = mayHoldUrl(true);
  let weight = 0;
  let exact = true;
  let budget = RUN_BUDGET;
  for (const p of pieces(normalized)) {
    if (p.run && runNeedsBudget(p.text)) {
      if (p.text.length > budget) {
        exact = false;
        weight += Math.floor((p.text.length * X_CONFIG.transformedURLLength) / MAX_URL_CODE_UNITS);
        continue;
      }
      budget -= p.text.length;
    }
    weight += twitterText.parseTweet(p.text, X_CONFIG).weightedLength;
  }
  const valid = exact && weight > 0 && weight <= X_CONFIG.maxWeightedTweetLength && !twitterText.hasInvalidCharacters(normalized);
  return { weightedLength: weight, exact, valid };
}

/** True when the text has characters X rejects (U+FFFE, U+FEFF, U+FFFF). */
export function hasXInvalidCharacters(text: string): boolean {
  return twitterText.hasInvalidCharacters(text);
}

/** True when a code point weighs more than 1 on X (outside the v3 light ranges). */
export function isHeavyOnX(codePoint: number): boolean {
  return !X_CONFIG.ranges.some((r) => codePoint >= r.start && codePoint <= r.end && r.weight <= X_CONFIG.scale);
}
