import { useState } from 'react';
import { useNow } from '../../data/useNow';
import { relative } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import { ProblemNote } from '../../ui/ProblemNote';
import { useFeed } from './useFeed';

/** Browser mode: a private link a calendar app follows, kept up to date by the running host. */
export function FeedPanel() {
  const { status, url, busy, problem, enable, rotate, disable } = useFeed();
  const [copied, setCopied] = useState(false);
  const now = useNow();
  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      document.getElementById('io-feed-url')?.focus();
    }
  };
  return (
    <section className="card io-card" aria-labelledby="io-feed-title" data-testid="feed-panel">
      <h2 id="io-feed-title" className="card-title">
        Subscribe from a calendar app
      </h2>
      <p className="io-help io-para">
        A private link that Apple Calendar, Google Calendar or Outlook can follow: your scheduled and published posts appear there and update about once an hour, while Loomcast runs in browser mode.
        Anyone with the link can see your plans, so keep it to yourself.
      </p>
      {status === null ? null : !status.enabled ? (
        <button type="button" className="btn btn-primary" data-testid="feed-enable" disabled={busy} onClick={() => void enable()}>
          Make a subscription link
        </button>
      ) : (
        <div className="io-feed" data-testid="feed-on">
          {url ? (
            <div className="io-feed-link">
              <label htmlFor="io-feed-url" className="field-label">
                Your subscription link
              </label>
              <div className="io-feed-row">
                <input id="io-feed-url" className="io-input" data-testid="feed-url" readOnly value={url} onFocus={(e) => e.target.select()} />
                <button type="button" className="btn" data-testid="feed-copy" onClick={() => void copy()}>
                  <Icon name="copy" />
                  {copied ? 'Copied' : 'Copy'}
                </button>
              </div>
              <p className="field-note">Copy it now: Loomcast keeps only a fingerprint of it and can’t show it again. Lost it? Make a new link.</p>
            </div>
          ) : null}
          <p className="io-help" data-testid="feed-status">
            On since {status.createdAt ? relative(Date.parse(status.createdAt), now) : 'recently'} ·{' '}
            {status.lastFetchedAt ? `last fetched by a calendar app ${relative(Date.parse(status.lastFetchedAt), now)}` : 'no calendar app has fetched it yet'}
          </p>
          <div className="io-feed-actions">
            <button type="button" className="btn" data-testid="feed-rotate" disabled={busy} onClick={() => void rotate()}>
              Make a new link
            </button>
            <button type="button" className="btn btn-ghost btn-quiet-danger" data-testid="feed-disable" disabled={busy} onClick={() => void disable()}>
              Turn off
            </button>
          </div>
          <p className="io-help">A new link stops the old one at once; turning off stops every link.</p>
        </div>
      )}
      {problem ? <ProblemNote problem={problem} testId="feed-problem" /> : null}
    </section>
  );
}
