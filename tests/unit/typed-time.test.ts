import { describe, expect, it } from 'vitest';
import { dateFormat } from '../../shared/domain/datetime-format';
import { parseTypedTime, stepTime, typedTimeProblem } from '../../shared/domain/typed-time';

const read = (typed: string) => {
  const r = parseTypedTime(typed);
  return r.ok ? r.time : r.reason;
};

describe('a time as a person types it', () => {
  it.each([
    ['14:30', '14:30'],
    ['2:30 pm', '14:30'],
    ['2:30PM', '14:30'],
    ['2.30 pm', '14:30'],
    ['2:30 p.m.', '14:30'],
    ['2:30 P', '14:30'],
    ['  2 : 30  pm ', '14:30'],
    ['2:30\u202fPM', '14:30'],
    ['02:30 PM', '14:30'],
    ['9', '09:00'],
    ['9am', '09:00'],
    ['9 AM', '09:00'],
    ['9pm', '21:00'],
    ['0930', '09:30'],
    ['930', '09:30'],
    ['1430', '14:30'],
    ['230pm', '14:30'],
    ['14.30', '14:30'],
    ['14', '14:00'],
    ['0', '00:00'],
    ['00:00', '00:00'],
    ['23:59', '23:59'],
    ['12 am', '00:00'],
    ['12:15am', '00:15'],
    ['12 pm', '12:00'],
    ['12:45 PM', '12:45'],
  ])('reads "%s" as %s', (typed, time) => {
    expect(read(typed)).toBe(time);
  });

  it('reads a bare time on the 24-hour clock, the same whatever clock the creator chose: "2:30" is 2:30 in the morning', () => {
    expect(read('2:30')).toBe('02:30');
    expect(read('11:00')).toBe('11:00');
    expect(read('14:30')).toBe('14:30');
  });

  it.each(['', '   '])('calls "%s" empty, not wrong', (typed) => {
    expect(read(typed)).toBe('empty');
  });

  it.each(['half two', '25:00', '24:00', '12:60', '2:3', '2:5 pm', '13 pm', '14:30 pm', '0 am', '0:30 am', '12345', 'pm', '2:30 xm', '2:30:00', '-1', '1,30'])('does not read "%s" as a time', (typed) => {
    expect(read(typed)).toBe('unreadable');
  });

  it('gives the minute of the day with the time', () => {
    expect(parseTypedTime('2:30 pm')).toEqual({ ok: true, time: '14:30', minutes: 870 });
  });
});

describe('the arrow keys’ step', () => {
  it.each([
    [14 * 60 + 30, 1, 14 * 60 + 45],
    [14 * 60 + 30, -1, 14 * 60 + 15],
    [14 * 60 + 37, 1, 14 * 60 + 45],
    [14 * 60 + 37, -1, 14 * 60 + 30],
    [23 * 60 + 45, 1, 0],
    [23 * 60 + 50, 1, 0],
    [0, -1, 23 * 60 + 45],
    [5, -1, 0],
  ] as const)('moves %i by %i to %i, wrapping past midnight', (from, direction, to) => {
    expect(stepTime(from, direction)).toBe(to);
  });
});

describe('what a time field says about text it can’t read', () => {
  it('gives an example in the creator’s clock', () => {
    expect(typedTimeProblem('half two', dateFormat({ locale: 'en-US', timeFormat: 'h23' }))).toBe('“half two” isn’t a time Loomcast can read. Type one like 14:30.');
    expect(typedTimeProblem('half two', dateFormat({ locale: 'en-GB', timeFormat: 'h12' }))).toBe('“half two” isn’t a time Loomcast can read. Type one like 2:30 pm.');
    expect(typedTimeProblem('', dateFormat({ locale: 'en-US', timeFormat: 'system' }))).toBe('Type a time, like 2:30 PM.');
  });

  it('reads back every time it writes, in either clock', () => {
    for (const timeFormat of ['h23', 'h12'] as const) {
      for (const locale of ['en-US', 'en-GB']) {
        const fmt = dateFormat({ locale, timeFormat });
        for (let m = 0; m < 1440; m += 7) expect(parseTypedTime(fmt.wallTime(m))).toMatchObject({ ok: true, minutes: m });
      }
    }
  });
});
