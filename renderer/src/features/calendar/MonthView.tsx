import { useCallback, useMemo, useState, type DragEvent, type FocusEvent, type KeyboardEvent } from 'react';
import { useUiStore } from '../../app/ui.store';
import { dayMonth, plural, wallTime } from '../../lib/format';
import { useCalendarStore } from './calendar.store';
import { dayLabel, dayNumber, periodTitle, startOfMonth, type DayFrame } from './grid';
import { useChipPreview } from './ChipPreview';
import { MoreList } from './MoreList';
import type { Chip } from './placement';
import { PostChip } from './PostChip';
import { useGridEvents } from './useGridEvents';
import { useGridNav } from './useGridNav';
import './calendar-nav.css';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
/** A day shows this many chips; more than that folds into "+N more". */
const SHOWN = 3;

/** What a day draws: its first chips, and how many fold into "+N more". */
function dayItems(list: readonly Chip[]): { shown: readonly Chip[]; hidden: number } {
  const shown = list.length > SHOWN + 1 ? list.slice(0, SHOWN) : list;
  return { shown, hidden: list.length - shown.length };
}

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
  /** The month's posts are still on their way (`data-ready` marks the month drawn with them). */
  loading: boolean;
}

/**
 * Six weeks at most, Monday first; each day its first few chips in time order. A grid for
 * screen readers and the keyboard: one Tab stop, arrows between days, Enter into a day's chips.
 */
export function MonthView({ frames, chipsByDay, chips, month, today, zone, nowMs, loading }: Props) {
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
  const counts = useMemo(
    () =>
      days.map((_, i) => {
        const { shown, hidden } = dayItems(chipsByDay[i] ?? []);
        return shown.length + (hidden > 0 ? 1 : 0);
      }),
    [days, chipsByDay],
  );
  const inMonth = useCallback((day: string) => day.slice(0, 7) === month.slice(0, 7), [month]);
  const { root: gridRoot, tabIndexOf, onKeyDown: navKeys, onFocus: navFocus } = useGridNav({ view: 'month', days, counts, today, first: startOfMonth(month), inPeriod: inMonth });
  // M (start a move) first: the grid's keys then see it was taken.
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    events.onKeyDown(e);
    navKeys(e);
  };
  const onFocus = (e: FocusEvent<HTMLElement>) => {
    navFocus(e);
    preview.handlers.onFocus(e);
  };
  const weeks = Array.from({ length: days.length / 7 }, (_, w) => w * 7);

  const cell = (day: string, i: number) => {
    const list = chipsByDay[i] ?? [];
    const { shown, hidden } = dayItems(list);
    const isTarget = day === moveDay || day === dragDay;
    return (
      <div
        key={day}
        role="gridcell"
        className="month-day"
        data-testid="month-day"
        data-day={day}
        data-nav-day={day}
        tabIndex={tabIndexOf(day, null)}
        data-drop-day={day}
        data-outside={day.slice(0, 7) !== month.slice(0, 7) ? 'true' : undefined}
        data-today={day === today ? 'true' : undefined}
        data-past={day < today ? 'true' : undefined}
        data-drop={isTarget ? 'true' : undefined}
        aria-label={`${dayLabel(day, today, true)}${day === today ? ', today' : ''}: ${list.length ? plural(list.length, 'post') : 'nothing planned'}`}
      >
        <span className="month-day-number" aria-hidden="true">
          {dayNumber(day) === 1 ? dayMonth(day, { withYear: day.slice(0, 4) !== today.slice(0, 4) }) : dayNumber(day)}
        </span>
        <div className="month-day-chips">
          {shown.map((chip, n) => (
            <PostChip key={chip.key} chip={chip} selected={chip.post.id === openId} moving={move?.chipKey === chip.key} tabIndex={tabIndexOf(day, n)} navItem />
          ))}
          {hidden > 0 ? (
            <button
              type="button"
              className="more-button"
              data-testid="month-more"
              data-nav-item=""
              tabIndex={tabIndexOf(day, shown.length)}
              aria-expanded={moreDay === day}
              onClick={() => setMoreDay(moreDay === day ? null : day)}
            >
              +{hidden} more
            </button>
          ) : null}
          {move && day === moveDay ? (
            <span className="move-ghost" data-testid="move-ghost">
              Drop here · {wallTime(move.fromMinutes)}
            </span>
          ) : null}
        </div>
        {moreDay === day ? <MoreList title={dayLabel(day, today, true)} chips={list} openId={openId} movingKey={move?.chipKey ?? null} onClose={closeMore} /> : null}
      </div>
    );
  };

  return (
    <div
      className={dragging ? 'month calendar-grid is-dragging' : 'month calendar-grid'}
      data-testid="month-view"
      data-ready={loading ? undefined : 'true'}
      {...events}
      {...preview.handlers}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
    >
      <div className="month-head" aria-hidden="true">
        {WEEKDAYS.map((d) => (
          <span key={d}>{d}</span>
        ))}
      </div>
      <div
        ref={gridRoot}
        className="month-body"
        role="grid"
        aria-label={periodTitle('month', month)}
        style={{
          gridTemplateRows: `repeat(${days.length / 7}, minmax(104px, 1fr))`,
        }}
      >
        {weeks.map((w) => (
          <div key={days[w]} role="row" className="month-row">
            {days.slice(w, w + 7).map((day, k) => cell(day, w + k))}
          </div>
        ))}
      </div>
      {preview.preview}
    </div>
  );
}
