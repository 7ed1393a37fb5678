/**
 * The one way Loomcast writes a percentage, in the renderer and in the core's words: the number,
 * a space, then the sign ("4.7 %", "+25 %"), as the team's docs and most screens write it, with
 * the separators of the creator's locale when it is given ("4,7 %" in de-DE; shared/domain/numbers.ts).
 */
import { formatPercent, formatPercentOf } from './numbers';

/** A fraction as a percentage: 0.047 → "4.7 %" (digits after the point: 1 unless asked). */
export function percent(fraction: number, digits = 1, locale = 'en'): string {
  return formatPercent(fraction, locale, digits);
}

/** A number already in percent, as written: 25 → "25 %"; a number is written in the locale. */
export function percentOf(value: string | number, locale = 'en'): string {
  return typeof value === 'number' ? formatPercentOf(value, locale) : `${value} %`;
}
