/** A post's numbers at the comparison age, from its looks (experiments/age.ts). */
import { describe, expect, it } from 'vitest';
import { compareAgeMs, readAtAge } from '../../../electron/core/analytics/age';

const H = 3_600_000;
const OUT = 1_000 * H;
const DAY = compareAgeMs('x');
const look = (hours: number, views: number | null, likes: number | null) => ({ at: OUT + hours * H, views, likes });

describe('readAtAge', () => {
  it('compares at 24 h, or 72 h where the platform reports late', () => {
    expect(DAY).toBe(24 * H);
    expect(compareAgeMs('tiktok')).toBe(72 * H);
    expect(compareAgeMs('youtube')).toBe(72 * H);
  });

  it('is too young before the age, and waits for the look after it once that old', () => {
    const looks = [look(1, 10, 1), look(12, 100, 5)];
    expect(readAtAge(looks, OUT, DAY, OUT + 20 * H)).toEqual({ status: 'too_young' });
    expect(readAtAge(looks, OUT, DAY, OUT + 25 * H)).toEqual({ status: 'awaiting' });
  });

  it('takes each count on the line between the looks either side of the age', () => {
    const r = readAtAge([look(12, 100, 10), look(36, 300, 30)], OUT, DAY, OUT + 40 * H);
    expect(r).toEqual({ status: 'counted', values: expect.objectContaining({ views: 200, likes: 20 }) });
  });

  it('leaves a count unreported when either look lacks it: missing is not zero', () => {
    const r = readAtAge([look(12, 100, null), look(36, 300, 30)], OUT, DAY, OUT + 40 * H);
    expect(r.status === 'counted' && r.values.likes).toBe(null);
  });

  it('takes numbers that did not change across the age as they are, however far apart the looks', () => {
    expect(readAtAge([look(3, 50, 5), look(96, 50, 5)], OUT, DAY, OUT + 100 * H)).toEqual({ status: 'counted', values: expect.objectContaining({ views: 50, likes: 5 }) });
  });

  it('takes one look near the age as it is, and has no numbers when no look came near it', () => {
    expect(readAtAge([look(1, 10, 1), look(27, 120, 12)], OUT, DAY, OUT + 30 * H)).toEqual({ status: 'counted', values: expect.objectContaining({ views: 120 }) });
    expect(readAtAge([look(1, 10, 1), look(72, 400, 40)], OUT, DAY, OUT + 80 * H)).toEqual({ status: 'missed' });
  });
});
