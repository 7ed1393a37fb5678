import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { PublishingStatusDto } from '../../shared/contract/features/publishing';
import { call, createTestCore, memoryVault, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC = 10:00 in Berlin.
const at = (time: string, date = '2026-11-23') => ({ date, time, zone: 'Europe/Berlin' });
const MIN = 60_000;

describe('pausing and resuming publishing', () => {
  let t: TestCore;
  let script: ReturnType<typeof scriptedClient>;
  let pushed: PublishingStatusDto[];
  const vault = memoryVault();

  const listen = (core: TestCore['core']) =>
    core.subscribe((event, payload) => {
      if (event === 'publishing:changed') pushed.push(payload as PublishingStatusDto);
    });

  async function setup() {
    script = scriptedClient('mastodon');
    t = await createTestCore({ vault, clients: { mastodon: script.client }, publishing: { autoStart: false, random: () => 0.5 } });
    pushed = [];
    listen(t.core);
    await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'token-1' } });
    await t.core.services.scheduler.start();
  }
  const advance = async (ms: number) => {
    t.clock.advance(ms);
    await t.core.services.scheduler.wake();
  };
  /** Lets the status pushes queued by the last changes go out. */
  // The status is pushed on the turn after a change.
  const settled = () => new Promise<void>((resolve) => setImmediate(resolve));
  const status = () => call<PublishingStatusDto>(t.core, 'publishing:status');
  const target = async (id: string) => (await call<PostDto>(t.core, 'posts:get', { id })).targets[0]!;
  const schedule = (time: string, text = 'Hello fediverse') => call<PostDto>(t.core, 'posts:create', { text, platforms: ['mastodon'], schedule: at(time) });
  const audit = () => {
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'), { readonly: true });
    try {
      return db.prepare(`SELECT action FROM audit_log WHERE entity = 'publishing' ORDER BY id`).all() as { action: string }[];
    } finally {
      db.close();
    }
  };

  afterEach(async () => {
    await t?.close();
  });

  it('tells the next post, the queue size and what needs attention, and pushes changes', async () => {
    await setup();
    expect(await status()).toMatchObject({ paused: false, pausedAt: null, next: null, queued: 0, attention: { total: 0 } });
    const later = await schedule('12:00', 'The later one');
    const first = await schedule('10:30', 'First words of a post that is long enough to be cut short before its end, since the tray has little room');
    const s = await status();
    expect(s.queued).toBe(2);
    expect(s.next).toMatchObject({ postId: first.id, at: '2026-11-23T09:30:00.000Z', accounts: [{ platform: 'mastodon', handle: '@me@example.social' }] });
    expect(s.next!.excerpt.length).toBeLessThanOrEqual(80);
    expect(s.next!.excerpt).toMatch(/^First words of a post .*…$/);
    await settled();
    expect(pushed.at(-1)).toMatchObject({ queued: 2, next: { postId: first.id } });

    script.onPublish({ kind: 'failed', reason: 'Mastodon refused the post.' });
    await advance(30 * MIN);
    const after = await status();
    expect(after).toMatchObject({ queued: 1, next: { postId: later.id }, attention: { failed: 1, missed: 0, unconfirmed: 0, total: 1 } });
    await settled();
    expect(pushed.at(-1)).toEqual(after);
  });

  it('sends nothing while paused, stays paused after a restart, and records both in the audit log', async () => {
    await setup();
    const post = await schedule('10:30');
    const paused = await call<PublishingStatusDto>(t.core, 'publishing:pause');
    expect(paused).toMatchObject({ paused: true, pausedAt: new Date(t.clock.now()).toISOString(), queued: 1 });
    expect(pushed.at(-1)).toMatchObject({ paused: true });
    // Pausing twice changes nothing (and logs nothing twice).
    await call(t.core, 'publishing:pause');

    await advance(40 * MIN);
    expect(script.published()).toHaveLength(0);
    expect(await target(post.id)).toMatchObject({ state: 'scheduled' });

    t = await t.restart();
    pushed = [];
    listen(t.core);
    await t.core.services.scheduler.start();
    expect(await status()).toMatchObject({ paused: true, queued: 1 });
    await advance(10 * MIN);
    expect(script.published()).toHaveLength(0);

    const resumed = await call<PublishingStatusDto>(t.core, 'publishing:resume');
    expect(resumed).toMatchObject({ paused: false, pausedAt: null });
    await t.core.services.scheduler.wake();
    expect(script.published()).toHaveLength(1);
    expect(await target(post.id)).toMatchObject({ state: 'published' });
    expect(audit().map((r) => r.action)).toEqual(['publishing.pause', 'publishing.resume']);
  });

  it('on resume, holds what fell due beyond the grace period and sends what is within it', async () => {
    await setup();
    const long = await schedule('10:30', 'Due long ago');
    const recent = await schedule('12:45', 'Due a moment ago');
    await call(t.core, 'publishing:pause');
    await advance(3 * 60 * MIN); // 13:00 in Berlin: 10:30 is 2.5 h late, 12:45 a quarter of an hour
    expect(script.published()).toHaveLength(0);

    await call(t.core, 'publishing:resume');
    await t.core.services.scheduler.wake();
    expect(await target(long.id)).toMatchObject({ state: 'missed' });
    expect((await target(long.id)).lastError).toMatch(/^Held: it was due/);
    expect(await target(recent.id)).toMatchObject({ state: 'published' });
    expect(script.published().map((c) => c.req!.text)).toEqual(['Due a moment ago']);
    expect(await status()).toMatchObject({ queued: 0, attention: { missed: 1, total: 1 } });
  });

  it('publishes the next post now, and refuses when it is not the one shown, when nothing is scheduled or while paused', async () => {
    await setup();
    const none = await t.core.dispatch('publishing:publishNext', {});
    expect(none).toMatchObject({ ok: false, error: { code: 'conflict', message: 'No post is scheduled, so there is nothing to publish next.' } });

    const next = await schedule('15:00', 'Next up');
    const other = await schedule('18:00', 'After that');
    const stale = await t.core.dispatch('publishing:publishNext', { postId: other.id });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });

    await call(t.core, 'publishing:pause');
    expect(await t.core.dispatch('publishing:publishNext', { postId: next.id })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/^Publishing is paused/) } });
    expect(await t.core.dispatch('compose:publishNow', { postId: next.id })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/^Publishing is paused/) } });
    await call(t.core, 'publishing:resume');

    const sent = await call<PostDto>(t.core, 'publishing:publishNext', { postId: next.id });
    expect(sent.targets[0]).toMatchObject({ state: 'scheduled', scheduledAt: new Date(t.clock.now()).toISOString() });
    await t.core.services.scheduler.wake();
    expect(await target(next.id)).toMatchObject({ state: 'published' });
    expect(await target(other.id)).toMatchObject({ state: 'scheduled' });
    expect(await status()).toMatchObject({ queued: 1, next: { postId: other.id } });
  });

  it('refuses input that does not fit', async () => {
    await setup();
    expect(await t.core.dispatch('publishing:pause', { forever: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await t.core.dispatch('publishing:publishNext', { postId: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
