import { useState } from 'react';
import { WORKSPACE_INCLUDED, WORKSPACE_LEFT_OUT, type WorkspaceExportDto } from '../../../../shared/contract/features/workspace';
import { api } from '../../api/client';
import { showToast } from '../../app/ui.store';
import { useAppInfo } from '../../data/useAppData';
import { plural } from '../../lib/format';
import { toProblem, type Problem } from '../../lib/errors';
import { Icon } from '../../ui/Icon';
import { ProblemNote } from '../../ui/ProblemNote';
import { ReplaceWorkspace } from './ReplaceWorkspace';
import { downloadHref } from '../../lib/download';
import { count, fixed } from '../../lib/numbers';

const size = (bytes: number) => (bytes < 1024 * 1024 ? `${count(Math.max(1, Math.round(bytes / 1024)))} KB` : `${fixed(bytes / (1024 * 1024), 1)} MB`);

function summary(r: WorkspaceExportDto): string {
  const c = r.counts;
  const parts = c ? [plural(c.posts, 'post'), plural(c.media, 'media file'), plural(c.accounts, 'account')] : [];
  return `${r.bytes !== null ? size(r.bytes) : ''}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

/** Settings → Move to another computer: export the whole workspace as one file, without secrets. */
export function MoveWorkspace() {
  const info = useAppInfo();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<WorkspaceExportDto | null>(null);
  const desktop = info?.mode === 'desktop';

  const run = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const r = await api.call('workspace:export', {});
      if (!r.saved) return;
      setDone(r);
      // Browser mode: the host hands the file to the browser's downloads once.
      if (r.downloadId) {
        downloadHref(`/download/workspace/${r.downloadId}`, '');
      }
      showToast('Workspace exported', { detail: summary(r) });
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="settings-move" data-testid="settings-move">
      <h2 id="settings-move" className="card-title">
        Move to another computer
      </h2>
      <p className="setting-help">
        One file holds your whole workspace. Keep it as a copy, or bring it to another computer and import it there.
        {desktop ? ' You pick where it is saved.' : ' Your browser downloads it, and a copy stays in the exports folder of your data folder on the computer running Loomcast.'}
      </p>
      <div className="move-lists">
        <div>
          <h3 className="field-label">Included</h3>
          <ul data-testid="move-included">
            {WORKSPACE_INCLUDED.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
        <div>
          <h3 className="field-label">Not included: no passwords or tokens</h3>
          <ul data-testid="move-left-out">
            {WORKSPACE_LEFT_OUT.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      </div>
      <div className="move-actions">
        <button type="button" className="btn" data-testid="workspace-export" disabled={busy} aria-busy={busy} onClick={() => void run()}>
          {busy ? 'Exporting…' : desktop ? 'Export workspace…' : 'Export workspace'}
        </button>
      </div>
      <p role="status" className="move-result" data-testid="workspace-export-result">
        {done?.path ? (
          <>
            <Icon name="check" size={14} /> Saved to <code>{done.path}</code> ({summary(done)}).
            {done.missingMedia > 0 ? ` ${plural(done.missingMedia, 'media file')} ${done.missingMedia === 1 ? 'was' : 'were'} already missing from the data folder and could not be included.` : ''}
          </>
        ) : null}
      </p>
      {problem ? <ProblemNote problem={problem} testId="workspace-export-problem" /> : null}
      <p className="setting-help move-import">
        To import on the other computer, install Loomcast there and run <code>npm run web -- --import-workspace FILE --data-dir NEW-FOLDER</code>. The folder must be new or empty; then
        reconnect each account in Accounts.
      </p>
      <ReplaceWorkspace desktop={desktop} />
    </section>
  );
}
