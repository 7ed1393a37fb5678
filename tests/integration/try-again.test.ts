/**
 * "Try again now" on a copy that failed or was missed: publishing:tryAgain schedules that one
 * copy for now with fresh attempts, through the gates; it never resends a copy whose outcome is
 * unknown, and waits for a reconnect when the account's sign-in is gone.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountDto, PostDto } from '../../shared/contract';
import { call, createTestCore, refusalOf, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC = 10:00 in Berlin.
const at = (time: string) => ({ date: '2026-11-23', time, zone: 'Europe/Berlin' });
const MIN = 60_000;

describe('publishing:tryAgain', () => {
  let t: TestCore;
  let script: ReturnType<typeof scriptedClient>;
  let account: AccountDto;

  async function setup(reconcile: 'none' | 'recent_posts' = 'recent_posts') {
    script = scriptedClient('mastodon', { reconcile });
    t = await createTestCore({ clients: { mastodon: script.client }, publishing: { autoStart: false, random: () => 0.5, requestTimeoutMs: 2_000 } });
    account = (await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'token-1' } })) as AccountDto;
    await t.core.services.scheduler.start();
  }
  const get = (id: string) => call<PostDto>(t.core, 'posts:get', { id });
  const due = async () => {
    t.clock.advance(30 * MIN);
    await t.core.services.scheduler.wake();
  };

  afterEach(async () => {
    await t?.close();
  });

  it('sends a failed copy again, once, and leaves it published with its error gone', async () => {
    await setup();
    script.onPublish({ kind: 'failed', reason: 'Mastodon refused the post: the server was read-only.' });
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Open studio moved to Saturday', platforms: ['mastodon'], schedule: at('10:30') });
    await due();
    expect((await get(post.id)).targets[0]).toMatchObject({ state: 'failed', lastError: 'Mastodon refused the post: the server was read-only.' });

    const moved = await call<PostDto>(t.core, 'publishing:tryAgain', { targetId: post.targets[0]!.id });
    expect(moved.targets[0]).toMatchObject({ state: 'scheduled', lastError: null });
    expect(Date.parse(moved.targets[0]!.scheduledAt!)).toBe(t.clock.now());
    await t.core.services.scheduler.wake();
    expect(script.published().map((c) => c.req!.text)).toEqual(['Open studio moved to Saturday', 'Open studio moved to Saturday']);
    expect((await get(post.id)).targets[0]).toMatchObject({ state: 'published', lastError: null });
    // Already out: nothing to try again, and nothing sent.
    expect((await refusalOf(t.core, 'publishing:tryAgain', { targetId: post.targets[0]!.id })).code).toBe('conflict');
    expect(script.published()).toHaveLength(2);
  });

  it('gives a copy that ran out of attempts a fresh set, and moves none of the post’s other copies', async () => {
    await setup();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Two places', platforms: ['mastodon', 'bluesky'], schedule: at('18:00') });
    const later = post.targets.find((c) => c.platform === 'bluesky')!;
    // Out of attempts: as the publisher leaves it after its last transient failure.
    t.core.services.targets.transition([post.targets[0]!.id], 'scheduled', 'failed', 'test', { lastError: 'Gave up after 6 attempts.' }, { gate: false });
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'));
    db.prepare('UPDATE targets SET attempts = 6 WHERE id = ?').run(post.targets[0]!.id);
    db.close();
    const moved = await call<PostDto>(t.core, 'publishing:tryAgain', { targetId: post.targets[0]!.id });
    expect(moved.targets[0]!.state).toBe('scheduled');
    expect(moved.targets.find((c) => c.id === later.id)).toMatchObject({ state: later.state, scheduledAt: later.scheduledAt });
    script.onPublish({ kind: 'transient', reason: 'Mastodon is busy.' });
    await t.core.services.scheduler.wake();
    // One transient failure after a fresh start waits and tries again; it is not "gave up".
    expect((await get(post.id)).targets[0]!.state).toBe('scheduled');
  });

  it('never sends an unconfirmed copy again: the creator settles it', async () => {
    await setup('none');
    script.onPublish({ kind: 'unknown', reason: 'Mastodon did not answer in time.' });
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Did this one land?', platforms: ['mastodon'], schedule: at('10:30') });
    await due();
    expect((await get(post.id)).targets[0]!.state).toBe('unconfirmed');
    const refused = await refusalOf(t.core, 'publishing:tryAgain', { targetId: post.targets[0]!.id });
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(/can't tell whether this Mastodon copy went out/);
    expect((await get(post.id)).targets[0]!.state).toBe('unconfirmed');
    expect(script.published()).toHaveLength(1);
  });

  it('waits for a reconnect when the account’s sign-in is gone, and while publishing is paused', async () => {
    await setup();
    script.onPublish({ kind: 'failed', reason: 'Mastodon refused the post.' });
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Signed out', platforms: ['mastodon'], schedule: at('10:30') });
    await due();
    const targetId = post.targets[0]!.id;
    t.core.services.accounts.needsReconnect(account.id, 'The token was revoked.');
    const signedOut = await refusalOf(t.core, 'publishing:tryAgain', { targetId });
    expect(signedOut.code).toBe('conflict');
    expect(signedOut.message).toBe("Mastodon no longer accepts @me@example.social's sign-in. Reconnect @me@example.social in Accounts, then try again.");
    await call(t.core, 'publishing:pause');
    expect((await refusalOf(t.core, 'publishing:tryAgain', { targetId })).message).toMatch(/Publishing is paused/);
    expect((await get(post.id)).targets[0]!.state).toBe('failed');
    expect((await refusalOf(t.core, 'publishing:tryAgain', { targetId: 'no-such-copy' })).code).toBe('not_found');
    expect(script.published()).toHaveLength(1);
  });
});
