import { useState } from 'react';
import { api } from '../../api/client';
import { toProblem, type Problem } from '../../lib/errors';
import { showToast } from '../../app/ui.store';
import { ProblemNote } from '../../ui/ProblemNote';
import { plural } from '../../lib/format';
import { useZone } from '../../data/useAppData';
import { useNow } from '../../data/useNow';
import { saveFile } from './download';
import { exportRange, type ExportChoice } from './export-range';

const CHOICES: { value: ExportChoice; label: string }[] = [
  { value: 'all', label: 'Everything' },
  { value: 'ahead', label: 'From today on' },
  { value: 'dates', label: 'Between two days' },
];

/** The calendar as CSV (the import's own columns) or as an iCal file: all of it, what is ahead, or the days picked. */
export function ExportPanel() {
  const zone = useZone();
  const nowMs = useNow();
  const [busy, setBusy] = useState<'csv' | 'ics' | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [choice, setChoice] = useState<ExportChoice>('all');
  const [dates, setDates] = useState({ from: '', to: '' });
  const range = exportRange(choice, dates, zone, nowMs);
  const run = async (kind: 'csv' | 'ics') => {
    if (!range.ok) return;
    setBusy(kind);
    setProblem(null);
    try {
      const file = await api.call(kind === 'csv' ? 'io:exportCsv' : 'io:exportIcs', range.range);
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
      <fieldset className="io-export-range" data-testid="export-range">
        <legend>Which posts</legend>
        <div className="io-export-choices">
          {CHOICES.map((c) => (
            <label key={c.value} className="io-export-choice">
              <input type="radio" name="export-range" value={c.value} checked={choice === c.value} data-testid={`export-range-${c.value}`} onChange={() => setChoice(c.value)} />
              {c.label}
            </label>
          ))}
        </div>
        {choice === 'dates' ? (
          <div className="io-export-dates">
            <label>
              First day
              <input type="date" value={dates.from} data-testid="export-from" onChange={(e) => setDates((d) => ({ ...d, from: e.target.value }))} />
            </label>
            <label>
              Last day
              <input type="date" value={dates.to} data-testid="export-to" onChange={(e) => setDates((d) => ({ ...d, to: e.target.value }))} />
            </label>
          </div>
        ) : null}
        <p className="io-help" data-testid="export-range-note" role={range.ok ? undefined : 'alert'}>
          {range.ok ? (choice === 'all' ? 'Every dated post, past and planned.' : choice === 'ahead' ? `Posts from the start of today on, in ${zone}.` : `Posts of those days, whole days in ${zone}.`) : range.message}
        </p>
      </fieldset>
      <div className="io-export">
        <div>
          <button type="button" className="btn" data-testid="export-csv" disabled={busy !== null || !range.ok} onClick={() => void run('csv')}>
            {busy === 'csv' ? 'Preparing…' : 'Download CSV'}
          </button>
          <p className="io-help">One row per platform, in the columns the import reads, so it comes back in as it went out.</p>
        </div>
        <div>
          <button type="button" className="btn" data-testid="export-ics" disabled={busy !== null || !range.ok} onClick={() => void run('ics')}>
            {busy === 'ics' ? 'Preparing…' : 'Download iCal (.ics)'}
          </button>
          <p className="io-help">Scheduled and published posts for Apple Calendar, Google Calendar or Outlook, each at its time in its own zone.</p>
        </div>
      </div>
      {problem ? <ProblemNote problem={problem} testId="export-problem" /> : null}
    </section>
  );
}
