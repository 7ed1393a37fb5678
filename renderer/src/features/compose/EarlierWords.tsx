import { dayTime } from '../../lib/format';
import type { EditSession } from './compose.store';

/** The first words of what was typed, so the creator knows which changes these are. */
function gist(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 79).trimEnd()}…` : line;
}

/**
 * Words typed into an older version of the post that were never saved: the post changed since
 * (another window, an agent, a restore). They are kept until the creator puts them back (saving
 * then sends them over the new version) or lets them go, never dropped silently.
 */
export function EarlierWords({ session, zone, onRestore, onDiscard }: { session: EditSession; zone: string; onRestore: () => void; onDiscard: () => void }) {
  const earlier = session.earlier;
  if (!earlier) return null;
  return (
    <div className="waiting-note compose-earlier" role="status" data-testid="compose-earlier">
      <p>
        <strong>Your unsaved changes are kept.</strong> You typed them into version {earlier.version} (on {dayTime(earlier.at, zone)}), and the post has
        changed since: it is now version {session.version}.
      </p>
      {earlier.form.text.trim() ? (
        <p className="muted" data-testid="compose-earlier-gist">
          “{gist(earlier.form.text)}”
        </p>
      ) : null}
      <div className="compose-choices">
        <button type="button" className="btn btn-small btn-primary" data-testid="compose-earlier-restore" onClick={onRestore}>
          Put my changes back
        </button>
        <button type="button" className="btn btn-small" data-testid="compose-earlier-discard" onClick={onDiscard}>
          Keep version {session.version} as it is
        </button>
      </div>
    </div>
  );
}
