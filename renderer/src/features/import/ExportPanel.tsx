import { useState } from 'react';
import { api } from '../../api/client';
import { toProblem, type Problem } from '../../lib/errors';
import { showToast } from '../../app/ui.store';
import { ProblemNote } from '../../ui/ProblemNote';
import { plural } from '../../lib/format';
import { saveFile } from './download';

/** The whole calendar as CSV (the import's own columns) or as an iCal file. */
export function ExportPanel() {
  const [busy, setBusy] = useState<'csv' | 'ics' | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const run = async (kind: 'csv' | 'ics') => {
    setBusy(kind);
    setProblem(null);
    try {
      const file = await api.call(kind === 'csv' ? 'io:exportCsv' : 'io:exportIcs', {});
      saveFile(file);
      showToast(`Saved ${file.filename}`, { detail: kind === 'csv' ? `${plural(file.count, 'row')}, one per platform.` : `${plural(file.count, 'event')}, each in its own time zone.` });
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="card io-card" aria-labelledby="io-export-title" data-testid="export-panel">
      <h2 id="io-export-title" className="card-title">
        Export your calendar
      </h2>
      <div className="io-export">
        <div>
          <button type="button" className="btn" data-testid="export-csv" disabled={busy !== null} onClick={() => void run('csv')}>
            {busy === 'csv' ? 'Preparing…' : 'Download CSV'}
          </button>
          <p className="io-help">Every dated post, one row per platform, in the columns the import reads, so it comes back in as it went out.</p>
        </div>
        <div>
          <button type="button" className="btn" data-testid="export-ics" disabled={busy !== null} onClick={() => void run('ics')}>
            {busy === 'ics' ? 'Preparing…' : 'Download iCal (.ics)'}
          </button>
          <p className="io-help">Scheduled and published posts for Apple Calendar, Google Calendar or Outlook, each at its time in its own zone.</p>
        </div>
      </div>
      {problem ? <ProblemNote problem={problem} testId="export-problem" /> : null}
    </section>
  );
}
