/**
 * Counts, decimals and percentages as the creator reads them, in their locale (the one campaign
 * money is written in, shared/domain/money.ts): de-DE "162.392" and "4,7 %", en-GB "162,392" and
 * "4.7 %", fr-FR "162 392" (narrow no-break space) and "4,7 %". The team's style holds in every
 * locale: a percentage is the number, a space, then "%"; a minus is "−", and a change always
 * carries its sign ("+25 %", "−10 %", "±0 %").
 *
 * Only words for people: files, payloads and logs keep their plain machine numbers.
 */

export interface NumberStyle {
  /** Exactly this many digits after the decimal separator (4.70). */
  digits?: number;
  /** At most this many, trailing zeros dropped (4.7, 5); 0 when neither is given. */
  maxDigits?: number;
  /** 'always': "+" above zero, "−" below, "±" at zero, as a change reads. */
  sign?: 'negative' | 'always';
  /** Digits as the creator types them (Latin), for a form's field. */
  latin?: boolean;
}

const formats = new Map<string, Intl.NumberFormat>();

/** A cached formatter; a locale Intl does not know falls back to English rather than throwing (money.ts uses it too). */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, options);
    } catch {
      f = new Intl.NumberFormat('en', options);
    }
    formats.set(key, f);
  }
  return f;
}

const MINUS = '\u2212';

function written(value: number, locale: string, style: NumberStyle, grouping?: 'min2'): string {
  const min = style.digits ?? 0;
  const max = style.digits ?? style.maxDigits ?? 0;
  const options: Intl.NumberFormatOptions = { minimumFractionDigits: min, maximumFractionDigits: max };
  if (grouping) options.useGrouping = grouping as unknown as boolean;
  if (style.latin) options.numberingSystem = 'latn';
  const abs = Math.abs(value);
  const text = numberFormat(locale, options).format(abs);
  // Whether it is zero as written (−0.04 to no digits is "0", not "−0").
  const zero = Math.round(abs * 10 ** max) === 0;
  const sign = zero ? (style.sign === 'always' ? '±' : '') : value < 0 ? MINUS : style.sign === 'always' ? '+' : '';
  return `${sign}${text}`;
}

/** A number with the locale's separators: 1234.5 → "1.234,5" in de-DE (no decimals unless asked). */
export function formatNumber(value: number, locale: string, style: NumberStyle = {}): string {
  return written(value, locale, style);
}

/** A whole count: 162392 → "162.392" in de-DE, "162,392" in en-GB. */
export function formatCount(value: number, locale: string): string {
  return written(Math.round(value), locale, {});
}

/**
 * A number already in percent: 4.7 → "4,7 %" in de-DE. Up to one decimal unless asked; grouped
 * only from five digits, as "9875 %" reads better than "9,875 %".
 */
export function formatPercentOf(value: number, locale: string, style: NumberStyle = { maxDigits: 1 }): string {
  return `${written(value, locale, style, 'min2')} %`;
}

/** A fraction as a percentage: 0.047 → "4.7 %" / "4,7 %" (1 digit after the separator unless asked). */
export function formatPercent(fraction: number, locale: string, digits = 1, sign: NumberStyle['sign'] = 'negative'): string {
  return formatPercentOf(fraction * 100, locale, { digits, sign });
}

/** Decimal and group separators of a locale, as the creator would type a number in it. */
function separatorsOf(locale: string): { decimal: string; group: string } {
  const parts = numberFormat(locale, { numberingSystem: 'latn', minimumFractionDigits: 1 }).formatToParts(12345.6);
  return { decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.', group: parts.find((p) => p.type === 'group')?.value ?? ',' };
}

/**
 * A number the creator typed, as their locale writes it ("4,5" in de-DE, "4.5" in en-GB); a lone
 * "." is a decimal point in any locale, as people type it; grouping (spaces, the locale's own
 * mark) is ignored. null when it is not a number.
 */
export function parseDecimal(text: string, locale: string): number | null {
  const { decimal, group } = separatorsOf(locale);
  let s = text.trim().replace(/[\s\u00a0\u202f'’]/g, '').replace(/^[\u2212\u2012\u2013]/, '-');
  if (group !== decimal && /[.,]/.test(group) && s.includes(group) && s.includes(decimal)) s = s.split(group).join('');
  if (decimal !== '.') s = s.replace(decimal, '.');
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(s)) return null;
  return Number(s);
}
