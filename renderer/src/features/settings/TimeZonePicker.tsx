import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import './zone-picker.css';

export interface ZoneOption {
  value: string;
  /** "Asia/Tokyo · JST, UTC+9": the zone with its offset today. */
  label: string;
}

/** Lower case, underscores and runs of spaces as one space, so "new york" finds America/New_York. */
const fold = (s: string) => s.toLowerCase().replace(/[_\s]+/g, ' ').trim();

/**
 * A searchable time-zone field (the ARIA combobox pattern): type to filter the ~400 zones, move
 * with the arrow keys, Enter picks, Escape puts back the zone that was there.
 */
export function TimeZonePicker({ id, zones, value, onPick }: { id: string; zones: ZoneOption[]; value: string; onPick: (zone: string) => void }) {
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const listId = `${id}-list`;

  const shown = useMemo(() => {
    const q = query === null ? '' : fold(query);
    return q ? zones.filter((z) => fold(z.label).includes(q) || fold(z.value).includes(q)) : zones;
  }, [zones, query]);
  const current = zones.find((z) => z.value === value);

  useEffect(() => {
    if (!open) return;
    list.current?.querySelector(`#${CSS.escape(`${id}-opt-${active}`)}`)?.scrollIntoView({ block: 'nearest' });
  }, [open, active, id]);

  const openList = (q: string | null) => {
    setOpen(true);
    const at = q === null ? zones.findIndex((z) => z.value === value) : 0;
    setActive(Math.max(0, at));
  };
  const close = () => {
    setOpen(false);
    setQuery(null);
  };
  const pick = (zone: ZoneOption | undefined) => {
    if (!zone) return;
    close();
    if (zone.value !== value) onPick(zone.value);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const last = shown.length - 1;
    const move = (to: number) => {
      e.preventDefault();
      if (!open) openList(query);
      else setActive(Math.min(Math.max(to, 0), Math.max(last, 0)));
    };
    if (e.key === 'ArrowDown') move(active + 1);
    else if (e.key === 'ArrowUp') move(active - 1);
    else if (e.key === 'PageDown') move(active + 10);
    else if (e.key === 'PageUp') move(active - 10);
    else if (e.key === 'Enter' && open) {
      e.preventDefault();
      pick(shown[active]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      close();
    }
  };

  return (
    <div className="zone-picker">
      <input
        id={id}
        data-testid="settings-timezone"
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && shown[active] ? `${id}-opt-${active}` : undefined}
        aria-describedby={`${id}-now`}
        value={query ?? value}
        onChange={(e) => {
          setQuery(e.target.value);
          openList(e.target.value);
        }}
        onFocus={(e) => e.target.select()}
        onClick={() => (open ? undefined : openList(query))}
        onBlur={close}
        onKeyDown={onKeyDown}
      />
      <p id={`${id}-now`} className="setting-help" data-testid="settings-timezone-now">
        {current ? `Now ${current.label.split(' · ')[1] ?? ''}` : null}
      </p>
      <ul id={listId} ref={list} role="listbox" aria-label="Time zones" className="zone-list" hidden={!open} data-testid="settings-timezone-list">
        {open
          ? shown.map((z, i) => (
              <li
                key={z.value}
                id={`${id}-opt-${i}`}
                role="option"
                aria-selected={z.value === value}
                className="zone-option"
                data-active={i === active || undefined}
                data-zone={z.value}
                data-testid="settings-timezone-option"
                // Keep focus in the field so the list does not close before the click lands.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(z)}
              >
                {z.label}
              </li>
            ))
          : null}
        {open && shown.length === 0 ? (
          <li role="option" aria-selected={false} aria-disabled="true" className="zone-option zone-none">
            No time zone matches “{query}”
          </li>
        ) : null}
      </ul>
      <p className="visually-hidden" role="status">
        {open && query ? `${shown.length} ${shown.length === 1 ? 'zone matches' : 'zones match'}` : ''}
      </p>
    </div>
  );
}
