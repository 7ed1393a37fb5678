import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { afterAll, bench, describe } from 'vitest';
import { createRangeQuery } from '../../electron/core/features/calendar/range-query';
import { call, createTestCore } from '../support/core';

// `npm run bench` prints these figures; no test asserts a time.
// December 2026 in Berlin holds 2,000 posts (4,000 copies); January 300 more, some inside the
// six-week grid and most outside it, so the query has neighbours to skip.
const ZONE = 'Europe/Berlin';
const t = await createTestCore({ zone: ZONE });
const at = (month: string, i: number) => ({
  date: `${month}-${String((i % 28) + 1).padStart(2, '0')}`,
  time: `${String(8 + (i % 12)).padStart(2, '0')}:${String((i * 15) % 60).padStart(2, '0')}`,
});
for (let i = 0; i < 2000; i++) {
  await call(t.core, 'posts:create', { text: `Post number ${i} about something worth saying`, platforms: ['x', 'bluesky'], schedule: at('2026-12', i) });
}
for (let i = 0; i < 300; i++) {
  await call(t.core, 'posts:create', { text: `Neighbour ${i}`, platforms: ['mastodon'], schedule: at('2027-01', i) });
}
// A second connection on the same file, to time the SQL without the contract's output check.
const side = new Database(`${t.dataDir}/loomcast.sqlite`, { readonly: true });
const query = createRangeQuery(side);
afterAll(async () => {
  side.close();
  await t.close();
});

const day = (date: string) => DateTime.fromISO(date, { zone: ZONE }).toISO()!;
// What the month view asks for: the six-week grid around December (30 Nov – 10 Jan).
const monthGrid = { from: day('2026-11-30'), to: day('2027-01-11') };
const week = { from: day('2026-12-07'), to: day('2026-12-14') };

describe('the calendar with 2,000 posts in a month', () => {
  bench('posts:calendar, month grid (2,000 posts, 4,000 copies): what the month view reads', async () => {
    await call(t.core, 'posts:calendar', monthGrid);
  });

  bench('posts:range, month grid: the same posts whole (scripts, agents)', async () => {
    await call(t.core, 'posts:range', monthGrid);
  });

  bench('the range query alone, month grid (no IPC-contract check of the answer)', () => {
    query.run({ fromMs: Date.parse(monthGrid.from), toMs: Date.parse(monthGrid.to) });
  });

  bench('posts:calendar, one week', async () => {
    await call(t.core, 'posts:calendar', week);
  });

  bench('posts:calendar, month grid filtered to scheduled', async () => {
    await call(t.core, 'posts:calendar', { ...monthGrid, states: ['scheduled'] });
  });

  bench('posts:list upcoming, for comparison (every upcoming post)', async () => {
    await call(t.core, 'posts:list', { scope: 'upcoming' });
  });
});
