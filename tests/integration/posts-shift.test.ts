import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import { call, createTestCore, type TestCore } from '../support/core';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC; Berlin's clocks go forward on 28 Mar 2027.
const ZONE = 'Europe/Berlin';
const wall = (p: PostDto, zone: string) => DateTime.fromISO(p.scheduledAt!, { zone }).toFormat("yyyy-LL-dd'T'HH:mm");

describe('posts:shift', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  const make = (text: string, date: string, time: string, zone?: string) => call<PostDto>(t.core, 'posts:create', { text, platforms: ['x'], schedule: { date, time, ...(zone ? { zone } : {}) } });

  it('moves each post by whole days at the same wall-clock time in the zone it was planned in, across a clock change', async () => {
    t = await createTestCore({ zone: ZONE });
    const spring = await make('Before the clocks change', '2027-03-25', '10:00');
    const ny = await make('Planned for New York', '2026-12-01', '08:30', 'America/New_York');
    const moved = await call<PostDto[]>(t.core, 'posts:shift', { ids: [spring.id, ny.id], days: 7 });
    expect(moved.map((p) => p.id)).toEqual([spring.id, ny.id]);
    expect(wall(moved[0]!, ZONE)).toBe('2027-04-01T10:00');
    // A week later on the wall clock is an hour less than 7 × 24 hours: summer time began meanwhile.
    expect(Date.parse(moved[0]!.scheduledAt!) - Date.parse(spring.scheduledAt!)).toBe(7 * 86_400_000 - 3_600_000);
    expect(wall(moved[1]!, 'America/New_York')).toBe('2026-12-08T08:30');
    expect(moved[1]!.zone).toBe('America/New_York');
    expect(moved.map((p) => p.targets[0]!.state)).toEqual(['scheduled', 'scheduled']);

    const back = await call<PostDto[]>(t.core, 'posts:shift', { ids: [spring.id], days: -7 });
    expect(back[0]!.scheduledAt).toBe(spring.scheduledAt);
  });

  it('moves none when one can’t move, and names it: a copy out, a time that has passed, no time at all', async () => {
    t = await createTestCore({ zone: ZONE });
    const a = await make('Free to move', '2026-12-10', '09:00');
    const b = await make('Already went out to everyone', '2026-12-11', '09:00');
    const soon = await make('Due tomorrow morning', '2026-11-24', '09:00');
    const draft = await call<PostDto>(t.core, 'posts:create', { text: 'No time for this one', platforms: ['x'], schedule: null });
    const db = new Database(`${t.dataDir}/loomcast.sqlite`);
    db.prepare("UPDATE targets SET state = 'published', published_at = ? WHERE post_id = ?").run(Date.now(), b.id);
    db.close();
    const refused = async (ids: string[], days: number) => t.core.dispatch('posts:shift', { ids, days });

    expect(await refused([a.id, b.id], 3)).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/^“Already went out to everyone” can’t be moved: The X copy is already published.*Nothing was moved\.$/) } });
    expect(await refused([a.id, soon.id], -2)).toMatchObject({ ok: false, error: { code: 'invalid_time', message: expect.stringContaining('“Due tomorrow morning” can’t be moved:') } });
    expect(await refused([a.id, draft.id], 1)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: '“No time for this one” has no time yet, so it can’t be moved by days. Leave it out, or give it a time first. Nothing was moved.' } });
    expect((await call<PostDto>(t.core, 'posts:get', { id: a.id })).scheduledAt).toBe(a.scheduledAt);
  });

  it('refuses to move a post onto a time the clocks skip, like posts:reschedule, and moves nothing', async () => {
    t = await createTestCore({ zone: ZONE });
    const night = await make('Night owl post', '2027-03-27', '02:30');
    const other = await make('Another one', '2026-12-10', '09:00');
    // Luxon's plus({ days: 1 }) quietly made this 03:30 on 28 March.
    const moved = await t.core.dispatch('posts:shift', { ids: [other.id, night.id], days: 1 });
    expect(moved).toMatchObject({
      ok: false,
      error: { code: 'invalid_time', message: '“Night owl post” can’t be moved: 2027-03-28 02:30 does not exist in Europe/Berlin: the clocks jump forward that night. Pick a time after the change. Nothing was moved.' },
    });
    expect(await t.core.dispatch('posts:reschedule', { id: night.id, date: '2027-03-28', time: '02:30' })).toMatchObject({ ok: false, error: { code: 'invalid_time' } });
    expect((await call<PostDto>(t.core, 'posts:get', { id: night.id })).scheduledAt).toBe(night.scheduledAt);
    expect((await call<PostDto>(t.core, 'posts:get', { id: other.id })).scheduledAt).toBe(other.scheduledAt);
  });

  it('moves a post onto a time that happens twice to the same instant as posts:reschedule: the first one', async () => {
    t = await createTestCore({ zone: ZONE });
    const before = await make('Autumn night', '2027-10-30', '02:30');
    const shifted = await call<PostDto[]>(t.core, 'posts:shift', { ids: [before.id], days: 1 });
    const twin = await make('Autumn twin', '2027-10-29', '02:30');
    const rescheduled = await call<PostDto>(t.core, 'posts:reschedule', { id: twin.id, date: '2027-10-31', time: '02:30' });
    expect(shifted[0]!.scheduledAt).toBe('2027-10-31T00:30:00.000Z'); // 02:30 summer time, before the clocks go back
    expect(rescheduled.scheduledAt).toBe(shifted[0]!.scheduledAt);
    // And on from there a week later, 02:30 on the wall clock again.
    expect(wall((await call<PostDto[]>(t.core, 'posts:shift', { ids: [before.id], days: 7 }))[0]!, ZONE)).toBe('2027-11-07T02:30');
  });

  it('refuses a count of days that is not a whole non-zero number within a year, and an empty list', async () => {
    t = await createTestCore({ zone: ZONE });
    const a = await make('Any post', '2026-12-10', '09:00');
    for (const [days, says] of [
      [0, 'Move by at least one day'],
      [1.5, 'Move by whole days'],
      [400, 'Move by at most a year'],
    ] as const) {
      expect(await t.core.dispatch('posts:shift', { ids: [a.id], days })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining(says) } });
    }
    expect(await t.core.dispatch('posts:shift', { ids: [], days: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('Pick at least one post') } });
  });
});
