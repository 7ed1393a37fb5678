import { describe, expect, it } from 'vitest';
import { MAX_ROWS, slotGroups, weekOpensAt, WORKDAY_START } from '../../renderer/src/features/calendar/week-slots';

const at = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return { minutes: h! * 60 + m!, name: hhmm };
};
const rows = (times: string[]) => slotGroups(times.map(at)).map((g) => [g.chips.map((c) => c.name).join('+'), g.rows]);

describe('week view slots: a chip grows into the free rows under it', () => {
  it('takes up to three rows when nothing follows closely, fewer when the next post is near', () => {
    expect(MAX_ROWS).toBe(3);
    expect(rows(['07:30', '09:45', '10:00', '10:30', '12:15'])).toEqual([
      ['07:30', 3],
      ['09:45', 1],
      ['10:00', 2],
      ['10:30', 3],
      ['12:15', 3],
    ]);
  });

  it('groups posts in the same quarter hour; two share the rows, a folded "+N" slot stays one row', () => {
    expect(rows(['08:00', '08:10', '11:00', '11:05', '11:14', '11:30'])).toEqual([
      ['08:00+08:10', 3],
      ['11:00+11:05+11:14', 1],
      ['11:30', 3],
    ]);
  });

  it('stops at the end of the day', () => {
    expect(rows(['23:30', '23:45'])).toEqual([
      ['23:30', 1],
      ['23:45', 1],
    ]);
    expect(rows(['23:15'])).toEqual([['23:15', 3]]);
    expect(rows(['23:30'])).toEqual([['23:30', 2]]);
  });
});

describe('where the week opens', () => {
  const week = (...days: string[][]) => days.map((times) => times.map(at));

  it('an hour above its earliest post, whichever day it is on, this week as well as any other', () => {
    const posts = week([], ['16:00'], [], ['15:00', '19:30'], [], [], ['10:15']);
    expect(weekOpensAt(posts, null)).toBe(9 * 60 + 15);
    // This week at 07:00: the posts, not the hours before them (it opened at 05:30).
    expect(weekOpensAt(posts, 7 * 60)).toBe(9 * 60 + 15);
    expect(weekOpensAt(week(['00:30']), null)).toBe(0);
  });

  it('an empty week at 8:00, or this week at the current time with a little above it', () => {
    expect(WORKDAY_START).toBe(8 * 60);
    expect(weekOpensAt(week([], [], []), null)).toBe(8 * 60);
    expect(weekOpensAt(week([], [], []), 15 * 60)).toBe(13 * 60 + 30);
    expect(weekOpensAt(week([]), 60)).toBe(0);
  });
});
