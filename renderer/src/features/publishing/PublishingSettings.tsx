import { useEffect } from 'react';
import { useAppInfo, useZone } from '../../data/useAppData';
import { dayTime } from '../../lib/format';
import { setPublishingPaused, usePublishingStore, watchPublishing } from './publishing.store';

/** Settings → Publishing: pause everything going out, or resume it (the status line and tray offer the same). */
export function PublishingSettings() {
  const status = usePublishingStore((s) => s.status);
  const busy = usePublishingStore((s) => s.busy);
  const zone = useZone();
  const desktop = useAppInfo()?.mode === 'desktop';
  useEffect(() => watchPublishing(), []);
  const paused = status?.paused === true;

  return (
    <section className="card" aria-labelledby="settings-publishing">
      <h2 id="settings-publishing" className="card-title">
        Publishing
      </h2>
      <p className="setting-help" data-testid="settings-publishing-state">
        {!status
          ? 'Reading whether publishing is on…'
          : paused
            ? `Paused${status.pausedAt ? ` since ${dayTime(Date.parse(status.pausedAt), zone)}` : ''}: nothing goes out, and scheduled posts stay in place. When you resume, posts that fell due meanwhile follow the missed-post rules below.`
            : desktop
              ? 'On: scheduled posts go out at their time, also while the window is closed (Loomcast keeps running in the tray).'
              : 'On: scheduled posts go out at their time while Loomcast runs, also with this tab closed.'}
      </p>
      {status ? (
        <div className="setting">
          <button type="button" className={paused ? 'btn btn-primary' : 'btn'} data-testid="settings-publishing-toggle" disabled={busy} onClick={() => void setPublishingPaused(!paused)}>
            {paused ? 'Resume publishing' : 'Pause publishing'}
          </button>
        </div>
      ) : null}
    </section>
  );
}
