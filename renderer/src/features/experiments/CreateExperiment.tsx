import { useEffect, useState, type FormEvent } from 'react';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import type { VariantSetOptionDto } from '../../../../shared/contract/features/experiments';
import { api } from '../../api/client';
import { splitIssues, toProblem, type Problem } from '../../lib/errors';
import { day, firstWords, parseInstant } from '../../lib/format';
import { percentOf } from '../../lib/numbers';
import { useZone } from '../../data/useAppData';
import { ProblemNote } from '../../ui/ProblemNote';
import { Field as FormField } from '../../ui/Field';
import { fieldErrors } from '../../ui/fieldErrors';
import { useAccounts } from '../accounts/useAccounts';
import { useCampaigns } from '../campaigns/useCampaigns';
import { dropExperimentDraft, useExperimentDraft, type ExperimentDraft } from './experiment-draft';
import { createExperiment, useExperimentsStore } from './useExperiments';

const MAX_ARMS = 5;
const BLANK: ExperimentDraft = { source: 'hand', setId: '', name: '', texts: ['', ''], accountIds: [], postsText: '5', stopping: 'fixed_horizon', campaignId: '' };

/** A field the core's reasons can point at: `arm-1` is version B's text. */
type Field = 'name' | 'set' | 'arms' | `arm-${number}` | 'accounts' | 'postsPerArm' | 'campaign';

/** The core's issue paths (['arms', 1, 'text'], ['accountIds']) as the field they concern. */
function fieldOf(path: readonly PropertyKey[]): Field | null {
  const [head, index] = path;
  if (head === 'name') return 'name';
  if (head === 'variantSetId') return 'set';
  if (head === 'arms') return typeof index === 'number' ? `arm-${index}` : 'arms';
  if (head === 'accountIds') return 'accounts';
  if (head === 'postsPerArm') return 'postsPerArm';
  if (head === 'campaignId') return 'campaign';
  return null;
}

/** Create an experiment: from a variant set the content engine wrote, or versions written here. */
export function CreateExperiment({ variantSetId }: { variantSetId: string | null }) {
  const { accounts } = useAccounts();
  const { list: campaigns } = useCampaigns();
  const [sets, setSets] = useState<VariantSetOptionDto[] | null>(null);
  // Kept outside the form: Escape closes it without losing what was typed (Cancel lets it go).
  const draftKey = variantSetId ?? 'hand';
  const { form, set, restored } = useExperimentDraft(draftKey, { ...BLANK, source: variantSetId ? 'set' : 'hand' });
  const { source, name, texts, accountIds, postsText, stopping, campaignId } = form;
  const setId = form.setId || variantSetId || sets?.[0]?.id || '';
  const [problem, setProblem] = useState<Problem | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [saving, setSaving] = useState(false);

  /** Changing a field takes its message away: it may be right now, and the core checks again. */
  const clear = (...fields: Field[]) =>
    setErrors((e) => (fields.some((f) => e[f]) ? Object.fromEntries(Object.entries(e).filter(([f]) => !fields.includes(f as Field))) : e));

  useEffect(() => {
    api
      .call('experiments:variantSets', {})
      .then(setSets)
      .catch((err: unknown) => setProblem(toProblem(err)));
  }, []);

  const zone = useZone();
  const postsPerArm = postsText.trim() === '' ? null : Number(postsText);
  const close = ({ keep }: { keep: boolean }) => {
    if (!keep) dropExperimentDraft(draftKey);
    useExperimentsStore.setState({ creating: null });
  };
  const chosenSet = sets?.find((s) => s.id === setId) ?? null;
  const arms = source === 'set' ? (chosenSet?.arms.length ?? 0) : texts.length;
  const toggle = (id: string) => {
    clear('accounts');
    set({ accountIds: accountIds.includes(id) ? accountIds.filter((x) => x !== id) : [...accountIds, id] });
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (saving || postsPerArm === null) return;
    setSaving(true);
    setProblem(null);
    setErrors({});
    try {
      await createExperiment({
        name,
        ...(source === 'set' ? { variantSetId: setId } : { arms: texts.map((text) => ({ text })) }),
        accountIds,
        postsPerArm,
        stopping,
        campaignId: campaignId || null,
      });
      dropExperimentDraft(draftKey);
    } catch (err) {
      // The core's reasons go beside the fields they are about; what concerns none of them, above the buttons.
      const split = splitIssues<Field>(err, fieldOf);
      setErrors(split.fields);
      setProblem(split.form);
    } finally {
      setSaving(false);
    }
  }

  // A blank count is asked for at its field; what the core said about it, if anything, wins.
  const shown: Partial<Record<Field, string>> = postsPerArm === null && !errors.postsPerArm ? { ...errors, postsPerArm: 'Enter a number' } : errors;
  const { err, described, at } = fieldErrors<Field>('experiment', shown);

  return (
    <form className="card experiment-create" data-testid="experiment-create" onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && close({ keep: true })} noValidate>
      <h2 className="card-title">New experiment</h2>
      {restored ? (
        <p className="muted experiment-hint" role="status" data-testid="experiment-draft-kept">
          Your unsaved changes are back. Cancel lets them go.
        </p>
      ) : null}
      <FormField id="experiment-name-field" label="Name" {...at('name')}>
        {(aria) => (
          <input
            className="text-input"
            data-testid="experiment-name"
            value={name}
            onChange={(e) => {
              clear('name');
              set({ name: e.target.value });
            }}
            maxLength={120}
            autoFocus
            {...aria}
          />
        )}
      </FormField>

      <fieldset className="field experiment-fieldset" {...described('arms')}>
        <legend className="field-label">Versions to compare</legend>
        <div className="experiment-choice">
          <label>
            <input type="radio" name="experiment-source" data-testid="experiment-source-hand" checked={source === 'hand'} onChange={() => set({ source: 'hand' })} /> Write them here
          </label>
          <label>
            <input type="radio" name="experiment-source" data-testid="experiment-source-set" checked={source === 'set'} disabled={!sets?.length} onChange={() => set({ source: 'set' })} /> From variants the model wrote
            {sets && sets.length === 0 ? <span className="muted"> (none yet)</span> : null}
          </label>
        </div>
        {source === 'set' ? (
          <>
            <select
              data-testid="experiment-set"
              aria-label="Variant set"
              value={setId}
              onChange={(e) => {
                clear('set');
                set({ setId: e.target.value });
              }}
              {...described('set')}
            >
              {sets?.map((s) => (
                <option key={s.id} value={s.id}>
                  {`${s.templateName ?? 'Variants'} · ${s.arms.length} versions · ${day(parseInstant(s.createdAt), zone, { withYear: true })}`}
                </option>
              ))}
            </select>
            {err('set')}
            <ol className="experiment-set-arms">
              {chosenSet?.arms.map((a) => <li key={a.arm}>{firstWords(a.text, 120)}</li>)}
            </ol>
          </>
        ) : (
          <>
            {texts.map((text, i) => (
              <div className="experiment-arm-input" key={i}>
                <FormField id={`experiment-arm-${i}-field`} label={`Version ${String.fromCharCode(65 + i)}`} {...at(`arm-${i}`)}>
                  {(aria) => (
                    <textarea
                      data-testid={`experiment-arm-${i}`}
                      rows={3}
                      value={text}
                      onChange={(e) => {
                        clear(`arm-${i}`);
                        set({ texts: texts.map((x, j) => (j === i ? e.target.value : x)) });
                      }}
                      {...aria}
                    />
                  )}
                </FormField>
                {texts.length > 2 ? (
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={`Remove version ${String.fromCharCode(65 + i)}`}
                    onClick={() => {
                      // The versions after it move up a letter: their messages would point at the wrong one.
                      setErrors((e) => Object.fromEntries(Object.entries(e).filter(([f]) => !f.startsWith('arm'))));
                      set({ texts: texts.filter((_, j) => j !== i) });
                    }}
                  >
                    Remove
                  </button>
                ) : null}
              </div>
            ))}
            {texts.length < MAX_ARMS ? (
              <button type="button" className="btn btn-small experiment-add-arm" data-testid="experiment-add-arm" onClick={() => set({ texts: [...texts, ''] })}>
                Add a version
              </button>
            ) : null}
            {err('arms')}
          </>
        )}
      </fieldset>

      <fieldset className="field experiment-fieldset" {...described('accounts')}>
        <legend className="field-label">Where they go</legend>
        <p className="muted">One account: the versions take turns over its weekly posting times. Several accounts of one platform: they take turns over the accounts.</p>
        {accounts?.length ? (
          accounts.map((a) => (
            <label key={a.id} className="experiment-account">
              <input type="checkbox" data-testid={`experiment-account-${a.id}`} checked={accountIds.includes(a.id)} onChange={() => toggle(a.id)} /> {a.handle} ({PLATFORM_NAMES[a.platform]})
            </label>
          ))
        ) : (
          <p className="muted">Connect an account first.</p>
        )}
        {err('accounts')}
      </fieldset>

      <div className="experiment-grid">
        <FormField
          id="experiment-posts-per-arm-field"
          label="Posts per version"
          {...at('postsPerArm')}
          hintId="experiment-posts-per-arm-hint"
          hint={
            <span className="muted experiment-hint" id="experiment-posts-per-arm-hint">
              {postsPerArm !== null && postsPerArm < 4 ? 'Fewer than 4 posts per version can’t show a difference at the usual 5 % level.' : 'Also the minimum before any verdict.'}
            </span>
          }
        >
          {(aria) => (
            <input
              type="number"
              className="text-input"
              data-testid="experiment-posts-per-arm"
              min={2}
              max={100}
              value={postsText}
              onChange={(e) => {
                clear('postsPerArm');
                set({ postsText: e.target.value });
              }}
              {...aria}
            />
          )}
        </FormField>
        <label className="field">
          <span className="field-label">When to decide</span>
          <select data-testid="experiment-stopping" value={stopping} onChange={(e) => set({ stopping: e.target.value as typeof stopping })}>
            <option value="fixed_horizon">Fixed horizon (all posts measured)</option>
            <option value="expected_loss">Expected loss under {percentOf(0.2)}</option>
          </select>
        </label>
        <FormField id="experiment-campaign-field" label="Campaign (optional)" {...at('campaign')}>
          {(aria) => (
            <select
              data-testid="experiment-campaign"
              value={campaignId}
              onChange={(e) => {
                clear('campaign');
                set({ campaignId: e.target.value });
              }}
              {...aria}
            >
              <option value="">None</option>
              {campaigns?.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>

      {problem ? <ProblemNote problem={problem} testId="experiment-create-problem" /> : null}
      <div className="experiment-actions">
        <button type="submit" className="btn btn-primary" data-testid="experiment-create-submit" disabled={saving || postsPerArm === null}>
          {arms > 0 && postsPerArm !== null ? `Create ${arms * postsPerArm} posts in Review` : 'Create'}
        </button>
        <button type="button" className="btn" data-testid="experiment-create-cancel" onClick={() => close({ keep: false })}>
          Cancel
        </button>
        <span className="muted experiment-hint">
          <kbd>Esc</kbd> closes, keeping what you typed
        </span>
      </div>
    </form>
  );
}
