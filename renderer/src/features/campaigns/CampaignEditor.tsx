import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { CAMPAIGN_GOALS, type CampaignDto, type CampaignGoal } from '../../../../shared/contract/features/campaigns';
import { UTM_KEYS, type UtmKey } from '../../../../shared/domain/utm';
import { splitIssues, type Problem } from '../../lib/errors';
import { fieldNumber } from '../../lib/numbers';
import { ProblemNote } from '../../ui/ProblemNote';
import { Field as FormField } from '../../ui/Field';
import { fieldErrors } from '../../ui/fieldErrors';
import { campaignDrafts, useCampaignsStore, type CampaignForm } from './campaigns.store';
import { CurrencySelect, CurrencyUnknownNote, useNewCampaignCurrency } from './CurrencySelect';
import { parseRatePercent } from './CampaignGuard';
import { formatAmount, moneyProblemText, parseMoney } from './money';
import { saveCampaign } from './useCampaigns';

type Field = 'name' | 'theme' | 'goal' | 'startsOn' | 'endsOn' | 'currency' | 'cost' | 'revenue' | 'guard' | `utm.${UtmKey}`;

const GOAL_LABELS: Record<CampaignGoal, string> = { awareness: 'Awareness', engagement: 'Engagement', conversion: 'Conversion' };
/** Placeholders: short enough to show whole in the narrowest column; what needs more words goes in UTM_NOTES under the field. */
const UTM_HINTS: Record<UtmKey, string> = {
  source: 'The post’s platform',
  medium: 'For example social',
  campaign: 'For example spring-launch',
  term: 'Optional',
  content: 'Optional',
};

const UTM_NOTES: Partial<Record<UtmKey, string>> = {
  source: 'Empty: each post’s platform (x, bluesky…) is the source.',
};

function fieldOf(path: readonly PropertyKey[]): Field | null {
  const [head, sub] = path;
  if (head === 'costCents') return 'cost';
  if (head === 'revenueCents') return 'revenue';
  if (head === 'guardMinRate') return 'guard';
  if (head === 'utm' && typeof sub === 'string' && (UTM_KEYS as readonly string[]).includes(sub)) return `utm.${sub as UtmKey}`;
  if (head === 'name' || head === 'theme' || head === 'goal' || head === 'startsOn' || head === 'endsOn' || head === 'currency') return head;
  return null;
}

/** The form as the saved campaign fills it (empty for a new one, in `currency`). */
function formOf(campaign: CampaignDto | null, currency: string): CampaignForm {
  return {
    name: campaign?.name ?? '',
    theme: campaign?.theme ?? '',
    goal: campaign?.goal ?? '',
    startsOn: campaign?.startsOn ?? '',
    endsOn: campaign?.endsOn ?? '',
    currency: campaign?.currency ?? currency,
    cost: campaign ? formatAmount(campaign.costCents, campaign.currency) : '',
    revenue: campaign ? formatAmount(campaign.revenueCents, campaign.currency) : '',
    guard: campaign?.guardMinRate ? fieldNumber(Math.round(campaign.guardMinRate * 1000) / 10, 1) : '',
    utm: campaign?.utm ?? {},
  };
}

/**
 * Create or edit one campaign; the core checks everything again, and its words land by the field
 * they concern. What is typed is kept in the store until saved or cancelled: Escape closes the
 * editor without losing it, as the idea dialog and the template editor keep theirs.
 */
export function CampaignEditor({ campaign }: { campaign: CampaignDto | null }) {
  const draftKey = campaign?.id ?? 'new';
  // `restored`: said once, when the editor opens on changes kept from before.
  const newCurrency = useNewCampaignCurrency();
  const { form: fields, set, restored } = campaignDrafts.useDraft(draftKey, formOf(campaign, newCurrency.currency));
  const { name, theme, goal, startsOn, endsOn, currency, cost, revenue, guard, utm } = fields;
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);

  const form = useRef<HTMLFormElement>(null);
  /**
   * Closes the form. Focus was in it, so it goes back to the button that opened it (the campaign's
   * Edit, or New campaign) rather than to the page, where the keyboard would start over.
   */
  const close = ({ keep, hadFocus = form.current?.contains(document.activeElement) === true }: { keep: boolean; hadFocus?: boolean }) => {
    if (!keep) campaignDrafts.drop(draftKey);
    useCampaignsStore.setState({ editing: null });
    if (hadFocus) requestAnimationFrame(() => document.getElementById(campaign ? `campaign-edit-${campaign.id}` : 'campaign-new')?.focus());
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // Saving disables the Save button, which drops the focus: ask where it was before that.
    const hadFocus = form.current?.contains(document.activeElement) === true;
    const local: Partial<Record<Field, string>> = {};
    // Amounts are read in the chosen currency's digits (none for JPY) and this locale's separators.
    const costCents = parseMoney(cost, currency);
    const revenueCents = parseMoney(revenue, currency);
    const guardMinRate = parseRatePercent(guard);
    if (guardMinRate === 'invalid') local.guard = `Enter a percentage above 0 and up to 100, such as 2 or ${fieldNumber(1.5, 1)}, or leave it empty`;
    if (!name.trim()) local.name = 'Give the campaign a name';
    if (typeof costCents === 'string') local.cost = moneyProblemText('cost', costCents, currency);
    if (typeof revenueCents === 'string') local.revenue = moneyProblemText('revenue', revenueCents, currency);
    if (startsOn && endsOn && endsOn < startsOn) local.endsOn = 'The campaign ends before it starts: pick an end date on or after the start date';
    setErrors(local);
    setProblem(null);
    if (Object.keys(local).length > 0 || typeof costCents === 'string' || typeof revenueCents === 'string' || guardMinRate === 'invalid') return;
    setSaving(true);
    try {
      await saveCampaign({
        ...(campaign ? { id: campaign.id } : {}),
        name,
        theme: theme.trim() || null,
        goal: goal || null,
        startsOn: startsOn || null,
        endsOn: endsOn || null,
        currency,
        costCents: costCents ?? 0,
        revenueCents: revenueCents ?? 0,
        guardMinRate,
        utm: Object.fromEntries(UTM_KEYS.map((k) => [k, (utm[k] ?? '').trim()]).filter(([, v]) => v)),
      });
      close({ keep: false, hadFocus });
    } catch (err) {
      const split = splitIssues<Field>(err, fieldOf);
      setErrors(split.fields);
      setProblem(split.form);
    } finally {
      setSaving(false);
    }
  };

  const { at } = fieldErrors<Field>('campaign', errors);
  // A new campaign still in the currency the locale could not tell: say so, beside the select.
  const unsureCurrency = !campaign && newCurrency.source === 'unknown' && currency === newCurrency.currency;

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    close({ keep: true });
  };

  return (
    <form ref={form} className="card campaign-editor" data-testid="campaign-editor" onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown} noValidate>
      <h2 className="card-title">{campaign ? `Edit “${campaign.name}”` : 'New campaign'}</h2>
      {restored ? (
        <p className="muted campaign-kept" role="status" data-testid="campaign-draft-kept">
          Your unsaved changes are back. Cancel lets them go.
        </p>
      ) : null}
      <div className="campaign-grid">
        <FormField id="campaign-name-field" label="Name" {...at('name')}>
          {(aria) => <input className="text-input" data-testid="campaign-name" value={name} onChange={(e) => set({ name: e.target.value })} autoFocus {...aria} />}
        </FormField>
        <FormField id="campaign-goal-field" label="Goal" {...at('goal')}>
          {(aria) => (
            <select data-testid="campaign-goal" value={goal} onChange={(e) => set({ goal: e.target.value as CampaignGoal | '' })} {...aria}>
              <option value="">No goal set</option>
              {CAMPAIGN_GOALS.map((g) => (
                <option key={g} value={g}>
                  {GOAL_LABELS[g]}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="campaign-theme-field" className="campaign-wide" label="Theme" {...at('theme')}>
          {(aria) => <input className="text-input" data-testid="campaign-theme" value={theme} onChange={(e) => set({ theme: e.target.value })} placeholder="What the campaign is about" {...aria} />}
        </FormField>
        <FormField id="campaign-starts-field" label="Starts" {...at('startsOn')}>
          {(aria) => <input type="date" data-testid="campaign-starts" value={startsOn} onChange={(e) => set({ startsOn: e.target.value })} {...aria} />}
        </FormField>
        <FormField id="campaign-ends-field" label="Ends" {...at('endsOn')}>
          {(aria) => <input type="date" data-testid="campaign-ends" value={endsOn} onChange={(e) => set({ endsOn: e.target.value })} {...aria} />}
        </FormField>
        <FormField
          id="campaign-currency-field"
          label="Currency"
          {...at('currency')}
          hintId="campaign-currency-note"
          hint={unsureCurrency ? <CurrencyUnknownNote id="campaign-currency-note" locale={newCurrency.locale} currency={currency} /> : null}
        >
          {(aria) => <CurrencySelect value={currency} onChange={(next) => set({ currency: next })} {...aria} />}
        </FormField>
        <FormField id="campaign-cost-field" label={<>Cost <span className="campaign-currency-code">({currency})</span></>} {...at('cost')}>
          {(aria) => <input className="text-input" inputMode="decimal" data-testid="campaign-cost" value={cost} onChange={(e) => set({ cost: e.target.value })} placeholder={formatAmount(0, currency)} {...aria} />}
        </FormField>
        <FormField id="campaign-revenue-field" label={<>Revenue <span className="campaign-currency-code">({currency})</span></>} {...at('revenue')}>
          {(aria) => <input className="text-input" inputMode="decimal" data-testid="campaign-revenue" value={revenue} onChange={(e) => set({ revenue: e.target.value })} placeholder={formatAmount(0, currency)} {...aria} />}
        </FormField>
        <FormField
          id="campaign-guard-field"
          className="campaign-wide"
          label="Pause below engagement rate (%)"
          {...at('guard')}
          hintId="campaign-guard-hint"
          hint={
            <span className="muted campaign-guard-hint" id="campaign-guard-hint">
              Once 3 published posts have views, their scheduled posts wait while the campaign’s engagement rate is under this. Empty: off.
            </span>
          }
        >
          {(aria) => <input className="text-input" inputMode="decimal" data-testid="campaign-guard-rate" value={guard} onChange={(e) => set({ guard: e.target.value })} placeholder="Off" {...aria} />}
        </FormField>
      </div>
      <fieldset className="field campaign-utm">
        <legend className="field-label">UTM defaults added to links</legend>
        <div className="campaign-grid">
          {UTM_KEYS.map((k) => (
            <FormField
              key={k}
              id={`campaign-utm-${k}-field`}
              label={<span className="campaign-utm-key">utm_{k}</span>}
              {...at(`utm.${k}`)}
              hintId={`campaign-utm-${k}-hint`}
              hint={
                UTM_NOTES[k] ? (
                  <span className="muted campaign-utm-hint" id={`campaign-utm-${k}-hint`} data-testid={`campaign-utm-${k}-hint`}>
                    {UTM_NOTES[k]}
                  </span>
                ) : null
              }
            >
              {(aria) => (
                <input className="text-input" data-testid={`campaign-utm-${k}`} value={utm[k] ?? ''} placeholder={UTM_HINTS[k]} onChange={(e) => set({ utm: { ...utm, [k]: e.target.value } })} {...aria} />
              )}
            </FormField>
          ))}
        </div>
      </fieldset>
      {problem ? <ProblemNote problem={problem} testId="campaign-problem" /> : null}
      <div className="campaign-actions">
        <button type="submit" className="btn btn-primary" data-testid="campaign-save" disabled={saving}>
          {campaign ? 'Save changes' : 'Create campaign'}
        </button>
        <button type="button" className="btn" data-testid="campaign-cancel" onClick={() => close({ keep: false })}>
          Cancel
        </button>
        <p className="muted campaign-hint">
          <kbd>Esc</kbd> closes, keeping what you typed
        </p>
      </div>
    </form>
  );
}
