import { useEffect, useId, useRef } from 'react';
import { IMPORT_FIELDS, type ImportField, type ImportFieldsDto, type ImportRowResultDto } from '../../../../shared/contract/features/io';
import { FIELD_LABELS } from './fields';
import { useImportStore } from './import.store';
import { editRow, keepRowEdit, saveRow } from './useImport';

const LONG: ReadonlySet<ImportField> = new Set(['text', 'firstComment', 'altText']);

const HINTS: Partial<Record<ImportField, string>> = {
  when: '2026-12-01 09:30, or 2026-12-01T09:30:00+01:00',
  zone: 'Empty: the import’s zone',
  accounts: 'x; bluesky; mastodon:@you@example.social',
  media: 'Full file paths, separated by |',
  altText: 'One per media file, separated by |',
};

/** Every field of one row, editable; the core checks the result before it replaces the row. */
export function RowEditor({ row }: { row: ImportRowResultDto }) {
  // Kept in the store, not here: Escape, Close or another row's Edit closes this one without losing them.
  const fields: ImportFieldsDto = useImportStore((s) => s.rowEdits[row.line]) ?? row.fields;
  const checking = useImportStore((s) => s.checking === row.line);
  const first = useRef<HTMLElement | null>(null);
  const id = useId();
  const errorsFor = (f: ImportField) => row.errors.filter((e) => e.field === f);

  useEffect(() => {
    // Straight to the first field with a problem, or the first field.
    const bad = row.errors[0]?.field;
    const target = bad && bad !== 'row' ? document.getElementById(`${id}-${bad}`) : first.current;
    target?.focus();
    // Only when the editor opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <form
      className="io-editor"
      data-testid="import-row-editor"
      aria-label={`Edit line ${row.line}`}
      onSubmit={(e) => {
        e.preventDefault();
        void saveRow(row.line, fields);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          editRow(null);
        }
      }}
    >
      <div className="io-editor-grid">
        {IMPORT_FIELDS.map((f, i) => {
          const errors = errorsFor(f);
          const fieldId = `${id}-${f}`;
          const describedBy = [HINTS[f] ? `${fieldId}-hint` : null, errors.length ? `${fieldId}-error` : null].filter(Boolean).join(' ') || undefined;
          const common = {
            id: fieldId,
            'data-testid': `import-field-${f}`,
            value: fields[f],
            'aria-invalid': errors.length ? true : undefined,
            'aria-describedby': describedBy,
            onChange: (e: { target: { value: string } }) => keepRowEdit(row.line, { ...fields, [f]: e.target.value }),
          };
          return (
            <div key={f} className={LONG.has(f) ? 'field io-wide' : 'field'}>
              <label htmlFor={fieldId} className="field-label">
                {FIELD_LABELS[f]}
              </label>
              {LONG.has(f) ? (
                <textarea {...common} className="io-input io-textarea" rows={f === 'text' ? 4 : 2} ref={i === 0 ? (el) => void (first.current = el) : undefined} />
              ) : (
                <input {...common} className="io-input" ref={i === 0 ? (el) => void (first.current = el) : undefined} />
              )}
              {HINTS[f] ? (
                <span id={`${fieldId}-hint`} className="io-help">
                  {HINTS[f]}
                </span>
              ) : null}
              {errors.length ? (
                <span id={`${fieldId}-error`} className="field-error">
                  {errors.map((e) => e.message).join(' ')}
                </span>
              ) : null}
            </div>
          );
        })}
      </div>
      <div className="io-editor-actions">
        <button type="submit" className="btn btn-primary btn-small" data-testid="import-row-save" disabled={checking}>
          {checking ? 'Checking…' : 'Check and keep'}
        </button>
        <button
          type="button"
          className="btn btn-small"
          data-testid="import-row-cancel"
          onClick={() => {
            keepRowEdit(row.line, null);
            editRow(null);
          }}
        >
          Cancel
        </button>
        <span className="io-help">
          <kbd>Esc</kbd> closes, keeping what you typed
        </span>
      </div>
    </form>
  );
}
