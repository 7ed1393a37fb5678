import { useEffect, useRef, useState } from 'react';
import type { BackupDto, BackupKindDto } from '../../../../shared/contract/features/backups';
import { useZone } from '../../data/useAppData';
import { toProblem, type Problem } from '../../lib/errors';
import { dayTime } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import { ProblemNote } from '../../ui/ProblemNote';
import { createBackup, restoreBackup, restoredNotice, useBackups } from './useBackups';
import './backups.css';
import { fileSize } from '../../lib/file-size';

const KIND_LABELS: Record<BackupKindDto, string> = {
  daily: 'Daily',
  'pre-migration': 'Before update',
  manual: 'Manual',
  'pre-restore': 'Before restore',
};

function RestoreConfirm({ backup, when, busy, onRestore, onCancel }: { backup: BackupDto; when: string; busy: boolean; onRestore: () => void; onCancel: () => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="confirm" role="group" aria-labelledby="backup-restore-title" data-testid="backup-restore-confirm">
      <p id="backup-restore-title">
        <strong>Go back to the backup from {when}?</strong> Loomcast first saves what you have now as a backup (“Before restore” in this list), then puts this one in its place and
        reopens. Posts, plans and settings you changed since {when} go back to how they were then. Media files and your keychain are not part of backups: accounts connected or
        disconnected since then may need connecting again.
      </p>
      <div className="confirm-actions">
        <button type="button" className="btn btn-danger" data-testid="backup-restore-yes" disabled={busy} onClick={onRestore}>
          {busy ? 'Restoring…' : 'Restore this backup'}
        </button>
        <button ref={cancel} type="button" className="btn" data-testid="backup-restore-no" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
      {backup.kind === 'pre-migration' ? <p className="setting-help">This backup was taken before an update; Loomcast updates it again when it opens it.</p> : null}
    </div>
  );
}

/** Settings → Backups: what is kept, Back up now, and Restore… with a confirm that says what happens. */
export function BackupsSettings() {
  const { folder, backups, problem: loadProblem, reload } = useBackups();
  const zone = useZone();
  const [busy, setBusy] = useState<'create' | 'restore' | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [status, setStatus] = useState<string | null>(() => {
    const at = restoredNotice();
    return at ? `Restored the backup from ${dayTime(Date.parse(at), zone, { withYear: true })}. What you had before is kept as a “Before restore” backup.` : null;
  });
  const restoreButtons = useRef(new Map<string, HTMLButtonElement>());
  const when = (b: BackupDto) => dayTime(Date.parse(b.takenAt), zone, { withYear: true });

  const backUpNow = async () => {
    setBusy('create');
    setProblem(null);
    setStatus(null);
    try {
      const made = await createBackup();
      setStatus(`Backed up: ${when(made)}, ${fileSize(made.sizeBytes)}, checked.`);
      await reload();
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(null);
    }
  };

  const restore = async (backup: BackupDto) => {
    setBusy('restore');
    setProblem(null);
    setStatus(`Restoring the backup from ${when(backup)}…`);
    try {
      await restoreBackup(backup.name);
    } catch (err) {
      setStatus(null);
      setProblem(toProblem(err));
      setBusy(null);
    }
  };

  const cancel = (name: string) => {
    setConfirming(null);
    requestAnimationFrame(() => restoreButtons.current.get(name)?.focus());
  };

  return (
    <section className="card" aria-labelledby="settings-backups" data-testid="settings-backups">
      <div className="card-title-row">
        <h2 id="settings-backups" className="card-title">
          Backups
        </h2>
        <button type="button" className="btn" data-testid="backups-create" disabled={busy !== null} onClick={() => void backUpNow()}>
          {busy === 'create' ? 'Backing up…' : 'Back up now'}
        </button>
      </div>
      <p className="setting-help">
        Loomcast copies its database once a day while it runs (the last 7 are kept) and before every update that changes it (the last 5). Each copy is checked before older
        ones are removed. Manual backups stay until you delete them{folder ? ' from ' : '.'}
        {folder ? <code data-testid="backups-folder">{folder}</code> : null}
        {folder ? '.' : null}
      </p>
      <p className="setting-saved" role="status" data-testid="backups-status">
        {status ? (
          <>
            <Icon name="check" size={14} /> {status}
          </>
        ) : null}
      </p>
      {problem ? <ProblemNote problem={problem} testId="backups-problem" /> : null}
      {loadProblem ? <ProblemNote problem={loadProblem} testId="backups-load-problem" /> : null}
      {backups && backups.length === 0 ? (
        <p className="setting-help" data-testid="backups-empty">
          No backups yet. The first daily one is made a few minutes after Loomcast starts; Back up now makes one at once.
        </p>
      ) : null}
      {backups && backups.length > 0 ? (
        <ul className="backup-list" aria-label="Backups, newest first" data-testid="backups-list">
          {backups.map((b) => (
            <li key={b.name} className="backup-row" data-testid="backup-row" data-kind={b.kind} data-name={b.name}>
              <div className="backup-facts">
                <span className="backup-when">{when(b)}</span>
                <span className="backup-kind">{KIND_LABELS[b.kind]}</span>
                <span className="muted">{fileSize(b.sizeBytes)}</span>
                <button
                  ref={(el) => {
                    if (el) restoreButtons.current.set(b.name, el);
                    else restoreButtons.current.delete(b.name);
                  }}
                  type="button"
                  className="btn btn-small"
                  data-testid="backup-restore"
                  aria-label={`Restore the backup from ${when(b)}`}
                  disabled={busy !== null || confirming === b.name}
                  onClick={() => {
                    setProblem(null);
                    setConfirming(b.name);
                  }}
                >
                  Restore…
                </button>
              </div>
              {confirming === b.name ? (
                <RestoreConfirm backup={b} when={when(b)} busy={busy === 'restore'} onRestore={() => void restore(b)} onCancel={() => cancel(b.name)} />
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
