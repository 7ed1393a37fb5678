import { addDays, addMonths, dayNumber, startOfWeek } from './grid';

/**
 * Where the calendar grid's one Tab stop is: a day, or one of its items (chips, then its
 * "+N more" button) in the order they are drawn. Pure: the views keep it and draw tabIndex
 * from it; the keys below move it (WAI-ARIA grid pattern, days as cells).
 */
export interface GridPos {
  day: string;
  /** Index into the day's items; null when the day itself has focus. */
  item: number | null;
}

export interface NavContext {
  view: 'month' | 'week';
  /** The days on screen, in order. */
  days: readonly string[];
  /** How many items (chips and "+N more") a day on screen shows. */
  items: (day: string) => number;
}

export interface NavResult {
  pos: GridPos;
  /** The day is not on screen: the grid turns to the month or week that holds it. */
  page: boolean;
}

const lastDayOf = (monthFirst: string) => dayNumber(addDays(addMonths(monthFirst, 1), -1));

/** The same day of the month `n` months on, or that month's last day when it is shorter. */
export function sameDayInMonth(day: string, n: number): string {
  const first = addMonths(day, n);
  return addDays(first, Math.min(dayNumber(day), lastDayOf(first)) - 1);
}

function toDay(day: string, ctx: NavContext): NavResult {
  return { pos: { day, item: null }, page: !ctx.days.includes(day) };
}

/** A day has focus: arrows move between days; Enter (and Down in the week) goes into its items. */
function fromDay(day: string, key: string, ctx: NavContext): NavResult | null {
  const week = ctx.view === 'week';
  switch (key) {
    case 'ArrowLeft':
      return toDay(addDays(day, -1), ctx);
    case 'ArrowRight':
      return toDay(addDays(day, 1), ctx);
    case 'ArrowUp':
      return week ? null : toDay(addDays(day, -7), ctx);
    case 'ArrowDown':
      if (!week) return toDay(addDays(day, 7), ctx);
      return ctx.items(day) > 0 ? { pos: { day, item: 0 }, page: false } : null;
    case 'Home':
      return toDay(startOfWeek(day), ctx);
    case 'End':
      return toDay(addDays(startOfWeek(day), 6), ctx);
    case 'PageUp':
      return toDay(week ? addDays(day, -7) : sameDayInMonth(day, -1), ctx);
    case 'PageDown':
      return toDay(week ? addDays(day, 7) : sameDayInMonth(day, 1), ctx);
    case 'Enter':
      return ctx.items(day) > 0 ? { pos: { day, item: 0 }, page: false } : null;
    default:
      return null;
  }
}

/** An item has focus: Up and Down move among the day's items, Escape goes back to the day. */
function fromItem(day: string, item: number, key: string, ctx: NavContext): NavResult | null {
  const count = ctx.items(day);
  switch (key) {
    case 'ArrowUp':
      return { pos: { day, item: item > 0 ? item - 1 : null }, page: false };
    case 'ArrowDown':
      return item + 1 < count ? { pos: { day, item: item + 1 }, page: false } : null;
    case 'Home':
      return { pos: { day, item: 0 }, page: false };
    case 'End':
      return { pos: { day, item: Math.max(0, count - 1) }, page: false };
    case 'Escape':
      return { pos: { day, item: null }, page: false };
    case 'ArrowLeft':
    case 'ArrowRight':
    case 'PageUp':
    case 'PageDown':
      return fromDay(day, key, ctx);
    default:
      // Enter and Space are the chip's own (a button): they open the post.
      return null;
  }
}

/** The next place for one key, or null when the key is not the grid's to take. */
export function navigate(pos: GridPos, key: string, ctx: NavContext): NavResult | null {
  return pos.item === null ? fromDay(pos.day, key, ctx) : fromItem(pos.day, pos.item, key, ctx);
}

/**
 * Where the Tab stop is on a freshly drawn grid, or after the days changed under it: where it
 * was if that day is still on screen (its item kept while the day still has it), else today
 * when it is on screen in the period, else the period's first day.
 */
export function settle(pos: GridPos | null, ctx: NavContext & { today: string; first: string; inPeriod: (day: string) => boolean }): GridPos {
  if (pos && ctx.days.includes(pos.day)) {
    const count = ctx.items(pos.day);
    return pos.item === null || count === 0 ? { day: pos.day, item: null } : { day: pos.day, item: Math.min(pos.item, count - 1) };
  }
  const day = ctx.days.includes(ctx.today) && ctx.inPeriod(ctx.today) ? ctx.today : ctx.first;
  return { day, item: null };
}
