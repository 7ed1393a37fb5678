import fc from 'fast-check';
import { foldLines as libraryFold } from 'ical-generator';
import { describe, expect, it } from 'vitest';
import { foldLines } from '../../electron/core/features/io/ical-export';

/** Lines as a calendar holds them: ASCII, accents, CJK, emoji (surrogate pairs), joined by CRLF. */
const piece = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.constantFrom('é', 'ß', '€', '日本語', '👩🏽‍🍳', '🎬', 'Café ☕ notes', 'x'.repeat(74), 'y'.repeat(75), `${'z'.repeat(73)}é`),
);
const line = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join('').replace(/\r|\n/g, ' '));
const text = fc.array(line, { maxLength: 6 }).map((lines) => lines.join('\r\n'));

describe('folding a calendar’s lines (RFC 5545 §3.1)', () => {
  it('folds exactly as ical-generator does, character for character', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(foldLines(s)).toBe(libraryFold(s));
      }),
      { numRuns: 400, seed: 5545 },
    );
  });

  it('keeps every line at most 75 octets and never splits a character', () => {
    const s = `DESCRIPTION:${'Café ☕ and 👩🏽‍🍳 '.repeat(20)}\r\nSUMMARY:short`;
    const folded = foldLines(s);
    for (const l of folded.split('\r\n')) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(s);
    expect(folded).not.toContain('\uFFFD');
  });
});
