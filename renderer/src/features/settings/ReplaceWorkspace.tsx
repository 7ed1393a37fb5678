import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../../api/client';
import { plural } from '../../lib/format';
import { splitIssues, type Problem } from '../../lib/errors';
import { Icon } from '../../ui/Icon';
import { ProblemNote } from '../../ui/ProblemNote';

/** Set just before the page reloads on the replaced workspace, so Settings can say what happened. */
const REPLACED_KEY = 'loomcast.workspaceReplaced';

// Read once, when the reloaded page starts: the notice shows in this page, not after the next reload.
const replacedAtLoad = sessionStorage.getItem(REPLACED_KEY);
sessionStorage.removeItem(REPLACED_KEY);

/**
 * Settings → Move to another computer → Bring a workspace here: replaces this workspace with an
 * archive's. The core checks the whole archive before anything changes, keeps what is here as a
 * "Before restore" backup, and reopens; the page then reloads on the new data. The desktop app
 * asks for the file with an open dialog; browser mode takes its path on the computer running
 * Loomcast (the page cannot hand a file's path to a server).
 */
export function ReplaceWorkspace({ desktop }: { desktop: boolean }) {
  const [path, setPath] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [fieldProblem, setFieldProblem] = useState<string | null>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const pathId = useId();
  useEffect(() => {
    if (confirming) cancel.current?.focus();
  }, [confirming]);

  const replace = async () => {
    setBusy(true);
    setProblem(null);
    setFieldProblem(null);
    try {
      const r = await api.call('workspace:replace', desktop ? {} : { path });
      if (!r.replaced) return;
      // The request answered after the core staged the archive; app:info waits for the reopened core.
      await api.call('app:info', {});
      sessionStorage.setItem(REPLACED_KEY, JSON.stringify({ posts: r.posts, accounts: r.accountsToReconnect }));
      window.location.reload();
    } catch (err) {
      const { fields, form } = splitIssues(err, (p) => (p[0] === 'path' ? 'path' : null));
      setFieldProblem(fields.path ?? null);
      setProblem(form);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  const notice = replacedAtLoad ? (JSON.parse(replacedAtLoad) as { posts: number; accounts: number }) : null;

  return (
    <div className="move-replace" data-testid="workspace-replace">
      <h3 className="field-label">Bring a workspace here</h3>
      <p className="setting-help">
        Replaces everything in this workspace with an archive’s. What you have now is kept first as a “Before restore” backup (see Backups), so you can go back. Accounts arrive
        signed out: reconnect each one in Accounts.
      </p>
      {notice ? (
        <p role="status" className="move-result" data-testid="workspace-replaced">
          <Icon name="check" size={14} /> This workspace now holds the archive’s {plural(notice.posts, 'post')}.{' '}
          {notice.accounts > 0 ? `${plural(notice.accounts, 'account')} ${notice.accounts === 1 ? 'needs' : 'need'} reconnecting in Accounts.` : ''}
        </p>
      ) : null}
      {desktop ? null : (
        <div className="field">
          <label htmlFor={pathId} className="field-label">
            Archive on the computer running Loomcast
          </label>
          <input
            id={pathId}
            className="input"
            data-testid="workspace-replace-path"
            value={path}
            placeholder="/home/you/loomcast-workspace-….tar.gz"
            spellCheck={false}
            aria-invalid={fieldProblem ? true : undefined}
            aria-describedby={fieldProblem ? `${pathId}-problem` : undefined}
            onChange={(e) => setPath(e.target.value)}
          />
          {fieldProblem ? (
            <p id={`${pathId}-problem`} className="field-error" data-testid="workspace-replace-path-problem">
              {fieldProblem}
            </p>
          ) : null}
        </div>
      )}
      {confirming ? (
        <div className="confirm" role="group" aria-labelledby="workspace-replace-title" data-testid="workspace-replace-confirm">
          <p id="workspace-replace-title">
            <strong>Replace this workspace?</strong> Loomcast checks the whole archive first and changes nothing if anything in it is wrong. Then it saves what you have now as a
            backup, puts the archive’s posts, plans and settings in its place, and reopens.
          </p>
          <div className="confirm-actions">
            <button type="button" className="btn btn-danger" data-testid="workspace-replace-yes" disabled={busy} aria-busy={busy} onClick={() => void replace()}>
              {busy ? 'Replacing…' : desktop ? 'Choose the archive…' : 'Replace workspace'}
            </button>
            <button ref={cancel} type="button" className="btn" data-testid="workspace-replace-no" disabled={busy} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="move-actions">
          <button type="button" className="btn" data-testid="workspace-replace-start" disabled={!desktop && path.trim() === ''} onClick={() => setConfirming(true)}>
            Replace with an archive…
          </button>
        </div>
      )}
      {problem ? <ProblemNote problem={problem} testId="workspace-replace-problem" /> : null}
    </div>
  );
}
