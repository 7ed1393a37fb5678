import { useCallback, useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useCalendarStore } from './calendar.store';
import { goToCalendar } from './calendar-route';
import { navigate, settle, type GridPos, type NavContext } from './grid-nav';

const CELL = '[data-nav-day]';
const ITEM = '[data-nav-item]';

/** The day cell and item index an element is, or is inside; null inside the "+N more" list. */
function posOf(target: EventTarget | null): GridPos | null {
  if (!(target instanceof Element) || target.closest('.more-list')) return null;
  const cell = target.closest<HTMLElement>(CELL);
  if (!cell) return null;
  const item = target.closest<HTMLElement>(ITEM);
  if (!item) return { day: cell.dataset.navDay!, item: null };
  const index = [...cell.querySelectorAll(ITEM)].indexOf(item);
  return { day: cell.dataset.navDay!, item: index < 0 ? null : index };
}

function elementAt(root: HTMLElement | null, pos: GridPos): HTMLElement | null {
  const cell = root?.querySelector<HTMLElement>(`${CELL}[data-nav-day="${pos.day}"]`) ?? null;
  if (!cell || pos.item === null) return cell;
  return cell.querySelectorAll<HTMLElement>(ITEM)[pos.item] ?? cell;
}

/**
 * Roving focus for the month and week grids: the grid is one Tab stop, the arrow keys move it
 * (see grid-nav.ts), and a click or a programmatic focus moves it too. The views draw
 * `tabIndexOf(day, item)`: 0 on the one stop, -1 elsewhere. While a post is being moved with
 * the keyboard, the keys are the move's (useKeyboardMove takes them first).
 */
export function useGridNav(opts: { view: 'month' | 'week'; days: readonly string[]; counts: readonly number[]; today: string; first: string; inPeriod: (day: string) => boolean }) {
  const { view, days, counts, today, first, inPeriod } = opts;
  const root = useRef<HTMLDivElement>(null);
  const [wanted, setWanted] = useState<GridPos | null>(null);
  /** Set by a key: the next draw puts DOM focus on the new stop (a click already has it). */
  const focusNext = useRef(false);

  const ctx = useMemo<NavContext>(() => {
    const index = new Map(days.map((d, i) => [d, i]));
    return { view, days, items: (day) => counts[index.get(day) ?? -1] ?? 0 };
  }, [view, days, counts]);
  const pos = settle(wanted, { ...ctx, today, first, inPeriod });

  useLayoutEffect(() => {
    if (!focusNext.current) return;
    // Turned to another month or week: wait for its days before moving focus.
    if (wanted && !days.includes(wanted.day)) return;
    focusNext.current = false;
    elementAt(root.current, pos)?.focus({ preventScroll: view === 'week' && pos.item === null });
  });

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || e.defaultPrevented) return;
      if (useCalendarStore.getState().move) return;
      const at = posOf(e.target);
      if (!at) return;
      const next = navigate(at, e.key, ctx);
      if (!next) return;
      e.preventDefault();
      focusNext.current = true;
      setWanted(next.pos);
      if (next.page) goToCalendar(view, next.pos.day);
    },
    [ctx, view],
  );

  const onFocus = useCallback((e: FocusEvent<HTMLElement>) => {
    const at = posOf(e.target);
    if (at) setWanted((w) => (w && w.day === at.day && w.item === at.item ? w : at));
  }, []);

  const tabIndexOf = useCallback((day: string, item: number | null) => (pos.day === day && pos.item === item ? 0 : -1), [pos.day, pos.item]);

  return { root, onKeyDown, onFocus, tabIndexOf, pos };
}
