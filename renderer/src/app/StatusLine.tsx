import { useAppInfo, useZone } from '../data/useAppData';
import { useNow } from '../data/useNow';
import { usePostLists } from '../data/usePosts';
import { useAccounts } from '../features/accounts/useAccounts';
import { summarize } from './status-summary';

/** The bottom line: the truth about publishing and the plan, derived from what the core holds. */
export function StatusLine() {
  const { upcoming, drafts } = usePostLists();
  const { accounts } = useAccounts();
  const info = useAppInfo();
  const zone = useZone();
  const now = useNow();
  const summary = upcoming && drafts && accounts ? summarize(upcoming, drafts, accounts, zone, now) : null;

  return (
    <footer className="status-line" data-testid="status-line">
      {summary ? (
        <p className="status-main" data-tone={summary.tone}>
          <span className="status-dot" aria-hidden="true" />
          <span data-testid="status-publishing">{summary.publishing}</span>
          {summary.parts.map((part) => (
            <span key={part} className="status-part">
              {part}
            </span>
          ))}
        </p>
      ) : (
        <p className="status-main">Reading your plan…</p>
      )}
      <p className="status-side">
        <span className="status-zone">Times in {zone}</span>
        {info ? <span>Loomcast {info.version}</span> : null}
      </p>
    </footer>
  );
}
