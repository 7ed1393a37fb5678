import { useEffect, useRef, type Ref } from 'react';
import { PLATFORM_NAMES, PLATFORMS, type Platform } from '../../../../shared/domain/platforms';
import { useAppInfo } from '../../data/useAppData';
import { Icon } from '../../ui/Icon';
import { ProblemNote } from '../../ui/ProblemNote';
import { useAppFor } from '../settings/useDeveloperApps';
import { connectNeeds, mentionsDeveloperApps } from './connect-platforms';
import { cancelConnect, closeConnect, connectAgain, pickPlatform, setConnectField, submitConnect, useConnectStore, type ConnectField, type ConnectPhase } from './connect.store';
import { platformMarkColor } from '../../ui/PlatformMark';

/** Closes the panel and gives the keyboard back to the button that opened it. */
function closePanel(): void {
  closeConnect();
  requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="accounts-connect"]')?.focus());
}

const appsLink = (platform: Platform | null) => `#/settings/developer-apps${platform ? `/${platform}` : ''}`;

function DeveloperAppsLink({ platform, testId }: { platform: Platform | null; testId: string }) {
  return (
    <a href={appsLink(platform)} className="connect-apps-link" data-testid={testId}>
      Open Settings → Developer apps
    </a>
  );
}

function TextField({
  field,
  label,
  help,
  type = 'text',
  placeholder,
  autoComplete,
  disabled,
  inputRef,
}: {
  field: ConnectField;
  label: string;
  help?: string;
  type?: 'text' | 'password' | 'url';
  placeholder?: string;
  autoComplete?: string;
  disabled: boolean;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const value = useConnectStore((s) => s.form[field]);
  const error = useConnectStore((s) => s.fieldErrors[field]);
  const id = `connect-${field === 'serverUrl' ? 'server-url' : field}`;
  const describedBy = [help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input
        ref={inputRef}
        id={id}
        className="text-input"
        data-testid={id}
        type={type}
        value={value}
        placeholder={placeholder}
        autoComplete={autoComplete ?? 'off'}
        spellCheck={false}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => setConnectField(field, e.target.value)}
      />
      {help ? (
        <p className="field-help" id={`${id}-help`}>
          {help}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`} data-testid={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Where a platform makes app passwords (the next step after bad_credentials). */
const APP_PASSWORD_PAGE: Partial<Record<Platform, string>> = { bluesky: 'https://bsky.app/settings/app-passwords' };

/** The next step after a failed attempt, picked by the core's typed code where it gave one. */
function NextStep({ phase, platform }: { phase: Extract<ConnectPhase, { kind: 'failed' }>; platform: Platform | null }) {
  const name = platform ? PLATFORM_NAMES[platform] : 'the platform';
  if (phase.code === 'rejected_by_platform' || mentionsDeveloperApps(phase.problem.message)) return <DeveloperAppsLink platform={platform} testId="connect-open-apps" />;
  const appPasswords = platform ? APP_PASSWORD_PAGE[platform] : undefined;
  if (phase.code === 'bad_credentials' && appPasswords) {
    return (
      <a href={appPasswords} target="_blank" rel="noopener noreferrer" className="connect-apps-link" data-testid="connect-app-passwords">
        Create an app password on {name}
        <Icon name="external" size={14} />
      </a>
    );
  }
  if (phase.code === 'unreachable' || phase.code === 'port_in_use' || phase.code === 'timed_out') {
    return (
      <button type="button" className="btn" data-testid="connect-retry" onClick={() => void submitConnect()}>
        Try again
      </button>
    );
  }
  return null;
}

/** What the attempt is doing now, in words; the one place a test or a screen reader looks. */
function ConnectStatus({ phase, platform }: { phase: ConnectPhase; platform: Platform | null }) {
  const continueLink = useRef<HTMLAnchorElement>(null);
  const doneButton = useRef<HTMLButtonElement>(null);
  const authorizeUrl = phase.kind === 'authorize' ? phase.url : null;
  const connected = phase.kind === 'connected';
  // The form goes away when the account is in, so the keyboard lands on what comes next.
  useEffect(() => {
    if (authorizeUrl) continueLink.current?.focus();
  }, [authorizeUrl]);
  useEffect(() => {
    if (connected) doneButton.current?.focus();
  }, [connected]);

  const name = platform ? PLATFORM_NAMES[platform] : 'the platform';
  switch (phase.kind) {
    case 'editing':
      return null;
    case 'starting':
      return (
        <p className="connect-waiting">
          <span className="spinner" aria-hidden="true" />
          {platform && connectNeeds(platform).kind === 'password' ? `Signing in to ${name}…` : `Preparing the ${name} sign-in…`}
        </p>
      );
    case 'authorize':
      return (
        <div className="connect-authorize">
          <p className="connect-authorize-title">Approve Loomcast on {name}</p>
          <p className="muted">
            {phase.opened
              ? `Loomcast opened ${name}’s sign-in page in your browser. Approve it there; this page updates by itself.`
              : `Sign in on ${name} and approve Loomcast in a new tab. This page updates by itself when you’re done.`}
          </p>
          <div className="connect-actions">
            <a ref={continueLink} className={phase.opened ? 'btn' : 'btn btn-primary'} href={phase.url} target="_blank" rel="noopener noreferrer" data-testid="connect-continue">
              {phase.opened ? 'Open the sign-in page again' : `Continue to ${name}`}
              <Icon name="external" size={14} />
            </a>
            <button type="button" className="btn btn-ghost" data-testid="connect-cancel" onClick={() => void cancelConnect()}>
              Cancel
            </button>
          </div>
          <p className="connect-waiting muted">
            <span className="spinner" aria-hidden="true" />
            Waiting for {name}…
          </p>
        </div>
      );
    case 'connected':
      return (
        <div className="connect-done">
          <p className="connect-done-title">
            <Icon name="check" size={16} />
            {phase.account ? `Connected ${phase.account.handle} on ${PLATFORM_NAMES[phase.account.platform]}.` : `Connected to ${name}.`}
          </p>
          <p className="muted">Scheduled {name} posts go out from this account now. Its tokens are kept in your system keychain.</p>
          <div className="connect-actions">
            <button ref={doneButton} type="button" className="btn btn-primary" data-testid="connect-done" onClick={closePanel}>
              Done
            </button>
            <button type="button" className="btn" data-testid="connect-another" onClick={() => connectAgain(false)}>
              Connect another account
            </button>
          </div>
        </div>
      );
    case 'failed':
      return (
        <div className="connect-failed">
          <ProblemNote problem={phase.problem} testId="connect-problem" />
          <NextStep phase={phase} platform={platform} />
        </div>
      );
    case 'cancelled':
      return <p className="muted">Cancelled. Nothing was connected.</p>;
  }
}

/** "Connect an account": pick one of the ten platforms, then the fields that platform needs. */
export function ConnectPanel() {
  const platform = useConnectStore((s) => s.platform);
  const phase = useConnectStore((s) => s.phase);
  const reconnecting = useConnectStore((s) => s.reconnecting);
  const focus = useConnectStore((s) => s.focus);
  const info = useAppInfo();
  const app = useAppFor(platform);
  const panel = useRef<HTMLElement>(null);
  const passwordField = useRef<HTMLInputElement>(null);

  const busy = phase.kind === 'starting' || phase.kind === 'authorize';
  const needs = platform ? connectNeeds(platform) : null;
  const name = platform ? PLATFORM_NAMES[platform] : '';

  // Opening the panel (or Reconnect) puts the keyboard where the next thing to do is.
  useEffect(() => {
    if (focus === 0) return;
    panel.current?.scrollIntoView({ block: 'nearest' });
    const s = useConnectStore.getState();
    if (s.reconnecting && s.platform === 'bluesky') passwordField.current?.focus();
    else if (s.platform) panel.current?.querySelector<HTMLInputElement>('input[name="connect-platform"]:checked')?.focus();
    else panel.current?.querySelector<HTMLInputElement>('input[name="connect-platform"]')?.focus();
  }, [focus]);

  const appMissing = needs?.needsApp && app && !app.clientId;

  return (
    <section
      ref={panel}
      className="card connect"
      aria-labelledby="connect-title"
      data-testid="connect-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !busy) {
          e.preventDefault();
          closePanel();
        }
      }}
    >
      <header className="connect-head">
        <h2 id="connect-title" className="card-title">
          {reconnecting ? `Reconnect ${reconnecting.handle}` : 'Connect an account'}
        </h2>
        <button type="button" className="btn btn-icon" aria-label="Close" data-testid="connect-close" onClick={closePanel}>
          <Icon name="close" />
        </button>
      </header>

      {info && !info.vault.available ? (
        <p className="connect-note" data-testid="connect-vault-note">
          <Icon name="alert" size={14} />
          <span>The system keychain isn’t available (see the notice above), so Loomcast can’t keep this account’s tokens: connecting will fail until it is.</span>
        </p>
      ) : null}

      {phase.kind === 'connected' ? null : (
        <fieldset className="field connect-platforms" disabled={busy}>
          <legend className="field-label">Platform</legend>
          <div className="connect-platform-grid">
            {PLATFORMS.map((p) => (
              <label key={p} className="connect-platform" data-testid={`connect-platform-${p}`}>
                <input type="radio" name="connect-platform" value={p} checked={platform === p} onChange={() => pickPlatform(p)} />
                <span className="connect-platform-face">
                  <span className="platform-dot" style={{ background: platformMarkColor(p) }} aria-hidden="true" />
                  {PLATFORM_NAMES[p]}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      )}

      {phase.kind === 'connected' ? null : platform && needs ? (
        <form
          className="connect-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submitConnect();
          }}
        >
          <p className="connect-how">{needs.how}</p>
          {appMissing ? (
            <p className="connect-note" data-testid="connect-app-missing">
              <Icon name="alert" size={14} />
              <span>
                Your {name} developer app isn’t set up yet, so {name} can’t be connected. <DeveloperAppsLink platform={platform} testId="connect-app-missing-link" />
              </span>
            </p>
          ) : null}

          {needs.kind === 'password' ? (
            <div className="connect-fields">
              <TextField field="identifier" label="Handle or email" placeholder="you.bsky.social" autoComplete="username" disabled={busy} />
              <TextField field="password" label="App password" type="password" placeholder="xxxx-xxxx-xxxx-xxxx" autoComplete="off" disabled={busy} inputRef={passwordField} />
            </div>
          ) : null}
          {needs.server !== 'none' ? (
            <TextField
              field="serverUrl"
              label={needs.serverLabel}
              help={needs.serverHelp}
              type="url"
              placeholder={needs.server === 'required' ? 'https://mastodon.social' : needs.serverDefault}
              disabled={busy}
            />
          ) : null}

          <div className="connect-actions">
            <button type="submit" className="btn btn-primary" data-testid="connect-submit" disabled={busy}>
              {phase.kind === 'starting' ? 'Connecting…' : needs.kind === 'password' ? `Connect ${name}` : `Sign in with ${name}`}
            </button>
          </div>
        </form>
      ) : null}
      {phase.kind !== 'connected' && !platform ? <p className="muted connect-pick-hint">Pick the platform of the account you want Loomcast to post to.</p> : null}

      <div className="connect-status" data-testid="connect-status" data-phase={phase.kind} aria-live="polite">
        <ConnectStatus phase={phase} platform={platform} />
      </div>
    </section>
  );
}
