import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CalendarChip, ChipTarget } from '../../shared/contract/features/calendar';
import { Id, IsoInstant } from '../../shared/contract/schemas';

// The chips check their ids and times with one pattern each (a template literal, cheaper in
// garbage than zod's string checks); they must take exactly what Id and IsoInstant take.
const chipId = (id: unknown) => ChipTarget.safeParse({ id, platform: 'x', accountId: null, state: 'draft', scheduledAt: null }).success;
const chipTime = (at: unknown) => ChipTarget.safeParse({ id: 't1', platform: 'x', accountId: null, state: 'draft', scheduledAt: at }).success;
const chipAccount = (accountId: unknown) => ChipTarget.safeParse({ id: 't1', platform: 'x', accountId, state: 'draft', scheduledAt: null }).success;
const postId = (id: unknown) => CalendarChip.safeParse({ id, text: '', threadLength: 0, targets: [], pillar: null, firstMedia: null }).success;

describe('calendar chips against the contract’s Id and IsoInstant', () => {
  it('take the same ids: empty, 64 and 65 characters, line breaks, non-strings', () => {
    for (const v of ['', 'a', 'a'.repeat(64), 'a'.repeat(65), '\n', 'é'.repeat(64), '😀'.repeat(33), '😀'.repeat(64), '😀'.repeat(65), '😀'.repeat(50_000), 'a'.repeat(100_000), '\uD800'.repeat(64), '\uDC00\uD800'.repeat(40), crypto.randomUUID(), 7, null, undefined]) {
      const expected = Id.safeParse(v).success;
      expect([chipId(v), postId(v)], JSON.stringify(v)).toEqual([expected, expected]);
      if (v !== null) expect(chipAccount(v), JSON.stringify(v)).toBe(expected);
    }
    fc.assert(fc.property(fc.string({ maxLength: 80, unit: 'binary' }), (v) => chipId(v) === Id.safeParse(v).success && chipAccount(v) === Id.safeParse(v).success), { numRuns: 2_000 });
  });

  it('take the same times: with and without milliseconds or offset, impossible days, other text', () => {
    const times = ['2026-12-05T09:30:00.000Z', '2026-12-05T09:30:00Z', '2026-12-05T09:30:00.000+01:00', '2026-02-30T09:30:00.000Z', '2028-02-29T00:00:00.000Z',
      '2027-02-29T00:00:00.000Z', '2026-12-05 09:30', '2026-12-05T24:00:00.000Z', '2026-12-05', '', 'x', 1_733_390_000_000];
    for (const v of times) expect(chipTime(v), String(v)).toBe(IsoInstant.safeParse(v).success);
    fc.assert(fc.property(fc.date({ noInvalidDate: true, min: new Date(0), max: new Date('9999-12-31T23:59:59.999Z') }), (d) => chipTime(d.toISOString())), { numRuns: 2_000 });
    fc.assert(fc.property(fc.string({ maxLength: 30 }), (v) => chipTime(v) === IsoInstant.safeParse(v).success), { numRuns: 2_000 });
  });

  it('still say which field is wrong', () => {
    const r = z.array(CalendarChip).safeParse([{ id: 'p1', text: '', threadLength: 0, targets: [{ id: '', platform: 'x', accountId: null, state: 'draft', scheduledAt: 'soon' }], pillar: null, firstMedia: null }]);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['0.targets.0.id', '0.targets.0.scheduledAt']);
  });
});
