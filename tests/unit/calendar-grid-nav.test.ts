import { describe, expect, it } from 'vitest';
import { monthDays, weekDays } from '../../renderer/src/features/calendar/grid';
import { navigate, sameDayInMonth, settle, type NavContext } from '../../renderer/src/features/calendar/grid-nav';

// December 2026: Tue 1 to Thu 31; its grid runs Mon 30 Nov to Sun 10 Jan.
const december = monthDays('2026-12-15');
const items: Record<string, number> = { '2026-12-15': 3, '2026-12-16': 4 };
const month: NavContext = { view: 'month', days: december, items: (d) => items[d] ?? 0 };
const week: NavContext = { view: 'week', days: weekDays('2026-12-15'), items: (d) => items[d] ?? 0 };
const day = (d: string) => ({ day: d, item: null });

describe('keyboard moves on the calendar grid (one Tab stop, arrows inside)', () => {
  it('moves a day with Left and Right and a week with Up and Down in the month', () => {
    expect(navigate(day('2026-12-15'), 'ArrowLeft', month)).toEqual({ pos: day('2026-12-14'), page: false });
    expect(navigate(day('2026-12-15'), 'ArrowRight', month)).toEqual({ pos: day('2026-12-16'), page: false });
    expect(navigate(day('2026-12-15'), 'ArrowUp', month)).toEqual({ pos: day('2026-12-08'), page: false });
    expect(navigate(day('2026-12-15'), 'ArrowDown', month)).toEqual({ pos: day('2026-12-22'), page: false });
    // Across the month's edge onto a day the grid still shows, then off it: the grid turns.
    expect(navigate(day('2026-12-01'), 'ArrowLeft', month)).toEqual({ pos: day('2026-11-30'), page: false });
    expect(navigate(day('2026-11-30'), 'ArrowLeft', month)).toEqual({ pos: day('2026-11-29'), page: true });
    expect(navigate(day('2027-01-10'), 'ArrowDown', month)).toEqual({ pos: day('2027-01-17'), page: true });
  });

  it('goes to the start and end of the week with Home and End, and a month on with Page Up and Down', () => {
    expect(navigate(day('2026-12-16'), 'Home', month)!.pos).toEqual(day('2026-12-14'));
    expect(navigate(day('2026-12-16'), 'End', month)!.pos).toEqual(day('2026-12-20'));
    expect(navigate(day('2026-12-16'), 'PageDown', month)).toEqual({ pos: day('2027-01-16'), page: true });
    expect(navigate(day('2026-12-16'), 'PageUp', month)).toEqual({ pos: day('2026-11-16'), page: true });
    // 31 January has no 31 February: the month's last day.
    expect(sameDayInMonth('2027-01-31', 1)).toBe('2027-02-28');
    expect(sameDayInMonth('2028-03-31', -1)).toBe('2028-02-29');
  });

  it('goes into a day’s chips with Enter, among them with Up and Down, and back with Escape', () => {
    expect(navigate(day('2026-12-15'), 'Enter', month)!.pos).toEqual({ day: '2026-12-15', item: 0 });
    expect(navigate(day('2026-12-17'), 'Enter', month)).toBeNull(); // nothing planned: nothing to enter
    const chip = (item: number) => ({ day: '2026-12-16', item });
    expect(navigate(chip(0), 'ArrowDown', month)!.pos).toEqual(chip(1));
    expect(navigate(chip(3), 'ArrowDown', month)).toBeNull(); // the last stays
    expect(navigate(chip(2), 'ArrowUp', month)!.pos).toEqual(chip(1));
    expect(navigate(chip(0), 'ArrowUp', month)!.pos).toEqual(day('2026-12-16'));
    expect(navigate(chip(2), 'End', month)!.pos).toEqual(chip(3));
    expect(navigate(chip(2), 'Home', month)!.pos).toEqual(chip(0));
    expect(navigate(chip(2), 'Escape', month)!.pos).toEqual(day('2026-12-16'));
    // Left and Right leave the chips for the next day; Enter is the chip's own (it opens the post).
    expect(navigate(chip(2), 'ArrowRight', month)!.pos).toEqual(day('2026-12-17'));
    expect(navigate(chip(2), 'Enter', month)).toBeNull();
    expect(navigate(day('2026-12-16'), 'x', month)).toBeNull();
  });

  it('in the week, Down goes into the chips and Page Up and Down turn a week', () => {
    expect(navigate(day('2026-12-15'), 'ArrowDown', week)!.pos).toEqual({ day: '2026-12-15', item: 0 });
    expect(navigate(day('2026-12-17'), 'ArrowDown', week)).toBeNull();
    expect(navigate(day('2026-12-15'), 'ArrowUp', week)).toBeNull();
    expect(navigate(day('2026-12-20'), 'ArrowRight', week)).toEqual({ pos: day('2026-12-21'), page: true });
    expect(navigate(day('2026-12-15'), 'PageDown', week)).toEqual({ pos: day('2026-12-22'), page: true });
    expect(navigate(day('2026-12-15'), 'End', week)).toEqual({ pos: day('2026-12-20'), page: false });
  });

  it('starts on today when the period shows it, else on its first day, and keeps its place while it can', () => {
    const opts = { ...month, first: '2026-12-01', inPeriod: (d: string) => d.startsWith('2026-12') };
    expect(settle(null, { ...opts, today: '2026-12-09' })).toEqual(day('2026-12-09'));
    // Today on the grid's edge belongs to another month: the month's first day instead.
    expect(settle(null, { ...opts, today: '2026-11-30' })).toEqual(day('2026-12-01'));
    expect(settle(day('2026-12-20'), { ...opts, today: '2026-12-09' })).toEqual(day('2026-12-20'));
    // A chip that went away (moved, filtered) leaves the stop on the day's last item, or the day.
    expect(settle({ day: '2026-12-16', item: 9 }, { ...opts, today: '2026-12-09' })).toEqual({ day: '2026-12-16', item: 3 });
    expect(settle({ day: '2026-12-17', item: 1 }, { ...opts, today: '2026-12-09' })).toEqual(day('2026-12-17'));
    expect(settle(day('2027-03-01'), { ...opts, today: '2026-12-09' })).toEqual(day('2026-12-09'));
  });
});
