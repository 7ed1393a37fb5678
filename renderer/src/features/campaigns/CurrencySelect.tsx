import { useMemo } from 'react';
import { COMMON_CURRENCIES, currencyName, knownCurrencies, newCampaignCurrency, type NewCurrencySource } from '../../../../shared/domain/currency';
import { systemLocale } from '../../../../shared/domain/datetime-format';
import { useSettings } from '../../data/useAppData';
import { useCampaignsStore } from './campaigns.store';

/**
 * The currency a new campaign starts in: the one of the campaign saved last, else the one of the
 * creator's locale (Settings) — the same rule the core applies when a script leaves it out. With
 * `source` 'unknown' the locale named no place (e.g. "es-419", "en"): a default to check.
 */
export function useNewCampaignCurrency(): { currency: string; source: NewCurrencySource; locale: string } {
  const list = useCampaignsStore((s) => s.list);
  const locale = useSettings()?.locale ?? systemLocale();
  return { ...newCampaignCurrency(list ?? [], locale), locale };
}

/** Said under the currency of a new campaign when the locale did not tell it: pick, don't trust a guess. */
export function CurrencyUnknownNote({ id, locale, currency }: { id: string; locale: string; currency: string }) {
  return (
    <span className="muted campaign-currency-note" id={id} data-testid="campaign-currency-unknown">
      Your locale ({locale}) names no country, so this starts in {currency} ({currencyName(currency)}): pick the currency you are paid in.
    </span>
  );
}

const label = (code: string) => `${code} — ${currencyName(code)}`;

/** A select of ISO 4217 codes: the common ones first, then every one this browser knows. */
export function CurrencySelect({ value, onChange, ...aria }: { value: string; onChange: (code: string) => void; id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) {
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
