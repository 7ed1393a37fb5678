import { useState } from 'react';
import type { PillarDto } from '../../../../shared/contract/features/library';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { showToast } from '../../app/ui.store';
import { splitIssues, toProblem, type Problem } from '../../lib/errors';
import { Field as FormField } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { ProblemNote } from '../../ui/ProblemNote';
import { useAccounts } from '../accounts/useAccounts';
import { deletePillar, savePillar, useVoices } from './useVoices';
import { VoiceSelect } from './VoiceSelect';

type Field = 'name' | 'description' | 'color' | 'accountIds' | 'voiceId';
const FIELDS: readonly string[] = ['name', 'description', 'color', 'accountIds', 'voiceId'];

/** Calm, distinct colours that read on light and dark surfaces alike. */
const SWATCHES = ['#0f766e', '#2563eb', '#7c3aed', '#db2777', '#dc2626', '#ea580c', '#ca8a04', '#65a30d'];

const isHex = (c: string) => /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(c.trim());
/** <input type=color> only takes #rrggbb. */
const sixDigits = (c: string) => {
  const t = c.trim().toLowerCase();
  return t.length === 4 ? `#${t[1]}${t[1]}${t[2]}${t[2]}${t[3]}${t[3]}` : t;
};

/** A content pillar: name, colour, the accounts that post it, and its voice. */
export function PillarEditor({ pillar, onDone }: { pillar: PillarDto | null; onDone: (open: string | null) => void }) {
  const { accounts } = useAccounts();
  const { voices } = useVoices();
  const [name, setName] = useState(pillar?.name ?? '');
  const [description, setDescription] = useState(pillar?.description ?? '');
  const [color, setColor] = useState(pillar?.color ?? SWATCHES[0]!);
  const [accountIds, setAccountIds] = useState<string[]>(pillar?.accountIds ?? []);
  const [voiceId, setVoiceId] = useState(pillar?.voiceId ?? '');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);

  async function save() {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const saved = await savePillar({ ...(pillar ? { id: pillar.id } : {}), name, description, color, accountIds, voiceId: voiceId || null });
      showToast(pillar ? `Saved the pillar “${saved.name}”` : `Added the pillar “${saved.name}”`);
      onDone(saved.id);
    } catch (err) {
      const split = splitIssues(err, (path) => (typeof path[0] === 'string' && FIELDS.includes(path[0]) ? (path[0] as Field) : null));
      setErrors(split.fields);
      setProblem(split.form);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!pillar) return;
    try {
      await deletePillar(pillar.id);
      showToast(`Deleted the pillar “${pillar.name}”`);
      onDone(null);
    } catch (err) {
      setProblem(toProblem(err));
    }
  }

  const err = (field: Field) =>
    errors[field] ? (
      <span className="field-error" id={`pillar-${field}-error`} data-testid={`pillar-${field}-error`}>
        {errors[field]}
      </span>
    ) : null;
  const invalid = (field: Field) => (errors[field] ? { 'aria-invalid': true as const, 'aria-describedby': `pillar-${field}-error` } : {});
  /** A <Field>'s error props, with the ids the messages have always had. */
  const at = (field: Field) => ({ error: errors[field], errorId: `pillar-${field}-error`, errorTestId: `pillar-${field}-error` });
  const pickColor = (c: string) => {
    setColor(c);
    setErrors(({ color: _gone, ...rest }) => rest);
  };

  return (
    <form
      className="template-editor"
      data-testid="pillar-editor"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 className="pillar-editor-title">
        <span className="pillar-swatch pillar-swatch-large" style={{ background: isHex(color) ? color : 'transparent' }} aria-hidden="true" />
        {pillar ? pillar.name : 'New pillar'}
      </h2>
      <FormField id="pillar-name-field" label="Name" {...at('name')}>
        {(aria) => <input className="lib-input" data-testid="pillar-name" autoFocus={!pillar} placeholder="Quick weeknight meals" value={name} onChange={(e) => setName(e.target.value)} {...aria} />}
      </FormField>
      <FormField id="pillar-description-field" label="What it covers (optional)" {...at('description')}>
        {(aria) => <input className="lib-input" data-testid="pillar-description" value={description} onChange={(e) => setDescription(e.target.value)} {...aria} />}
      </FormField>

      <fieldset className="field">
        <legend className="field-label">Colour</legend>
        <div className="pillar-colors">
          {SWATCHES.map((c) => (
            <button
              key={c}
              type="button"
              className="pillar-swatch-button"
              aria-label={`Colour ${c}`}
              aria-pressed={sixDigits(color) === c}
              data-testid={`pillar-swatch-${c.slice(1)}`}
              style={{ background: c }}
              onClick={() => pickColor(c)}
            />
          ))}
          <label className="pillar-color-custom">
            <span className="visually-hidden">Pick any colour</span>
            <input type="color" data-testid="pillar-color" value={isHex(color) ? sixDigits(color) : '#000000'} onChange={(e) => pickColor(e.target.value)} />
          </label>
          <label className="pillar-color-hex">
            <span className="visually-hidden">Colour as hex</span>
            <input className="lib-input" data-testid="pillar-color-hex" value={color} spellCheck={false} onChange={(e) => pickColor(e.target.value)} {...invalid('color')} />
          </label>
        </div>
        {err('color')}
      </fieldset>

      <fieldset className="field">
        <legend className="field-label">Accounts</legend>
        {accounts === null ? (
          <p className="muted">Loading accounts…</p>
        ) : accounts.length === 0 ? (
          <p className="muted">
            No accounts connected yet. Connect them in <a href="#/accounts">Accounts</a> to tie this pillar to them.
          </p>
        ) : (
          <div className="pillar-accounts">
            {accounts.map((a) => (
              <label key={a.id} className="pillar-account">
                <input
                  type="checkbox"
                  data-testid={`pillar-account-${a.id}`}
                  checked={accountIds.includes(a.id)}
                  onChange={(e) => setAccountIds(e.target.checked ? [...accountIds, a.id] : accountIds.filter((x) => x !== a.id))}
                />
                {a.handle} <span className="muted">· {PLATFORM_NAMES[a.platform]}</span>
              </label>
            ))}
          </div>
        )}
        {err('accountIds')}
      </fieldset>

      <FormField id="pillar-voice-field" label="Voice" {...at('voiceId')}>
        {(aria) => (
          <VoiceSelect testId="pillar-voice" voices={voices} value={voiceId} onChange={setVoiceId} {...aria} />
        )}
      </FormField>

      {problem ? <ProblemNote problem={problem} testId="pillar-problem" /> : null}
      <div className="use-actions">
        <button type="submit" className="btn btn-primary" data-testid="pillar-save" disabled={busy}>
          {busy ? 'Saving…' : pillar ? 'Save pillar' : 'Add pillar'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => onDone(pillar?.id ?? null)}>
          Cancel
        </button>
        <span className="lib-spacer" />
        {pillar ? (
          confirming ? (
            <span className="lib-confirm-inline" role="alert">
              Delete “{pillar.name}”? Its {pillar.postCount} post{pillar.postCount === 1 ? '' : 's'} stay, without a pillar.
              <button type="button" className="btn btn-small btn-danger" data-testid="pillar-delete-yes" onClick={() => void remove()}>
                Delete
              </button>
              <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </span>
          ) : (
            <button type="button" className="btn btn-small btn-quiet-danger" data-testid="pillar-delete" onClick={() => setConfirming(true)}>
              <Icon name="trash" size={14} />
              Delete
            </button>
          )
        ) : null}
      </div>
    </form>
  );
}
