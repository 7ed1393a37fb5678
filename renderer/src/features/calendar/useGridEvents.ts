import { useMemo, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { openPost } from '../../app/ui.store';
import { useCalendarStore, type DropSpot } from './calendar.store';
import type { CalendarView } from './calendar-route';
import { reschedule, startMove } from './move';
import type { Chip } from './placement';
import { scheduleItem } from './sidebar/schedule-item';
import { useSidebarStore } from './sidebar/sidebar.store';

const sameSpot = (a: DropSpot | null, b: DropSpot | null) => a?.day === b?.day && a?.minutes === b?.minutes;

const chipKeyOf = (target: EventTarget | null) => (target instanceof Element ? target.closest<HTMLElement>('[data-chip]')?.dataset.chip : undefined);

/**
 * One set of listeners on the grid for every chip in it: click opens the post, M starts a
 * keyboard move, and a mouse drag moves it to the day (month) or slot (week) it is dropped on.
 * `spotAt` says which day or slot an event is over.
 */
export function useGridEvents(opts: {
  view: CalendarView;
  chips: ReadonlyMap<string, Chip>;
  days: readonly string[];
  zone: string;
  nowMs: number;
  spotAt: (e: DragEvent<HTMLElement>) => DropSpot | null;
}) {
  const { view, chips, days, zone, nowMs, spotAt } = opts;
  return useMemo(
    () => ({
      onClick(e: MouseEvent<HTMLElement>) {
        const chip = chips.get(chipKeyOf(e.target) ?? '');
        if (chip) openPost(chip.post.id);
      },
      onKeyDown(e: KeyboardEvent<HTMLElement>) {
        if (e.ctrlKey || e.metaKey || e.altKey || (e.key !== 'm' && e.key !== 'M')) return;
        const chip = chips.get(chipKeyOf(e.target) ?? '');
        if (!chip || useCalendarStore.getState().move) return;
        e.preventDefault();
        startMove(chip, view, days, zone, nowMs);
      },
      onDragStart(e: DragEvent<HTMLElement>) {
        const chip = chips.get(chipKeyOf(e.target) ?? '');
        if (!chip?.movable) {
          e.preventDefault();
          return;
        }
        e.dataTransfer.setData('text/plain', chip.post.id);
        e.dataTransfer.effectAllowed = 'move';
        useCalendarStore.setState({ drag: chip, dragSpot: null, move: null });
      },
      onDragOver(e: DragEvent<HTMLElement>) {
        // A chip from the grid, or a draft or idea from the sidebar.
        if (!useCalendarStore.getState().drag && !useSidebarStore.getState().dragging) return;
        const spot = spotAt(e);
        if (!spot) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        if (!sameSpot(spot, useCalendarStore.getState().dragSpot)) useCalendarStore.setState({ dragSpot: spot });
      },
      onDragLeave(e: DragEvent<HTMLElement>) {
        if (!(e.relatedTarget instanceof Node) || !e.currentTarget.contains(e.relatedTarget)) useCalendarStore.setState({ dragSpot: null });
      },
      onDrop(e: DragEvent<HTMLElement>) {
        const chip = useCalendarStore.getState().drag;
        const item = useSidebarStore.getState().dragging;
        const spot = spotAt(e);
        useCalendarStore.setState({ drag: null, dragSpot: null });
        useSidebarStore.setState({ dragging: null, lifted: false });
        if (item && spot) {
          e.preventDefault();
          void scheduleItem(item, spot.day, spot.minutes, zone);
          return;
        }
        if (!chip || !spot) return;
        e.preventDefault();
        void reschedule(chip.post, chip.at, chip.minutes, spot, zone);
      },
      onDragEnd() {
        useCalendarStore.setState({ drag: null, dragSpot: null });
      },
    }),
    [view, chips, days, zone, nowMs, spotAt],
  );
}
