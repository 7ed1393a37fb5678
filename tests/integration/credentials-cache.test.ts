import { afterEach, describe, expect, it } from 'vitest';
import type { PostDto } from '../../shared/contract';
import type { Vault } from '../../electron/core/deps';
import type { Credentials } from '../../electron/core/platforms/types';
import { createCredentialStore } from '../../electron/core/accounts/credentials';
import { call, createTestCore, memoryVault, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

/** A memory vault that counts its reads and can hold one back until the test lets it answer. */
function countingVault() {
  const inner = memoryVault();
  const reads: string[] = [];
  let gate: Promise<void> | null = null;
  const vault: Vault = {
    status: inner.status,
    set: inner.set,
    delete: inner.delete,
    get: async (id) => {
      reads.push(id);
      const value = await inner.get(id);
      if (gate) await gate;
      return value;
    },
  };
  return {
    vault,
    inner,
    reads,
    /** Reads started from now on answer (with what they read) only once `release` is called. */
    holdReads() {
      let release!: () => void;
      gate = new Promise<void>((r) => (release = r));
      return () => {
        gate = null;
        release();
      };
    },
  };
}

describe('credentials kept in memory per account', () => {
  it('reads the keychain once per account, also for reads that arrive together', async () => {
    const v = countingVault();
    const store = createCredentialStore(v.vault);
    await v.inner.set('a', JSON.stringify({ accessToken: 'token-a' }));
    await v.inner.set('b', JSON.stringify({ accessToken: 'token-b' }));
    const together = await Promise.all([store.load('a'), store.load('a'), store.load('b')]);
    expect(together.map((c) => c?.accessToken)).toEqual(['token-a', 'token-a', 'token-b']);
    expect(await store.load('a')).toEqual({ accessToken: 'token-a' });
    expect(v.reads).toEqual(['a', 'b']);
  });

  it('drops an account’s credentials when they are saved or deleted, and never keeps what is missing', async () => {
    const v = countingVault();
    const store = createCredentialStore(v.vault);
    expect(await store.load('a')).toBeNull();
    await store.save('a', { accessToken: 'one' });
    expect(await store.load('a')).toEqual({ accessToken: 'one' });
    await store.save('a', { accessToken: 'two', refreshToken: 'r2' });
    expect(await store.load('a')).toEqual({ accessToken: 'two', refreshToken: 'r2' });
    expect(await store.delete('a')).toBe(true);
    expect(await store.load('a')).toBeNull();
    // Missing, then saved, then read twice: one keychain read per change, none kept for "missing".
    expect(v.reads).toEqual(['a', 'a', 'a', 'a']);
  });

  it('does not keep a read that was on its way while the credentials were saved', async () => {
    const v = countingVault();
    const store = createCredentialStore(v.vault);
    await v.inner.set('a', JSON.stringify({ accessToken: 'old' }));
    const release = v.holdReads();
    const early = store.load('a');
    await store.save('a', { accessToken: 'new' });
    release();
    expect((await early)?.accessToken).toBe('old');
    expect(await store.load('a')).toEqual({ accessToken: 'new' });
  });
});

describe('publishing with cached credentials', () => {
  let t: TestCore | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('reads the keychain once for many posts, and uses new credentials after a reconnect; a disconnect forgets them', async () => {
    const v = countingVault();
    const script = scriptedClient('mastodon');
    t = await createTestCore({ vault: v.vault, clients: { mastodon: script.client }, publishing: { autoStart: false, random: () => 0.5 } });
    const identity = { platform: 'mastodon' as const, handle: '@me@example.social', serverUrl: 'https://example.social' };
    const account = await t.core.services.accounts.add({ ...identity, credentials: { accessToken: 'token-1' } });
    await t.core.services.scheduler.start();
    // The fake clock starts at Mon 23 Nov 2026 10:00 in Berlin.
    // Three posts at one minute (the same words at the same minute would be refused as a twin).
    const schedule = (time: string, n: number) => call<PostDto>(t!.core, 'posts:create', { text: `At ${time}, number ${n}`, accounts: [account.id], schedule: { date: '2026-11-23', time, zone: 'Europe/Berlin' } });
    for (const [n, time] of ['10:01', '10:01', '10:01'].entries()) await schedule(time, n);
    v.reads.length = 0;
    t.clock.advance(60_000);
    await t.core.services.scheduler.wake();
    expect(script.published().map((c) => c.token)).toEqual(['token-1', 'token-1', 'token-1']);
    expect(v.reads.filter((id) => id === account.id).length).toBeLessThanOrEqual(1);

    // Reconnecting the same account saves new credentials: the next post goes out with them.
    await t.core.services.accounts.add({ ...identity, credentials: { accessToken: 'token-2' } });
    await schedule('10:02', 3);
    t.clock.advance(60_000);
    await t.core.services.scheduler.wake();
    expect(script.published().at(-1)?.token).toBe('token-2');

    await t.core.services.accounts.disconnect(account.id);
    expect(await t.core.services.accounts.credentials(account.id)).toBeNull();
  });

  it('hands a due post back unsent while the keychain cannot be read, and sends it once it can, without asking to reconnect', async () => {
    const base = memoryVault();
    let locked = false;
    const vault: Vault = { ...base, get: async (id) => (locked ? Promise.reject(new Error('keychain: item locked')) : base.get(id)) };
    const script = scriptedClient('mastodon');
    t = await createTestCore({ vault, clients: { mastodon: script.client }, publishing: { autoStart: false, random: () => 0.5 } });
    const account = await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'token-1' } });
    // After a restart (nothing in memory), the keychain is locked when the post falls due.
    locked = true;
    t = await t.restart();
    await t.core.services.scheduler.start();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Sent once the keychain opens', accounts: [account.id], schedule: { date: '2026-11-23', time: '10:01', zone: 'Europe/Berlin' } });
    t.clock.advance(60_000);
    await t.core.services.scheduler.wake();
    const waiting = (await call<PostDto>(t.core, 'posts:get', { id: post.id })).targets[0]!;
    expect(waiting).toMatchObject({ state: 'scheduled', lastError: expect.stringContaining('keychain: item locked') });
    expect((await call<{ status: string }[]>(t.core, 'accounts:list'))[0]!.status).toBe('connected');
    expect(script.published()).toHaveLength(0);

    locked = false;
    t.clock.advance(15 * 60_000);
    await t.core.services.scheduler.wake();
    expect((await call<PostDto>(t.core, 'posts:get', { id: post.id })).targets[0]!.state).toBe('published');
    expect(script.published().map((c) => c.token)).toEqual(['token-1']);
  });

  it('a lane whose keychain read was answered from before another lane saved a refreshed sign-in does not spend the replaced refresh token', async () => {
    // The keychain answers calls side by side: the numbers' read is served before the publisher's
    // write of the refreshed sign-in, but its answer arrives after that refresh has finished.
    const inner = memoryVault();
    let duringSave: (() => Promise<void>) | null = null;
    let readHeld: { taken: () => void; answer: Promise<void> } | null = null;
    let releaseRead!: () => void;
    const vault: Vault = {
      status: inner.status,
      delete: inner.delete,
      get: async (id) => {
        const value = await inner.get(id);
        const held = readHeld;
        readHeld = null;
        held?.taken();
        await held?.answer;
        return value;
      },
      set: async (id, secret) => {
        const hook = duringSave;
        duringSave = null;
        await hook?.();
        await inner.set(id, secret);
      },
    };
    const script = scriptedClient('mastodon');
    script.client.followers = async () => 1;
    t = await createTestCore({ vault, clients: { mastodon: script.client }, publishing: { autoStart: false, random: () => 0.5 } });
    const soon = t.clock.now() + 2 * 60_000;
    const account = await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'token-1', refreshToken: 'refresh-1', expiresAt: soon } });
    await t.core.services.scheduler.start();
    await call<PostDto>(t.core, 'posts:create', { text: 'Sent with the refreshed sign-in', accounts: [account.id], schedule: { date: '2026-11-23', time: '10:01', zone: 'Europe/Berlin' } });
    // A rotating platform: refresh-1 gives token-2 once; spent again, it is refused.
    script.onRefresh({ ok: true, credentials: { accessToken: 'token-2', refreshToken: 'refresh-2', expiresAt: soon + 2 * 3_600_000 } }, { ok: false, reason: 'The refresh token was already used.' });
    let sweep: Promise<unknown> = Promise.resolve();
    duringSave = () =>
      new Promise<void>((taken) => {
        readHeld = { taken, answer: new Promise<void>((r) => (releaseRead = r)) };
        sweep = t!.core.services.metrics.sweep();
      });
    t.clock.advance(60_000);
    await t.core.services.scheduler.wake();
    releaseRead();
    await sweep;
    expect(script.calls.filter((c) => c.kind === 'refresh')).toHaveLength(1);
    expect(script.published().map((c) => c.token)).toEqual(['token-2']);
    expect((await call<{ status: string }[]>(t.core, 'accounts:list'))[0]!.status).toBe('connected');
    expect(await t.core.services.accounts.credentials(account.id)).toMatchObject({ accessToken: 'token-2', refreshToken: 'refresh-2' });
  });

  it('a refresh refused after the creator reconnected the account meanwhile leaves the new sign-in connected', async () => {
    const script = scriptedClient('mastodon');
    const identity = { platform: 'mastodon' as const, handle: '@me@example.social', serverUrl: 'https://example.social' };
    // While the old refresh token is out, the creator reconnects; the platform then refuses the old one.
    script.client.refresh = async () => {
      await t!.core.services.accounts.add({ ...identity, credentials: { accessToken: 'token-new', refreshToken: 'refresh-new', expiresAt: t!.clock.now() + 7_200_000 } });
      return { ok: false, reason: 'The refresh token was revoked.' };
    };
    t = await createTestCore({ clients: { mastodon: script.client }, publishing: { autoStart: false, random: () => 0.5 } });
    const account = await t.core.services.accounts.add({ ...identity, credentials: { accessToken: 'token-1', refreshToken: 'refresh-1', expiresAt: t.clock.now() + 2 * 60_000 } });
    await t.core.services.scheduler.start();
    await call<PostDto>(t.core, 'posts:create', { text: 'Sent with the new sign-in', accounts: [account.id], schedule: { date: '2026-11-23', time: '10:01', zone: 'Europe/Berlin' } });
    t.clock.advance(60_000);
    await t.core.services.scheduler.wake();
    expect((await call<{ status: string }[]>(t.core, 'accounts:list'))[0]!.status).toBe('connected');
    expect(script.published().map((c) => c.token)).toEqual(['token-new']);
  });

  /** A vault whose writes fail while `failing` is set; the core's account has a token that ends two minutes from now. */
  async function refreshWhileKeychainRefusesWrites() {
    const inner = memoryVault();
    const writes = { failing: false };
    const vault: Vault = { ...inner, set: async (id, secret) => (writes.failing ? Promise.reject(new Error('keychain: write refused')) : inner.set(id, secret)) };
    const script = scriptedClient('mastodon');
    t = await createTestCore({ vault, clients: { mastodon: script.client }, publishing: { autoStart: false, random: () => 0.5 } });
    const soon = t.clock.now() + 2 * 60_000;
    const identity = { platform: 'mastodon' as const, handle: '@me@example.social', serverUrl: 'https://example.social' };
    const account = await t.core.services.accounts.add({ ...identity, credentials: { accessToken: 'token-1', refreshToken: 'refresh-1', expiresAt: soon } });
    await t.core.services.scheduler.start();
    // A rotating platform: refresh-1 gives token-2 once; spent again, it is refused.
    script.onRefresh({ ok: true, credentials: { accessToken: 'token-2', refreshToken: 'refresh-2', expiresAt: soon + 2 * 3_600_000 } }, { ok: false, reason: 'The refresh token was already used.' });
    const due = async (time: string, text: string) => {
      await call<PostDto>(t!.core, 'posts:create', { text, accounts: [account.id], schedule: { date: '2026-11-23', time, zone: 'Europe/Berlin' } });
      t!.clock.advance(60_000);
      await t!.core.services.scheduler.wake();
    };
    const saved = async () => JSON.parse((await inner.get(account.id))!) as Credentials;
    writes.failing = true;
    await due('10:01', 'Sent with the refreshed sign-in');
    return { script, writes, due, saved, identity, account };
  }

  it('keeps a refreshed sign-in the keychain would not take, uses it, and saves it once the keychain takes writes again', async () => {
    const { script, writes, due, saved } = await refreshWhileKeychainRefusesWrites();
    expect(script.published().map((c) => c.token)).toEqual(['token-2']);
    await due('10:02', 'Still the refreshed sign-in');
    expect(script.published().map((c) => c.token)).toEqual(['token-2', 'token-2']);
    expect(await saved()).toMatchObject({ accessToken: 'token-1' });
    writes.failing = false;
    await due('10:03', 'Saved now');
    expect(script.published().map((c) => c.token)).toEqual(['token-2', 'token-2', 'token-2']);
    expect(await saved()).toMatchObject({ accessToken: 'token-2', refreshToken: 'refresh-2' });
    // The spent refresh-1 was never sent again.
    expect(script.calls.filter((c) => c.kind === 'refresh')).toHaveLength(1);
    expect((await call<{ status: string }[]>(t!.core, 'accounts:list'))[0]!.status).toBe('connected');
  });

  it('a reconnect replaces a refreshed sign-in that was kept in memory only', async () => {
    const { script, writes, due, saved, identity } = await refreshWhileKeychainRefusesWrites();
    writes.failing = false;
    await t!.core.services.accounts.add({ ...identity, credentials: { accessToken: 'token-new', refreshToken: 'refresh-new', expiresAt: t!.clock.now() + 7_200_000 } });
    await due('10:02', 'Sent with the new sign-in');
    expect(script.published().map((c) => c.token)).toEqual(['token-2', 'token-new']);
    expect(await saved()).toMatchObject({ accessToken: 'token-new', refreshToken: 'refresh-new' });
  });

  it('a refresh that succeeds after the creator reconnected the account meanwhile does not overwrite the new sign-in', async () => {
    const script = scriptedClient('mastodon');
    const identity = { platform: 'mastodon' as const, handle: '@me@example.social', serverUrl: 'https://example.social' };
    let reconnectedExpiry = 0;
    // While the old refresh token is out, the creator reconnects; the platform then answers the old refresh.
    script.client.refresh = async () => {
      reconnectedExpiry = t!.clock.now() + 7_200_000;
      await t!.core.services.accounts.add({ ...identity, credentials: { accessToken: 'token-new', refreshToken: 'refresh-new', expiresAt: reconnectedExpiry } });
      return { ok: true, credentials: { accessToken: 'token-2', refreshToken: 'refresh-2', expiresAt: t!.clock.now() + 3_600_000 } };
    };
    t = await createTestCore({ clients: { mastodon: script.client }, publishing: { autoStart: false, random: () => 0.5 } });
    const account = await t.core.services.accounts.add({ ...identity, credentials: { accessToken: 'token-1', refreshToken: 'refresh-1', expiresAt: t.clock.now() + 2 * 60_000 } });
    await t.core.services.scheduler.start();
    await call<PostDto>(t.core, 'posts:create', { text: 'Sent with the new sign-in', accounts: [account.id], schedule: { date: '2026-11-23', time: '10:01', zone: 'Europe/Berlin' } });
    t.clock.advance(60_000);
    await t.core.services.scheduler.wake();
    expect(await t.core.services.accounts.credentials(account.id)).toMatchObject({ accessToken: 'token-new', refreshToken: 'refresh-new' });
    expect(script.published().map((c) => c.token)).toEqual(['token-new']);
    const [listed] = await call<{ status: string; tokenExpiresAt: string }[]>(t.core, 'accounts:list');
    expect(listed).toMatchObject({ status: 'connected' });
    expect(Date.parse(listed!.tokenExpiresAt)).toBe(reconnectedExpiry);
  });
});
