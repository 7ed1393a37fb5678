import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../electron/core/posts/guard-prints';
import { fingerprint, normaliseText, roughText, sha256Hex } from '../../shared/domain/fingerprint';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);

describe('sha256Hex', () => {
  it.each(['', 'abc', 'héllo wörld 🎉', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'y'.repeat(1000)])('matches node:crypto for %j', (s) => {
    expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
  });
});

describe('normalising text', () => {
  it('collapses whitespace and ignores case', () => {
    expect(normaliseText('  Big   NEWS\n\ttoday ')).toBe('big news today');
    expect(fingerprint('Big news today')).toBe(fingerprint('big  NEWS\ntoday'));
  });

  it('treats composed and decomposed accents alike (NFC)', () => {
    expect(fingerprint('Caf\u00e9 opens')).toBe(fingerprint('Cafe\u0301 opens'));
  });

  it('drops utm_* and click-tracking parameters but keeps the rest of the link', () => {
    const plain = 'Read it: https://example.com/post?id=7';
    expect(normaliseText('Read it: https://example.com/post?id=7&utm_source=x&utm_medium=social')).toBe(normaliseText(plain));
    expect(fingerprint('Read it: https://example.com/post?utm_campaign=launch&id=7&fbclid=abc')).toBe(fingerprint(plain));
    expect(fingerprint('Read it: https://example.com/post?id=8')).not.toBe(fingerprint(plain));
    expect(normaliseText('see https://example.com/a?utm_source=b.')).toBe('see https://example.com/a');
  });

  it('prints a link the same with and without a tracking parameter, whatever the rest of its query holds', () => {
    // Deleting utm_source used to re-encode the other pairs (%20 → +, "," → %2C, "ref" → "ref=").
    for (const query of ['q=a%20b', 'tags=a,b', 'ref', 'next=/a:b~c', 'q=a+b']) {
      const plain = `Read https://ex.com/a?${query}`;
      expect(fingerprint(`Read https://ex.com/a?${query}&utm_source=nl`), query).toBe(fingerprint(plain));
      expect(fingerprint(`Read https://ex.com/a?utm_source=nl&${query}&&fbclid=1`), query).toBe(fingerprint(plain));
    }
    expect(normaliseText('Read https://ex.com/a?q=a%20b&UTM_Medium=x&tags=a,b')).toBe('read https://ex.com/a?q=a%20b&tags=a,b');
  });

  it('leaves links without tracking parameters as they were normalised before (their prints are stored)', () => {
    // As URL prints them, query untouched: prints stored with existing copies must still match.
    expect(normaliseText('See HTTPS://Ex.com?q=a%20b&tags=a,b&ref#')).toBe('see https://ex.com/?q=a%20b&tags=a,b&ref');
    expect(normaliseText('See https://ex.com/a?')).toBe('see https://ex.com/a');
    expect(fingerprint('See https://ex.com/a?q=a%20b&tags=a,b')).toBe('ff3c363c919f4b6da3a26c8037534bf453ca6fd8b84a08f604c7cfaecd2a4f1f');
  });

  it('ignores emoji variation selectors and trailing punctuation', () => {
    expect(fingerprint('Launch day \u2764\uFE0F')).toBe(fingerprint('Launch day \u2764'));
    expect(fingerprint('Launch day!!!')).toBe(fingerprint('Launch day'));
    expect(fingerprint('Launch day.')).toBe(fingerprint('launch day …'));
  });

  it('still tells different words apart', () => {
    expect(fingerprint('Launch day')).not.toBe(fingerprint('Launch night'));
    expect(fingerprint('Launch, day')).not.toBe(fingerprint('Launch day'));
  });
});

describe('media in the fingerprint', () => {
  it('does not care about order or case', () => {
    expect(fingerprint('Hi', [A, B])).toBe(fingerprint('Hi', [B.toUpperCase(), A]));
  });

  it('changes with different media, and with media versus none', () => {
    expect(fingerprint('Hi', [A, B])).not.toBe(fingerprint('Hi', [A, C]));
    expect(fingerprint('Hi', [A])).not.toBe(fingerprint('Hi'));
  });

  it('is 64 hex characters', () => {
    expect(fingerprint('Hi', [A])).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the core’s fingerprint (Node’s SHA-256)', () => {
  // Stored fingerprints from before, the composer's and the core's must all agree.
  it('is the same hex as the shared one, for any text and media, lone surrogates included', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.constantFrom('See https://example.com/a?utm_source=x&b=1 ✨', '\uD83D lone', 'end\uDC4D'));
    fc.assert(
      fc.property(text, fc.array(fc.hexaString({ minLength: 64, maxLength: 64 }), { maxLength: 3 }), (t, media) => {
        expect(fingerprintOf(t, media)).toBe(fingerprint(t, media));
      }),
      { numRuns: 3_000 },
    );
  });
});

describe('normalising (each step only when it can change the text)', () => {
  // Every step, every time, as the guard has always compared texts (links left as they are: the
  // steps around them are what the shortcuts skip).
  const everyStep = (t: string) =>
    t
      .normalize('NFC')
      .replace(/[\uFE00-\uFE0F]|\uDB40[\uDD00-\uDDEF]/g, '')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[\s.,;:!?…。！？、·•\-–—~]+$/u, '');
  it('gives what running every step gives, for any text without a link', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 6 }),
      fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0', '\u2003', '.', '…', '。', '!?', ' - ', '—', '~', 'e\u0301', 'É', 'İ', '☕\uFE0F', '\uDB40\uDD00', '\uD83C', 'ABC', 'ß'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (parts) => {
        const text = parts.join('');
        expect(roughText(text)).toBe(everyStep(text));
        expect(normaliseText(text)).toBe(everyStep(text));
      }),
      { numRuns: 5000, seed: 20261207 },
    );
  });
});

describe('rough words (how an import finds rows that may say the same)', () => {
  it('are the same whenever the normalised text is, links or not', () => {
    const pairs: [string, string][] = [
      ['Read it: https://ex.com/a?utm_source=nl', 'read it:  https://ex.com/a'],
      ['New post https://EX.com', 'new post https://ex.com/'],
      ['Café ☕️ open!', 'Cafe\u0301 ☕ open'],
    ];
    for (const [a, b] of pairs) {
      expect(normaliseText(a)).toBe(normaliseText(b));
      expect(roughText(a)).toBe(roughText(b));
    }
    // Property: over texts built from words, spaces, punctuation and links, equal normalised
    // text never has different rough words (the import would miss a duplicate).
    const piece = fc.constantFrom('Hello', 'hello', ' ', '  ', '\n', '!', '.', 'https://ex.com/a', 'https://ex.com/a?utm_source=x', 'https://EX.com/a?q=1', 'é', 'e\u0301', '☕', '☕\uFE0F');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.array(piece, { maxLength: 8 }), (a, b) => {
        const [x, y] = [a.join(''), b.join('')];
        if (normaliseText(x) === normaliseText(y)) expect(roughText(x)).toBe(roughText(y));
      }),
      { numRuns: 2000, seed: 20261207 },
    );
  });
});
