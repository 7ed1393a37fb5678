import { systemLocale } from '../../../shared/domain/datetime-format';
import * as n from '../../../shared/domain/numbers';

/**
 * Numbers on screen in the creator's locale: this window's, as campaign money and dates use it
 * (features/campaigns/money.ts). The work is in shared/domain/numbers.ts; here it is bound to the
 * locale so a screen writes `count(posts)` or `percent(rate)` and nothing else.
 */

/**
 * The creator's locale (Settings keeps the core's copy in step at start: data/useAppData.ts),
 * read once per window: asking Intl costs ~40 µs, and a month grid writes a count per day.
 */
let locale: string | null = null;
export const numbersLocale = (): string => (locale ??= systemLocale());

/** A whole count: "162.392" in de-DE, "162,392" in en-GB. */
export const count = (v: number): string => n.formatCount(v, numbersLocale());

/** A number with up to `maxDigits` decimals (trailing zeros dropped): "1,5" in de-DE. */
export const decimal = (v: number, maxDigits = 1): string => n.formatNumber(v, numbersLocale(), { maxDigits });

/** A number with exactly `digits` decimals: "2,50" in de-DE. */
export const fixed = (v: number, digits: number, sign: n.NumberStyle['sign'] = 'negative'): string => n.formatNumber(v, numbersLocale(), { digits, sign });

/** A fraction as a percentage: 0.047 → "4,7 %" in de-DE (1 digit unless asked). */
export const percent = (fraction: number, digits = 1, sign: n.NumberStyle['sign'] = 'negative'): string => n.formatPercent(fraction, numbersLocale(), digits, sign);

/** A number already in percent: 25 → "25 %"; up to one decimal unless asked. */
export const percentOf = (value: number, style?: n.NumberStyle): string => n.formatPercentOf(value, numbersLocale(), style);

/** A number for a form's field, as the creator types it here (Latin digits, no grouping marks lost). */
export const fieldNumber = (v: number, maxDigits = 2): string => n.formatNumber(v, numbersLocale(), { maxDigits, latin: true });

/** What the creator typed in a number field, as this locale writes it; null when it is no number. */
export const parseNumber = (text: string): number | null => n.parseDecimal(text, numbersLocale());
