/**
 * A claimed post's request leaves only once its claim is on disk (publishing/send-barrier.ts),
 * through the real Mastodon client and its fake: while the database's -wal file cannot be
 * flushed, Mastodon is never asked and the post says nothing was sent; once the disk works it
 * goes out once. And as the app sends, from the network worker, which flushes the file itself.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { HttpFetch } from '../../electron/core/deps';
import { PLATFORM_CLIENTS } from '../../electron/core/platforms/registry';
import { NOT_SENT_WORDS } from '../../electron/core/publishing/send-barrier';
import { startMastodonFake, type StartedMastodonFake } from '../fakes/mastodon';
import { call, createTestCore, flushHere, type TestCore, type TestCoreOptions } from '../support/core';

// The fake clock starts at Mon 23 Nov 2026 09:00 UTC = 10:00 in Berlin; the post is due 10:30.
const at = { date: '2026-11-23', time: '10:30', zone: 'Europe/Berlin' };
const MIN = 60_000;

describe('the claim on disk before the request leaves', () => {
  let fake: StartedMastodonFake;
  let t: TestCore;
  afterEach(async () => {
    await t?.close();
    await fake?.stop();
  });

  async function setup(opts: Pick<TestCoreOptions, 'http' | 'networkWorker' | 'publishing'>) {
    fake = await startMastodonFake();
    fake.createAccount('me');
    t = await createTestCore({ clients: { mastodon: PLATFORM_CLIENTS.mastodon }, ...opts });
    const account = await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@fake.social', serverUrl: fake.url, credentials: { accessToken: fake.tokenFor('me') } });
    await t.core.services.scheduler.start();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Hello from the barrier', accounts: [account.id], schedule: at });
    return { post, copy: async () => (await call<PostDto>(t.core, 'posts:get', { id: post.id })).targets[0]! };
  }
  const advance = async (ms: number) => {
    t.clock.advance(ms);
    await t.core.services.scheduler.wake();
  };
  const sent = () => fake.statusCount(fake.account('me').id);

  it('asks Mastodon nothing while the claim cannot be flushed, says so, and sends once when it can', async () => {
    let diskWorks = false;
    const flushes: string[] = [];
    const { copy } = await setup({
      publishing: {
        autoStart: false,
        retry: { maxAttempts: 5, baseMs: MIN, capMs: 10 * MIN },
        random: () => 0.5,
        walFlush: async (path) => {
          flushes.push(path);
          if (!diskWorks) throw new Error('EIO: i/o error, fdatasync');
          await flushHere(path);
        },
      },
    });
    await advance(30 * MIN);
    await expect.poll(async () => (await copy()).lastError).toContain(NOT_SENT_WORDS);
    expect(flushes.length).toBeGreaterThan(0);
    expect(sent()).toBe(0);
    expect((await copy()).state).toBe('scheduled');

    diskWorks = true;
    await advance(10 * MIN);
    await expect.poll(async () => (await copy()).state).toBe('published');
    expect(sent()).toBe(1);
  });

  it('sends from the network worker, which flushes the claim itself, and the post goes out once', async () => {
    let statusesFromMainThread = 0;
    const http: HttpFetch = (input, init) => {
      if (String(input).includes('/api/v1/statuses')) statusesFromMainThread++;
      return fetch(input, init);
    };
    // No test flush: the -wal file's own descriptor, as in the app.
    const { copy } = await setup({ http, networkWorker: true, publishing: { autoStart: false, walFlush: undefined } });
    await advance(30 * MIN);
    await expect.poll(async () => (await copy()).state).toBe('published');
    expect((await copy()).platformUrl).toMatch(new RegExp(`^${fake.url}/@me/\\d+$`));
    expect(sent()).toBe(1);
    expect(statusesFromMainThread).toBe(0);
  });
});
