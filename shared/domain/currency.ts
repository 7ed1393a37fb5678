/**
 * Currencies: which codes Loomcast knows, how many minor digits each has, and which one a locale
 * most likely pays in. Amounts are kept as integers in the currency's minor unit (cents for EUR
 * and USD, yen for JPY, fils for KWD), so the number of minor digits is part of what a stored
 * amount means. It comes from ISO 4217 (the table below), not from the ICU data Intl ships:
 * that differs between Node and Chromium versions for a few codes (IQD, ISK…) and must not
 * change what a saved amount is worth.
 */

import { REGION_CURRENCIES, SINGLE_CURRENCY_LANGUAGES } from './region-currencies';

export { REGION_CURRENCIES, SINGLE_CURRENCY_LANGUAGES };

/** ISO 4217 minor digits other than 2 (every other code has 2). */
const MINOR_DIGITS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/** What the currency picker offers first. */
export const COMMON_CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CAD', 'AUD', 'CHF', 'CNY', 'INR', 'BRL', 'MXN', 'SEK', 'NOK', 'DKK', 'PLN'] as const;

/**
 * What a new campaign starts in when neither an earlier campaign nor the locale tells (a locale
 * such as "en", "es-419" or none): the US dollar, the currency brand deals and platform payouts
 * (YouTube, X, TikTok) are most often quoted in across borders, and the one campaigns saved
 * without a locale were given (migration 0036). The editor says it is a default to check.
 */
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
 * The currency a locale pays in, when its tag tells: its region's ("de-CH" → CHF, "fr-SN" → XOF,
 * every region in REGION_CURRENCIES), else, for a tag with no place, its language's when that
 * language is spoken in one currency area only ("ja" → JPY). Null when the tag does not tell:
 * a language spoken across currencies ("en", "fr", "es"), an area that is no country
 * ("es-419" Latin America, "en-150" Europe), or no valid tag at all. Null is never a guess.
 */
export function currencyForLocale(locale: string | null | undefined): string | null {
  if (!locale) return null;
  let tag: Intl.Locale;
  try {
    tag = new Intl.Locale(locale.trim().replace(/_/g, '-'));
  } catch {
    return null;
  }
  // A numeric region (419, 150, 001) is an area of many currencies: no guess from the language either.
  if (tag.region) return REGION_CURRENCIES[tag.region] ?? null;
  return SINGLE_CURRENCY_LANGUAGES[tag.language] ?? null;
}

/** Where a new campaign's currency comes from: the campaign saved last, the locale, or neither (FALLBACK_CURRENCY, to be checked). */
export type NewCurrencySource = 'last-campaign' | 'locale' | 'unknown';

/**
 * The currency a new campaign starts with and why: the one of the campaign the creator saved
 * last, else the one of their locale, else FALLBACK_CURRENCY marked 'unknown', which the editor
 * asks the creator to check.
 */
export function newCampaignCurrency(campaigns: readonly { currency: string; updatedAt: string }[], locale: string | null | undefined): { currency: string; source: NewCurrencySource } {
  let last: { currency: string; updatedAt: string } | null = null;
  for (const c of campaigns) if (!last || c.updatedAt > last.updatedAt) last = c;
  if (last) return { currency: last.currency, source: 'last-campaign' };
  const fromLocale = currencyForLocale(locale);
  return fromLocale ? { currency: fromLocale, source: 'locale' } : { currency: FALLBACK_CURRENCY, source: 'unknown' };
}

/**
 * The currency a new campaign starts with (newCampaignCurrency without the why). The core and the
 * editor both ask this.
 */
export function defaultCurrency(campaigns: readonly { currency: string; updatedAt: string }[], locale: string | null | undefined): string {
  return newCampaignCurrency(campaigns, locale).currency;
}
