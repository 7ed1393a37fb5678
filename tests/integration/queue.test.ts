import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyringVault } from '../../electron/core/vault/keyring-vault';
import type { PostDto } from '../../shared/contract';
import type { QueueSlotsDto, RecurrenceDto, SlotInstantDto } from '../../shared/contract/features/posting-times';
import { FakeClock } from '../support/clock';
import { call, createTestCore, memoryVault, tempDir, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const settle = () => new Promise((done) => setImmediate(done));

interface NextFree {
  accountId: string;
  zone: string;
  slots: SlotInstantDto[];
}

async function failure(t: TestCore, channel: string, input: unknown) {
  const r = await t.core.dispatch(channel, input);
  if (r.ok) throw new Error(`${channel} succeeded but should have failed`);
  return r.error;
}

describe('posting times and the queue', () => {
  let t: TestCore;
  let extra: TestCore | null = null;
  afterEach(async () => {
    await extra?.close();
    extra = null;
    await t?.close();
  });

  // The fake clock starts at Mon 23 Nov 2026 09:00 UTC = 10:00 in Berlin (the creator's zone).
  async function setup(opts: { clock?: FakeClock; dataDir?: string } = {}) {
    t = await createTestCore({ ...opts, vault: memoryVault() });
    const account = await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'a' } });
    return account.id;
  }
  const draft = (text = 'An evergreen tip', platforms = ['mastodon']) => call<PostDto>(t.core, 'posts:create', { text, platforms, schedule: null });
  const rows = (sql: string, ...args: unknown[]) => new Database(join(t.dataDir, 'loomcast.sqlite'), { readonly: true }).prepare(sql).all(...args);

  describe('weekly posting times', () => {
    it('saves them sorted and once each, in the creator’s zone unless the account has its own, and says so', async () => {
      const accountId = await setup();
      const seen: unknown[] = [];
      t.core.subscribe((event, payload) => event === 'queue:slotsChanged' && seen.push(payload));
      const saved = await call<QueueSlotsDto>(t.core, 'queue:setSlots', {
        accountId,
        slots: [
          { weekday: 4, time: '17:30' },
          { weekday: 1, time: '09:00' },
          { weekday: 4, time: '17:30' },
        ],
      });
      expect(saved).toEqual({ accountId, zone: 'Europe/Berlin', ownZone: null, slots: [{ weekday: 1, time: '09:00' }, { weekday: 4, time: '17:30' }] });
      expect(await call(t.core, 'queue:slots', { accountId })).toEqual(saved);
      expect(seen).toEqual([{ accountId }]);

      const own = await call<QueueSlotsDto>(t.core, 'queue:setSlots', { accountId, slots: saved.slots, zone: 'America/New_York' });
      expect(own).toMatchObject({ zone: 'America/New_York', ownZone: 'America/New_York' });
      // Omitting the zone keeps it; null goes back to the creator's.
      expect(await call(t.core, 'queue:setSlots', { accountId, slots: [] })).toMatchObject({ zone: 'America/New_York', slots: [] });
      expect(await call(t.core, 'queue:setSlots', { accountId, slots: [], zone: null })).toMatchObject({ zone: 'Europe/Berlin', ownZone: null });
      expect(rows("SELECT action FROM audit_log WHERE action = 'queue.slots'")).toHaveLength(4);
    });

    it('refuses impossible days and times with words for each, and saves nothing', async () => {
      const accountId = await setup();
      const err = await failure(t, 'queue:setSlots', {
        accountId,
        slots: [
          { weekday: 1, time: '09:00' },
          { weekday: 8, time: '09:00' },
          { weekday: 2, time: '24:00' },
          { weekday: 3, time: '9:00' },
        ],
      });
      expect(err.code).toBe('invalid_input');
      expect(err.issues).toEqual([
        { path: ['slots', 1, 'weekday'], message: 'Days of the week run from 1 (Monday) to 7 (Sunday)' },
        { path: ['slots', 2, 'time'], message: 'Use a 24-hour time like 09:30 (HH:mm)' },
        { path: ['slots', 3, 'time'], message: 'Use a 24-hour time like 09:30 (HH:mm)' },
      ]);
      expect((await failure(t, 'queue:setSlots', { accountId, slots: [], zone: 'Mars/Olympus' })).issues).toEqual([{ path: ['zone'], message: 'Not a known IANA time zone' }]);
      expect((await call<QueueSlotsDto>(t.core, 'queue:slots', { accountId })).slots).toEqual([]);
      expect(await failure(t, 'queue:slots', { accountId: 'gone' })).toMatchObject({ code: 'not_found' });
    });

    it('goes with the account when it is disconnected', async () => {
      const accountId = await setup();
      await call(t.core, 'queue:setSlots', { accountId, slots: [{ weekday: 1, time: '09:00' }], zone: 'Asia/Tokyo' });
      await call(t.core, 'accounts:disconnect', { id: accountId });
      expect(rows('SELECT * FROM queue_slots')).toEqual([]);
      expect(rows('SELECT * FROM queue_settings')).toEqual([]);
    });
  });

  describe('next free slot', () => {
    it('lists the next times from now, leaving out the ones a scheduled, approved, in-review or publishing post holds', async () => {
      const accountId = await setup();
      await call(t.core, 'queue:setSlots', { accountId, slots: [{ weekday: 1, time: '09:00' }, { weekday: 4, time: '17:30' }] });
      const before = await call<NextFree>(t.core, 'queue:nextFree', { accountId, count: 4 });
      expect(before.zone).toBe('Europe/Berlin');
      expect(before.slots.map((s) => `${s.date} ${s.time}`)).toEqual(['2026-11-26 17:30', '2026-11-30 09:00', '2026-12-03 17:30', '2026-12-07 09:00']);
      expect(before.slots[0]).toEqual({ at: '2026-11-26T16:30:00.000Z', date: '2026-11-26', time: '17:30', weekday: 4, zone: 'Europe/Berlin', ambiguous: false });

      // A scheduled post on Thursday 17:30 takes that time; a draft dated then doesn't.
      await call(t.core, 'posts:create', { text: 'Thursday', platforms: ['mastodon'], schedule: { date: '2026-11-26', time: '17:30' } });
      const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
      const p = await draft();
      db.prepare("UPDATE targets SET scheduled_at = ?, state = 'draft' WHERE post_id = ?").run(Date.parse('2026-11-30T08:00:00Z'), p.id);
      const q = await draft('in review');
      db.prepare("UPDATE targets SET scheduled_at = ?, state = 'in_review' WHERE post_id = ?").run(Date.parse('2026-12-03T16:30:00Z'), q.id);
      db.close();
      const after = await call<NextFree>(t.core, 'queue:nextFree', { accountId, count: 3 });
      expect(after.slots.map((s) => `${s.date} ${s.time}`)).toEqual(['2026-11-30 09:00', '2026-12-07 09:00', '2026-12-10 17:30']);
    });

    it('counts from `after` when it lies ahead, and from now when it has passed', async () => {
      const accountId = await setup();
      await call(t.core, 'queue:setSlots', { accountId, slots: [{ weekday: 1, time: '09:00' }] });
      const ahead = await call<NextFree>(t.core, 'queue:nextFree', { accountId, after: '2026-12-01T00:00:00Z', count: 1 });
      expect(ahead.slots.map((s) => s.at)).toEqual(['2026-12-07T08:00:00.000Z']);
      const past = await call<NextFree>(t.core, 'queue:nextFree', { accountId, after: '2020-01-01T00:00:00Z', count: 1 });
      expect(past.slots.map((s) => s.at)).toEqual(['2026-11-30T08:00:00.000Z']);
    });

    it('reads the times in the account’s own zone and names it', async () => {
      const accountId = await setup();
      await call(t.core, 'queue:setSlots', { accountId, slots: [{ weekday: 1, time: '09:00' }], zone: 'America/New_York' });
      const next = await call<NextFree>(t.core, 'queue:nextFree', { accountId, count: 1 });
      // 09:00 UTC on Monday is 04:00 in New York: today's 09:00 there is still ahead.
      expect(next).toMatchObject({ zone: 'America/New_York', slots: [{ at: '2026-11-23T14:00:00.000Z', time: '09:00', zone: 'America/New_York' }] });
    });

    it('skips a slot the spring-forward night lacks, and takes a fall-back one once', async () => {
      const accountId = await setup({ clock: new FakeClock(Date.parse('2026-03-27T12:00:00Z')) });
      await call(t.core, 'queue:setSlots', { accountId, slots: [{ weekday: 7, time: '02:30' }, { weekday: 7, time: '09:00' }] });
      const spring = await call<NextFree>(t.core, 'queue:nextFree', { accountId, count: 3 });
      expect(spring.slots.map((s) => `${s.at} ${s.date} ${s.time}`)).toEqual([
        '2026-03-29T07:00:00.000Z 2026-03-29 09:00',
        '2026-04-05T00:30:00.000Z 2026-04-05 02:30',
        '2026-04-05T07:00:00.000Z 2026-04-05 09:00',
      ]);
      const autumn = await call<NextFree>(t.core, 'queue:nextFree', { accountId, after: '2026-10-24T12:00:00Z', count: 2 });
      expect(autumn.slots.map((s) => [s.at, s.ambiguous])).toEqual([
        ['2026-10-25T00:30:00.000Z', true],
        ['2026-10-25T08:00:00.000Z', false],
      ]);
    });
  });

  describe('adding a post to the queue', () => {
    it('books the next free time for the post’s copy on that account, and the next post the time after', async () => {
      const accountId = await setup();
      await call(t.core, 'queue:setSlots', { accountId, slots: [{ weekday: 1, time: '09:00' }, { weekday: 4, time: '17:30' }] });
      const changed: unknown[] = [];
      t.core.subscribe((event, payload) => event === 'posts:changed' && changed.push(payload));
      const first = await draft('first');
      const added = await call<{ post: PostDto; targetId: string; slot: SlotInstantDto }>(t.core, 'queue:add', { postId: first.id, accountId });
      expect(added.slot).toMatchObject({ at: '2026-11-26T16:30:00.000Z', time: '17:30', zone: 'Europe/Berlin' });
      expect(added.post.targets).toEqual([expect.objectContaining({ id: added.targetId, accountId, state: 'scheduled', scheduledAt: '2026-11-26T16:30:00.000Z', zone: 'Europe/Berlin' })]);
      expect(changed).toContainEqual({ ids: [first.id], reason: 'updated' });

      const second = await call<{ slot: SlotInstantDto }>(t.core, 'queue:add', { postId: (await draft('second')).id, accountId });
      expect(second.slot.at).toBe('2026-11-30T08:00:00.000Z');
      // Queuing a queued post again keeps its own time: it does not stand in its own way.
      const again = await call<{ slot: SlotInstantDto }>(t.core, 'queue:add', { postId: first.id, accountId });
      expect(again.slot.at).toBe('2026-11-26T16:30:00.000Z');
      expect(rows("SELECT entity_id FROM audit_log WHERE action = 'queue.add'")).toHaveLength(3);
    });

    it('books the copy on the account it goes to when the platform has several accounts', async () => {
      const accountId = await setup();
      const other = await t.core.services.accounts.add({ platform: 'mastodon', handle: '@alt@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'b' } });
      await call(t.core, 'queue:setSlots', { accountId: other.id, slots: [{ weekday: 2, time: '12:00' }] });
      // With two Mastodon accounts, naming the platform alone is refused: the creator picks the account.
      expect(await failure(t, 'posts:create', { text: 'An evergreen tip', platforms: ['mastodon'], schedule: null })).toMatchObject({ code: 'invalid_input' });
      const post = await call<PostDto>(t.core, 'posts:create', { text: 'An evergreen tip', accounts: [other.id], schedule: null });
      expect(post.targets[0]!.accountId).toBe(other.id);
      const added = await call<{ post: PostDto }>(t.core, 'queue:add', { postId: post.id, accountId: other.id });
      expect(added.post.targets[0]).toMatchObject({ accountId: other.id, state: 'scheduled', scheduledAt: '2026-11-24T11:00:00.000Z' });
      // The first account's queue can't take it: the copy belongs to the other account.
      await call(t.core, 'queue:setSlots', { accountId, slots: [{ weekday: 2, time: '12:00' }] });
      expect((await failure(t, 'queue:add', { postId: post.id, accountId })).message).toBe(
        'This post goes to another Mastodon account, not @me@example.social. Pick that account\'s queue, or add @me@example.social to the post first.',
      );
    });

    it('keeps a copy waiting for review in review, with its time set', async () => {
      const accountId = await setup();
      await call(t.core, 'queue:setSlots', { accountId, slots: [{ weekday: 1, time: '09:00' }] });
      const post = await draft();
      const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
      db.prepare("UPDATE targets SET state = 'in_review' WHERE post_id = ?").run(post.id);
      db.close();
      const added = await call<{ post: PostDto }>(t.core, 'queue:add', { postId: post.id, accountId });
      expect(added.post.targets[0]).toMatchObject({ state: 'in_review', scheduledAt: '2026-11-30T08:00:00.000Z' });
    });

    it('explains why a post can’t be queued: no times yet, another platform, already published', async () => {
      const accountId = await setup();
      const post = await draft();
      expect(await failure(t, 'queue:add', { postId: post.id, accountId })).toMatchObject({
        code: 'conflict',
        message: '@me@example.social has no posting times yet. Add some under Accounts → Posting times, then add the post to its queue.',
      });
      await call(t.core, 'queue:setSlots', { accountId, slots: [{ weekday: 1, time: '09:00' }] });
      const bluesky = await draft('elsewhere', ['bluesky']);
      expect((await failure(t, 'queue:add', { postId: bluesky.id, accountId })).message).toBe(
        "This post isn't going to Mastodon yet. Add Mastodon to the post first, then add it to @me@example.social's queue.",
      );
      const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
      db.prepare("UPDATE targets SET state = 'published', scheduled_at = 1 WHERE post_id = ?").run(post.id);
      db.close();
      expect((await failure(t, 'queue:add', { postId: post.id, accountId })).message).toMatch(/already published, so it can't be queued again/);
      expect(await failure(t, 'queue:add', { postId: 'nope', accountId })).toMatchObject({ code: 'not_found' });
      expect(await failure(t, 'queue:add', { postId: post.id, accountId: 'nope' })).toMatchObject({ code: 'not_found' });
    });

    it('never gives one time twice when many posts are queued at once', async () => {
      const accountId = await setup();
      await call(t.core, 'queue:setSlots', { accountId, slots: [{ weekday: 1, time: '09:00' }, { weekday: 3, time: '12:00' }, { weekday: 5, time: '18:00' }] });
      const expected = (await call<NextFree>(t.core, 'queue:nextFree', { accountId, count: 12 })).slots.map((s) => s.at);
      const ids = [];
      for (let i = 0; i < 12; i++) ids.push((await draft(`post ${i}`)).id);
      const booked = await Promise.all(ids.map((postId) => call<{ slot: SlotInstantDto }>(t.core, 'queue:add', { postId, accountId })));
      expect(booked.map((b) => b.slot.at).sort()).toEqual(expected);
    });

    it('checks for a free time inside its own transaction: a time booked elsewhere a moment ago is passed over', async () => {
      const accountId = await setup();
      await call(t.core, 'queue:setSlots', { accountId, slots: [{ weekday: 1, time: '09:00' }] });
      const [seen] = (await call<NextFree>(t.core, 'queue:nextFree', { accountId, count: 1 })).slots;
      const mine = await draft('mine');
      const theirs = await draft('theirs');
      // Another process (a second window on the same database) books that very time.
      const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
      db.prepare("UPDATE targets SET scheduled_at = ?, zone = 'Europe/Berlin', state = 'scheduled' WHERE post_id = ?").run(Date.parse(seen!.at), theirs.id);
      db.close();
      const added = await call<{ slot: SlotInstantDto }>(t.core, 'queue:add', { postId: mine.id, accountId });
      expect(added.slot.at).not.toBe(seen!.at);
      expect(added.slot.at).toBe('2026-12-07T08:00:00.000Z');
    });

    it('two cores on one database, queuing in turns, never share a time', async () => {
      const dir = tempDir();
      const accountId = await setup({ dataDir: dir.path });
      await call(t.core, 'queue:setSlots', { accountId, slots: [{ weekday: 2, time: '08:00' }, { weekday: 6, time: '10:00' }] });
      extra = await createTestCore({ dataDir: dir.path, clock: t.clock, vault: memoryVault() });
      const cores = [t.core, extra.core];
      const posts = [];
      for (let i = 0; i < 10; i++) posts.push((await draft(`p${i}`)).id);
      const booked = await Promise.all(posts.map((postId, i) => call<{ slot: SlotInstantDto }>(cores[i % 2]!, 'queue:add', { postId, accountId })));
      expect(new Set(booked.map((b) => b.slot.at)).size).toBe(10);
    });
  });

  describe('repeating posts', () => {
    // Thu 26 Mar 2026, 12:00 UTC: three days before Berlin moves its clocks forward.
    const start = () => new FakeClock(Date.parse('2026-03-26T12:00:00Z'));
    const scheduleOrigin = (text = 'Evergreen: how I batch a week of posts', date = '2026-03-27', time = '09:00') =>
      call<PostDto>(t.core, 'posts:create', { text, platforms: ['mastodon'], schedule: { date, time } });
    const seriesPosts = async () => {
      const all = await call<PostDto[]>(t.core, 'posts:list', { scope: 'all' });
      return all.filter((p) => p.text.startsWith('Evergreen')).sort((a, b) => Date.parse(a.scheduledAt!) - Date.parse(b.scheduledAt!));
    };

    it('makes the next copies ahead as scheduled posts, at 09:00 Berlin time on both sides of the change', async () => {
      const accountId = await setup({ clock: start() });
      const origin = await scheduleOrigin();
      const r = await call<RecurrenceDto>(t.core, 'queue:setRecurrence', { postId: origin.id, everyDays: 1, until: { count: 5 } });
      expect(r).toMatchObject({ originPostId: origin.id, everyDays: 1, until: { count: 5 }, zone: 'Europe/Berlin', startDate: '2026-03-27', time: '09:00', total: 5 });
      expect(r.occurrences.map((o) => [o.number, o.at, o.time])).toEqual([
        [1, '2026-03-27T08:00:00.000Z', '09:00'],
        [2, '2026-03-28T08:00:00.000Z', '09:00'],
        [3, '2026-03-29T07:00:00.000Z', '09:00'],
      ]);
      expect(r.next).toMatchObject({ number: 4, at: '2026-03-30T07:00:00.000Z', time: '09:00' });

      const copy = await call<PostDto>(t.core, 'posts:get', { id: r.occurrences[2]!.postId! });
      expect(copy.text).toBe(origin.text);
      expect(copy.targets).toEqual([expect.objectContaining({ platform: 'mastodon', accountId, state: 'scheduled', scheduledAt: '2026-03-29T07:00:00.000Z', zone: 'Europe/Berlin' })]);
      // Any copy leads back to its series.
      expect((await call<RecurrenceDto>(t.core, 'queue:recurrence', { postId: copy.id })).originPostId).toBe(origin.id);
      expect(await call(t.core, 'queue:recurrence', { postId: (await draft('alone')).id })).toBeNull();
      // The calendar marks the series' posts, and only those.
      const marked = (await call<{ postIds: string[] }>(t.core, 'queue:repeating')).postIds;
      expect(marked).toEqual((await seriesPosts()).map((p) => p.id));
      await call(t.core, 'queue:clearRecurrence', { postId: origin.id });
      expect(await call(t.core, 'queue:repeating', {})).toEqual({ postIds: [] });
    });

    it('publishes every occurrence once, making each next copy as one goes out, and stops after the count', async () => {
      const script = scriptedClient('mastodon');
      const clock = start();
      t = await createTestCore({ clock, vault: memoryVault(), clients: { mastodon: script.client }, publishing: { autoStart: false } });
      await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', credentials: { accessToken: 'a' } });
      await t.core.services.scheduler.start();
      const origin = await scheduleOrigin();
      await call(t.core, 'queue:setRecurrence', { postId: origin.id, everyDays: 1, until: { count: 5 } });
      const sentAt: string[] = [];
      script.onPublish(
        ...Array.from({ length: 6 }, () => () => {
          sentAt.push(new Date(clock.now()).toISOString());
          return { kind: 'published' as const, platformPostId: `p${sentAt.length}`, url: null };
        }),
      );
      // Hour by hour, so each post goes out at the very instant it is due.
      for (let hour = 0; hour < 8 * 24; hour++) {
        clock.advance(HOUR);
        await t.core.services.scheduler.wake();
        await settle();
      }
      expect(sentAt).toEqual(['2026-03-27T08:00:00.000Z', '2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z', '2026-03-31T07:00:00.000Z']);
      expect(script.published().map((c) => c.req!.text)).toEqual(Array(5).fill(origin.text));
      const posts = await seriesPosts();
      expect(posts).toHaveLength(5);
      expect(posts.every((p) => p.targets[0]!.state === 'published')).toBe(true);
      expect(await call<RecurrenceDto>(t.core, 'queue:recurrence', { postId: origin.id })).toMatchObject({ next: null, total: 5 });
    });

    it('makes the next copy when a copy’s time passes, even if nothing could be published', async () => {
      await setup({ clock: start() });
      const origin = await scheduleOrigin();
      await call(t.core, 'queue:setRecurrence', { postId: origin.id, everyDays: 2, until: { date: '2026-04-30' } });
      expect((await seriesPosts()).map((p) => p.scheduledAt)).toEqual(['2026-03-27T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-31T07:00:00.000Z']);
      t.clock.advance(DAY);
      await settle();
      expect((await seriesPosts()).map((p) => p.scheduledAt).at(-1)).toBe('2026-04-02T07:00:00.000Z');
    });

    it('passes over occurrences whose time went by while Loomcast was closed, instead of sending them late', async () => {
      const dir = tempDir();
      await setup({ clock: start(), dataDir: dir.path });
      const origin = await scheduleOrigin();
      await call(t.core, 'queue:setRecurrence', { postId: origin.id, everyDays: 1, until: { count: 30 } });
      await t.close();
      t.clock.jump(10 * DAY + 2 * HOUR); // 5 April, 14:00 UTC
      t = await createTestCore({ dataDir: dir.path, clock: t.clock, vault: memoryVault() });
      const r = await call<RecurrenceDto>(t.core, 'queue:recurrence', { postId: origin.id });
      expect(r.occurrences.map((o) => o.number)).toEqual([1, 2, 3, 11, 12, 13]);
      expect(r.occurrences.at(-1)!.at).toBe('2026-04-08T07:00:00.000Z');
      expect(r.next!.number).toBe(14);
    });

    it('does not make a deleted copy again; the series goes on after it', async () => {
      await setup({ clock: start() });
      const origin = await scheduleOrigin();
      const r = await call<RecurrenceDto>(t.core, 'queue:setRecurrence', { postId: origin.id, everyDays: 7, until: { count: 10 } });
      const skipped = r.occurrences[1]!.postId!;
      await call(t.core, 'posts:delete', { id: skipped });
      await settle();
      const after = await call<RecurrenceDto>(t.core, 'queue:recurrence', { postId: origin.id });
      expect(after.occurrences.map((o) => [o.number, o.postId === null])).toEqual([
        [1, false],
        [2, true],
        [3, false],
      ]);
      t.clock.advance(DAY);
      await settle();
      const later = await call<RecurrenceDto>(t.core, 'queue:recurrence', { postId: origin.id });
      expect(later.occurrences.map((o) => o.number)).toEqual([1, 2, 3, 4]);
    });

    it('replacing the rule remakes the copies that haven’t gone out; stopping deletes them and keeps what went out', async () => {
      await setup({ clock: start() });
      const origin = await scheduleOrigin();
      const daily = await call<RecurrenceDto>(t.core, 'queue:setRecurrence', { postId: origin.id, everyDays: 1, until: { count: 10 } });
      const weekly = await call<RecurrenceDto>(t.core, 'queue:setRecurrence', { postId: daily.occurrences[1]!.postId!, everyDays: 7, until: { count: 10 } });
      expect(weekly.originPostId).toBe(origin.id);
      expect(weekly.occurrences.map((o) => o.at)).toEqual(['2026-03-27T08:00:00.000Z', '2026-04-03T07:00:00.000Z', '2026-04-10T07:00:00.000Z']);
      expect((await seriesPosts()).map((p) => p.id)).toEqual(weekly.occurrences.map((o) => o.postId));

      // The first copy goes out; then the creator stops the series.
      const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
      db.prepare("UPDATE targets SET state = 'published' WHERE post_id = ?").run(weekly.occurrences[1]!.postId);
      db.close();
      const stopped = await call<{ originPostId: string; removed: number }>(t.core, 'queue:clearRecurrence', { postId: origin.id });
      expect(stopped).toEqual({ originPostId: origin.id, removed: 1 });
      expect((await seriesPosts()).map((p) => p.id)).toEqual([origin.id, weekly.occurrences[1]!.postId]);
      expect(await call(t.core, 'queue:recurrence', { postId: origin.id })).toBeNull();
      expect(await failure(t, 'queue:clearRecurrence', { postId: origin.id })).toMatchObject({ code: 'not_found' });
    });

    it('copies what the post carries: per-account text, campaign and media', async () => {
      await setup({ clock: start() });
      const origin = await scheduleOrigin();
      const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
      db.exec(`INSERT INTO campaigns (id, name, created_at, updated_at) VALUES ('c1', 'Spring', 1, 1);
        INSERT INTO media (hash, mime, bytes, created_at) VALUES ('${'a'.repeat(64)}', 'image/png', 10, 1);`);
      db.prepare("UPDATE posts SET campaign_id = 'c1' WHERE id = ?").run(origin.id);
      db.prepare("INSERT INTO post_media (post_id, position, media_hash, alt_text) VALUES (?, 1, ?, 'A desk')").run(origin.id, 'a'.repeat(64));
      db.prepare("UPDATE targets SET text_override = 'Mastodon words' WHERE post_id = ?").run(origin.id);
      db.close();
      const r = await call<RecurrenceDto>(t.core, 'queue:setRecurrence', { postId: origin.id, everyDays: 3, until: { count: 2 } });
      const copyId = r.occurrences[1]!.postId!;
      expect(rows('SELECT campaign_id FROM posts WHERE id = ?', copyId)).toEqual([{ campaign_id: 'c1' }]);
      expect(rows('SELECT position, alt_text FROM post_media WHERE post_id = ?', copyId)).toEqual([{ position: 1, alt_text: 'A desk' }]);
      expect(rows('SELECT text_override, attempts, platform_post_id FROM targets WHERE post_id = ?', copyId)).toEqual([{ text_override: 'Mastodon words', attempts: 0, platform_post_id: null }]);
    });

    it('refuses a repeat without a time to start from, and ends that make no series', async () => {
      await setup({ clock: start() });
      const loose = await draft();
      expect(await failure(t, 'queue:setRecurrence', { postId: loose.id, everyDays: 7, until: { count: 3 } })).toMatchObject({ code: 'invalid_time' });
      const origin = await scheduleOrigin();
      expect((await failure(t, 'queue:setRecurrence', { postId: origin.id, everyDays: 0, until: { count: 3 } })).issues).toEqual([
        { path: ['everyDays'], message: 'Repeat at most once a day (every 1 day)' },
      ]);
      expect((await failure(t, 'queue:setRecurrence', { postId: origin.id, everyDays: 7, until: { count: 1 } })).issues![0]!.message).toBe(
        'A repeat goes out at least twice: the post itself and one copy',
      );
      expect(await failure(t, 'queue:setRecurrence', { postId: origin.id, everyDays: 7, until: { date: '2026-03-20' } })).toMatchObject({
        code: 'invalid_input',
        message: "The end date 2026-03-20 is before the post's own day, 2026-03-27.",
      });
      expect((await failure(t, 'queue:setRecurrence', { postId: origin.id, everyDays: 7, until: { date: '2026-04-02' } })).message).toMatch(/would go out only once/);
      expect(await call(t.core, 'queue:recurrence', { postId: origin.id })).toBeNull();
    });

    describe('moving one post of a series', () => {
      const times = async () => (await seriesPosts()).map((p) => p.scheduledAt);

      it('refuses to move it onto the next post of its series (calendar shift or reschedule), and moves nothing', async () => {
        await setup({ clock: start() });
        const origin = await scheduleOrigin();
        const before = await call<RecurrenceDto>(t.core, 'queue:setRecurrence', { postId: origin.id, everyDays: 1, until: { count: 5 } });
        const planned = await times();

        const shifted = await failure(t, 'posts:shift', { ids: [origin.id], days: 1 });
        expect(shifted.code).toBe('conflict');
        expect(shifted.message).toMatch(/already planned for @me@example\.social on Mastodon at that exact time.*Pick another time, or change the words\..*Nothing was moved\./);
        expect(await failure(t, 'posts:reschedule', { id: origin.id, date: '2026-03-28', time: '09:00' })).toMatchObject({ code: 'conflict' });
        // A copy moved back onto the first post is refused the same way, "Post anyway" or not.
        const copy = before.occurrences[1]!.postId!;
        expect(await failure(t, 'posts:update', { id: copy, schedule: { date: '2026-03-27', time: '09:00' }, override: true })).toMatchObject({ code: 'conflict' });

        expect(await times()).toEqual(planned);
        expect(new Set(planned).size).toBe(planned.length);
        expect(await call<RecurrenceDto>(t.core, 'queue:recurrence', { postId: origin.id })).toEqual(before);
      });

      it('keeps a post moved to a free time in its series, and the series shows it where it now is', async () => {
        await setup({ clock: start() });
        const origin = await scheduleOrigin();
        const r = await call<RecurrenceDto>(t.core, 'queue:setRecurrence', { postId: origin.id, everyDays: 1, until: { count: 5 } });
        await call(t.core, 'posts:reschedule', { id: origin.id, date: '2026-03-27', time: '10:30' });
        await call(t.core, 'posts:shift', { ids: [r.occurrences[2]!.postId!], days: 1 });
        const after = await call<RecurrenceDto>(t.core, 'queue:recurrence', { postId: origin.id });
        expect(after.occurrences.map((o) => [o.number, o.postId, o.at, o.time])).toEqual([
          [1, origin.id, '2026-03-27T09:30:00.000Z', '10:30'],
          [2, r.occurrences[1]!.postId, '2026-03-28T08:00:00.000Z', '09:00'],
          [3, r.occurrences[2]!.postId, '2026-03-30T07:00:00.000Z', '09:00'],
        ]);
        // The rule is unchanged: the next copies keep to it.
        expect(after).toMatchObject({ startDate: '2026-03-27', time: '09:00', next: { number: 4, at: '2026-03-30T07:00:00.000Z' } });
      });

      it('never makes a copy where a post of the series was moved to: that occurrence is left to it', async () => {
        await setup({ clock: start() });
        const origin = await scheduleOrigin();
        await call(t.core, 'queue:setRecurrence', { postId: origin.id, everyDays: 1, until: { count: 5 } });
        // Onto occurrence 4 (not made yet: only the next three exist).
        await call(t.core, 'posts:reschedule', { id: origin.id, date: '2026-03-30', time: '09:00' });
        // The first post's day, then the second's, go by: each time the series makes what is due.
        t.clock.advance(DAY);
        await settle();
        expect(await times()).toEqual(['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z']);
        t.clock.advance(DAY);
        await settle();
        expect(await times()).toEqual(['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z', '2026-03-31T07:00:00.000Z']);
        const r = await call<RecurrenceDto>(t.core, 'queue:recurrence', { postId: origin.id });
        expect(r.occurrences.map((o) => [o.number, o.at])).toEqual([
          [1, '2026-03-30T07:00:00.000Z'],
          [2, '2026-03-28T08:00:00.000Z'],
          [3, '2026-03-29T07:00:00.000Z'],
          [5, '2026-03-31T07:00:00.000Z'],
        ]);
      });
    });
  });
});

/**
 * Two separate processes (the built browser-mode host, twice) on one database, each asked to
 * queue posts at the same moment: SQLite's write lock is all that keeps them apart.
 */
describe('queuing from two processes at once', () => {
  const HOST = resolve('out/main/host.js');
  // The hosts read the account's sign-in from the keychain (a start marks an account without one
  // to reconnect), so the account is made with this service's keychain.
  const service = `loomcast-queue-test-${randomBytes(4).toString('hex')}`;
  const vault = createKeyringVault(service);
  const children: ChildProcess[] = [];
  afterEach(() => children.splice(0).forEach((c) => c.kill('SIGKILL')));

  const startHost = (dataDir: string) =>
    new Promise<{ origin: string; token: string }>((done, fail) => {
      const child = spawn(process.execPath, [HOST, '--port', '0', '--data-dir', dataDir], { env: { ...process.env, LOOMCAST_KEYCHAIN_SERVICE: service }, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      let out = '';
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /Loomcast is running at (http:\/\/\S+)/.exec(out);
        if (m) {
          const url = new URL(m[1]!);
          done({ origin: url.origin, token: url.searchParams.get('token') ?? '' });
        }
      });
      child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
      child.on('exit', (code) => fail(new Error(`host exited (${code}):\n${out}`)));
    });

  const rpc = async <T>(h: { origin: string; token: string }, channel: string, input: unknown): Promise<T> => {
    const res = await fetch(`${h.origin}/rpc/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${h.token}` }, body: JSON.stringify(input) });
    const body = (await res.json()) as T;
    if (!res.ok) throw new Error(`${channel}: ${JSON.stringify(body)}`);
    return body;
  };

  it.skipIf(!existsSync(HOST))('never books one time twice (needs `npx electron-vite build`)', { timeout: 60_000 }, async (ctx) => {
    const available = (await vault.status()).available;
    if (!available && process.env.LOOMCAST_REQUIRE_KEYCHAIN !== '1') ctx.skip();
    expect(available, 'a keychain is required (run under npm test)').toBe(true);
    const dir = tempDir();
    // The account is made through the core, its sign-in in the hosts' keychain service.
    const t = await createTestCore({ dataDir: dir.path, clock: new FakeClock(Date.now()), vault });
    const account = await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', credentials: { accessToken: 'a' } });
    await t.close();

    const [a, b] = await Promise.all([startHost(dir.path), startHost(dir.path)]);
    // Every day at four times at least an hour away, so none passes while the test runs.
    const hour = new Date(Date.now() + 2 * HOUR).getUTCHours();
    const times = [0, 6, 12, 18].map((h) => `${String((hour + h) % 24).padStart(2, '0')}:15`);
    const slots = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => times.map((time) => ({ weekday, time })));
    await rpc(a, 'queue:setSlots', { accountId: account.id, slots, zone: 'UTC' });
    const posts: string[] = [];
    for (let i = 0; i < 24; i++) posts.push((await rpc<{ id: string }>(i % 2 ? a : b, 'posts:create', { text: `post ${i}`, platforms: ['mastodon'], schedule: null })).id);
    const expected = (await rpc<NextFree>(b, 'queue:nextFree', { accountId: account.id, count: 24 })).slots.map((s) => s.at);

    const booked = await Promise.all(posts.map((postId, i) => rpc<{ slot: SlotInstantDto }>(i % 2 ? a : b, 'queue:add', { postId, accountId: account.id })));
    expect(booked.map((x) => x.slot.at).sort()).toEqual(expected);
    await vault.delete(account.id);
    dir.remove();
  });
});
