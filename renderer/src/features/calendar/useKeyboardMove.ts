import { useEffect } from 'react';
import { announce, useCalendarStore } from './calendar.store';
import type { CalendarView } from './calendar-route';
import { moveKey } from './move';

/**
 * While a post is being moved with the keyboard, the arrow keys, Enter and Escape are the
 * move's, wherever focus is (the grid may page to another month under it). A click elsewhere
 * or leaving the grid views cancels the move.
 */
export function useKeyboardMove(view: CalendarView, days: readonly string[], zone: string): void {
  const moving = useCalendarStore((s) => s.move !== null);

  useEffect(() => {
    if (!moving) return;
    if (view === 'list') {
      useCalendarStore.setState({ move: null });
      return;
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (moveKey(e.key, view, days, zone, Date.now())) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    const onPointer = () => {
      useCalendarStore.setState({ move: null });
      announce('Move cancelled.');
    };
    // Capture: the move sees the key before the chip (Enter would open it) or the panel (Escape).
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('pointerdown', onPointer, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('pointerdown', onPointer, true);
    };
  }, [moving, view, days, zone]);
}
