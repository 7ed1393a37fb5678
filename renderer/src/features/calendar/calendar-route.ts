import { isDayKey } from './grid';

export const CALENDAR_VIEWS = ['month', 'week', 'list'] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];

export const VIEW_LABELS: Record<CalendarView, string> = { month: 'Month', week: 'Week', list: 'List' };

const VIEW_KEY = 'loomcast.calendar.view';

/**
 * The calendar's view and day live in the hash (#/calendar/week/2026-11-23), so a reload,
 * a bookmark or the back button lands on the same grid. #/calendar alone opens the view used
 * last, the list the first time.
 */
export function parseCalendarParam(param: string | null): { view: CalendarView | null; date: string | null } {
  const [view, date] = (param ?? '').split('/');
  return {
    view: (CALENDAR_VIEWS as readonly string[]).includes(view ?? '') ? (view as CalendarView) : null,
    date: isDayKey(date) ? date : null,
  };
}

export function rememberedView(): CalendarView {
  try {
    const v = localStorage.getItem(VIEW_KEY);
    return (CALENDAR_VIEWS as readonly string[]).includes(v ?? '') ? (v as CalendarView) : 'list';
  } catch {
    return 'list';
  }
}

export function goToCalendar(view: CalendarView, date?: string): void {
  try {
    localStorage.setItem(VIEW_KEY, view);
  } catch {
    // Private windows may refuse storage; the hash still carries the view.
  }
  const next = `#/calendar/${view}${date && view !== 'list' ? `/${date}` : ''}`;
  if (window.location.hash !== next) window.location.hash = next;
}
