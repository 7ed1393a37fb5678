import { currencyDigits } from '../../../../shared/domain/currency';
import { systemLocale } from '../../../../shared/domain/datetime-format';
import * as money from '../../../../shared/domain/money';
import { formatPercentOf } from '../../../../shared/domain/numbers';

/**
 * Money on screen, in this window's locale (the creator's, as dates use it) and the campaign's
 * currency: shared/domain/money.ts does the work; amounts are counts of the currency's minor unit.
 */

/** What the creator typed ("1.250,50" in de-DE) as minor units; null when empty; a problem otherwise. */
export function parseMoney(text: string, currency: string): number | null | money.MoneyProblem {
  return money.parseMoney(text, currency, systemLocale());
}

/** "1.250,50 €" in de-DE, "€1,250.50" in en-GB. */
export function formatMoney(minor: number, currency: string): string {
  return money.formatMoney(minor, currency, systemLocale());
}

/** The amount alone, as the form's field shows it ("1.250,50"). */
export function formatAmount(minor: number, currency: string): string {
  return money.formatAmount(minor, currency, systemLocale());
}

/** An amount as this locale and currency write it, for hints: "1.250,50", "1,250" (JPY). */
export function exampleAmount(currency: string): string {
  const digits = currencyDigits(currency);
  return formatAmount(digits === 0 ? 1250 : 12505 * 10 ** (digits - 1), currency);
}

/** Why an amount was refused, in the creator's words. */
export function moneyProblemText(what: 'cost' | 'revenue', problem: money.MoneyProblem, currency: string): string {
  const digits = currencyDigits(currency);
  if (problem === 'negative') return `The ${what} can’t be negative: enter 0 or more, such as ${exampleAmount(currency)}`;
  if (problem === 'decimals') {
    return digits === 0
      ? `${currency} has no smaller unit: enter the ${what} as a whole amount such as ${exampleAmount(currency)}`
      : `${currency} has ${digits} digits after the decimal separator: enter the ${what} as an amount such as ${exampleAmount(currency)}`;
  }
  return `Enter the ${what} as an amount such as ${exampleAmount(currency)}`;
}

/** ROI as a percentage in the same locale as the money, e.g. "+150 %", "+139,9 %" in de-DE; "—" when nothing was spent. */
export function formatRoi(roi: number | null): string {
  if (roi === null) return '—';
  const pct = Math.round(roi * 1000) / 10;
  return pct === 0 ? formatPercentOf(0, systemLocale()) : formatPercentOf(pct, systemLocale(), { maxDigits: 1, sign: 'always' });
}
