/**
 * Numbers in a verdict's sentence written as the Experiments card writes them (shared/domain/
 * numbers.ts, in the creator's locale): rates as percentages with one decimal ("3.6 %"), a real
 * minus ("−0.4 %"), changes with their sign ("+7 %"); plain engagements as counts.
 */
import { formatCount, formatNumber, formatPercent, formatPercentOf } from '../../../../shared/domain/numbers';

export type VerdictUnit = 'rate' | 'count';

export interface VerdictWords {
  /** A per-post value or a difference of means, as the card writes it. */
  value: (x: number) => string;
  /** An expected loss (in the metric's unit): small, so two decimals ("0.04 %"). */
  loss: (x: number) => string;
  /** A probability or a share as a whole percentage ("95 %"). */
  share: (x: number) => string;
  /** A relative change with its sign ("+7 %", "−3 %"). */
  change: (x: number) => string;
  /** A whole count ("40,000"). */
  count: (x: number) => string;
  /** A p-value after "p": "= 0.33", "< 0.001". */
  p: (x: number) => string;
}

export function verdictWords(locale: string, unit: VerdictUnit): VerdictWords {
  const plain = (x: number, maxDigits: number) => (Number.isFinite(x) ? formatNumber(x, locale, { maxDigits }) : '—');
  return {
    value: (x) => (!Number.isFinite(x) ? '—' : unit === 'rate' ? formatPercent(x, locale, 1) : plain(x, 1)),
    // Above 0 but too small for two decimals reads "under 0.01 %", never a "0 %" that is not 0.
    loss: (x) => {
      if (!Number.isFinite(x)) return '—';
      const tiny = x > 0 && x < (unit === 'rate' ? 0.00005 : 0.005);
      if (unit === 'rate') return tiny ? `under ${formatPercentOf(0.01, locale, { digits: 2 })}` : formatPercentOf(x * 100, locale, { maxDigits: 2 });
      return tiny ? `under ${formatNumber(0.01, locale, { digits: 2 })}` : plain(x, 2);
    },
    share: (x) => formatPercent(x, locale, 0),
    change: (x) => formatPercent(x, locale, 0, 'always'),
    count: (x) => formatCount(x, locale),
    // Two significant digits, as the card's p-values (renderer srm-words.ts): 1.0, 0.33, 0.056.
    p: (x) => {
      if (x < 0.001) return `< ${formatNumber(0.001, locale, { digits: 3 })}`;
      const r = Number(x.toPrecision(2));
      return `= ${formatNumber(r, locale, { digits: Math.max(0, 1 - Math.floor(Math.log10(r))) })}`;
    },
  };
}
