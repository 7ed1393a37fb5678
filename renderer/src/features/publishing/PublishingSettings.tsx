import { useEffect } from 'react';
import { navigate } from '../../app/router';
import { useAppInfo, useZone } from '../../data/useAppData';
import { dayTime } from '../../lib/format';
import { useAccounts } from '../accounts/useAccounts';
import { setPublishingPaused, usePublishingStore, watchPublishing } from './publishing.store';
import { blockedWords, canPost, fixWords } from './publishing-words';

/**
 * Settings → Publishing: pause everything going out, or resume it (the status line and tray offer
 * the same). It says "On" only when an account can post; with none, its button leads to Accounts.
 */
export function PublishingSettings() {
  const status = usePublishingStore((s) => s.status);
  const busy = usePublishingStore((s) => s.busy);
  const { accounts } = useAccounts();
  const zone = useZone();
  const desktop = useAppInfo()?.mode === 'desktop';
  useEffect(() => watchPublishing(), []);
  const paused = status?.paused === true;
  const known = status !== null && accounts !== null;
  const nothingCanPost = known && !paused && !accounts.some(canPost);
  const fix = nothingCanPost ? fixWords(accounts) : null;
  const blocked = known && accounts.length > 0 ? status.blocked.map(blockedWords) : [];

  return (
    <section className="card" aria-labelledby="settings-publishing">
      <h2 id="settings-publishing" className="card-title">
        Publishing
      </h2>
      <p className="setting-help" data-testid="settings-publishing-state">
        {!known
          ? 'Reading whether publishing is on…'
          : paused
            ? `Paused${status.pausedAt ? ` since ${dayTime(Date.parse(status.pausedAt), zone)}` : ''}: nothing goes out, and scheduled posts stay in place. When you resume, posts that fell due meanwhile follow the missed-post rules below.`
            : nothingCanPost
              ? accounts.length === 0
                ? 'Nothing can go out: no account is connected. Scheduled posts stay in place and go out at their time once you connect one in Accounts.'
                : 'Nothing can go out: every account needs reconnecting. Scheduled posts stay in place and go out at their time once you reconnect one in Accounts.'
              : desktop
                ? 'On: scheduled posts go out at their time, also while the window is closed (Loomcast keeps running in the tray).'
                : 'On: scheduled posts go out at their time while Loomcast runs, also with this tab closed.'}
      </p>
      {blocked.length > 0 ? (
        <ul className="setting-help" data-testid="settings-publishing-blocked">
          {blocked.map((words) => (
            <li key={words}>{words}.</li>
          ))}
        </ul>
      ) : null}
      {known ? (
        <div className="setting">
          {fix ? (
            <button type="button" className="btn btn-primary" data-testid="settings-publishing-fix" onClick={() => navigate('accounts')} title={fix.title}>
              {fix.label}
            </button>
          ) : (
            <button type="button" className={paused ? 'btn btn-primary' : 'btn'} data-testid="settings-publishing-toggle" disabled={busy} onClick={() => void setPublishingPaused(!paused)}>
              {paused ? 'Resume publishing' : 'Pause publishing'}
            </button>
          )}
        </div>
      ) : null}
    </section>
  );
}
