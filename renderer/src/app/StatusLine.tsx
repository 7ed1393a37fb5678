import { useEffect } from 'react';
import { useAppInfo, useZone } from '../data/useAppData';
import { useNow } from '../data/useNow';
import { usePostsSummary } from '../data/usePostsSummary';
import { useAccounts } from '../features/accounts/useAccounts';
import { setPublishingPaused, usePublishingStore, watchPublishing } from '../features/publishing/publishing.store';
import { fixWords } from '../features/publishing/publishing-words';
import { navigate } from './router';
import { summarize, type StatusSummary } from './status-summary';

/** Takes the creator to what needs them: Accounts when only accounts do, the calendar otherwise. */
function goToAttention(attention: NonNullable<StatusSummary['attention']>): void {
  if (attention.posts === 0) {
    navigate('accounts');
    return;
  }
  navigate('calendar');
  requestAnimationFrame(() => {
    const section = document.getElementById('attention-title');
    section?.scrollIntoView({ block: 'start' });
  });
}

/** The bottom line: the truth about publishing and the plan, derived from what the core holds. */
export function StatusLine() {
  const { summary: counts } = usePostsSummary();
  const { accounts } = useAccounts();
  const info = useAppInfo();
  const zone = useZone();
  const now = useNow();
  const publishing = usePublishingStore((s) => s.status);
  const busy = usePublishingStore((s) => s.busy);
  useEffect(() => watchPublishing(), []);
  const paused = publishing?.paused === true;
  const summary = counts && accounts ? summarize({ counts, accounts, publishing, zone, nowMs: now }) : null;
  // Pause only where something could go out; with no account that can post, the button is the fix.
  const fix = summary && !paused && !summary.publishingOn ? fixWords(accounts ?? []) : null;

  return (
    <footer className="status-line" data-testid="status-line">
      {summary ? (
        <p className="status-main" data-tone={summary.tone} data-publishing={paused ? 'paused' : summary.publishingOn ? 'on' : 'off'}>
          <span className="status-dot" aria-hidden="true" />
          <span data-testid="status-publishing">{paused ? 'Publishing paused' : summary.publishing}</span>
          {fix ? (
            <button type="button" className="status-action" data-testid="status-fix" onClick={() => navigate('accounts')} title={fix.title}>
              {fix.label}
            </button>
          ) : publishing ? (
            <button
              type="button"
              className="status-action"
              data-testid={paused ? 'status-resume' : 'status-pause'}
              disabled={busy}
              onClick={() => void setPublishingPaused(!paused)}
              title={paused ? 'Send scheduled posts again' : 'Stop sending posts until you resume; they stay scheduled'}
            >
              {paused ? 'Resume' : 'Pause'}
            </button>
          ) : null}
          {summary.parts.map((part) => (
            <span key={part} className="status-part">
              {part}
            </span>
          ))}
          {summary.blocked.map((words) => (
            <span key={words} className="status-part">
              <button type="button" className="status-link" data-testid="status-blocked" onClick={() => navigate('accounts')} title="Open Accounts to connect or reconnect the account these posts need">
                {words}
              </button>
            </span>
          ))}
          {summary.review > 0 ? (
            <span className="status-part">
              <button type="button" className="status-link" data-testid="status-review" onClick={() => navigate('review')} title="Open Review: these go out only once approved">
                {summary.review} in review
              </button>
            </span>
          ) : null}
          {summary.attention ? (
            <span className="status-part">
              <button type="button" className="status-attention" data-testid="status-attention" onClick={() => goToAttention(summary.attention!)}>
                {summary.attention.count} need{summary.attention.count === 1 ? 's' : ''} attention
              </button>
            </span>
          ) : null}
        </p>
      ) : (
        <p className="status-main">Reading your plan…</p>
      )}
      <p className="status-side">
        {info?.service.headless ? (
          <span data-testid="status-service">
            Loomcast on {info.service.hostname}, running as a service: publishing continues when you close this tab
          </span>
        ) : null}
        <span className="status-zone">Times in {zone}</span>
        {info ? <span>Loomcast {info.version}</span> : null}
      </p>
    </footer>
  );
}
