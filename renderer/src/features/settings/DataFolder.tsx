import { useEffect, useState } from 'react';
import { AppError, type AppInfoDto } from '../../../../shared/contract';
import type { DataFolderMoveDto, DataFolderMoveProgressDto } from '../../../../shared/contract/features/desktop';
import { api } from '../../api/client';
import { moveProgressWords } from './data-folder-move';
import { toProblem, type Problem } from '../../lib/errors';
import { ProblemNote } from '../../ui/ProblemNote';

const SOURCE: Record<AppInfoDto['dataDirSource'], string> = {
  default: 'The usual folder for app data on this computer.',
  picked: 'A folder you picked.',
  env: 'Set by LOOMCAST_DATA_DIR for this run.',
  flag: 'Set by --data-dir when Loomcast was started.',
};

/** The data folder, how it was chosen, and (desktop) moving it to another one. */
export function DataFolder({ info }: { info: AppInfoDto }) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<DataFolderMoveDto | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  // The copy runs in the background of the app (the window stays usable): how far it got.
  const [progress, setProgress] = useState<DataFolderMoveProgressDto | null>(null);
  useEffect(() => api.subscribe('desktop:moveProgress', setProgress), []);
  const move = async () => {
    setBusy(true);
    setProblem(null);
    setProgress(null);
    try {
      const r = await api.call('desktop:moveDataFolder', {});
      if (r.moved) setDone(r);
    } catch (err) {
      // Stopped by the creator: the progress line says so; nothing went wrong.
      if (!(err instanceof AppError && err.code === 'cancelled')) setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  };
  const [stopping, setStopping] = useState(false);
  const stop = async () => {
    setStopping(true);
    try {
      await api.call('desktop:cancelMove', {});
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setStopping(false);
    }
  };
  // Until the copy is on disk; after that the move goes through (or fails) as a whole.
  const stoppable = busy && (progress === null || progress.phase === 'database' || progress.phase === 'files');
  return (
    <>
      <code data-testid="settings-data-dir">{info.dataDir}</code>
      <span className="setting-help" data-testid="settings-data-dir-source">
        {SOURCE[info.dataDirSource]}
        {info.mode === 'browser' ? ' To use another folder, stop Loomcast and start it with --data-dir.' : ''}
      </span>
      {info.mode === 'desktop' && info.dataDirSource !== 'env' ? (
        <span>
          <button type="button" className="btn" data-testid="settings-move-data" disabled={busy || done !== null} onClick={() => void move()}>
            {busy ? 'Copying your data…' : 'Move to another folder…'}
          </button>
          {stoppable ? (
            <button type="button" className="btn" data-testid="settings-move-stop" disabled={stopping} onClick={() => void stop()}>
              {stopping ? 'Stopping…' : 'Stop the move'}
            </button>
          ) : null}
        </span>
      ) : null}
      {progress && !done && (busy || problem || progress.phase === 'cancelled') ? <MoveProgress progress={progress} /> : null}
      {done ? (
        <span role="status" className="setting-help" data-testid="settings-move-done">
          Your data is copied to {done.to}. Loomcast restarts there now. The old folder, {done.from}, is left as it was: delete it yourself once you have checked everything is there.
        </span>
      ) : null}
      {problem ? <ProblemNote problem={problem} /> : null}
    </>
  );
}

function MoveProgress({ progress }: { progress: DataFolderMoveProgressDto }) {
  const { line, percent } = moveProgressWords(progress);
  return (
    <span className="setting-help" data-testid="settings-move-progress">
      {progress.phase === 'failed' || progress.phase === 'cancelled' ? null : <progress max={100} value={percent} aria-label="Data folder copied" />}
      <span role="status"> {line}</span>
    </span>
  );
}
