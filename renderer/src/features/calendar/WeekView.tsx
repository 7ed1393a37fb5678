import { DateTime } from 'luxon';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent, type FocusEvent, type KeyboardEvent } from 'react';
import { useUiStore } from '../../app/ui.store';
import { plural, wallTime, weekdayDay } from '../../lib/format';
import { useCalendarStore } from './calendar.store';
import { dayLabel, DAY_MINUTES, hhmm, missingMinutes, periodTitle, SLOT_MINUTES, slotOf, type DayFrame } from './grid';
import { MoreList } from './MoreList';
import type { Chip } from './placement';
import { PostChip } from './PostChip';
import { useGridEvents } from './useGridEvents';
import { useGridNav } from './useGridNav';
import { SIDE_BY_SIDE, slotGroups, weekOpensAt, type SlotGroup } from './week-slots';
import './calendar-nav.css';

/** Height of one 15-minute slot; an hour is four. */
export const SLOT_PX = 18;
const HOURS = Array.from({ length: 24 }, (_, h) => h);

const spotAt = (e: DragEvent<HTMLElement>) => {
  const col = (e.target as Element).closest<HTMLElement>('[data-drop-col]');
  if (!col) return null;
  const y = e.clientY - col.getBoundingClientRect().top;
  const slot = Math.min(DAY_MINUTES / SLOT_MINUTES - 1, Math.max(0, Math.floor(y / SLOT_PX)));
  return { day: col.dataset.dropCol!, minutes: slot * SLOT_MINUTES };
};

/** How many keyboard stops a day's slots draw: their chips, a folded slot its first and "+N". */
const stopsOf = (groups: readonly SlotGroup<Chip>[]) => groups.reduce((n, g) => n + (g.chips.length > SIDE_BY_SIDE ? 2 : g.chips.length), 0);
const always = () => true;

interface Props {
  frames: readonly DayFrame[];
  chipsByDay: readonly Chip[][];
  chips: ReadonlyMap<string, Chip>;
  today: string;
  zone: string;
  nowMs: number;
  /** The week's posts are still on their way. */
  loading: boolean;
}

/**
 * Seven days of 15-minute slots, with a line at the current time on today's column. One row of
 * a grid for the keyboard: one Tab stop, Left and Right between days, Down or Enter into a day's chips.
 */
export function WeekView({ frames, chipsByDay, chips, today, zone, nowMs, loading }: Props) {
  const days = useMemo(() => frames.map((f) => f.key), [frames]);
  const openId = useUiStore((s) => s.openPostId);
  const move = useCalendarStore((s) => s.move);
  const dragging = useCalendarStore((s) => s.drag !== null);
  const dragSpot = useCalendarStore((s) => s.dragSpot);
  const [more, setMore] = useState<{ day: string; slot: number } | null>(null);
  const closeMore = useCallback(() => setMore(null), []);
  // A move shows where the post would land; an open list would hide it.
  if (move && more) setMore(null);
  const events = useGridEvents({ view: 'week', chips, days, zone, nowMs, spotAt });
  const scroller = useRef<HTMLDivElement>(null);
  const ghost = useRef<HTMLDivElement>(null);
  const groupsByDay = useMemo(() => chipsByDay.map((list) => slotGroups(list)), [chipsByDay]);
  const counts = useMemo(() => days.map((_, i) => stopsOf(groupsByDay[i] ?? [])), [days, groupsByDay]);
  const { root: gridRoot, tabIndexOf, onKeyDown: navKeys, onFocus: navFocus } = useGridNav({ view: 'week', days, counts, today, first: days[0] ?? today, inPeriod: always });
  // M (start a move) first: the grid's keys then see it was taken.
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    events.onKeyDown(e);
    navKeys(e);
  };
  const onFocus = (e: FocusEvent<HTMLElement>) => navFocus(e);

  const nowDt = DateTime.fromMillis(nowMs, { zone });
  const nowMinutes = nowDt.hour * 60 + nowDt.minute;
  const gaps = useMemo(() => frames.map((f) => (f.regular ? [] : missingMinutes(f.key, zone))), [frames, zone]);
  const spot = move?.spot ?? (dragSpot && dragSpot.minutes !== null ? { day: dragSpot.day, minutes: dragSpot.minutes } : null);

  // A new week opens an hour before its earliest post (this week too: posts later in the day
  // than the current time were off screen), an empty one at the current time or 8:00.
  const opensAt = weekOpensAt(chipsByDay, days.includes(today) ? nowMinutes : null);
  // On a whole hour, a little above it, so its label shows in full.
  const opensAtPx = Math.max(0, Math.floor(opensAt / 60) * 4 * SLOT_PX - 10);
  const weekKey = days[0];
  useLayoutEffect(() => {
    if (scroller.current) scroller.current.scrollTop = opensAtPx;
    // When the week changes and when its posts first arrive; later changes must not yank it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [weekKey, loading]);
  useEffect(() => {
    if (move) ghost.current?.scrollIntoView({ block: 'nearest' });
  }, [move]);

  return (
    <div className={dragging ? 'week calendar-grid is-dragging' : 'week calendar-grid'} data-testid="week-view" {...events} onKeyDown={onKeyDown} onFocus={onFocus}>
      <div className="week-head">
        <span className="week-gutter" aria-hidden="true" />
        {days.map((day, i) => (
          <div key={day} className="week-day-head" data-today={day === today ? 'true' : undefined} title={dayLabel(day, today, true)}>
            <span>{weekdayDay(day)}</span>
            <span className="week-day-count">{chipsByDay[i]?.length ? plural(chipsByDay[i]!.length, 'post') : ''}</span>
          </div>
        ))}
      </div>
      <div className="week-scroll" ref={scroller}>
        <div className="week-body" style={{ height: (DAY_MINUTES / SLOT_MINUTES) * SLOT_PX }}>
          <div className="week-hours" aria-hidden="true">
            {HOURS.map((h) => (
              <span key={h} style={{ top: h * 4 * SLOT_PX }}>
                {h === 0 ? '' : wallTime(h * 60)}
              </span>
            ))}
          </div>
          <div ref={gridRoot} role="grid" className="week-grid" aria-label={`Week of ${periodTitle('week', days[0] ?? today)}`}>
            <div role="row" className="week-row">
              {days.map((day, i) => {
                const list = chipsByDay[i] ?? [];
                let stop = 0;
                return (
                  <div
                    key={day}
                    role="gridcell"
                    className="week-col"
                    data-testid="week-day"
                    data-day={day}
                    data-nav-day={day}
                    tabIndex={tabIndexOf(day, null)}
                    data-drop-col={day}
                    data-today={day === today ? 'true' : undefined}
                    data-past={day < today ? 'true' : undefined}
                    aria-label={`${dayLabel(day, today, true)}${day === today ? ', today' : ''}: ${list.length ? plural(list.length, 'post') : 'nothing planned'}`}
                  >
                    {gaps[i]!.map((g) => (
                      <div
                        key={g.from}
                        className="week-gap"
                        style={{ top: (g.from / SLOT_MINUTES) * SLOT_PX, height: ((g.to - g.from) / SLOT_MINUTES) * SLOT_PX }}
                        title="The clocks skip this hour: no post can be set here"
                      />
                    ))}
                    {(groupsByDay[i] ?? []).map((g) => {
                      const folded = g.chips.length > SIDE_BY_SIDE;
                      const shown = folded ? g.chips.slice(0, 1) : g.chips;
                      return (
                        <div
                          key={g.slot}
                          className="week-slot"
                          data-slot={hhmm(g.slot * SLOT_MINUTES)}
                          data-rows={g.rows > 1 ? g.rows : undefined}
                          style={{ top: g.slot * SLOT_PX, height: g.rows * SLOT_PX }}
                        >
                          {shown.map((chip) => (
                            <PostChip key={chip.key} chip={chip} selected={chip.post.id === openId} moving={move?.chipKey === chip.key} tabIndex={tabIndexOf(day, stop++)} navItem />
                          ))}
                          {folded ? (
                            <button
                              type="button"
                              className="more-button"
                              data-testid="week-more"
                              data-nav-item=""
                              tabIndex={tabIndexOf(day, stop++)}
                              aria-expanded={more?.day === day && more.slot === g.slot}
                              onClick={() => setMore({ day, slot: g.slot })}
                            >
                              +{g.chips.length - 1}
                            </button>
                          ) : null}
                          {more?.day === day && more.slot === g.slot ? (
                            <MoreList title={`${dayLabel(day, today)}, ${wallTime(g.slot * SLOT_MINUTES)}`} chips={g.chips} openId={openId} movingKey={move?.chipKey ?? null} onClose={closeMore} />
                          ) : null}
                        </div>
                      );
                    })}
                    {spot?.day === day ? (
                      <div ref={ghost} className="week-ghost" data-testid="move-ghost" style={{ top: slotOf(spot.minutes) * SLOT_PX, height: SLOT_PX }}>
                        {wallTime(spot.minutes)}
                      </div>
                    ) : null}
                    {day === today ? <div className="now-line" data-testid="now-line" title={`Now, ${wallTime(nowMinutes)}`} style={{ top: (nowMinutes / SLOT_MINUTES) * SLOT_PX }} /> : null}
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
