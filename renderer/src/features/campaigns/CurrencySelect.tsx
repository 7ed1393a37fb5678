import { useMemo } from 'react';
import { COMMON_CURRENCIES, currencyName, defaultCurrency, knownCurrencies } from '../../../../shared/domain/currency';
import { systemLocale } from '../../../../shared/domain/datetime-format';
import { useSettings } from '../../data/useAppData';
import { useCampaignsStore } from './campaigns.store';

/**
 * The currency a new campaign starts in: the one of the campaign saved last, else the one of the
 * creator's locale (Settings) — the same rule the core applies when a script leaves it out.
 */
export function useNewCampaignCurrency(): string {
  const list = useCampaignsStore((s) => s.list);
  const locale = useSettings()?.locale ?? systemLocale();
  return defaultCurrency(list ?? [], locale);
}

const label = (code: string) => `${code} — ${currencyName(code)}`;

/** A select of ISO 4217 codes: the common ones first, then every one this browser knows. */
export function CurrencySelect({ value, onChange, ...aria }: { value: string; onChange: (code: string) => void; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) {
  const common = COMMON_CURRENCIES as readonly string[];
  const rest = useMemo(() => {
    const all = [...knownCurrencies()].filter((c) => !common.includes(c));
    // A campaign's code this browser doesn't list (an older Intl) still shows as chosen.
    return all.includes(value) || common.includes(value) ? all : [value, ...all];
  }, [common, value]);
  return (
    <select data-testid="campaign-currency" value={value} onChange={(e) => onChange(e.target.value)} {...aria}>
      <optgroup label="Common">
        {common.map((c) => (
          <option key={c} value={c}>
            {label(c)}
          </option>
        ))}
      </optgroup>
      <optgroup label="All currencies">
        {rest.map((c) => (
          <option key={c} value={c}>
            {label(c)}
          </option>
        ))}
      </optgroup>
    </select>
  );
}
