import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export interface FilterOption {
  value: string;
  label: ReactNode;
  /** Plain words for the summary on the button. */
  text: string;
}

/**
 * A button that opens a list of checkboxes. Nothing checked means no filter. Escape or a
 * click elsewhere closes it; focus goes back to the button.
 */
export function FilterMenu({ label, options, selected, onChange, empty, testId }: { label: string; options: FilterOption[]; selected: string[]; onChange: (next: string[]) => void; empty?: ReactNode; testId: string }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    box.current?.querySelector<HTMLElement>('input, a, button')?.focus();
    const onPointer = (e: PointerEvent) => {
      if (!box.current?.parentElement?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const names = options.filter((o) => selected.includes(o.value)).map((o) => o.text);
  const summary = names.length === 0 ? 'All' : names.length === 1 ? names[0] : `${names.length} selected`;
  const toggle = (value: string) => onChange(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value]);

  return (
    <div className="filter">
      <button
        ref={button}
        type="button"
        className={selected.length ? 'btn btn-small filter-button is-active' : 'btn btn-small filter-button'}
        aria-expanded={open}
        aria-controls={id}
        data-testid={testId}
        onClick={() => setOpen(!open)}
      >
        {label}: <span className="filter-summary">{summary}</span>
        <span className="filter-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open ? (
        <div
          ref={box}
          id={id}
          className="filter-menu"
          role="group"
          aria-label={`Filter by ${label.toLowerCase()}`}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
              button.current?.focus();
            }
          }}
        >
          {options.length === 0 ? <div className="filter-empty">{empty}</div> : null}
          {options.map((o) => (
            <label key={o.value} className="filter-option" data-testid={`${testId}-${o.value}`}>
              <input type="checkbox" checked={selected.includes(o.value)} onChange={() => toggle(o.value)} />
              {o.label}
            </label>
          ))}
          {selected.length > 0 ? (
            <button type="button" className="btn btn-ghost btn-small" onClick={() => onChange([])}>
              Show all
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
