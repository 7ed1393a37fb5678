import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { certainlyFits } from '../../electron/core/features/io/measure-screen';
import { measure } from '../../shared/text-rules';

// The import skips measuring a text the screen passes, so a pass must never hide a problem.
const SCREENED = ['x', 'bluesky', 'mastodon', 'threads', 'linkedin', 'facebook'] as const;

/** Pieces that make counting hard: links with and without a scheme, emoji sequences, marks, wide scripts, dots. */
const piece = fc.oneof(
  fc.constantFrom('https://example.com/a?b=c', 'example.com', 'a.co', 't.co/x', 'http://x.io', 'foo.bar.baz', '例え.jp', 'xn--bcher-kva.de'),
  fc.constantFrom('🎬', '☕', '🧵', '👩‍👩‍👧‍👦', '🇩🇪', '#️⃣', '1️⃣', '©', '™', '❤️', 'e\u0301', '\u0958', 'Å', '—', '…', '。', '．'),
  fc.constantFrom('@friend.bsky.social', '@me@example.social', '#launch', '日本語のテキスト', 'Ünïcödé', 'مرحبا', '\n', '\r\n', ' ', '. '),
  fc.string({ maxLength: 12 }),
  fc.fullUnicodeString({ maxLength: 6 }),
);
const text = fc.array(piece, { maxLength: 80 }).map((parts) => parts.join(''));

describe('the import’s quick measuring screen', () => {
  it('passes only texts that measure() finds no problem with, on every screened platform', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(...SCREENED), (t, platform) => {
        if (certainlyFits(platform, t)) expect(measure(platform, t).problems).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('passes no LinkedIn text that only fits before its reserved characters are escaped, as they are sent', () => {
    const near = `${'a'.repeat(2_990)}${'#'.repeat(10)}`;
    expect(measure('linkedin', near).problems).not.toEqual([]);
    expect(certainlyFits('linkedin', near)).toBe(false);
    // Long texts near the limit, which the random ones above do not reach.
    fc.assert(
      fc.property(fc.integer({ min: 2_900, max: 3_000 }), fc.array(fc.constantFrom('#', '@', '(', ')', '_', '*', 'a', ' '), { maxLength: 120 }), (n, tail) => {
        const t = `${'b'.repeat(n - tail.length)}${tail.join('')}`;
        if (certainlyFits('linkedin', t)) expect(measure('linkedin', t).problems).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('passes an ordinary post, so most rows are not counted character by character', () => {
    const post = 'New on the blog: batching your week, part 3. Three things worth knowing 🎬\n\nhttps://example.com/blog/3?utm_source=loomcast';
    for (const p of SCREENED) expect(certainlyFits(p, post)).toBe(true);
    // Near or past a limit, or on a platform it knows no bound for, it defers to measure().
    expect(certainlyFits('x', 'a'.repeat(281))).toBe(false);
    expect(certainlyFits('x', `${'a'.repeat(250)} example.com`)).toBe(false);
    expect(certainlyFits('instagram', 'Hello')).toBe(false);
    expect(certainlyFits('x', '   ')).toBe(false);
  });
});
