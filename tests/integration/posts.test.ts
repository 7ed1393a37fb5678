import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto, PostVersionDto } from '../../shared/contract';
import type { TargetState } from '../../shared/domain/states';
import { call, createTestCore, type TestCore } from '../support/core';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC (10:00 in Berlin).
const tomorrowAt = (time: string, zone?: string) => ({ date: '2026-11-24', time, ...(zone ? { zone } : {}) });

describe('composing, editing and deleting posts through the contract', () => {
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
  });

  it('schedules a post for several platforms at a wall-clock time in the creator zone', async () => {
    t = await createTestCore({ zone: 'Europe/Berlin' });
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Launch day!', platforms: ['x', 'bluesky'], schedule: tomorrowAt('14:30') });
    expect(post.scheduledAt).toBe('2026-11-24T13:30:00.000Z');
    expect(post.zone).toBe('Europe/Berlin');
    expect(post.targets.map((x) => [x.platform, x.state])).toEqual([
      ['x', 'scheduled'],
      ['bluesky', 'scheduled'],
    ]);
    const upcoming = await call<PostDto[]>(t.core, 'posts:list', { scope: 'upcoming' });
    expect(upcoming.map((p) => p.id)).toEqual([post.id]);
  });

  it('lists upcoming posts soonest first and keeps drafts apart', async () => {
    t = await createTestCore();
    const late = await call<PostDto>(t.core, 'posts:create', { text: 'later', platforms: ['x'], schedule: tomorrowAt('18:00') });
    const soon = await call<PostDto>(t.core, 'posts:create', { text: 'sooner', platforms: ['x'], schedule: tomorrowAt('08:00') });
    const draft = await call<PostDto>(t.core, 'posts:create', { text: 'idea', platforms: ['linkedin'], schedule: null });
    expect((await call<PostDto[]>(t.core, 'posts:list', { scope: 'upcoming' })).map((p) => p.id)).toEqual([soon.id, late.id]);
    expect((await call<PostDto[]>(t.core, 'posts:list', { scope: 'drafts' })).map((p) => p.id)).toEqual([draft.id]);
    expect(draft.targets[0]!.state).toBe('draft');
  });

  it('lists what needs attention newest trouble first, whenever each post was due, and leaves out a post on its way out again', async () => {
    t = await createTestCore({ publishing: { autoStart: false } });
    const make = (text: string, time: string, platforms: string[]) => call<PostDto>(t.core, 'posts:create', { text, platforms, schedule: tomorrowAt(time) });
    const early = await make('due early', '08:00', ['x']);
    const late = await make('due late', '20:00', ['x', 'bluesky']);
    const noon = await make('due at noon', '12:00', ['x']);
    const move = (p: PostDto, copy: number, path: [TargetState, TargetState][]) => {
      t.clock.advance(60_000);
      for (const [from, to] of path) t.core.services.targets.transition([p.targets[copy]!.id], from, to, 'test', {}, { gate: false, wake: false });
    };
    const fail = (p: PostDto, copy: number) => move(p, copy, [['scheduled', 'publishing'], ['publishing', 'failed']]);
    const attention = async () => (await call<PostDto[]>(t.core, 'posts:list', { scope: 'attention' })).map((p) => p.text);
    fail(late, 0);
    fail(noon, 0);
    fail(early, 0);
    // Not by when each was due: by when each went wrong, the newest first. 'due late' still has a
    // copy on its way out, so it does not wait on the creator yet.
    expect(await attention()).toEqual(['due early', 'due at noon']);
    // Its other copy failing too brings it in, at the top.
    fail(late, 1);
    expect(await attention()).toEqual(['due late', 'due early', 'due at noon']);
    expect((await call<PostDto[]>(t.core, 'posts:list', { scope: 'attention', limit: 1, offset: 1 })).map((p) => p.text)).toEqual(['due early']);
    // Sent again, a post leaves the list.
    move(early, 0, [['failed', 'scheduled']]);
    expect(await attention()).toEqual(['due late', 'due at noon']);
  });

  it('reads the four lists of the app at one moment: each post in the list its copies put it in, and only there', async () => {
    t = await createTestCore({ publishing: { autoStart: false } });
    const planned = await call<PostDto>(t.core, 'posts:create', { text: 'planned', platforms: ['x'], schedule: tomorrowAt('18:00') });
    const draft = await call<PostDto>(t.core, 'posts:create', { text: 'idea', platforms: ['linkedin'], schedule: null });
    const out = await call<PostDto>(t.core, 'posts:create', { text: 'went out', platforms: ['x'], schedule: tomorrowAt('08:00') });
    const refused = await call<PostDto>(t.core, 'posts:create', { text: 'refused', platforms: ['x'], schedule: tomorrowAt('09:00') });
    const going = await call<PostDto>(t.core, 'posts:create', { text: 'going out now', platforms: ['x'], schedule: tomorrowAt('10:00') });
    // Moved the way publishing moves them (posts/targets.ts is their one writer).
    const move = (p: PostDto, path: [TargetState, TargetState][]) => {
      for (const [from, to] of path) t.core.services.targets.transition([p.targets[0]!.id], from, to, 'test', to === 'published' ? { platformPostId: `p-${p.id}`, publishedAt: t.clock.now() } : {}, { gate: false, wake: false });
    };
    move(out, [['scheduled', 'publishing'], ['publishing', 'published']]);
    move(refused, [['scheduled', 'publishing'], ['publishing', 'failed']]);
    move(going, [['scheduled', 'publishing']]);
    const lists = await call<Record<'upcoming' | 'drafts' | 'attention' | 'published', PostDto[]> & { more: unknown; untimedDrafts: number; waiting: unknown }>(t.core, 'posts:lists', {});
    const ids = Object.fromEntries((['upcoming', 'drafts', 'attention', 'published'] as const).map((k) => [k, lists[k].map((p) => p.id)]));
    expect(ids).toEqual({ upcoming: [going.id, planned.id], drafts: [draft.id], attention: [refused.id], published: [out.id] });
    expect(lists.more).toEqual({ upcoming: 0, drafts: 0 });
    expect(lists.untimedDrafts).toBe(1);
    // 'going' is publishing: not waiting any more.
    expect(lists.waiting).toEqual({});
    // The same answers as posts:list, scope by scope.
    for (const scope of ['upcoming', 'drafts', 'attention', 'published'] as const) {
      expect(lists[scope]).toEqual(await call<PostDto[]>(t.core, 'posts:list', { scope }));
    }
    // An empty body is the same question.
    expect(await t.core.dispatch('posts:lists', undefined)).toEqual({ ok: true, value: lists });
  });

  it('keeps every edit of the text as a new version', async () => {
    t = await createTestCore();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'v1', platforms: ['x'], schedule: tomorrowAt('12:00') });
    const edited = await call<PostDto>(t.core, 'posts:update', { id: post.id, text: 'v2' });
    expect(edited.text).toBe('v2');
    expect(edited.version).toBe(2);
    const same = await call<PostDto>(t.core, 'posts:update', { id: post.id, text: 'v2' });
    expect(same.version).toBe(2);
    const versions = await call<PostVersionDto[]>(t.core, 'posts:versions', { id: post.id });
    expect(versions.map((v) => [v.number, v.text])).toEqual([
      [2, 'v2'],
      [1, 'v1'],
    ]);
  });

  it('adds and removes platforms and moves every target when rescheduled', async () => {
    t = await createTestCore();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'hello', platforms: ['x', 'mastodon'], schedule: tomorrowAt('12:00') });
    const moved = await call<PostDto>(t.core, 'posts:update', { id: post.id, platforms: ['mastodon', 'linkedin'], schedule: tomorrowAt('16:15', 'America/New_York') });
    expect(moved.targets.map((x) => x.platform).sort()).toEqual(['linkedin', 'mastodon']);
    expect(new Set(moved.targets.map((x) => x.scheduledAt))).toEqual(new Set(['2026-11-24T21:15:00.000Z']));
    const unscheduled = await call<PostDto>(t.core, 'posts:update', { id: post.id, schedule: null });
    expect(unscheduled.targets.every((x) => x.state === 'draft' && x.scheduledAt === null)).toBe(true);
  });

  it('deletes a post with its history', async () => {
    t = await createTestCore();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'bye', platforms: ['x'], schedule: null });
    await call(t.core, 'posts:delete', { id: post.id });
    const gone = await t.core.dispatch('posts:get', { id: post.id });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses a time that has passed, naming it in the creator zone', async () => {
    t = await createTestCore({ zone: 'Europe/Berlin' });
    const r = await t.core.dispatch('posts:create', { text: 'late', platforms: ['x'], schedule: { date: '2026-11-23', time: '09:59' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_time' } });
    expect(!r.ok && r.error.message).toMatch(/Mon 23 Nov 2026, 09:59 .* has already passed/);
  });

  it('refuses a time skipped by a daylight-saving change instead of moving the post', async () => {
    t = await createTestCore();
    const r = await t.core.dispatch('posts:create', { text: 'gap', platforms: ['x'], schedule: { date: '2027-03-28', time: '02:30', zone: 'Europe/Berlin' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_time' } });
    expect(!r.ok && r.error.message).toMatch(/does not exist in Europe\/Berlin/);
  });

  it('answers bad input with invalid_input and the list of issues, and keeps serving', async () => {
    t = await createTestCore();
    const r = await t.core.dispatch('posts:create', { text: '   ', platforms: ['myspace'], schedule: { date: 'tomorrow', time: '9' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.issues!.map((i) => i.path.join('.')).sort()).toEqual(['platforms.0', 'schedule.date', 'schedule.time', 'text']);
    expect(await t.core.dispatch('no:such', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await t.core.dispatch('posts:list', 'garbage')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await t.core.dispatch('posts:list', { scope: 'all' })).ok).toBe(true);
  });

  it('keeps posts, versions and settings across a restart on the same data dir', async () => {
    t = await createTestCore();
    await call(t.core, 'settings:update', { timeZone: 'Asia/Tokyo' });
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'persist me', platforms: ['threads'], schedule: tomorrowAt('09:00') });
    await call(t.core, 'posts:update', { id: post.id, text: 'persist me, edited' });
    t = await t.restart();
    const again = await call<PostDto>(t.core, 'posts:get', { id: post.id });
    expect(again).toMatchObject({ text: 'persist me, edited', version: 2, zone: 'Asia/Tokyo', scheduledAt: '2026-11-24T00:00:00.000Z' });
    expect(await call(t.core, 'settings:get')).toMatchObject({ timeZone: 'Asia/Tokyo' });
  });

  it('records every change in the audit log', async () => {
    t = await createTestCore();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'audit', platforms: ['x'], schedule: null });
    await call(t.core, 'posts:update', { id: post.id, text: 'audit 2' });
    await call(t.core, 'posts:delete', { id: post.id });
    await t.close();
    const db = new Database(`${t.dataDir}/loomcast.sqlite`, { readonly: true });
    const actions = (db.prepare('SELECT action FROM audit_log WHERE entity_id = ? ORDER BY id').all(post.id) as { action: string }[]).map((r) => r.action);
    db.close();
    expect(actions).toEqual(['post.create', 'post.update', 'post.delete']);
    t = await t.restart();
  });

  it('announces changes to subscribers', async () => {
    t = await createTestCore();
    const seen: unknown[] = [];
    t.core.subscribe((event, payload) => seen.push([event, payload]));
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'ping', platforms: ['x'], schedule: null });
    // Once per change; a draft without a time touches no day (`at` empty).
    expect(seen).toEqual([['posts:changed', { ids: [post.id], reason: 'created', at: [] }]]);
    seen.length = 0;
    const timed = await call<PostDto>(t.core, 'posts:create', { text: 'pong', platforms: ['x', 'bluesky'], schedule: tomorrowAt('10:00') });
    // One event for the post and both its copies, naming the instant they are due.
    expect(seen.filter((e) => (e as string[])[0] === 'posts:changed')).toEqual([['posts:changed', { ids: [timed.id], reason: 'created', at: [Date.parse(timed.scheduledAt!)] }]]);
  });
});
