import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CurrencyCode } from '../../shared/contract/features/campaigns';
import { currencyDigits, currencyForLocale, defaultCurrency, FALLBACK_CURRENCY, isCurrency, newCampaignCurrency, REGION_CURRENCIES, SINGLE_CURRENCY_LANGUAGES } from '../../shared/domain/currency';
import { formatAmount, formatMoney, minorToDecimal, parseMoney, totalsByCurrency } from '../../shared/domain/money';

// Intl writes a no-break space (U+00A0) or a narrow one (U+202F) between amount and symbol.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('currencies', () => {
  it('knows the minor digits of ISO 4217: none for JPY, 2 for EUR, 3 for KWD and BHD', () => {
    expect([currencyDigits('JPY'), currencyDigits('KRW'), currencyDigits('EUR'), currencyDigits('USD'), currencyDigits('KWD'), currencyDigits('BHD')]).toEqual([0, 0, 2, 2, 3, 3]);
  });

  it('takes real codes only, in any case, and names the field when refusing one', () => {
    expect(isCurrency('EUR')).toBe(true);
    expect(isCurrency('EURO')).toBe(false);
    expect(CurrencyCode.parse(' eur ')).toBe('EUR');
    const bad = CurrencyCode.safeParse('XYZ');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('“XYZ” is not a currency Loomcast knows: use an ISO 4217 code such as EUR, USD or JPY');
  });

  it('picks the currency of the place in the locale, of a language spoken in one currency area, else none', () => {
    const cases: [string | null, string | null][] = [
      ['de-DE', 'EUR'], ['en-GB', 'GBP'], ['de-CH', 'CHF'], ['en-IN', 'INR'], ['pt-BR', 'BRL'], ['pt-PT', 'EUR'],
      ['fr-SN', 'XOF'], ['fr-CM', 'XAF'], ['es-AR', 'ARS'], ['es-PA', 'USD'], ['zh-Hans-CN', 'CNY'], ['zh-Hant-TW', 'TWD'],
      ['en-US-u-ca-gregory', 'USD'], ['ar-KW', 'KWD'], ['sr-Latn-XK', 'EUR'], ['en_NZ', 'NZD'],
      ['en-BU', 'MMK'], // a deprecated region, replaced by Intl (BU → MM)
      ['ja', 'JPY'], ['pl', 'PLN'],
      // No place, or no country: nothing guessed (es-419 is Latin America, not Spain).
      ['es-419', null], ['en-150', null], ['en-001', null], ['en', null], ['fr', null], ['es', null], ['de', null], ['pt', null], ['sq', null],
      ['en-AQ', null], ['not a locale', null], ['', null], [null, null],
    ];
    for (const [locale, currency] of cases) expect(currencyForLocale(locale), String(locale)).toBe(currency);
  });

  it('knows a currency for every country Intl names, and each is one Loomcast knows', () => {
    // Not places with a currency of their own: Antarctica, Clipperton, the UN, the unknown and pseudo-regions.
    const noCurrency = new Set(['AQ', 'CP', 'UN', 'QO', 'XA', 'XB', 'ZZ']);
    const names = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });
    const letters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
    let checked = 0;
    for (const code of letters.flatMap((a) => letters.map((b) => a + b))) {
      let name: string | undefined;
      try {
        name = names.of(code);
      } catch {
        name = undefined;
      }
      if (!name) continue;
      const region = new Intl.Locale(`und-${code}`).region!; // deprecated codes become today's (DD → DE)
      if (noCurrency.has(region)) expect(REGION_CURRENCIES[region], `${code} ${name}`).toBeUndefined();
      else expect(REGION_CURRENCIES[region], `${code} ${name}`).toBeDefined();
      checked++;
    }
    expect(checked).toBeGreaterThan(240);
    for (const [where, code] of [...Object.entries(REGION_CURRENCIES), ...Object.entries(SINGLE_CURRENCY_LANGUAGES)]) expect(isCurrency(code), `${where} ${code}`).toBe(true);
  });

  it('starts a new campaign in the currency of the one saved last, else the locale’s', () => {
    const list = [
      { currency: 'JPY', updatedAt: '2026-12-01T10:00:00.000Z' },
      { currency: 'EUR', updatedAt: '2026-12-03T10:00:00.000Z' },
      { currency: 'USD', updatedAt: '2026-12-02T10:00:00.000Z' },
    ];
    expect(defaultCurrency(list, 'en-GB')).toBe('EUR');
    expect(defaultCurrency([], 'en-GB')).toBe('GBP');
    expect(newCampaignCurrency(list, 'es-419')).toEqual({ currency: 'EUR', source: 'last-campaign' });
    expect(newCampaignCurrency([], 'fr-SN')).toEqual({ currency: 'XOF', source: 'locale' });
  });

  it('starts in US dollars, marked as a default to check, when the locale names no country', () => {
    expect(FALLBACK_CURRENCY).toBe('USD');
    for (const locale of ['es-419', 'en', 'fr', 'not a locale', null]) {
      expect(newCampaignCurrency([], locale), String(locale)).toEqual({ currency: 'USD', source: 'unknown' });
      expect(defaultCurrency([], locale)).toBe('USD');
    }
  });

  it('agrees with migration 0036 on every place it mapped (its table is a frozen copy of the code then)', () => {
    const sql = readFileSync(join(__dirname, '../../electron/core/store/migrations/0036_campaign_currency.sql'), 'utf8');
    const pairs = (from: string, to: string) => {
      const block = sql.slice(sql.indexOf(from), sql.indexOf(to));
      return Object.fromEntries([...block.matchAll(/\('([A-Za-z]+)', '([A-Z]{3})'\)/g)].map((m) => [m[1]!, m[2]!]));
    };
    const migrated = pairs('region_currency(region', 'language_currency(language');
    expect(Object.keys(migrated).length).toBeGreaterThan(70);
    for (const [region, currency] of Object.entries(migrated)) expect(REGION_CURRENCIES[region], region).toBe(currency);
    // Where 0036 did map a language, it agrees with the languages spoken in one currency area.
    for (const [language, currency] of Object.entries(pairs('language_currency(language', 'tag(t)'))) {
      if (SINGLE_CURRENCY_LANGUAGES[language]) expect(SINGLE_CURRENCY_LANGUAGES[language], language).toBe(currency);
    }
    // The amounts kept as hundredths are counted again for every currency with other digits it can give.
    const listed = (digits: number) => {
      const lists = [...sql.matchAll(/WHERE currency IN \(([^)]*)\)/g)].map((m) => [...m[1]!.matchAll(/'([A-Z]{3})'/g)].map((c) => c[1]!));
      return new Set(lists.filter((l) => l.every((c) => currencyDigits(c) === digits)).flat());
    };
    for (const currency of new Set(Object.values(migrated))) {
      const digits = currencyDigits(currency);
      if (digits !== 2) expect(listed(digits).has(currency), currency).toBe(true);
    }
    for (const [language, currency] of Object.entries(SINGLE_CURRENCY_LANGUAGES)) {
      // Each language's currency is the one of the place Intl puts it (ja → JP → JPY).
      const region = new Intl.Locale(language).maximize().region!;
      expect(REGION_CURRENCIES[region], language).toBe(currency);
    }
  });
});

describe('money as the creator types it', () => {
  const cases: [string, string, string, number | null | string][] = [
    // de-DE: comma decimal, point grouping.
    ['1.250,50', 'EUR', 'de-DE', 125_050],
    ['1.250', 'EUR', 'de-DE', 125_000],
    ['250,5', 'EUR', 'de-DE', 25_050],
    ['250.50', 'EUR', 'de-DE', 25_050], // a lone point that can't be grouping is the decimal point
    ['1.250,50 €', 'EUR', 'de-DE', 125_050],
    ['EUR 12', 'EUR', 'de-DE', 1_200],
    ['1,250.50', 'EUR', 'de-DE', 'invalid'], // English grouping in a German locale: refused, not guessed
    ['1.25.0', 'EUR', 'de-DE', 'invalid'],
    // en: point decimal, comma grouping; Indian grouping.
    ['1,250.50', 'USD', 'en-US', 125_050],
    ['$1,250.50', 'USD', 'en-US', 125_050],
    ['250,50', 'USD', 'en-US', 25_050],
    ['12,34,567.50', 'INR', 'en-IN', 123_456_750],
    ['.5', 'GBP', 'en-GB', 50],
    // Spaces and apostrophes group (fr-FR, de-CH).
    ['1 250,50', 'EUR', 'fr-FR', 125_050],
    ['1\u202f250,50', 'EUR', 'fr-FR', 125_050],
    ['1’250.50', 'CHF', 'de-CH', 125_050],
    // The currency's digits: JPY none, KWD three.
    ['1,250', 'JPY', 'ja-JP', 1_250],
    ['1.250', 'JPY', 'de-DE', 1_250],
    ['1250.5', 'JPY', 'ja-JP', 'decimals'],
    ['1250.00', 'JPY', 'ja-JP', 1_250],
    ['1.250', 'KWD', 'en', 1_250],
    ['1,250.125', 'KWD', 'en', 1_250_125],
    ['1.2505', 'KWD', 'en', 'decimals'],
    ['12.345', 'EUR', 'en', 'decimals'],
    // Nothing, or not an amount.
    ['', 'EUR', 'de-DE', null],
    ['   ', 'EUR', 'de-DE', null],
    // Below zero: told apart from text that is not an amount, so the form can say what to do.
    ['-5', 'EUR', 'de-DE', 'negative'],
    ['−5 €', 'EUR', 'de-DE', 'negative'],
    ['€-1.250,50', 'EUR', 'de-DE', 'negative'],
    ['-1,250.50', 'USD', 'en-US', 'negative'],
    ['5-', 'EUR', 'de-DE', 'negative'],
    ['-0', 'EUR', 'de-DE', 0],
    ['-', 'EUR', 'de-DE', 'invalid'],
    ['--5', 'EUR', 'de-DE', 'invalid'],
    ['1-2', 'EUR', 'de-DE', 'invalid'],
    ['-zwölf', 'EUR', 'de-DE', 'invalid'],
    ['zwölf', 'EUR', 'de-DE', 'invalid'],
    ['€', 'EUR', 'de-DE', 'invalid'],
  ];
  it.each(cases)('reads %j in %s (%s) as %j', (text, currency, locale, expected) => {
    expect(parseMoney(text, currency, locale)).toBe(expected);
  });

  it('writes an amount with its currency as the locale does, with the currency’s digits', () => {
    expect(plain(formatMoney(125_050, 'EUR', 'de-DE'))).toBe('1.250,50 €');
    expect(formatMoney(125_050, 'EUR', 'en-GB')).toBe('€1,250.50');
    expect(formatMoney(125_050, 'USD', 'en-US')).toBe('$1,250.50');
    expect(plain(formatMoney(1_250, 'JPY', 'de-DE'))).toBe('1.250 ¥');
    expect(formatMoney(1_250, 'JPY', 'en-US')).toBe('¥1,250');
    expect(plain(formatMoney(1_250_500, 'KWD', 'en'))).toBe('KWD 1,250.500');
  });

  it('fills a form’s field with the amount alone, which reads back to the same amount', () => {
    for (const [minor, currency, locale] of [[125_050, 'EUR', 'de-DE'], [125_050, 'EUR', 'fr-FR'], [1_250, 'JPY', 'ja-JP'], [1_250_500, 'KWD', 'ar-KW'], [99, 'CHF', 'de-CH']] as const) {
      const text = formatAmount(minor, currency, locale);
      expect(text).not.toMatch(/[€¥]/);
      expect(parseMoney(text, currency, locale), `${text} in ${locale}`).toBe(minor);
    }
    expect(formatAmount(125_050, 'EUR', 'de-DE')).toBe('1.250,50');
  });

  it('writes plain decimals for files, with the currency’s digits', () => {
    expect([minorToDecimal(125_050, 'EUR'), minorToDecimal(5, 'USD'), minorToDecimal(1_250, 'JPY'), minorToDecimal(1_250_500, 'KWD')]).toEqual(['1250.50', '0.05', '1250', '1250.500']);
  });

  it('adds up per currency and never across currencies', () => {
    const totals = totalsByCurrency([
      { currency: 'EUR', costCents: 100, revenueCents: 300 },
      { currency: 'JPY', costCents: 5_000, revenueCents: 0 },
      { currency: 'EUR', costCents: 50, revenueCents: 0 },
    ]);
    expect(totals).toEqual([
      { currency: 'EUR', costCents: 150, revenueCents: 300, campaigns: 2 },
      { currency: 'JPY', costCents: 5_000, revenueCents: 0, campaigns: 1 },
    ]);
  });
});
