/**
 * A thread's later parts and a first comment after a platform hiccup: they wait and try again
 * (or look first, when the platform may have taken the part), instead of stopping the thread at
 * the first 503. What was out stays out and is never sent twice, also after a crash hours ago.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertDto, PostDto } from '../../shared/contract';
import { PLATFORM_CLIENTS } from '../../electron/core/platforms/registry';
import { startMastodonFake, type StartedMastodonFake } from '../fakes/mastodon';
import { connectMastodon } from '../fakes/mastodon/harness';
import { FakeClock } from '../support/clock';
import { call, createTestCore, memoryVault, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC = 10:00 in Berlin; the posts are due 10:30.
const at = (time: string) => ({ date: '2026-11-23', time, zone: 'Europe/Berlin' });
const MIN = 60_000;
const HOUR = 60 * MIN;

interface PartRow {
  position: number;
  state: string;
  attempts: number;
  next_attempt_at: number | null;
  platform_post_id: string | null;
}

const partsOf = (t: TestCore, targetId: string): PartRow[] => {
  const db = new Database(join(t.dataDir, 'loomcast.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT position, state, attempts, next_attempt_at, platform_post_id FROM target_parts WHERE target_id = ? ORDER BY position').all(targetId) as PartRow[];
  } finally {
    db.close();
  }
};

describe('thread parts and first comments after a platform hiccup', () => {
  let t: TestCore;
  let script: ReturnType<typeof scriptedClient>;
  let alerts: AlertDto[];

  async function setup(opts: { reconcile?: 'recent_posts' | 'idempotency_key'; expiresAt?: number } = {}) {
    script = scriptedClient('mastodon', opts);
    t = await createTestCore({
      clients: { mastodon: script.client },
      publishing: { autoStart: false, retry: { maxAttempts: 3, baseMs: 60_000, capMs: 10 * MIN }, random: () => 0.5, requestTimeoutMs: 2_000 },
    });
    alerts = [];
    t.core.subscribe((event, payload) => {
      if (event === 'alerts:raised') alerts.push(payload as AlertDto);
    });
    await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'token-1', ...(opts.expiresAt ? { expiresAt: opts.expiresAt, refreshToken: 'refresh-1' } : {}) } });
    await t.core.services.scheduler.start();
  }
  const advance = async (ms: number) => {
    t.clock.advance(ms);
    await t.core.services.scheduler.wake();
  };
  const copy = async (id: string) => (await call<PostDto>(t.core, 'posts:get', { id })).targets[0]!;
  const thread = (text = 'one', parts = ['two', 'three'], firstComment: string | null = null) =>
    call<PostDto>(t.core, 'posts:create', { text, platforms: ['mastodon'], schedule: at('10:30'), thread: parts, ...(firstComment ? { firstComment } : {}) });

  afterEach(async () => {
    await t?.close();
  });

  it('tries a part again after a server error, and the thread ends whole with nothing repeated', async () => {
    await setup();
    script.onPublish(
      { kind: 'published', platformPostId: 'root', url: 'https://example.social/@me/root' },
      { kind: 'transient', reason: 'Mastodon answered HTTP 503.' },
    );
    const post = await thread();
    await advance(30 * MIN);
    expect(script.published().map((c) => c.req!.text)).toEqual(['one', 'two']);
    const waiting = await copy(post.id);
    expect(waiting.state).toBe('published');
    expect(waiting.lastError).toMatch(/^Part 2 of the thread waits: Mastodon answered HTTP 503\. Trying again at .*10:30\.$/);
    expect(partsOf(t, waiting.id)[0]).toMatchObject({ state: 'pending', attempts: 1 });

    // Backoff for a first attempt: 60 s (half fixed, half at random 0.5 → 45 s).
    await advance(MIN);
    expect(script.published().map((c) => [c.req!.text, c.req!.replyTo?.platformPostId ?? null])).toEqual([
      ['one', null],
      ['two', 'root'],
      ['two', 'root'],
      ['three', 'p1'],
    ]);
    expect(await copy(post.id)).toMatchObject({ state: 'published', lastError: null });
    expect(partsOf(t, waiting.id).map((p) => [p.state, p.next_attempt_at])).toEqual([
      ['published', null],
      ['published', null],
    ]);
    expect(alerts.filter((a) => a.kind === 'thread_stopped')).toEqual([]);
    await advance(2 * HOUR);
    expect(script.published()).toHaveLength(4);
  });

  it('waits out a rate limit on the first comment until the reset the platform gave', async () => {
    await setup();
    const reset = Date.UTC(2026, 10, 23, 9, 50);
    script.onPublish({ kind: 'published', platformPostId: 'root', url: null }, { kind: 'rate_limited', until: reset, reason: 'Too many requests' });
    const post = await thread('one', [], 'Links in the comments');
    await advance(30 * MIN);
    const waiting = await copy(post.id);
    expect(waiting.lastError).toMatch(/^The first comment waits: Mastodon asked us to wait until .*10:50/);
    // A wait the platform asked for is not a failed attempt.
    expect(partsOf(t, waiting.id)[0]).toMatchObject({ state: 'pending', attempts: 0, next_attempt_at: reset });
    await advance(19 * MIN);
    expect(script.published()).toHaveLength(2);
    await advance(MIN);
    expect(script.published().map((c) => [c.req!.text, c.req!.replyTo?.kind ?? null])).toEqual([
      ['one', null],
      ['Links in the comments', 'comment'],
      ['Links in the comments', 'comment'],
    ]);
    expect(await copy(post.id)).toMatchObject({ lastError: null });
  });

  it('after a part went unanswered, looks before sending it again and records the one it finds', async () => {
    await setup();
    script.onPublish({ kind: 'published', platformPostId: 'root', url: null }, { kind: 'unknown', reason: 'Mastodon did not answer in time.' });
    const post = await thread('one', ['two']);
    await advance(30 * MIN);
    const waiting = await copy(post.id);
    expect(waiting.lastError).toMatch(/^Part 2 of the thread: Mastodon did not answer in time\. Checking whether it went out at /);
    expect(partsOf(t, waiting.id)[0]).toMatchObject({ state: 'publishing', attempts: 1 });

    script.onReconcile((req) => ({ kind: 'found', platformPostId: `found-${req.idempotencyKey}`, url: null }));
    await advance(MIN);
    expect(script.published()).toHaveLength(2);
    const checks = script.calls.filter((c) => c.kind === 'reconcile');
    expect(checks).toHaveLength(1);
    // Asked about the attempt as it was made: its own key, its own start (10:30).
    expect(checks[0]!.req).toMatchObject({ idempotencyKey: `${waiting.id}:1`, attemptStartedAt: Date.UTC(2026, 10, 23, 9, 30), replyTo: { platformPostId: 'root' } });
    expect(partsOf(t, waiting.id)[0]).toMatchObject({ state: 'published', platform_post_id: `found-${waiting.id}:1`, next_attempt_at: null });
    expect(await copy(post.id)).toMatchObject({ lastError: null });
  });

  it('sends an unanswered part again, with the same key, when the check does not find it', async () => {
    await setup();
    script.onPublish({ kind: 'published', platformPostId: 'root', url: null }, { kind: 'unknown', reason: 'Mastodon did not answer in time.' });
    const post = await thread('one', ['two']);
    await advance(30 * MIN);
    script.onReconcile({ kind: 'not_found' });
    await advance(MIN);
    const sends = script.published().filter((c) => c.req!.text === 'two');
    expect(sends).toHaveLength(2);
    expect(sends[1]!.req!.idempotencyKey).toBe(sends[0]!.req!.idempotencyKey);
    expect(await copy(post.id)).toMatchObject({ state: 'published', lastError: null });
  });

  it('does not call a part failed when its send again is refused: the earlier attempt may be up', async () => {
    await setup();
    script.onPublish({ kind: 'published', platformPostId: 'root', url: null }, { kind: 'unknown', reason: 'Mastodon did not answer in time.' }, { kind: 'failed', reason: 'Mastodon refused the reply.' });
    const post = await thread('one', ['two']);
    await advance(30 * MIN);
    script.onReconcile({ kind: 'not_found' });
    await advance(MIN);
    expect(script.published().filter((c) => c.req!.text === 'two')).toHaveLength(2);
    const stopped = await copy(post.id);
    expect(stopped.lastError).toMatch(/^The thread stopped at part 2 of 2: Mastodon refused the reply\. An earlier attempt may have gone out/);
    expect(partsOf(t, stopped.id).map((p) => p.state)).toEqual(['unconfirmed']);
  });

  it('stops the thread after the last attempt and says so, once', async () => {
    await setup();
    const busy = { kind: 'transient', reason: 'Mastodon answered HTTP 502.' } as const;
    script.onPublish({ kind: 'published', platformPostId: 'root', url: null }, busy, busy, busy);
    const post = await thread('one', ['two', 'three']);
    await advance(30 * MIN);
    await advance(MIN); // second attempt (backoff 45 s)
    await advance(2 * MIN); // third and last (backoff 90 s)
    expect(script.published().map((c) => c.req!.text)).toEqual(['one', 'two', 'two', 'two']);
    const stopped = await copy(post.id);
    expect(stopped.lastError).toMatch(/^The thread stopped at part 2 of 3: Gave up after 3 attempts\. Mastodon answered HTTP 502\..*will not repeat them/);
    expect(alerts.filter((a) => a.kind === 'thread_stopped')).toHaveLength(1);
    expect(partsOf(t, stopped.id).map((p) => p.state)).toEqual(['failed', 'pending']);
    await advance(3 * HOUR);
    expect(script.published()).toHaveLength(4);
  });

  it('keeps a waiting part until its account is reconnected, without looping on it', async () => {
    // The token has 5.5 minutes left at 10:30: no refresh for the main post, one (refused) for the retry.
    await setup({ expiresAt: Date.UTC(2026, 10, 23, 9, 35, 30) });
    script.onPublish({ kind: 'published', platformPostId: 'root', url: null }, { kind: 'transient', reason: 'Mastodon answered HTTP 503.' });
    const post = await thread('one', ['two']);
    await advance(30 * MIN);
    const id = (await copy(post.id)).id;
    await advance(MIN);
    expect(script.calls.map((c) => c.kind)).toEqual(['publish', 'publish', 'refresh']);
    expect(alerts.map((a) => a.kind)).toContain('account_needs_reconnect');
    const part = partsOf(t, id)[0]!;
    expect(part.state).toBe('pending');
    expect(part.next_attempt_at).toBeGreaterThan(t.clock.now());
    expect((await copy(post.id)).lastError).toMatch(/^Part 2 of the thread waits: Waiting for you to reconnect @me@example\.social\./);
    await advance(HOUR);
    expect(script.published()).toHaveLength(2);

    await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'token-2' } });
    await advance(15 * MIN);
    expect(script.published().map((c) => [c.req!.text, c.token])).toEqual([
      ['one', 'token-1'],
      ['two', 'token-1'],
      ['two', 'token-2'],
    ]);
    expect(await copy(post.id)).toMatchObject({ lastError: null });
  });
});

describe('a part left publishing by a crash, hours before the restart', () => {
  let fake: StartedMastodonFake;
  let t: TestCore;

  afterEach(async () => {
    await t?.close();
    await fake?.stop();
  });

  it('is checked as of its own attempt, found, and never sent twice (Mastodon forgets its key after an hour)', async () => {
    const clock = new FakeClock();
    fake = await startMastodonFake();
    fake.now = () => clock.now();
    const connected = await connectMastodon(fake, { clock });
    const vault = memoryVault();
    t = await createTestCore({ clock, vault, clients: { mastodon: PLATFORM_CLIENTS.mastodon }, publishing: { autoStart: false, requestTimeoutMs: 5_000 } });
    await t.core.services.accounts.add({ platform: 'mastodon', handle: connected.profile.handle, platformUserId: connected.profile.platformUserId, serverUrl: fake.url, credentials: connected.credentials });
    await t.core.services.scheduler.start();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Crash test, part one', platforms: ['mastodon'], schedule: at('10:30'), thread: ['Crash test, part two'] });
    clock.advance(30 * MIN);
    await t.core.services.scheduler.wake();
    expect(fake.posts.map((p) => p.text)).toEqual(['Crash test, part one', 'Crash test, part two']);

    // As if the process died after part two was sent and before its answer was written.
    const targetId = post.targets[0]!.id;
    await t.close();
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    db.prepare("UPDATE target_parts SET state = 'publishing', platform_post_id = NULL WHERE target_id = ?").run(targetId);
    db.close();

    // The computer stays off for three hours.
    clock.advance(3 * HOUR);
    t = await createTestCore({ dataDir: t.dataDir, clock, vault, clients: { mastodon: PLATFORM_CLIENTS.mastodon }, publishing: { autoStart: true, requestTimeoutMs: 5_000 } });
    await t.core.services.scheduler.wake();
    expect(fake.posts.map((p) => p.text)).toEqual(['Crash test, part one', 'Crash test, part two']);
    expect(partsOf(t, targetId)[0]).toMatchObject({ state: 'published', platform_post_id: fake.posts[1]!.id });
  });
});
