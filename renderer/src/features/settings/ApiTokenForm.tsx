import { useEffect, useRef, useState } from 'react';
import { TOKEN_SCOPES, type TokenScopeName } from '../../../../shared/contract/features/api-tokens';
import { SCOPE_LABELS } from '../../../../shared/contract/access';
import { Icon } from '../../ui/Icon';
import { CheckWithHint, Field } from '../../ui/Field';

export const SCOPE_HELP: Record<TokenScopeName, string> = {
  read: 'Sees your posts, calendar, ideas and numbers. Changes nothing.',
  drafts: 'Also writes drafts and ideas and sends drafts to Review. Nothing it makes goes out until you approve it.',
  full: 'Also schedules, moves, approves and publishes posts. Never your settings, accounts, keys, backups or tokens.',
};

/** "New token…": a name and what it may do. */
export function ApiTokenForm({
  busy,
  nameError,
  onCreate,
  onCancel,
}: {
  busy: boolean;
  /** What the core said is wrong with the name: shown under it, and the field gets the keyboard. */
  nameError: string | null;
  onCreate: (name: string, scope: TokenScopeName) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const [scope, setScope] = useState<TokenScopeName>('read');
  const nameInput = useRef<HTMLInputElement>(null);
  useEffect(() => nameInput.current?.focus(), []);
  useEffect(() => {
    if (nameError) nameInput.current?.focus();
  }, [nameError]);
  return (
    <form
      className="token-form"
      data-testid="token-form"
      onSubmit={(e) => {
        e.preventDefault();
        onCreate(name, scope);
      }}
    >
      <Field id="token-name" label="Name" error={nameError ?? undefined} errorTestId="token-name-error">
        {(aria) => (
          <input ref={nameInput} data-testid="token-name" className="text-input" value={name} maxLength={80} placeholder="e.g. Claude Desktop, nightly export" onChange={(e) => setName(e.target.value)} {...aria} />
        )}
      </Field>
      <fieldset className="token-scopes">
        <legend className="field-label">What it may do</legend>
        {TOKEN_SCOPES.map((s) => (
          <CheckWithHint key={s} className="token-scope" testId={`token-scope-${s}`} label={<strong>{SCOPE_LABELS[s]}</strong>} hintId={`token-scope-${s}-hint`} hint={SCOPE_HELP[s]}>
            {(aria) => <input type="radio" name="token-scope" value={s} checked={scope === s} onChange={() => setScope(s)} {...aria} />}
          </CheckWithHint>
        ))}
      </fieldset>
      <div className="setting-actions">
        <button type="submit" className="btn btn-primary" data-testid="token-create" disabled={busy}>
          {busy ? 'Making the token…' : 'Make token'}
        </button>
        <button type="button" className="btn" data-testid="token-cancel" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The new token's secret, shown this once. */
export function NewTokenSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
      field.current?.select();
    }
  };
  return (
    <div className="token-secret" data-testid="token-secret-panel">
      <label htmlFor="token-secret" className="field-label">
        The token for “{name}”
      </label>
      <div className="token-secret-row">
        <input id="token-secret" ref={field} className="text-input" data-testid="token-secret" readOnly value={secret} spellCheck={false} onFocus={(e) => e.target.select()} />
        <button type="button" className="btn" data-testid="token-copy" onClick={() => void copy()}>
          <Icon name="copy" />
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className="field-note" role="status">
        {copied === 'failed' ? 'Couldn’t copy: the token is selected, copy it with the keyboard. ' : ''}
        Copy it now: it will not be shown again. Loomcast keeps only a fingerprint of it. Lost it? Revoke it and make a new one.
      </p>
      <div className="setting-actions">
        <button type="button" className="btn" data-testid="token-done" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
