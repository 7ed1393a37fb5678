// Browser-safe counting helpers (no Node modules).

let segmenter: Intl.Segmenter | undefined;

function graphemeSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return segmenter;
}

/** Splits text into user-perceived characters (extended grapheme clusters). */
export function graphemes(text: string): string[] {
  return Array.from(graphemeSegmenter().segment(text), (s) => s.segment);
}

/** Counts user-perceived characters: "👍🏽" and "e\u0301" each count 1. */
export function countGraphemes(text: string): number {
  return Array.from(graphemeSegmenter().segment(text)).length;
}

/** Counts Unicode code points. */
export function countCodePoints(text: string): number {
  return Array.from(text).length;
}

/** Counts UTF-8 bytes without allocating (lone surrogates count 3, as TextEncoder writes U+FFFD). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) bytes += 1;
    else if (cp < 0x800) bytes += 2;
    else if (cp < 0x10000) bytes += 3;
    else bytes += 4;
  }
  return bytes;
}

/** True when the text has characters outside the BMP (they count 2 in UTF-16). */
export function hasAstral(text: string): boolean {
  return /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text);
}

// An emoji grapheme: something shown as emoji by default, or text-default emoji
// forced to emoji presentation (U+FE0F), or a keycap (U+20E3).
const EMOJI_GRAPHEME = /\p{Emoji_Presentation}|\p{Emoji}\uFE0F|\p{Emoji}\u20E3/u;

/** True when a grapheme cluster is an emoji (including ZWJ, flag, keycap and skin-tone sequences). */
export function isEmojiGrapheme(grapheme: string): boolean {
  return EMOJI_GRAPHEME.test(grapheme);
}

/** Emoji grapheme clusters in the text, in order. */
export function emojiIn(text: string): string[] {
  return graphemes(text).filter(isEmojiGrapheme);
}

/** Threads' count: each emoji counts as its UTF-8 byte length, every other character counts 1. */
export function threadsLength(text: string): number {
  let n = 0;
  for (const g of graphemes(text)) n += isEmojiGrapheme(g) ? utf8Length(g) : countCodePoints(g);
  return n;
}

/** True for text that is empty or only whitespace. */
export function isBlank(text: string): boolean {
  return text.trim() === '';
}
