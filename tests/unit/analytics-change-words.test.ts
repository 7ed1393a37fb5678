import { describe, expect, it } from 'vitest';
import { changeWords, liftDirection } from '../../renderer/src/features/analytics/format';

describe('how a headline number compares with the period before', () => {
  it('gives a percentage when the earlier number is a fair base', () => {
    expect(changeWords(0.25, 320)).toBe('+25 % vs previous period');
    expect(changeWords(-0.1, 1_200)).toBe('−10 % vs previous period');
    expect(changeWords(0, 4)).toBe('±0 % vs previous period');
    // Up to (but not at) tenfold.
    expect(changeWords(8.5, 100)).toBe('+850 % vs previous period');
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
    expect(changeWords(98.75)).toBe('+9875 % vs previous period');
  });
});

describe('whether a lift is a finding', () => {
  it('is up or down only when its whole interval is on that side of no change', () => {
    expect(liftDirection({ low: 1.05, high: 1.6 })).toBe('up');
    expect(liftDirection({ low: 0.5, high: 0.95 })).toBe('down');
    // −13 % with an interval from −32 % to +30 %: no clear difference, whatever the point says.
    expect(liftDirection({ low: 0.68, high: 1.3 })).toBe('unclear');
    expect(liftDirection({ low: 1, high: 1.4 })).toBe('unclear');
    expect(liftDirection({ low: null, high: 0.9 })).toBe('down');
    expect(liftDirection({ low: 1.2, high: null })).toBe('up');
    expect(liftDirection({ low: null, high: null })).toBe('unclear');
  });
});
