import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertDto, PostDto } from '../../shared/contract';
import { call, createTestCore, memoryVault, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC = 10:00 in Berlin.
const at = (time: string, date = '2026-11-23') => ({ date, time, zone: 'Europe/Berlin' });
const MIN = 60_000;

describe('the scheduler', () => {
  let t: TestCore;
  let script: ReturnType<typeof scriptedClient>;
  let alerts: AlertDto[];

  const vault = memoryVault();
  async function setup(opts: { reconcile?: 'recent_posts' | 'idempotency_key' | 'none'; expiresAt?: number } = {}) {
    script = scriptedClient('mastodon', opts);
    t = await createTestCore({
      vault,
      clients: { mastodon: script.client },
      publishing: { autoStart: false, retry: { maxAttempts: 3, baseMs: 60_000, capMs: 10 * MIN }, random: () => 0.5, requestTimeoutMs: 2_000 },
    });
    alerts = [];
    t.core.subscribe((event, payload) => {
      if (event === 'alerts:raised') alerts.push(payload as AlertDto);
    });
    await t.core.services.accounts.add({
      platform: 'mastodon',
      handle: '@me@example.social',
      serverUrl: 'https://example.social',
      credentials: { accessToken: 'token-1', ...(opts.expiresAt ? { expiresAt: opts.expiresAt, refreshToken: 'refresh-1' } : {}) },
    });
    await t.core.services.scheduler.start();
  }
  /** Moves time on and lets the scheduler finish what fell due. */
  const advance = async (ms: number) => {
    t.clock.advance(ms);
    await t.core.services.scheduler.wake();
  };
  const target = async (id: string) => (await call<PostDto>(t.core, 'posts:get', { id })).targets[0]!;
  const schedule = (time: string, text = 'Hello fediverse') => call<PostDto>(t.core, 'posts:create', { text, platforms: ['mastodon'], schedule: at(time) });

  afterEach(async () => {
    await t?.close();
  });

  it('sleeps until the post is due, then publishes it once', async () => {
    await setup();
    const post = await schedule('10:30');
    await advance(29 * MIN);
    expect(script.published()).toHaveLength(0);
    await advance(1 * MIN);
    expect(script.published()).toHaveLength(1);
    expect(script.published()[0]!.req!.idempotencyKey).toBe(post.targets[0]!.id);
    expect(await target(post.id)).toMatchObject({ state: 'published', platformUrl: 'https://mastodon.invalid/p1' });
    await advance(60 * MIN);
    expect(script.published()).toHaveLength(1);
  });

  it('binds a post planned before the account was connected to that account', async () => {
    script = scriptedClient('mastodon');
    t = await createTestCore({ clients: { mastodon: script.client }, publishing: { autoStart: false } });
    const post = await schedule('10:30');
    expect(post.targets[0]!.accountId).toBeNull();
    const account = await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', credentials: { accessToken: 'a' } });
    expect((await target(post.id)).accountId).toBe(account.id);
  });

  it('holds a post that is more than two hours late and says so; publishes one that is less late', async () => {
    await setup();
    const late = await schedule('10:30');
    const onTime = await schedule('12:45', 'second post');
    t.clock.jump(3 * 60 * MIN); // the machine slept through 10:30 and woke at 13:00
    t.core.resume();
    await t.core.services.scheduler.wake();
    expect(await target(late.id)).toMatchObject({ state: 'missed' });
    expect(alerts.map((a) => a.kind)).toEqual(['post_missed']);
    expect(await target(onTime.id)).toMatchObject({ state: 'published' });
    expect(t.notifications.map((n) => n.title)).toContain('A Mastodon post was missed');
  });

  it('retries definite non-delivery with backoff, then gives up and reports it', async () => {
    await setup();
    script.onPublish(...Array(3).fill({ kind: 'transient', reason: 'Could not reach Mastodon.' }));
    const post = await schedule('10:30');
    await advance(30 * MIN);
    expect(await target(post.id)).toMatchObject({ state: 'scheduled' });
    expect((await target(post.id)).lastError).toMatch(/Could not reach Mastodon\. Trying again at/);
    await advance(1 * MIN); // first backoff: 30–60 s (random 0.5 → 45 s)
    expect(script.published()).toHaveLength(2);
    await advance(2 * MIN);
    expect(script.published()).toHaveLength(3);
    expect(await target(post.id)).toMatchObject({ state: 'failed' });
    expect((await target(post.id)).lastError).toMatch(/Gave up after 3 attempts/);
    expect(alerts.at(-1)).toMatchObject({ kind: 'post_failed' });
  });

  it('waits until the reset the platform states after a 429, and pauses the account', async () => {
    await setup();
    const until = t.clock.now() + 30 * MIN + 15 * MIN;
    script.onPublish({ kind: 'rate_limited', until, reason: 'Too many requests' });
    const post = await schedule('10:30');
    await advance(30 * MIN);
    expect((await call<{ status: string; rateLimitedUntil: string }[]>(t.core, 'accounts:list'))[0]).toMatchObject({
      status: 'rate_limited',
      rateLimitedUntil: new Date(until).toISOString(),
    });
    await advance(15 * MIN - 1);
    expect(script.published()).toHaveLength(1);
    await advance(1);
    expect(script.published()).toHaveLength(2);
    expect(await target(post.id)).toMatchObject({ state: 'published' });
  });

  it('refreshes an expired token once and publishes with the new one', async () => {
    await setup({ expiresAt: Date.UTC(2026, 10, 24) });
    script.onPublish({ kind: 'expired_token' });
    script.onRefresh({ ok: true, credentials: { accessToken: 'token-2', refreshToken: 'refresh-2', expiresAt: Date.UTC(2026, 10, 25) } });
    const post = await schedule('10:30');
    await advance(30 * MIN);
    expect(script.calls.map((c) => [c.kind, c.token])).toEqual([
      ['publish', 'token-1'],
      ['refresh', 'token-1'],
      ['publish', 'token-2'],
    ]);
    expect(await target(post.id)).toMatchObject({ state: 'published' });
    expect(await t.core.services.accounts.credentials((await target(post.id)).accountId!)).toMatchObject({ accessToken: 'token-2', refreshToken: 'refresh-2' });
  });

  it('uses the sign-in saved while a call was out instead of spending the old refresh token', async () => {
    await setup({ expiresAt: Date.UTC(2026, 10, 24) });
    // While the post is out, the account's token is refreshed elsewhere (its numbers, a reconnect);
    // a rotating platform has then replaced refresh-1, so spending it would ask for a reconnect.
    script.onPublish(async () => {
      await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'token-2', refreshToken: 'refresh-2', expiresAt: Date.UTC(2026, 10, 25) } });
      return { kind: 'expired_token' };
    });
    const post = await schedule('10:30');
    await advance(30 * MIN);
    expect(script.calls.map((c) => [c.kind, c.token])).toEqual([
      ['publish', 'token-1'],
      ['publish', 'token-2'],
    ]);
    expect(await target(post.id)).toMatchObject({ state: 'published' });
  });

  it('refreshes a token ahead of its expiry', async () => {
    await setup({ expiresAt: Date.UTC(2026, 10, 23, 9, 32) });
    script.onRefresh({ ok: true, credentials: { accessToken: 'token-2', expiresAt: Date.UTC(2026, 10, 23, 11) } });
    await schedule('10:30');
    await advance(30 * MIN);
    expect(script.calls.map((c) => c.kind)).toEqual(['refresh', 'publish']);
    expect(script.published()[0]!.token).toBe('token-2');
  });

  it('marks the account for reconnecting when the refresh fails, and keeps the post waiting', async () => {
    await setup({ expiresAt: Date.UTC(2026, 10, 24) });
    script.onPublish({ kind: 'expired_token' });
    script.onRefresh({ ok: false, reason: 'The refresh token was revoked.' });
    const post = await schedule('10:30');
    await advance(30 * MIN);
    expect((await call<{ status: string }[]>(t.core, 'accounts:list'))[0]!.status).toBe('needs_reconnect');
    expect(await target(post.id)).toMatchObject({ state: 'scheduled' });
    expect(alerts.map((a) => a.kind)).toContain('account_needs_reconnect');
    await advance(60 * MIN);
    expect(script.published()).toHaveLength(1);
  });

  it('after an unknown outcome, records the post it finds instead of publishing again', async () => {
    await setup();
    script.onPublish({ kind: 'unknown', reason: 'Mastodon may or may not have received the post: the platform did not answer in time.' });
    script.onReconcile({ kind: 'found', platformPostId: '777', url: 'https://example.social/@me/777' });
    const post = await schedule('10:30');
    await advance(30 * MIN);
    expect(script.published()).toHaveLength(1);
    expect(await target(post.id)).toMatchObject({ state: 'published', platformUrl: 'https://example.social/@me/777' });
  });

  it('never records a post the check found for a copy when another copy already has it', async () => {
    await setup();
    // The first post goes out as 777; the second's answer is lost and the check lands on 777 too
    // (a platform read by words: the same caption, or none).
    script.onPublish({ kind: 'published', platformPostId: '777', url: 'https://example.social/@me/777' }, { kind: 'unknown', reason: 'The platform did not answer in time.' });
    script.onReconcile({ kind: 'found', platformPostId: '777', url: 'https://example.social/@me/777' });
    const first = await schedule('10:30', 'Photo of the day');
    const second = await schedule('10:45', 'Photo of the day, again');
    await advance(30 * MIN);
    await advance(15 * MIN);
    expect(await target(first.id)).toMatchObject({ state: 'published', platformUrl: 'https://example.social/@me/777' });
    expect(await target(second.id)).toMatchObject({ state: 'unconfirmed', lastError: expect.stringMatching(/already recorded as another of your posts/) });
    expect(alerts.at(-1)).toMatchObject({ kind: 'post_unconfirmed' });
  });

  it('after an unknown outcome that reconcile rules out, publishes again with the same idempotency key', async () => {
    await setup();
    script.onPublish({ kind: 'unknown', reason: 'cut' });
    script.onReconcile({ kind: 'not_found' });
    const post = await schedule('10:30');
    await advance(30 * MIN);
    await advance(1 * MIN);
    const keys = script.published().map((c) => c.req!.idempotencyKey);
    expect(keys).toEqual([post.targets[0]!.id, post.targets[0]!.id]);
    expect(await target(post.id)).toMatchObject({ state: 'published' });
  });

  it('after a timeout, looks again after the backoff before sending a second time', async () => {
    await setup();
    script.onPublish({ kind: 'unknown', reason: 'timeout' });
    // The platform's list lags: the first look misses the post, the second finds it.
    script.onReconcile({ kind: 'not_found' }, { kind: 'found', platformPostId: 'late', url: 'https://example.social/@me/late' });
    const post = await schedule('10:30');
    await advance(30 * MIN);
    expect(await target(post.id)).toMatchObject({ state: 'publishing' });
    await advance(1 * MIN);
    expect(script.published()).toHaveLength(1);
    expect(script.calls.filter((c) => c.kind === 'reconcile')).toHaveLength(2);
    expect(await target(post.id)).toMatchObject({ state: 'published', platformUrl: 'https://example.social/@me/late' });
  });

  it('never calls a post failed when a send again is refused after an attempt that may have landed', async () => {
    await setup({ reconcile: 'idempotency_key' });
    // The first attempt's answer is lost; the platform dedupes by key, so the check says a resend is safe.
    script.onPublish({ kind: 'unknown', reason: 'Mastodon answered HTTP 500.' }, { kind: 'failed', reason: 'Mastodon could not process the media file.' });
    script.onReconcile({ kind: 'retry_is_safe' }, { kind: 'retry_is_safe' });
    const post = await schedule('10:30');
    await advance(30 * MIN);
    await advance(5 * MIN);
    expect(script.published()).toHaveLength(2);
    // The refusal is of the second send: the first may be up, so the creator is asked.
    expect(await target(post.id)).toMatchObject({ state: 'unconfirmed', lastError: expect.stringMatching(/^Mastodon could not process the media file\. An earlier attempt may have gone out/) });
    expect(alerts.at(-1)).toMatchObject({ kind: 'post_unconfirmed' });
  });

  it('asks the creator when nothing can tell whether the post went out', async () => {
    await setup({ reconcile: 'none' });
    script.onPublish({ kind: 'unknown', reason: 'timeout' });
    const post = await schedule('10:30');
    await advance(30 * MIN);
    expect(await target(post.id)).toMatchObject({ state: 'unconfirmed' });
    expect(alerts.at(-1)).toMatchObject({ kind: 'post_unconfirmed', title: 'Did your Mastodon post go out?' });
    await advance(120 * MIN);
    expect(script.published()).toHaveLength(1);
  });

  it('after a crash mid-publish, checks the platform before doing anything else', async () => {
    await setup();
    script.onPublish(() => new Promise(() => {})); // the process dies while the request is in flight
    const post = await schedule('10:30');
    t.clock.advance(30 * MIN);
    // Claimed on disk, its request in flight (however long the machine takes to get there).
    await expect.poll(async () => (await target(post.id)).state).toBe('publishing');
    expect(script.calls.map((c) => c.kind)).toEqual(['publish']);

    // Restart on the same data dir without letting the stuck call finish.
    const dataDir = t.dataDir;
    const again = scriptedClient('mastodon');
    again.onReconcile({ kind: 'found', platformPostId: '42', url: 'https://example.social/@me/42' });
    const t2 = await createTestCore({ dataDir, vault, clock: t.clock, clients: { mastodon: again.client }, publishing: { autoStart: true } });
    await t2.core.services.scheduler.wake();
    expect(again.calls.map((c) => c.kind)).toEqual(['reconcile']);
    expect((await call<PostDto>(t2.core, 'posts:get', { id: post.id })).targets[0]).toMatchObject({ state: 'published', platformUrl: 'https://example.social/@me/42' });
    await t2.close();
    // The first process's stuck call times out on the injected clock; its answer no longer counts.
    t.clock.advance(5_000);
  });

  it('publishes a thread and a first comment as a chain, each replying to the one before', async () => {
    await setup();
    const post = await call<PostDto>(t.core, 'posts:create', {
      text: 'Thread 1/3',
      platforms: ['mastodon'],
      schedule: at('10:30'),
      thread: ['Thread 2/3', 'Thread 3/3'],
      firstComment: 'Links in the comments',
    });
    expect(post).toMatchObject({ thread: ['Thread 2/3', 'Thread 3/3'], firstComment: 'Links in the comments' });
    await advance(30 * MIN);
    const sent = script.published().map((c) => [c.req!.text, c.req!.replyTo?.platformPostId ?? null, c.req!.replyTo?.kind ?? null]);
    expect(sent).toEqual([
      ['Thread 1/3', null, null],
      ['Thread 2/3', 'p1', 'thread'],
      ['Thread 3/3', 'p2', 'thread'],
      ['Links in the comments', 'p3', 'comment'],
    ]);
    expect(await target(post.id)).toMatchObject({ state: 'published', lastError: null });
  });

  it('reports a thread that stops halfway and never repeats the parts already out', async () => {
    await setup();
    script.onPublish(
      { kind: 'published', platformPostId: 'root', url: 'https://example.social/@me/root' },
      { kind: 'published', platformPostId: 'two', url: null },
      { kind: 'failed', reason: 'Mastodon refused part three: Validation failed.' },
    );
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'one', platforms: ['mastodon'], schedule: at('10:30'), thread: ['two', 'three', 'four'] });
    await advance(30 * MIN);
    expect(script.published().map((c) => c.req!.text)).toEqual(['one', 'two', 'three']);
    const after = await target(post.id);
    expect(after.state).toBe('published');
    expect(after.lastError).toMatch(/The thread stopped at part 3 of 4: Mastodon refused part three.*will not repeat them/);
    expect(alerts.at(-1)).toMatchObject({ kind: 'thread_stopped' });
    await advance(120 * MIN);
    await t.core.services.scheduler.stop();
    await t.core.services.scheduler.start();
    expect(script.published()).toHaveLength(3);
  });

  it('gives platforms without threads only the main post', async () => {
    script = scriptedClient('mastodon');
    const noThreads = { ...script.client, capabilities: { ...script.client.capabilities, threads: false, firstComment: false } };
    t = await createTestCore({ clients: { mastodon: noThreads }, publishing: { autoStart: false } });
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'solo', platforms: ['mastodon'], schedule: null, thread: ['ignored'], firstComment: 'also ignored' });
    expect(post).toMatchObject({ thread: [], firstComment: null });
  });

  it('holds a due post of a platform with no connected account, and says why', async () => {
    script = scriptedClient('mastodon');
    t = await createTestCore({ clients: { mastodon: script.client }, publishing: { autoStart: true } });
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'nobody home', platforms: ['x'], schedule: at('10:30') });
    await advance(30 * MIN);
    expect(await target(post.id)).toMatchObject({ state: 'missed', lastError: 'No X account was connected when it was due.' });
  });
});

describe('accounts and alerts', () => {
  it('reconnecting the same account keeps its id and posts and clears its trouble', async () => {
    const t = await createTestCore();
    const first = await t.core.services.accounts.add({ platform: 'x', handle: 'me', credentials: { accessToken: 'old' } });
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'bound', platforms: ['x'], schedule: at('12:00', '2026-11-24') });
    // What a failed token refresh leaves behind.
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    db.prepare("UPDATE accounts SET status = 'needs_reconnect', last_error = 'The refresh token was revoked.'").run();
    db.close();
    const again = await t.core.services.accounts.add({ platform: 'x', handle: 'me', credentials: { accessToken: 'new' } });
    expect(again.id).toBe(first.id);
    expect(again).toMatchObject({ status: 'connected', lastError: null });
    expect(await t.core.services.accounts.credentials(first.id)).toEqual({ accessToken: 'new' });
    expect((await call<PostDto>(t.core, 'posts:get', { id: post.id })).targets[0]!.accountId).toBe(first.id);
    expect(await call<unknown[]>(t.core, 'accounts:list')).toHaveLength(1);
    await t.close();
  });

  it('reconnecting after a handle rename finds the account by its platform user id; a new owner of the handle takes nothing over', async () => {
    const t = await createTestCore();
    const first = await t.core.services.accounts.add({ platform: 'x', handle: 'me', platformUserId: '42', credentials: { accessToken: 'old' } });
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'bound', platforms: ['x'], schedule: at('12:00', '2026-11-24') });
    t.core.services.accounts.needsReconnect(first.id, 'The refresh token was revoked.');
    // The creator renamed @me to @me_new on X; the platform's user id stays.
    const again = await t.core.services.accounts.add({ platform: 'x', handle: 'me_new', platformUserId: '42', credentials: { accessToken: 'new' } });
    expect(again).toMatchObject({ id: first.id, handle: 'me_new', status: 'connected', lastError: null });
    expect(await t.core.services.accounts.credentials(first.id)).toEqual({ accessToken: 'new' });
    expect((await call<PostDto>(t.core, 'posts:get', { id: post.id })).targets[0]!.accountId).toBe(first.id);
    expect(await call<unknown[]>(t.core, 'accounts:list')).toHaveLength(1);
    // Someone else (another user id) now holds @me_new: refused, and the creator's account is untouched.
    await expect(t.core.services.accounts.add({ platform: 'x', handle: 'me_new', platformUserId: '99', credentials: { accessToken: 'theirs' } })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await t.core.services.accounts.credentials(first.id)).toEqual({ accessToken: 'new' });
    expect(await call<{ id: string; handle: string }[]>(t.core, 'accounts:list')).toEqual([expect.objectContaining({ id: first.id, handle: 'me_new', status: 'connected' })]);
    await t.close();
  });

  it('keeps alerts across a restart until they are marked read', async () => {
    const script = scriptedClient('mastodon', { reconcile: 'none' });
    let t = await createTestCore({ clients: { mastodon: script.client }, publishing: { autoStart: false } });
    await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', credentials: { accessToken: 'a' } });
    await t.core.services.scheduler.start();
    script.onPublish({ kind: 'failed', reason: 'Mastodon refused the post: Validation failed.' });
    await call(t.core, 'posts:create', { text: 'x', platforms: ['mastodon'], schedule: at('10:30') });
    t.clock.advance(30 * MIN);
    await t.core.services.scheduler.wake();
    t = await t.restart();
    const alerts = await call<AlertDto[]>(t.core, 'alerts:list');
    expect(alerts.map((a) => [a.kind, a.readAt])).toEqual([['post_failed', null]]);
    expect(await call(t.core, 'alerts:markRead', {})).toEqual({ count: 1 });
    expect((await call<AlertDto[]>(t.core, 'alerts:list'))[0]!.readAt).not.toBeNull();
    await t.close();
  });
});
