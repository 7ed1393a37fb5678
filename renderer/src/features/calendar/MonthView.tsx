import { useCallback, useMemo, useState, type DragEvent } from 'react';
import { useUiStore } from '../../app/ui.store';
import { plural } from '../../lib/format';
import { useCalendarStore } from './calendar.store';
import { dayLabel, dayNumber, hhmm, type DayFrame } from './grid';
import { useChipPreview } from './ChipPreview';
import { MoreList } from './MoreList';
import type { Chip } from './placement';
import { PostChip } from './PostChip';
import { useGridEvents } from './useGridEvents';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
/** A day shows this many chips; more than that folds into "+N more". */
const SHOWN = 3;

const spotAt = (e: DragEvent<HTMLElement>) => {
  const day = (e.target as Element).closest<HTMLElement>('[data-drop-day]')?.dataset.dropDay;
  return day ? { day, minutes: null } : null;
};

interface Props {
  frames: readonly DayFrame[];
  chipsByDay: readonly Chip[][];
  chips: ReadonlyMap<string, Chip>;
  month: string;
  today: string;
  zone: string;
  nowMs: number;
}

/** Six weeks at most, Monday first; each day its first few chips in time order. */
export function MonthView({ frames, chipsByDay, chips, month, today, zone, nowMs }: Props) {
  const days = useMemo(() => frames.map((f) => f.key), [frames]);
  const openId = useUiStore((s) => s.openPostId);
  const move = useCalendarStore((s) => s.move);
  const dragging = useCalendarStore((s) => s.drag !== null);
  const dragDay = useCalendarStore((s) => s.dragSpot?.day ?? null);
  const [moreDay, setMoreDay] = useState<string | null>(null);
  const closeMore = useCallback(() => setMoreDay(null), []);
  // A move shows where the post would land; an open list would hide it.
  if (move && moreDay) setMoreDay(null);
  const events = useGridEvents({ view: 'month', chips, days, zone, nowMs, spotAt });
  const moveDay = move?.spot.day ?? null;
  const preview = useChipPreview({ chips, days, today });

  return (
    <div className={dragging ? 'month calendar-grid is-dragging' : 'month calendar-grid'} data-testid="month-view" {...events} {...preview.handlers}>
      <div className="month-head" aria-hidden="true">
        {WEEKDAYS.map((d) => (
          <span key={d}>{d}</span>
        ))}
      </div>
      <div className="month-body" style={{ gridTemplateRows: `repeat(${days.length / 7}, minmax(104px, 1fr))` }}>
        {days.map((day, i) => {
          const list = chipsByDay[i] ?? [];
          const shown = list.length > SHOWN + 1 ? list.slice(0, SHOWN) : list;
          const hidden = list.length - shown.length;
          const isTarget = day === moveDay || day === dragDay;
          return (
            <section
              key={day}
              className="month-day"
              data-testid="month-day"
              data-day={day}
              data-drop-day={day}
              data-outside={day.slice(0, 7) !== month.slice(0, 7) ? 'true' : undefined}
              data-today={day === today ? 'true' : undefined}
              data-past={day < today ? 'true' : undefined}
              data-drop={isTarget ? 'true' : undefined}
              aria-label={`${dayLabel(day, today, true)}${day === today ? ', today' : ''}: ${list.length ? plural(list.length, 'post') : 'nothing planned'}`}
            >
              <span className="month-day-number" aria-hidden="true">
                {dayNumber(day) === 1 ? dayLabel(day, today).replace(/^\S+ /, '') : dayNumber(day)}
              </span>
              <div className="month-day-chips">
                {shown.map((chip) => (
                  <PostChip key={chip.key} chip={chip} selected={chip.post.id === openId} moving={move?.chipKey === chip.key} />
                ))}
                {hidden > 0 ? (
                  <button type="button" className="more-button" data-testid="month-more" aria-expanded={moreDay === day} onClick={() => setMoreDay(moreDay === day ? null : day)}>
                    +{hidden} more
                  </button>
                ) : null}
                {move && day === moveDay ? (
                  <span className="move-ghost" data-testid="move-ghost">
                    Drop here · {hhmm(move.fromMinutes)}
                  </span>
                ) : null}
              </div>
              {moreDay === day ? (
                <MoreList title={dayLabel(day, today, true)} chips={list} openId={openId} movingKey={move?.chipKey ?? null} onClose={closeMore} />
              ) : null}
            </section>
          );
        })}
      </div>
      {preview.preview}
    </div>
  );
}
