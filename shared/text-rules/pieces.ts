// Splitting long text into pieces that entity rules can handle one at a time.
//
// twitter-text's URL pattern backtracks: on a long run like "a.a.a.a…" it takes time quadratic in
// the run's length, so a 1 MB text (a pasted file, a huge import cell) would stall the process.
// Links, hashtags, mentions and emoji never contain ASCII whitespace, and the patterns only look
// at the character just before an entity (which stays with it), so cutting just before ASCII
// whitespace gives the same entities, piece by piece. A run of more than PIECE_MAX characters
// without whitespace cannot be cut safely: it is its own piece, a "run", and callers bound
// how much of those they hand to twitter-text (RUN_BUDGET).

/** Texts up to this many UTF-16 code units go to twitter-text whole, exactly as before. */
export const DIRECT_MAX = 8192;
/** Pieces are at most this long unless they are one unbroken run. */
export const PIECE_MAX = 4096;
/** At most this many code units of unbroken runs are handed to twitter-text per call. */
export const RUN_BUDGET = 16_384;

export interface Piece {
  /** Offset of the piece in the text (UTF-16 code units). */
  start: number;
  text: string;
  /** True for a run longer than PIECE_MAX without ASCII whitespace. */
  run: boolean;
}

const isSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);

/**
 * Cuts `text` just before ASCII whitespace into pieces of at most PIECE_MAX code units; a longer
 * stretch without whitespace becomes one piece flagged `run`. Linear in the text's length.
 */
export function* pieces(text: string): Generator<Piece> {
  let pos = 0;
  while (pos < text.length) {
    if (text.length - pos <= PIECE_MAX) {
      yield { start: pos, text: text.slice(pos), run: false };
      return;
    }
    let cut = pos + PIECE_MAX;
    while (cut > pos && !isSpace(text.charCodeAt(cut))) cut--;
    if (cut > pos) {
      yield { start: pos, text: text.slice(pos, cut), run: false };
      pos = cut;
      continue;
    }
    // No whitespace in the window: the piece runs to the next whitespace (or the end).
    let end = pos + PIECE_MAX + 1;
    while (end < text.length && !isSpace(text.charCodeAt(end))) end++;
    yield { start: pos, text: text.slice(pos, end), run: true };
    pos = end;
  }
}
