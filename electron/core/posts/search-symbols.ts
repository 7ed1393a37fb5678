/**
 * Emoji and flags as words the search index keeps. Its tokenizer (unicode61) reads them as spaces,
 * so each pictograph or regional-indicator letter in a post's document, and in a query, becomes
 * `emoji` and its code point in hex. A skin tone, a variation selector or a joiner is left out:
 * 👍🏽 is found by 👍, 👩‍💻 by 👩 and 💻 together, and a flag by its two letters.
 */
export const SYMBOL = /[\p{Extended_Pictographic}\p{Regional_Indicator}]/u;
const SYMBOLS = new RegExp(SYMBOL.source, 'gu');

/** The index's word for one pictograph or flag letter. */
export const symbolWord = (symbol: string): string => `emoji${symbol.codePointAt(0)!.toString(16)}`;

/** The words for every distinct pictograph and flag letter in `text`, to end its document with. */
export function symbolWords(text: string): string[] {
  return [...new Set(text.match(SYMBOLS) ?? [])].map(symbolWord);
}
