import { useState } from 'react';
import type { AppCredentialsDto } from '../../../../shared/contract';
import { PLATFORM_NAMES } from '../../../../shared/domain/platforms';
import { showToast } from '../../app/ui.store';
import { splitIssues, type Problem } from '../../lib/errors';
import { Icon } from '../../ui/Icon';
import { PlatformMark } from '../../ui/PlatformMark';
import { ProblemNote } from '../../ui/ProblemNote';
import { APP_GUIDES, FALLBACK_GUIDE, splitRedirect } from './developer-apps';
import { saveApp } from './useDeveloperApps';

async function copy(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    showToast(`${what} copied`);
  } catch {
    showToast(`Couldn’t copy: select the ${what.toLowerCase()} and copy it yourself`);
  }
}

/** One platform's developer app: the redirect URL to register, the client id, and the secret's presence. */
export function AppRow({ app, highlight }: { app: AppCredentialsDto; highlight: boolean }) {
  const p = app.platform;
  const guide = APP_GUIDES[p] ?? FALLBACK_GUIDE;
  const name = PLATFORM_NAMES[p];
  const [clientId, setClientId] = useState(app.clientId ?? '');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [idError, setIdError] = useState<string | null>(null);
  const redirect = app.redirectUri ? splitRedirect(app.redirectUri) : null;
  const changed = clientId.trim() !== (app.clientId ?? '') || secret !== '';

  const save = async () => {
    setBusy(true);
    setSaved(null);
    setProblem(null);
    setIdError(null);
    try {
      const result = await saveApp(p, clientId, secret);
      setSecret('');
      setClientId(result.clientId ?? '');
      setSaved(result.hasSecret ? 'Saved. Secret stored in your keychain.' : 'Saved.');
    } catch (err) {
      const { fields, form } = splitIssues<'clientId'>(err, (path) => (path[0] === 'clientId' ? 'clientId' : null));
      if (fields.clientId) setIdError(fields.clientId);
      setProblem(form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="app-row" id={`app-${p}`} data-testid={`apps-row-${p}`} data-configured={app.clientId ? 'true' : 'false'} data-highlight={highlight || undefined}>
      <div className="app-row-head">
        <PlatformMark platform={p} />
        <span className="app-state" data-testid={`app-state-${p}`} data-configured={app.clientId ? 'true' : 'false'}>
          {app.clientId ? (
            <>
              <Icon name="check" size={14} />
              {app.hasSecret ? 'Set up · Secret stored in your keychain' : 'Set up · no secret stored'}
            </>
          ) : (
            'Not set up'
          )}
        </span>
        {guide.portal ? (
          <a href={guide.portal} target="_blank" rel="noopener noreferrer" className="app-portal">
            Developer site
            <Icon name="external" size={12} />
          </a>
        ) : null}
      </div>

      <div className="app-row-body">
        {guide.where ? <p className="app-where">{guide.where}</p> : null}

        {redirect ? (
          <div className="app-redirect">
            <span className="app-redirect-label">Redirect URL to register</span>
            <code data-testid={`app-redirect-${p}`}>{redirect.url}</code>
            {redirect.note ? <span className="muted">({redirect.note})</span> : null}
            <button
              type="button"
              className="btn btn-ghost btn-small"
              data-testid={`app-copy-redirect-${p}`}
              aria-label={`Copy the ${name} redirect URL`}
              onClick={() => void copy(redirect.url, 'Redirect URL')}
            >
              <Icon name="copy" size={14} />
              Copy
            </button>
          </div>
        ) : null}

        <form
          className="app-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div className="field">
            <label htmlFor={`app-client-id-${p}`} className="field-label">
              {guide.idLabel}
            </label>
            <input
              id={`app-client-id-${p}`}
              className="text-input"
              data-testid={`app-client-id-${p}`}
              value={clientId}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={idError ? true : undefined}
              aria-describedby={idError ? `app-client-id-${p}-error` : undefined}
              onChange={(e) => {
                setClientId(e.target.value);
                setSaved(null);
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={`app-client-secret-${p}`} className="field-label">
              {guide.secretLabel}
            </label>
            <input
              id={`app-client-secret-${p}`}
              className="text-input"
              data-testid={`app-client-secret-${p}`}
              type="password"
              value={secret}
              placeholder={app.hasSecret ? 'Stored: leave empty to keep it' : 'Kept in your keychain'}
              autoComplete="new-password"
              spellCheck={false}
              onChange={(e) => {
                setSecret(e.target.value);
                setSaved(null);
              }}
            />
          </div>
          <button type="submit" className="btn" data-testid={`app-save-${p}`} disabled={busy || !changed}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </form>
        {idError ? (
          <p className="field-error" id={`app-client-id-${p}-error`} role="alert">
            {idError}
          </p>
        ) : null}
        {problem ? <ProblemNote problem={problem} testId={`app-problem-${p}`} /> : null}
        <p className="app-saved" role="status" data-testid={`app-saved-${p}`}>
          {saved ? (
            <>
              <Icon name="check" size={14} /> {saved}
            </>
          ) : null}
        </p>
      </div>
    </li>
  );
}
