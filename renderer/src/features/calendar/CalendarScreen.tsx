import { useEffect, useMemo } from 'react';
import { useRoute } from '../../app/router';
import { closePost, useUiStore } from '../../app/ui.store';
import { useZone } from '../../data/useAppData';
import { useRepeatingMarks } from '../../data/useRepeating';
import { useNow } from '../../data/useNow';
import { zoneAbbrev } from '../../lib/format';
import { Page } from '../../ui/Page';
import { useCalendarStore } from './calendar.store';
import { goToCalendar, parseCalendarParam, rememberedView } from './calendar-route';
import { CalendarGrid } from './CalendarGrid';
import { CalendarToolbar, PlanMonthButton } from './CalendarToolbar';
import { monthDays, todayIn, weekDays } from './grid';
import { ListView } from './ListView';
import { PostPanel } from './PostPanel';
import { CalendarSidebar } from './sidebar/CalendarSidebar';
import { useSidebarStore } from './sidebar/sidebar.store';
import { useKeyboardMove } from './useKeyboardMove';
import './calendar.css';
import './calendar-toolbar.css';
import './calendar-chips.css';
import './calendar-grid.css';

/** Over the month or week while searching: the grid shows only its days; the list searches every post. */
function GridSearchNote() {
  const search = useUiStore((s) => s.search).trim();
  if (!search) return null;
  return (
    <div className="search-note" data-testid="grid-search-note">
      <span>Showing these days’ posts matching “{search}”.</span>
      <button type="button" className="btn btn-ghost btn-small" data-testid="search-every-post" onClick={() => goToCalendar('list')}>
        Search every post
      </button>
    </div>
  );
}

/** What screen readers hear about the calendar: moves, drops, refusals. */
function Announcer() {
  const { text, n } = useCalendarStore((s) => s.announcement);
  // The same words twice in a row (two refusals) must be heard twice: vary the node's text.
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="calendar-announcer">
      {text}
      {n % 2 ? '\u00a0' : ''}
    </div>
  );
}

export function CalendarScreen() {
  const route = useRoute();
  const param = parseCalendarParam(route.param);
  const view = param.view ?? rememberedView();
  const zone = useZone();
  const now = useNow();
  const today = todayIn(zone, now);
  const anchor = param.date ?? today;
  const openId = useUiStore((s) => s.openPostId);
  const sidebarOpen = useSidebarStore((s) => s.open);
  const days = useMemo(() => (view === 'month' ? monthDays(anchor) : view === 'week' ? weekDays(anchor) : []), [view, anchor]);
  useKeyboardMove(view, days, zone);
  useRepeatingMarks();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && useUiStore.getState().openPostId && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)) closePost();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const layout = ['calendar-layout', openId ? 'with-panel' : '', view !== 'list' ? 'is-grid' : ''].filter(Boolean).join(' ');
  return (
    <div className={layout} data-view={view}>
      <Page
        title="Calendar"
        testId="calendar-screen"
        actions={<PlanMonthButton />}
        note={
          <>
            Times in <strong>{zone}</strong> ({zoneAbbrev(zone, now)})
          </>
        }
      >
        <CalendarToolbar view={view} anchor={anchor} today={today} />
        {view === 'list' ? (
          <ListView zone={zone} now={now} />
        ) : (
          <>
            <GridSearchNote />
            <CalendarGrid view={view} days={days} anchor={anchor} today={today} zone={zone} nowMs={now} />
          </>
        )}
        <p id="calendar-move-help" hidden>
          Press M to move this post to another day or time with the arrow keys.
        </p>
        <Announcer />
      </Page>
      {/* The sidebar and the post panel share the right side: an open post comes first. */}
      {view !== 'list' && sidebarOpen && !openId ? <CalendarSidebar zone={zone} suggestedDay={anchor} /> : null}
      {openId ? <PostPanel key={openId} id={openId} /> : null}
    </div>
  );
}
