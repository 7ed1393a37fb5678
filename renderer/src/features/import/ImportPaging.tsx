import { useId } from 'react';
import { useImportStore } from './import.store';
import { count } from '../../lib/numbers';
import { cancelReading, showPage } from './useImport';

/** Rows on one page of the preview: a 10,000-row file is never 10,000 rows in the page at once. */
export const PAGE_SIZE = 100;


/** "2,500 of 10,000 rows checked", with a bar, while the core reads a file. */
export function CheckingProgress() {
  const progress = useImportStore((s) => (s.progress?.phase === 'checking' ? s.progress : null));
  const id = useId();
  const words = progress && progress.total ? `${count(progress.done)} of ${count(progress.total)} rows checked` : 'Reading the file…';
  return (
    <div className="io-progress io-checking" data-testid="import-checking" role="status">
      <progress id={id} aria-label="Rows checked" max={progress?.total || undefined} value={progress?.total ? progress.done : undefined} />
      <label htmlFor={id} data-testid="import-checking-words">
        {words}
      </label>
      <button type="button" className="btn btn-small" data-testid="import-checking-cancel" onClick={() => void cancelReading()}>
        Cancel
      </button>
    </div>
  );
}

/** The page of `total` rows on screen, and the way to the others. */
export function RowPager({ total, page, where }: { total: number; page: number; where: 'top' | 'bottom' }) {
  const pages = Math.ceil(total / PAGE_SIZE);
  const id = useId();
  const busy = useImportStore((s) => s.stage === 'importing');
  if (pages <= 1) return null;
  const first = page * PAGE_SIZE + 1;
  const last = Math.min(total, first + PAGE_SIZE - 1);
  return (
    <nav className="io-pager" aria-label={where === 'top' ? 'Pages of rows' : 'Pages of rows, below the list'} data-testid={`import-pager-${where}`}>
      <button type="button" className="btn btn-small" data-testid="import-page-previous" disabled={page === 0 || busy} onClick={() => showPage(page - 1)}>
        Previous
      </button>
      <label className="io-pager-pick" htmlFor={id}>
        <span className="visually-hidden">Page</span>
        <select id={id} data-testid="import-page" value={page} disabled={busy} onChange={(e) => showPage(Number(e.target.value))}>
          {Array.from({ length: pages }, (_, i) => (
            <option key={i} value={i}>
              Page {count(i + 1)} of {count(pages)}
            </option>
          ))}
        </select>
      </label>
      <span className="io-help" data-testid="import-page-range" aria-live="polite">
        Rows {count(first)}–{count(last)} of {count(total)}
      </span>
      <button type="button" className="btn btn-small" data-testid="import-page-next" disabled={page >= pages - 1 || busy} onClick={() => showPage(page + 1)}>
        Next
      </button>
    </nav>
  );
}
