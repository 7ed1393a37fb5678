import { describe, expect, it } from 'vitest';
import { formatCount, formatNumber, formatPercent, formatPercentOf, parseDecimal } from '../../shared/domain/numbers';
import { percent, percentOf } from '../../shared/domain/percent';

const NNBSP = '\u202f';

describe('numbers in the creator’s locale', () => {
  it('writes counts with the locale’s grouping', () => {
    expect(formatCount(162_392, 'de-DE')).toBe('162.392');
    expect(formatCount(162_392, 'en-GB')).toBe('162,392');
    expect(formatCount(162_392, 'fr-FR')).toBe(`162${NNBSP}392`);
    expect(formatCount(1_249.6, 'en-GB')).toBe('1,250');
  });

  it('writes decimals with the locale’s separator, fixed or up to a number of digits', () => {
    expect(formatNumber(1234.5, 'de-DE', { maxDigits: 1 })).toBe('1.234,5');
    expect(formatNumber(3, 'de-DE', { digits: 2 })).toBe('3,00');
    expect(formatNumber(3, 'en-GB', { maxDigits: 2 })).toBe('3');
    expect(formatNumber(1234.5, 'fr-FR', { maxDigits: 1 })).toBe(`1${NNBSP}234,5`);
  });

  it('keeps the team’s percentage style: the number, a space, then %', () => {
    expect(formatPercent(0.047, 'de-DE')).toBe('4,7 %');
    expect(formatPercent(0.047, 'en-GB')).toBe('4.7 %');
    expect(formatPercent(0.047, 'fr-FR')).toBe('4,7 %');
    expect(formatPercent(0.25, 'en-GB', 0)).toBe('25 %');
    expect(formatPercentOf(139.9, 'de-DE')).toBe('139,9 %');
    // Grouped only from five digits, as before: "9875 %", not "9,875 %".
    expect(formatPercentOf(9875, 'en-GB')).toBe('9875 %');
    expect(formatPercentOf(12_345, 'de-DE', { maxDigits: 0 })).toBe('12.345 %');
  });

  it('writes "−" for a minus, and a change with its sign, "±" at zero', () => {
    expect(formatPercent(-0.1, 'de-DE', 0)).toBe('−10 %');
    expect(formatPercentOf(25, 'de-DE', { maxDigits: 0, sign: 'always' })).toBe('+25 %');
    expect(formatPercentOf(-2.5, 'de-DE', { maxDigits: 1, sign: 'always' })).toBe('−2,5 %');
    expect(formatPercentOf(0, 'en-GB', { maxDigits: 0, sign: 'always' })).toBe('±0 %');
    // Rounding to zero is zero: never "−0".
    expect(formatNumber(-0.04, 'en-GB', { maxDigits: 1 })).toBe('0');
    expect(formatNumber(-0.04, 'en-GB', { digits: 1, sign: 'always' })).toBe('±0.0');
  });

  it('falls back to English for a tag Intl does not know, rather than throwing', () => {
    expect(formatCount(162_392, 'xx-bad!!')).toBe('162,392');
    expect(formatPercent(0.047, 'not a locale')).toBe('4.7 %');
    expect(parseDecimal('4.5', 'xx-bad!!')).toBe(4.5);
  });

  it('keeps percent.ts English unless given a locale', () => {
    expect(percent(0.047)).toBe('4.7 %');
    expect(percent(0.047, 2, 'de-DE')).toBe('4,70 %');
    expect(percentOf('25')).toBe('25 %');
    expect(percentOf(4.5, 'de-DE')).toBe('4,5 %');
  });

  it('reads back what it writes in a field, and a plain point anywhere', () => {
    for (const locale of ['de-DE', 'en-GB', 'fr-FR']) {
      for (const v of [4.5, 12, 0.25, 1234.5]) expect(parseDecimal(formatNumber(v, locale, { maxDigits: 2, latin: true }), locale)).toBe(v);
    }
    expect(parseDecimal('4,5', 'de-DE')).toBe(4.5);
    expect(parseDecimal('4.5', 'de-DE')).toBe(4.5);
    expect(parseDecimal(' 4,5 ', 'fr-FR')).toBe(4.5);
    expect(parseDecimal('1.234,5', 'de-DE')).toBe(1234.5);
    expect(parseDecimal('4,5', 'en-GB')).toBeNull();
    expect(parseDecimal('abc', 'de-DE')).toBeNull();
    expect(parseDecimal('', 'de-DE')).toBeNull();
  });
});
