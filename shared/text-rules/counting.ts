// Browser-safe counting helpers (no Node modules).

let segmenter: Intl.Segmenter | undefined;

function graphemeSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return segmenter;
}

/** Texts up to this many UTF-16 code units are segmented in one go. */
const WINDOW = 1024;

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

/**
 * Characters whose Grapheme_Cluster_Break is Other and that are not Extended_Pictographic,
 * Prepend or Indic consonants: printable ASCII, Latin-1 and Latin Extended letters, basic
 * Cyrillic, kana and CJK ideographs. Between two of them there is always a cluster boundary.
 */
const isSimple = (c: number) =>
  (c >= 0x20 && c <= 0x7e) ||
  (c >= 0xc0 && c <= 0x24f) ||
  (c >= 0x400 && c <= 0x481) ||
  (c >= 0x3041 && c <= 0x3096) ||
  (c >= 0x30a1 && c <= 0x30fa) ||
  (c >= 0x4e00 && c <= 0x9fff);

/**
 * Yields the text's user-perceived characters (extended grapheme clusters), in order.
 *
 * Node 20's Intl.Segmenter takes time and memory quadratic in the input's length (each segment
 * it hands out costs as much as the whole input), so a 100,000-character text can exhaust the
 * heap. So the text is segmented in short stretches instead: runs of simple characters (which
 * are one cluster each) are split directly, other stretches end where two simple characters
 * meet (a certain boundary) or else after about WINDOW code units, never inside a surrogate
 * pair, with the window's last two clusters (which might continue past it) segmented again at
 * the start of the next. A cluster's boundaries depend only on the text before it and the one
 * code point after, so the result is the same as segmenting the whole text, in linear time.
 */
export function* graphemeClusters(text: string): Generator<string> {
  const seg = graphemeSegmenter();
  let pos = 0;
  let size = WINDOW;
  while (pos < text.length) {
    if (size === WINDOW) {
      // Fast path: in a run of simple characters every one but the last is a cluster of its own
      // (the last may take marks that follow: e\u0301, 1\uFE0F\u20E3).
      if (isSimple(text.charCodeAt(pos))) {
        let q = pos + 1;
        while (q < text.length && isSimple(text.charCodeAt(q))) q++;
        const stop = q === text.length ? q : q - 1;
        for (; pos < stop; pos++) yield text[pos] as string;
        if (pos >= text.length) return;
      }
      // Segment up to the next place where two simple characters meet: a certain boundary.
      const limit = Math.min(text.length - 1, pos + WINDOW);
      let r = pos;
      while (r < limit && !(isSimple(text.charCodeAt(r)) && isSimple(text.charCodeAt(r + 1)))) r++;
      if (r < limit) {
        for (const s of seg.segment(text.slice(pos, r + 1))) yield s.segment;
        pos = r + 1;
        continue;
      }
    }
    let end = pos + size;
    const atEnd = end >= text.length;
    if (atEnd) end = text.length;
    else if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
    // A widened window (see below) is only read up to its third cluster: reading many clusters
    // from a large window would bring the quadratic cost back.
    const maxParts = size > WINDOW ? 3 : Infinity;
    const parts: string[] = [];
    for (const s of seg.segment(pos === 0 && atEnd ? text : text.slice(pos, end))) {
      parts.push(s.segment);
      if (parts.length >= maxParts) break;
    }
    if (atEnd && parts.length < maxParts) {
      yield* parts;
      return;
    }
    if (parts.length < 3) {
      size *= 2; // a very long cluster (a letter with thousands of marks): look further
      continue;
    }
    for (let i = 0; i < parts.length - 2; i++) {
      const g = parts[i] as string;
      pos += g.length;
      yield g;
    }
    size = WINDOW;
  }
}

/** Splits text into user-perceived characters (extended grapheme clusters). */
export function graphemes(text: string): string[] {
  return Array.from(graphemeClusters(text));
}

/** Counts user-perceived characters: "👍🏽" and "e\u0301" each count 1. */
export function countGraphemes(text: string): number {
  let n = 0;
  for (const _ of graphemeClusters(text)) n++;
  return n;
}

/** Counts Unicode code points. */
export function countCodePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
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
  const out: string[] = [];
  for (const g of graphemeClusters(text)) if (isEmojiGrapheme(g)) out.push(g);
  return out;
}

/** The first emoji grapheme cluster in the text, if any. */
export function firstEmoji(text: string): string | undefined {
  for (const g of graphemeClusters(text)) if (isEmojiGrapheme(g)) return g;
  return undefined;
}

/** Threads' count: each emoji counts as its UTF-8 byte length, every other character counts 1. */
export function threadsLength(text: string): number {
  let n = 0;
  for (const g of graphemeClusters(text)) n += isEmojiGrapheme(g) ? utf8Length(g) : countCodePoints(g);
  return n;
}

/** True for text that is empty or only whitespace. */
export function isBlank(text: string): boolean {
  return text.trim() === '';
}
