import type { CampaignDto } from '../../../../shared/contract/features/campaigns';
import { totalsByCurrency } from '../../../../shared/domain/money';
import { formatMoney } from './money';

/**
 * Cost and revenue added up over the campaigns, one line per currency: amounts in different
 * currencies are never added into one number (Loomcast has no exchange rate to add them by).
 */
export function CampaignTotals({ list }: { list: CampaignDto[] }) {
  const totals = totalsByCurrency(list);
  // Nothing to add up while each currency has one campaign: its row already says it.
  if (!totals.some((t) => t.campaigns > 1)) return null;
  return (
    <section className="campaign-totals" data-testid="campaign-totals" aria-labelledby="campaign-totals-title">
      <h2 id="campaign-totals-title" className="campaign-totals-title">
        {totals.length > 1 ? 'Totals by currency' : 'Totals'}
      </h2>
      <ul>
        {totals.map((t) => (
          <li key={t.currency} data-testid="campaign-total" data-currency={t.currency}>
            {t.campaigns} {t.campaigns === 1 ? 'campaign' : 'campaigns'} in {t.currency}: cost {formatMoney(t.costCents, t.currency)}, revenue {formatMoney(t.revenueCents, t.currency)}
          </li>
        ))}
      </ul>
      {totals.length > 1 ? <p className="muted">Amounts in different currencies are not added together: Loomcast has no exchange rate to add them by.</p> : null}
    </section>
  );
}
