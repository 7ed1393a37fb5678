import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto, PostVersionDto } from '../../shared/contract';
import { call, createTestCore, type TestCore } from '../support/core';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC (10:00 in Berlin).
const ZONE = 'Europe/Berlin';

/** Midnight at the start of a day in a zone, as the calendar sends it. */
const midnight = (date: string, zone = ZONE) => DateTime.fromISO(date, { zone }).startOf('day').toISO()!;

async function schedule(t: TestCore, text: string, date: string, time: string, opts: { platforms?: string[]; zone?: string } = {}): Promise<PostDto> {
  return call<PostDto>(t.core, 'posts:create', { text, platforms: opts.platforms ?? ['x'], schedule: { date, time, ...(opts.zone ? { zone: opts.zone } : {}) } });
}

/** Another connection on the same file, standing in for what the scheduler writes. */
function sideDb(t: TestCore): Database.Database {
  return new Database(`${t.dataDir}/loomcast.sqlite`);
}

function setState(t: TestCore, postId: string, platform: string, state: string): void {
  const db = sideDb(t);
  db.prepare('UPDATE targets SET state = ? WHERE post_id = ? AND platform = ?').run(state, postId, platform);
  db.close();
}

const range = (t: TestCore, input: Record<string, unknown>) => call<PostDto[]>(t.core, 'posts:range', input);
const texts = (posts: PostDto[]) => posts.map((p) => p.text);

describe('posts:range: what the calendar shows for a span of days', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  it('returns exactly the posts due in [from, to) of a month in the creator zone, across a DST change', async () => {
    t = await createTestCore({ zone: ZONE });
    // March 2027 in Berlin: +01:00 until the 28th at 02:00, +02:00 after.
    await schedule(t, 'last minute of February', '2027-02-28', '23:59');
    await schedule(t, 'first minute of March', '2027-03-01', '00:00');
    await schedule(t, 'New York evening, already March in Berlin', '2027-02-28', '18:30', { zone: 'America/New_York' });
    await schedule(t, 'just after the clocks jump', '2027-03-28', '03:00');
    await schedule(t, 'last minute of March', '2027-03-31', '23:59');
    await schedule(t, 'New York evening, already April in Berlin', '2027-03-31', '18:30', { zone: 'America/New_York' });
    await schedule(t, 'first minute of April', '2027-04-01', '00:00');
    await call(t.core, 'posts:create', { text: 'a draft has no day', platforms: ['x'], schedule: null });

    const march = await range(t, { from: midnight('2027-03-01'), to: midnight('2027-04-01') });
    expect(texts(march)).toEqual(['first minute of March', 'New York evening, already March in Berlin', 'just after the clocks jump', 'last minute of March']);
    expect(march[0]!.scheduledAt).toBe('2027-02-28T23:00:00.000Z');
    expect(march[3]!.scheduledAt).toBe('2027-03-31T21:59:00.000Z');

    // The same instants in UTC form give the same answer: the range is instants, not wall times.
    const utc = await range(t, { from: '2027-02-28T23:00:00.000Z', to: '2027-03-31T22:00:00.000Z' });
    expect(texts(utc)).toEqual(texts(march));

    // One local day that is 23 hours long.
    const shortDay = await range(t, { from: midnight('2027-03-28'), to: midnight('2027-03-29') });
    expect(texts(shortDay)).toEqual(['just after the clocks jump']);
  });

  it('returns each post whole, exactly as posts:get does, with its thread and first comment', async () => {
    t = await createTestCore({ zone: ZONE });
    const a = await schedule(t, 'two platforms', '2026-12-02', '09:00', { platforms: ['x', 'bluesky'] });
    const b = await schedule(t, 'edited later', '2026-12-03', '10:00', { platforms: ['mastodon'] });
    await call(t.core, 'posts:update', { id: b.id, text: 'edited later, version 2' });
    // Thread parts and a comment as the posts service writes them for platforms that take them.
    const db = sideDb(t);
    const insert = db.prepare('INSERT INTO target_parts (target_id, position, kind, text) VALUES (?, ?, ?, ?)');
    for (const target of a.targets) {
      insert.run(target.id, 1, 'thread', 'second part');
      insert.run(target.id, 2, 'thread', 'third part');
      insert.run(target.id, 3, 'comment', 'link in the comment');
    }
    db.close();

    const got = await range(t, { from: midnight('2026-12-01'), to: midnight('2026-12-08') });
    const one = await Promise.all([a.id, b.id].map((id) => call<PostDto>(t.core, 'posts:get', { id })));
    // The calendar adds each post's pillar (for the chip's colour) and first media item (for its
    // thumbnail); the rest is the post as posts:get gives it.
    type Extra = PostDto & { pillar?: unknown; firstMedia?: unknown };
    expect(got.map(({ pillar: _pillar, firstMedia: _media, ...post }: Extra) => post)).toEqual(one);
    expect(got.map((p: Extra) => [p.pillar, p.firstMedia])).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(got[0]).toMatchObject({ thread: ['second part', 'third part'], firstComment: 'link in the comment' });
    expect(got[1]).toMatchObject({ text: 'edited later, version 2', version: 2 });
  });

  it('lists a post once, on the first of its copies in the range, when its copies are at different times', async () => {
    t = await createTestCore({ zone: ZONE });
    const post = await schedule(t, 'split times', '2026-12-05', '09:00', { platforms: ['x', 'bluesky'] });
    const db = sideDb(t);
    db.prepare('UPDATE targets SET scheduled_at = ? WHERE post_id = ? AND platform = ?').run(Date.parse('2026-12-09T10:00:00Z'), post.id, 'bluesky');
    db.close();

    expect(texts(await range(t, { from: midnight('2026-12-01'), to: midnight('2026-12-15') }))).toEqual(['split times']);
    // Only the Bluesky copy falls in the second week; the post comes whole.
    const week = await range(t, { from: midnight('2026-12-07'), to: midnight('2026-12-14') });
    expect(week.map((p) => p.targets.length)).toEqual([2]);
  });

  it('filters by account and by state, counting only copies that pass every filter', async () => {
    t = await createTestCore({ zone: ZONE });
    const x = await t.core.services.accounts.add({ platform: 'x', handle: 'studio', credentials: { accessToken: 'a' } });
    const bsky = await t.core.services.accounts.add({ platform: 'bluesky', handle: 'studio.bsky.social', credentials: { accessToken: 'b' } });
    const both = await schedule(t, 'to both', '2026-12-01', '09:00', { platforms: ['x', 'bluesky'] });
    await schedule(t, 'x only', '2026-12-01', '10:00', { platforms: ['x'] });
    await schedule(t, 'bluesky only', '2026-12-01', '11:00', { platforms: ['bluesky'] });
    await schedule(t, 'mastodon, no account', '2026-12-01', '12:00', { platforms: ['mastodon'] });
    setState(t, both.id, 'x', 'published');

    const from = midnight('2026-12-01');
    const to = midnight('2026-12-02');
    expect(texts(await range(t, { from, to }))).toEqual(['to both', 'x only', 'bluesky only', 'mastodon, no account']);
    expect(texts(await range(t, { from, to, accountIds: [x.id] }))).toEqual(['to both', 'x only']);
    expect(texts(await range(t, { from, to, accountIds: [x.id, bsky.id] }))).toEqual(['to both', 'x only', 'bluesky only']);
    expect(texts(await range(t, { from, to, states: ['published'] }))).toEqual(['to both']);
    expect(texts(await range(t, { from, to, states: ['scheduled'] }))).toEqual(['to both', 'x only', 'bluesky only', 'mastodon, no account']);
    // The published copy is the X one: X and "scheduled" together leave only the X-only post.
    expect(texts(await range(t, { from, to, accountIds: [x.id], states: ['scheduled'] }))).toEqual(['x only']);
    expect(texts(await range(t, { from, to, accountIds: [bsky.id], states: ['published', 'failed'] }))).toEqual([]);
  });

  it('filters by campaign and by pillar, alone and together with the other filters', async () => {
    t = await createTestCore({ zone: ZONE });
    const launch = await call<{ id: string }>(t.core, 'campaigns:save', { name: 'Winter launch' });
    const other = await call<{ id: string }>(t.core, 'campaigns:save', { name: 'Spring sale' });
    const howTo = await call<{ id: string }>(t.core, 'pillars:save', { name: 'How-to', color: '#3366cc' });
    const behind = await call<{ id: string }>(t.core, 'pillars:save', { name: 'Behind the scenes', color: '#cc6633' });
    const a = await schedule(t, 'launch how-to', '2026-12-01', '09:00');
    const b = await schedule(t, 'launch teaser', '2026-12-01', '10:00');
    const c = await schedule(t, 'spring how-to', '2026-12-01', '11:00');
    const d = await schedule(t, 'behind the scenes, no campaign', '2026-12-01', '12:00');
    await schedule(t, 'neither', '2026-12-01', '13:00');
    const outside = await schedule(t, 'launch, next day', '2026-12-02', '09:00');
    await call(t.core, 'campaigns:assign', { postIds: [a.id, b.id, outside.id], campaignId: launch.id });
    await call(t.core, 'campaigns:assign', { postIds: [c.id], campaignId: other.id });
    await call(t.core, 'posts:setPillar', { postId: a.id, pillarId: howTo.id });
    await call(t.core, 'posts:setPillar', { postId: c.id, pillarId: howTo.id });
    await call(t.core, 'posts:setPillar', { postId: d.id, pillarId: behind.id });
    setState(t, b.id, 'x', 'published');

    const from = midnight('2026-12-01');
    const to = midnight('2026-12-02');
    expect(texts(await range(t, { from, to, campaignIds: [launch.id] }))).toEqual(['launch how-to', 'launch teaser']);
    expect(texts(await range(t, { from, to, campaignIds: [launch.id, other.id] }))).toEqual(['launch how-to', 'launch teaser', 'spring how-to']);
    expect(texts(await range(t, { from, to, pillarIds: [howTo.id] }))).toEqual(['launch how-to', 'spring how-to']);
    expect(texts(await range(t, { from, to, pillarIds: [behind.id] }))).toEqual(['behind the scenes, no campaign']);
    expect(texts(await range(t, { from, to, campaignIds: [launch.id], pillarIds: [howTo.id] }))).toEqual(['launch how-to']);
    expect(texts(await range(t, { from, to, campaignIds: [launch.id], states: ['published'] }))).toEqual(['launch teaser']);
    expect(texts(await range(t, { from, to, campaignIds: [other.id], pillarIds: [behind.id] }))).toEqual([]);
    const empty = await t.core.dispatch('posts:range', { from, to, pillarIds: [] });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: ['pillarIds'], message: 'Leave pillarIds out to include every pillar' }] } });
  });

  it('refuses a range that ends before it starts, spans too long, or is not a pair of instants', async () => {
    t = await createTestCore({ zone: ZONE });
    const backwards = await t.core.dispatch('posts:range', { from: midnight('2026-12-02'), to: midnight('2026-12-01') });
    expect(backwards).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: ['to'], message: 'The range must end after it starts' }] } });
    const long = await t.core.dispatch('posts:range', { from: midnight('2026-12-01'), to: midnight('2027-03-01') });
    expect(long).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: ['to'], message: 'Ask for at most 62 days at a time' }] } });
    const local = await t.core.dispatch('posts:range', { from: '2026-12-01T00:00', to: midnight('2026-12-02') });
    expect(local).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: ['from'] }] } });
    const extra = await t.core.dispatch('posts:range', { from: midnight('2026-12-01'), to: midnight('2026-12-02'), campaign: 'x' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const badState = await t.core.dispatch('posts:range', { from: midnight('2026-12-01'), to: midnight('2026-12-02'), states: ['sent'] });
    expect(badState).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: ['states', 0] }] } });
  });
});

describe('posts:reschedule: moving a post to another day or time', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  it('moves every copy to the new wall-clock time in the creator zone and keeps the version history', async () => {
    t = await createTestCore({ zone: ZONE });
    const post = await schedule(t, 'first words', '2026-12-01', '09:00', { platforms: ['x', 'bluesky'] });
    await call(t.core, 'posts:update', { id: post.id, text: 'better words' });
    const seen: unknown[] = [];
    t.core.subscribe((event, payload) => seen.push([event, payload]));

    const moved = await call<PostDto>(t.core, 'posts:reschedule', { id: post.id, date: '2026-12-03', time: '17:45' });
    expect(moved).toMatchObject({ id: post.id, text: 'better words', version: 2, scheduledAt: '2026-12-03T16:45:00.000Z', zone: ZONE });
    expect(moved.targets.map((x) => [x.platform, x.state, x.scheduledAt])).toEqual([
      ['x', 'scheduled', '2026-12-03T16:45:00.000Z'],
      ['bluesky', 'scheduled', '2026-12-03T16:45:00.000Z'],
    ]);
    const versions = await call<PostVersionDto[]>(t.core, 'posts:versions', { id: post.id });
    expect(versions.map((v) => [v.number, v.text])).toEqual([
      [2, 'better words'],
      [1, 'first words'],
    ]);
    expect(seen).toEqual([['posts:changed', { ids: [post.id], reason: 'updated' }]]);

    expect(texts(await range(t, { from: midnight('2026-12-01'), to: midnight('2026-12-02') }))).toEqual([]);
    expect(texts(await range(t, { from: midnight('2026-12-03'), to: midnight('2026-12-04') }))).toEqual(['better words']);
  });

  it('takes a wall-clock time in another zone when given one', async () => {
    t = await createTestCore({ zone: ZONE });
    const post = await schedule(t, 'for New York', '2026-12-01', '09:00');
    const moved = await call<PostDto>(t.core, 'posts:reschedule', { id: post.id, date: '2026-12-01', time: '09:00', zone: 'America/New_York' });
    expect(moved).toMatchObject({ scheduledAt: '2026-12-01T14:00:00.000Z', zone: 'America/New_York' });
  });

  it('refuses a time that has passed or falls in a DST gap, with the core’s words, and moves nothing', async () => {
    t = await createTestCore({ zone: ZONE });
    const post = await schedule(t, 'stay put', '2026-12-01', '09:00');

    const past = await t.core.dispatch('posts:reschedule', { id: post.id, date: '2026-11-23', time: '09:59' });
    expect(past).toMatchObject({ ok: false, error: { code: 'invalid_time' } });
    expect(!past.ok && past.error.message).toMatch(/Mon 23 Nov 2026, 09:59 .* has already passed\. Pick a time in the future\./);

    const gap = await t.core.dispatch('posts:reschedule', { id: post.id, date: '2027-03-28', time: '02:30' });
    expect(gap).toMatchObject({ ok: false, error: { code: 'invalid_time' } });
    expect(!gap.ok && gap.error.message).toBe('2027-03-28 02:30 does not exist in Europe/Berlin: the clocks jump forward that night. Pick a time after the change.');

    const again = await call<PostDto>(t.core, 'posts:get', { id: post.id });
    expect(again).toMatchObject({ scheduledAt: '2026-12-01T08:00:00.000Z', updatedAt: post.updatedAt });
  });

  it('refuses to move a post while a copy is being published or after one is out, and moves nothing', async () => {
    t = await createTestCore({ zone: ZONE });
    const post = await schedule(t, 'half out', '2026-12-01', '09:00', { platforms: ['x', 'bluesky'] });
    setState(t, post.id, 'x', 'published');
    const out = await t.core.dispatch('posts:reschedule', { id: post.id, date: '2026-12-02', time: '09:00' });
    expect(out).toMatchObject({ ok: false, error: { code: 'conflict', message: "The X copy is already published, so it can't be rescheduled. Duplicate the post to reuse it." } });

    setState(t, post.id, 'x', 'publishing');
    const busy = await t.core.dispatch('posts:reschedule', { id: post.id, date: '2026-12-02', time: '09:00' });
    expect(busy).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!busy.ok && busy.error.message).toMatch(/being published right now/);

    const again = await call<PostDto>(t.core, 'posts:get', { id: post.id });
    expect(new Set(again.targets.map((x) => x.scheduledAt))).toEqual(new Set(['2026-12-01T08:00:00.000Z']));
  });

  it('answers not_found for a post that is gone, and invalid_input for a malformed day or time', async () => {
    t = await createTestCore({ zone: ZONE });
    expect(await t.core.dispatch('posts:reschedule', { id: 'nope', date: '2026-12-01', time: '09:00' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const bad = await t.core.dispatch('posts:reschedule', { id: 'nope', date: '1 Dec', time: '9am' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('invalid_input');
    expect(bad.error.issues!.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['date', 'Use YYYY-MM-DD'],
      ['time', 'Use HH:mm (24-hour)'],
    ]);
  });
});
