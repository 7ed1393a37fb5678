/**
 * Money as the creator types and reads it, in their locale and the campaign's currency ↔ an
 * integer count of the currency's minor unit (shared/domain/currency.ts), without float drift.
 * "1.250,50" in de-DE and "1,250.50" in en-GB are both 125050 cents of EUR; "1,250" is 1250 JPY.
 */
import { currencyDigits } from './currency';
import { numberFormat } from './numbers';

/** 'negative': an amount below zero ("-5"), which a campaign's cost or revenue never is. */
export type MoneyProblem = 'invalid' | 'decimals' | 'negative';

interface Separators {
  decimal: string;
  /** '' where the locale groups with a space or an apostrophe (removed before reading). */
  group: string;
}

const separators = new Map<string, Separators>();
const SPACES = /[\s\u00a0\u202f'’]/g;

function separatorsOf(locale: string): Separators {
  let s = separators.get(locale);
  if (!s) {
    const parts = numberFormat(locale, { numberingSystem: 'latn', minimumFractionDigits: 1 }).formatToParts(12345.6);
    const group = parts.find((p) => p.type === 'group')?.value ?? '';
    s = { decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.', group: group.replace(SPACES, '') };
    separators.set(locale, s);
  }
  return s;
}

/** 1.234.567 / 12,34,567: the first group 1–3 digits, then groups of 2–3, the last of 3. */
function groupedDigits(text: string, group: string): string | null {
  if (!group) return null;
  const groups = text.split(group);
  if (groups.length < 2 || !groups.every((g) => /^\d+$/.test(g))) return null;
  const [first, ...rest] = groups;
  const last = rest.pop() ?? '';
  if (first!.length > 3 || last.length !== 3 || rest.some((g) => g.length < 2 || g.length > 3)) return null;
  return groups.join('');
}

/** The currency's symbols and code as this locale writes them, longest first (US$ before $). */
function currencyMarks(currency: string, locale: string): string[] {
  const marks = new Set<string>([currency]);
  for (const currencyDisplay of ['symbol', 'narrowSymbol'] as const) {
    const part = numberFormat(locale, { style: 'currency', currency, currencyDisplay }).formatToParts(1).find((p) => p.type === 'currency');
    if (part) marks.add(part.value);
  }
  return [...marks].sort((a, b) => b.length - a.length);
}

/**
 * What the creator typed as a count of minor units; null when empty; 'decimals' when it has more
 * digits after the separator than the currency has (JPY none, EUR 2, KWD 3); 'invalid' otherwise.
 * Takes the locale's own separators ("1.250,50" in de-DE), a lone "." or "," as the decimal
 * separator when it can't be grouping ("250.50" in de-DE), spaces and apostrophes as grouping,
 * and the currency's symbol or code before or after. Mixed separators that don't fit the
 * locale ("1,250.50" in de-DE) are refused rather than guessed. An amount with a minus sign
 * ("-5", "−5 €", "€-5") is 'negative', told apart from one that is not an amount at all.
 */
export function parseMoney(text: string, currency: string, locale: string): number | null | MoneyProblem {
  const signed = /^\s*(.*?)[-\u2212]\s*(.*?)\s*$/su.exec(text);
  if (signed && !/[-\u2212]/u.test(signed[1]! + signed[2]!) && (signed[1] === '' || signed[2] === '' || !/\d/.test(signed[1]!))) {
    // One minus sign, at the start, the end, or between the currency's mark and the digits.
    const amount = parseMoney(`${signed[1]}${signed[2]}`, currency, locale);
    return typeof amount === 'number' && amount > 0 ? 'negative' : amount === 0 ? 0 : 'invalid';
  }
  let s = text.trim().replace(/[\u0660-\u0669]/g, (c) => String(c.charCodeAt(0) - 0x660)).replace(/[\u06f0-\u06f9]/g, (c) => String(c.charCodeAt(0) - 0x6f0));
  for (const mark of currencyMarks(currency, locale)) {
    if (s.toUpperCase().startsWith(mark.toUpperCase())) s = s.slice(mark.length);
    else if (s.toUpperCase().endsWith(mark.toUpperCase())) s = s.slice(0, -mark.length);
  }
  s = s.replace(SPACES, '');
  if (s === '') return text.trim() === '' ? null : 'invalid';
  if (!/^[\d.,]+$/.test(s)) return 'invalid';

  const { decimal, group } = separatorsOf(locale);
  const other = decimal === ',' ? '.' : ',';
  let whole = s;
  let fraction = '';
  const at = s.indexOf(decimal);
  if (at >= 0) {
    if (s.indexOf(decimal, at + 1) >= 0) return 'invalid';
    whole = s.slice(0, at);
    fraction = s.slice(at + 1);
  }
  if (!/^\d*$/.test(fraction)) return 'invalid';
  if (whole !== '' && !/^\d+$/.test(whole)) {
    const grouped = groupedDigits(whole, group);
    if (grouped !== null) whole = grouped;
    else if (at < 0 && whole.split(other).length === 2) {
      // No decimal separator of the locale's own, one other mark that isn't grouping: the point.
      [whole, fraction] = whole.split(other) as [string, string];
      if (!/^\d+$/.test(whole) || !/^\d*$/.test(fraction)) return 'invalid';
    } else return 'invalid';
  }
  if (whole === '' && fraction === '') return 'invalid';
  const digits = currencyDigits(currency);
  if (fraction.replace(/0+$/, '').length > digits) return 'decimals';
  if (whole.replace(/^0+/, '').length > 11) return 'invalid';
  return Number(whole || '0') * 10 ** digits + Number(fraction.slice(0, digits).padEnd(digits, '0') || '0');
}

const majorOf = (minor: number, currency: string) => minor / 10 ** currencyDigits(currency);

/** "1.250,50 €" in de-DE, "€1,250.50" in en-GB, "¥1,250" for JPY: the amount with its currency. */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  return numberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(majorOf(minor, currency));
}

/** The amount alone as the creator types it ("1.250,50" in de-DE), for a form's field. */
export function formatAmount(minor: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  return numberFormat(locale, { numberingSystem: 'latn', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(majorOf(minor, currency));
}

/** The amount as a plain decimal for files and scripts: "1250.50", "1250" (JPY), "1.250" (KWD). */
export function minorToDecimal(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const unit = 10 ** digits;
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(digits, '0')}`;
}

export interface CurrencyTotal {
  currency: string;
  costCents: number;
  revenueCents: number;
  /** How many campaigns the total adds up. */
  campaigns: number;
}

/**
 * Costs and revenues added up per currency, by code: amounts in different currencies are never
 * added into one number (there is no rate to add them by).
 */
export function totalsByCurrency(items: readonly { currency: string; costCents: number; revenueCents: number }[]): CurrencyTotal[] {
  const totals = new Map<string, CurrencyTotal>();
  for (const c of items) {
    const t = totals.get(c.currency) ?? { currency: c.currency, costCents: 0, revenueCents: 0, campaigns: 0 };
    t.costCents += c.costCents;
    t.revenueCents += c.revenueCents;
    t.campaigns += 1;
    totals.set(c.currency, t);
  }
  return [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
