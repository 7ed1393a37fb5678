/**
 * Currencies: which codes Loomcast knows, how many minor digits each has, and which one a locale
 * most likely pays in. Amounts are kept as integers in the currency's minor unit (cents for EUR
 * and USD, yen for JPY, fils for KWD), so the number of minor digits is part of what a stored
 * amount means. It comes from ISO 4217 (the table below), not from the ICU data Intl ships:
 * that differs between Node and Chromium versions for a few codes (IQD, ISK…) and must not
 * change what a saved amount is worth.
 */

/** ISO 4217 minor digits other than 2 (every other code has 2). */
const MINOR_DIGITS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/** What the currency picker offers first. */
export const COMMON_CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CAD', 'AUD', 'CHF', 'CNY', 'INR', 'BRL', 'MXN', 'SEK', 'NOK', 'DKK', 'PLN'] as const;

/** Used when a locale names no place we know the currency of. */
export const FALLBACK_CURRENCY = 'USD';

let known: ReadonlySet<string> | null = null;

/** Every ISO 4217 code this runtime's Intl knows (Node 20 and Chromium: ~160), sorted. */
export function knownCurrencies(): ReadonlySet<string> {
  if (!known) {
    let codes: string[] = [];
    try {
      codes = Intl.supportedValuesOf('currency');
    } catch {
      // An Intl without supportedValuesOf: the common ones still work.
    }
    known = new Set([...codes, ...COMMON_CURRENCIES].sort());
  }
  return known;
}

export function isCurrency(code: string): boolean {
  return knownCurrencies().has(code);
}

/** Digits after the decimal separator: JPY 0, EUR 2, KWD 3. */
export function currencyDigits(code: string): number {
  return MINOR_DIGITS[code] ?? 2;
}

/** "Euro", "Japanese Yen" (English, like the rest of the app's words); the code when unknown. */
export function currencyName(code: string): string {
  try {
    return new Intl.DisplayNames('en', { type: 'currency' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * The currency of each place (ISO 3166 region) we map. Migration 0036 holds a copy of this table
 * and the next in SQL, for campaigns saved before currencies; a unit test keeps them the same.
 */
const EURO = ['AD', 'AT', 'BE', 'BG', 'CY', 'DE', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'IE', 'IT', 'LT', 'LU', 'LV', 'MC', 'ME', 'MT', 'NL', 'PT', 'SI', 'SK', 'SM', 'VA'];
export const REGION_CURRENCY: Readonly<Record<string, string>> = {
  ...Object.fromEntries(EURO.map((r) => [r, 'EUR'])),
  US: 'USD', GB: 'GBP', JP: 'JPY', CA: 'CAD', AU: 'AUD', NZ: 'NZD', CH: 'CHF', LI: 'CHF', SE: 'SEK', NO: 'NOK', DK: 'DKK',
  IS: 'ISK', PL: 'PLN', CZ: 'CZK', HU: 'HUF', RO: 'RON', TR: 'TRY', UA: 'UAH', RU: 'RUB', IN: 'INR', CN: 'CNY',
  HK: 'HKD', TW: 'TWD', KR: 'KRW', SG: 'SGD', MY: 'MYR', TH: 'THB', ID: 'IDR', PH: 'PHP', VN: 'VND', BR: 'BRL', MX: 'MXN',
  AR: 'ARS', CL: 'CLP', CO: 'COP', PE: 'PEN', ZA: 'ZAR', NG: 'NGN', KE: 'KES', EG: 'EGP', IL: 'ILS', SA: 'SAR', AE: 'AED',
  KW: 'KWD', BH: 'BHD', QA: 'QAR', OM: 'OMR', JO: 'JOD', PK: 'PKR', BD: 'BDT', PR: 'USD', EC: 'USD', SV: 'USD',
};

/**
 * A language tag without a region, where its speakers mostly live (de → Germany, pt → Brazil,
 * as Intl.Locale#maximize() places them). Looked up here rather than through maximize() so the
 * migration's SQL copy reaches the same answer.
 */
export const LANGUAGE_CURRENCY: Readonly<Record<string, string>> = {
  en: 'USD', de: 'EUR', fr: 'EUR', it: 'EUR', es: 'EUR', nl: 'EUR', fi: 'EUR', el: 'EUR', pt: 'BRL', ja: 'JPY', ko: 'KRW',
  zh: 'CNY', sv: 'SEK', da: 'DKK', nb: 'NOK', pl: 'PLN', cs: 'CZK', hu: 'HUF', tr: 'TRY', ru: 'RUB', uk: 'UAH', hi: 'INR',
  ro: 'RON', bg: 'EUR', hr: 'EUR', sk: 'EUR', sl: 'EUR', et: 'EUR', lv: 'EUR', lt: 'EUR', ga: 'EUR', mt: 'EUR', is: 'ISK',
  he: 'ILS', th: 'THB', vi: 'VND', id: 'IDR',
};

/**
 * The currency a locale most likely pays in ("de-DE" → EUR, "ja" → JPY, "en-GB" → GBP): its
 * region's, else its language's, else USD.
 */
export function currencyForLocale(locale: string | null | undefined): string {
  if (!locale) return FALLBACK_CURRENCY;
  try {
    const tag = new Intl.Locale(locale.replace(/_/g, '-'));
    return (tag.region ? REGION_CURRENCY[tag.region] : undefined) ?? LANGUAGE_CURRENCY[tag.language] ?? FALLBACK_CURRENCY;
  } catch {
    return FALLBACK_CURRENCY;
  }
}

/**
 * The currency a new campaign starts with: the one of the campaign the creator saved last, else
 * the one of their locale. The core and the editor both ask this.
 */
export function defaultCurrency(campaigns: readonly { currency: string; updatedAt: string }[], locale: string | null | undefined): string {
  let last: { currency: string; updatedAt: string } | null = null;
  for (const c of campaigns) if (!last || c.updatedAt > last.updatedAt) last = c;
  return last?.currency ?? currencyForLocale(locale);
}
