import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoInstant } from '../../electron/core/posts/iso-instant';

// The calendar's fast formatter must write exactly what Date writes, or a post would move.
describe('isoInstant', () => {
  it('writes what toISOString writes for every whole millisecond from 1970 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => {
        expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  it('gets the edges right: the epoch, leap days, centuries, year ends and the last instant it formats', () => {
    const edges = [
      '1970-01-01T00:00:00.000Z', '1972-02-29T23:59:59.999Z', '2000-02-29T12:00:00.001Z', '2100-03-01T00:00:00.000Z',
      '2026-12-31T23:59:59.999Z', '2027-01-01T00:00:00.000Z', '2400-02-29T00:00:00.010Z', '9999-12-31T23:59:59.999Z',
    ];
    for (const text of edges) expect(isoInstant(Date.parse(text))).toBe(text);
  });

  it('hands what it does not format (before 1970, past 9999, fractions) to Date', () => {
    for (const ms of [-1, -86_400_000 * 400, 253_402_300_800_000, 1.5, 1_733_390_000_000.25]) {
      expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
    }
  });
});

// isoInstant keeps what it wrote (at most 16,384 instants, emptied when full): a read again is the same text.
describe('isoInstant, written again', () => {
  it('writes an instant read again the same, also after more instants than it keeps have come and gone', () => {
    const start = Date.parse('2026-03-29T00:30:00.000Z');
    const first = Array.from({ length: 40_000 }, (_, i) => isoInstant(start + i * 61_001));
    for (let i = 0; i < 40_000; i += 997) expect(isoInstant(start + i * 61_001)).toBe(first[i]);
    for (let i = 0; i < 40_000; i += 997) expect(first[i]).toBe(new Date(start + i * 61_001).toISOString());
  });
});
