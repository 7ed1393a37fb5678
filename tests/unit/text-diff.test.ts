import { describe, expect, it } from 'vitest';
import { diffWords, type DiffPart } from '../../shared/domain/text-diff';

const side = (parts: DiffPart[], drop: DiffPart['kind']) =>
  parts
    .filter((p) => p.kind !== drop)
    .map((p) => p.text)
    .join('');

describe('diffWords', () => {
  it('marks a replaced word and keeps the rest', () => {
    expect(diffWords('Ship it on Monday', 'Ship it on Friday')).toEqual([
      { kind: 'same', text: 'Ship it on ' },
      { kind: 'removed', text: 'Monday' },
      { kind: 'added', text: 'Friday' },
    ]);
  });

  it('finds inserted and deleted words in the middle', () => {
    expect(diffWords('a b c d', 'a x b d')).toEqual([
      { kind: 'same', text: 'a ' },
      { kind: 'added', text: 'x ' },
      { kind: 'same', text: 'b ' },
      { kind: 'removed', text: 'c ' },
      { kind: 'same', text: 'd' },
    ]);
  });

  it('gives both texts back exactly, whitespace and line breaks included', () => {
    const before = 'Line one\n\nLine  two has   spaces\tand tabs';
    const after = 'Line one\nLine two has spaces and more\n\ntabs!';
    const parts = diffWords(before, after);
    expect(side(parts, 'added')).toBe(before);
    expect(side(parts, 'removed')).toBe(after);
  });

  it('handles empty and identical texts', () => {
    expect(diffWords('', '')).toEqual([]);
    expect(diffWords('same text', 'same text')).toEqual([{ kind: 'same', text: 'same text' }]);
    expect(diffWords('', 'new')).toEqual([{ kind: 'added', text: 'new' }]);
    expect(diffWords('old', '')).toEqual([{ kind: 'removed', text: 'old' }]);
  });

  it('falls back to a whole replacement for very long texts', () => {
    const before = Array.from({ length: 2000 }, (_, i) => `w${i}`).join(' ');
    const after = Array.from({ length: 2000 }, (_, i) => `v${i}`).join(' ');
    expect(diffWords(before, after)).toEqual([
      { kind: 'removed', text: before },
      { kind: 'added', text: after },
    ]);
  });
});
