import type { ImportRowResultDto } from '../../../../shared/contract/features/io';
import { dayTime, firstWords, plural } from '../../lib/format';
import { count } from '../../lib/numbers';
import { Icon } from '../../ui/Icon';
import { PlatformMark } from '../../ui/PlatformMark';
import { FIELD_LABELS } from './fields';
import { PAGE_SIZE, RowPager } from './ImportPaging';
import { blockingRows, readyRows, useImportStore } from './import.store';
import { RowEditor } from './RowEditor';
import { cancelImport, commitImport, editRow, setOnlyProblems, skipProblemRows, startOver, toggleSkip } from './useImport';

/** "Tue 1 Dec 2026, 09:30" (or "Tue, Dec 1, 2026, 9:30 AM") in the row's zone; the zone is named beside it. */
function when(row: ImportRowResultDto): string {
  if (!row.at) return row.fields.when || 'No date';
  return dayTime(Date.parse(row.at), row.zone, { withYear: true });
}

function status(row: ImportRowResultDto): { key: 'skipped' | 'error' | 'ok'; words: string } {
  if (row.skip) return { key: 'skipped', words: 'Skipped' };
  if (row.errors.length) return { key: 'error', words: plural(row.errors.length, 'problem') };
  return { key: 'ok', words: 'Ready' };
}

function ImportRow({ row, common }: { row: ImportRowResultDto; common: ReadonlySet<string> }) {
  const editing = useImportStore((s) => s.editing === row.line);
  const busy = useImportStore((s) => s.stage === 'importing');
  const st = status(row);
  const warnings = row.warnings.filter((w) => !common.has(w.message));
  return (
    <li className="io-row" data-testid="import-row" data-line={row.line} data-status={st.key}>
      <div className="io-row-main">
        <span className="io-line">Line {row.line}</span>
        <span className="io-when" data-testid="import-row-when">
          {when(row)} <span className="io-zone">{row.zone}</span>
        </span>
        <span className="io-text" data-testid="import-row-text">
          {firstWords(row.fields.text, 80) || <em className="muted">No text</em>}
        </span>
        <span className="io-targets">
          {row.targets.map((t) => (
            <PlatformMark key={`${t.platform}-${t.accountId ?? ''}`} platform={t.platform} compact />
          ))}
          {row.mediaCount ? <span className="io-media">{plural(row.mediaCount, 'file')}</span> : null}
        </span>
        <span className="io-status" data-status={st.key} data-testid="import-row-status">
          {st.key === 'error' ? <Icon name="alert" size={14} /> : st.key === 'ok' ? <Icon name="check" size={14} /> : null}
          {st.words}
        </span>
        <span className="io-row-actions">
          <button type="button" className="btn btn-small" data-testid="import-row-edit" disabled={busy} aria-expanded={editing} onClick={() => editRow(editing ? null : row.line)}>
            {editing ? 'Close' : 'Edit'}
          </button>
          <button type="button" className="btn btn-small btn-ghost" data-testid="import-row-skip" disabled={busy} onClick={() => toggleSkip(row.line)}>
            {row.skip ? 'Include' : 'Skip'}
          </button>
        </span>
      </div>
      {row.errors.length && !row.skip ? (
        <ul className="io-issues" data-testid="import-row-errors">
          {row.errors.map((e, i) => (
            <li key={i} data-field={e.field}>
              <strong>{FIELD_LABELS[e.field]}:</strong> {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      {warnings.length && !row.skip ? (
        <ul className="io-issues io-warnings" data-testid="import-row-warnings">
          {warnings.map((w, i) => (
            <li key={i} data-field={w.field}>
              {w.message}
            </li>
          ))}
        </ul>
      ) : null}
      {editing ? <RowEditor row={row} /> : null}
    </li>
  );
}

function Progress() {
  const progress = useImportStore((s) => s.progress);
  const total = progress?.total ?? 0;
  const counted = (progress?.phase === 'media' || progress?.phase === 'checking') && total > 0;
  const words =
    progress?.phase === 'media'
      ? `Copying media into your library: ${progress.done} of ${total}`
      : progress?.phase === 'saving'
        ? `Saving ${plural(total, 'post')}…`
        : progress?.phase === 'checking' && total
          ? `${count(progress.done)} of ${count(total)} rows checked`
          : 'Checking the rows…';
  return (
    <div className="io-progress" data-testid="import-progress" role="status">
      <progress aria-label="Import progress" max={counted ? total : undefined} value={counted ? progress.done : undefined} />
      <span>{words}</span>
      <button type="button" className="btn btn-small" data-testid="import-cancel" disabled={progress?.phase === 'saving'} onClick={() => void cancelImport()}>
        Cancel
      </button>
    </div>
  );
}

/** Notes many rows share ("No X account is connected yet") are said once, above the rows. */
function commonNotes(rows: readonly ImportRowResultDto[]): { message: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const r of rows) if (!r.skip) for (const m of new Set(r.warnings.map((w) => w.message))) counts.set(m, (counts.get(m) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([message, count]) => ({ message, count }));
}

/** Every row of the file with its problems; the import waits until each is fixed or skipped. */
export function ImportPreview() {
  const rows = useImportStore((s) => s.rows);
  const fileName = useImportStore((s) => s.fileName);
  const layout = useImportStore((s) => s.layout);
  const zone = useImportStore((s) => s.zone);
  const columns = useImportStore((s) => s.columns);
  const onlyProblems = useImportStore((s) => s.onlyProblems);
  const stage = useImportStore((s) => s.stage);
  const page = useImportStore((s) => s.page);
  const blocking = blockingRows(rows);
  const ready = readyRows(rows);
  const skipped = rows.filter((r) => r.skip).length;
  const ignored = columns.filter((c) => c.field === null && c.header);
  const notes = commonNotes(rows);
  const common = new Set(notes.map((n) => n.message));
  const shown = onlyProblems ? rows.filter((r) => !r.skip && (r.errors.length || r.warnings.some((w) => !common.has(w.message)))) : rows;
  // One page at a time; a page past the end (rows fixed away under "only problems") shows the last.
  const current = Math.min(page, Math.max(0, Math.ceil(shown.length / PAGE_SIZE) - 1));
  const onPage = shown.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);

  return (
    <div className="io-preview" data-testid="import-preview">
      <div className="io-preview-head">
        <div>
          <p className="io-file">
            <strong>{fileName}</strong> · {layout === 'hootsuite' ? 'Hootsuite bulk-composer layout' : 'Loomcast columns'} · times without a zone in {zone}
          </p>
          <p className="io-summary" data-testid="import-summary">
            {plural(rows.length, 'row')} · {ready.length} ready · {blocking.length} with problems{skipped ? ` · ${skipped} skipped` : ''}
          </p>
          {ignored.length ? <p className="io-help">Not imported: the columns {ignored.map((c) => `“${c.header}”`).join(', ')}.</p> : null}
        </div>
        <button type="button" className="btn btn-ghost btn-small" onClick={startOver} disabled={stage === 'importing'}>
          Choose another file
        </button>
      </div>

      <div className="io-toolbar">
        <label className="io-check">
          <input type="checkbox" data-testid="import-only-problems" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} />
          Only rows with problems
        </label>
        {stage === 'importing' ? (
          <Progress />
        ) : (
          <div className="io-commit">
            {blocking.length ? (
              <span className="io-help" data-testid="import-blocked">
                Fix or skip {plural(blocking.length, 'row')} to import.
              </span>
            ) : null}
            {blocking.length > 1 ? (
              <button type="button" className="btn btn-small" data-testid="import-skip-problems" onClick={skipProblemRows}>
                Skip the {blocking.length} with problems
              </button>
            ) : null}
            <button type="button" className="btn btn-primary" data-testid="import-commit" disabled={blocking.length > 0 || ready.length === 0} onClick={() => void commitImport()}>
              Import {plural(ready.length, 'post')}
            </button>
          </div>
        )}
      </div>

      {notes.length ? (
        <ul className="io-notes" data-testid="import-notes">
          {notes.map((n) => (
            <li key={n.message}>
              {n.message} <span className="muted">({plural(n.count, 'row')})</span>
            </li>
          ))}
        </ul>
      ) : null}

      <RowPager total={shown.length} page={current} where="top" />
      <ol className="io-rows" aria-label="Rows of the file" data-testid="import-rows">
        {onPage.map((r) => (
          <ImportRow key={r.line} row={r} common={common} />
        ))}
      </ol>
      <RowPager total={shown.length} page={current} where="bottom" />
      {shown.length === 0 ? <p className="muted">No row has a problem.</p> : null}
    </div>
  );
}
