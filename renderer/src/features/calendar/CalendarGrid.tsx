import { useMemo } from 'react';
import { navigate } from '../../app/router';
import { startNewPost } from '../../app/TopBar';
import { useUiStore } from '../../app/ui.store';
import { Icon } from '../../ui/Icon';
import { ProblemNote } from '../../ui/ProblemNote';
import { clearFilters, filtersActive, useCalendarStore } from './calendar.store';
import { frames as toFrames, periodTitle } from './grid';
import { MonthView } from './MonthView';
import { placeChips, type Chip } from './placement';
import { gridSearchSpoken, SearchAnnouncer } from './SearchAnnouncer';
import { useCalendarRange } from './useCalendarRange';
import { WeekView } from './WeekView';

interface Props {
  view: 'month' | 'week';
  days: readonly string[];
  anchor: string;
  today: string;
  zone: string;
  nowMs: number;
}

/** Fetches the visible days, places the posts on them once, and draws the month or the week. */
export function CalendarGrid({ view, days, anchor, today, zone, nowMs }: Props) {
  const frames = useMemo(() => toFrames(days, zone), [days, zone]);
  const filters = useCalendarStore((s) => s.filters);
  const pending = useCalendarStore((s) => s.pending);
  const search = useUiStore((s) => s.search);
  const { posts, problem, loading } = useCalendarRange(frames, filters);

  const chipsByDay = useMemo(() => placeChips(posts ?? [], { days: frames, zone, filters, search, pending }), [posts, frames, zone, filters, search, pending]);
  const chips = useMemo(() => {
    const map = new Map<string, Chip>();
    for (const day of chipsByDay) for (const chip of day) map.set(chip.key, chip);
    return map;
  }, [chipsByDay]);

  const narrowed = filtersActive(filters) || search.trim() !== '';
  const period = view === 'month' ? periodTitle('month', anchor) : `the week of ${periodTitle('week', anchor)}`;
  // What a search finds in the period: the month's own days (not its neighbours' shown around
  // it), a post counted once however many times it goes out.
  const found = useMemo(() => {
    const ids = new Set<string>();
    chipsByDay.forEach((list, i) => {
      if (view === 'week' || frames[i]!.key.slice(0, 7) === anchor.slice(0, 7)) for (const chip of list) ids.add(chip.post.id);
    });
    return ids.size;
  }, [chipsByDay, frames, view, anchor]);
  const query = search.trim();

  return (
    <>
      <div className="calendar-grid-wrap" aria-busy={loading}>
        {problem ? <ProblemNote problem={problem} testId="calendar-problem" /> : null}
        {!loading && chips.size === 0 ? (
          <div className="range-empty" data-testid="calendar-range-empty">
            {narrowed ? (
              <>
                <span>No post matches {filtersActive(filters) ? 'the filters' : 'the search'} in {period}.</span>
                {filtersActive(filters) ? (
                  <button type="button" className="btn btn-small" onClick={clearFilters}>
                    Clear filters
                  </button>
                ) : null}
              </>
            ) : (
              <>
                <span>Nothing planned for {period}.</span>
                <button type="button" className="btn btn-small btn-primary" data-testid="calendar-new-post" onClick={startNewPost}>
                  <Icon name="plus" size={14} />
                  New post
                </button>
                <button type="button" className="btn btn-small" data-testid="calendar-import" onClick={() => navigate('import')}>
                  Import CSV
                </button>
              </>
            )}
          </div>
        ) : null}
        {view === 'month' ? (
          <MonthView frames={frames} chipsByDay={chipsByDay} chips={chips} month={anchor} today={today} zone={zone} nowMs={nowMs} loading={loading} />
        ) : (
          <WeekView frames={frames} chipsByDay={chipsByDay} chips={chips} today={today} zone={zone} nowMs={nowMs} loading={loading} />
        )}
      </div>
      {/* Beside the busy wrap, not in it: a live region under aria-busy may be held back. */}
      <SearchAnnouncer query={query} words={query && !loading ? gridSearchSpoken(query, found, period) : null} />
    </>
  );
}
