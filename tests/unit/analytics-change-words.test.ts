import { describe, expect, it } from 'vitest';
import { changeWords } from '../../renderer/src/features/analytics/format';

describe('how a headline number compares with the period before', () => {
  it('gives a percentage when the earlier number is a fair base', () => {
    expect(changeWords(0.25, 320)).toBe('+25% vs previous period');
    expect(changeWords(-0.1, 1_200)).toBe('−10% vs previous period');
    expect(changeWords(0, 4)).toBe('±0% vs previous period');
    // Up to (but not at) tenfold.
    expect(changeWords(8.5, 100)).toBe('+850% vs previous period');
  });

  it('gives the earlier number instead when it is small or the change is tenfold or more', () => {
    expect(changeWords(98.75, 4)).toBe('up from 4 in the previous period');
    expect(changeWords(-0.5, 6)).toBe('down from 6 in the previous period');
    expect(changeWords(74.73, 2_128)).toBe('up from 2,128 in the previous period');
  });

  it('says so when there is nothing to compare with', () => {
    expect(changeWords(null, 0)).toBe('no earlier numbers to compare');
    expect(changeWords(null)).toBe('no earlier numbers to compare');
  });

  it('keeps the percentage when the earlier number is not known to the caller', () => {
    expect(changeWords(98.75)).toBe('+9875% vs previous period');
  });
});
