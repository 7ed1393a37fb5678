import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountDto, PostDto } from '../../shared/contract';
import type { PublishingStatusDto } from '../../shared/contract/features/publishing';
import type { Vault } from '../../electron/core/deps';
import { checkSignInsInBackground, KEYCHAIN_RETRY_MS, SIGN_IN_MISSING } from '../../electron/core/accounts/sign-in-check';
import { createCredentialStore } from '../../electron/core/accounts/credentials';
import { createBackground } from '../../electron/core/background';
import { openStore } from '../../electron/core/store/open';
import { call, createTestCore, memoryVault, tempDir, type TestCore } from '../support/core';
import { FakeClock } from '../support/clock';
import { scriptedClient } from '../support/scripted-client';

/**
 * A vault kept in memory that counts reads per entry, and whose keychain can be made unavailable
 * (locked, no Secret Service): then status says so and every call throws.
 */
function countingVault() {
  const inner = memoryVault();
  const reads = new Map<string, number>();
  const state = { available: true };
  const refuse = () => Promise.reject(new Error('The keychain is locked (test).'));
  const vault: Vault = {
    status: async () => (state.available ? { available: true } : { available: false, reason: 'The keychain is locked (test).' }),
    get: (id) => {
      if (!state.available) return refuse();
      reads.set(id, (reads.get(id) ?? 0) + 1);
      return inner.get(id);
    },
    set: (id, s) => (state.available ? inner.set(id, s) : refuse()),
    delete: (id) => (state.available ? inner.delete(id) : refuse()),
  };
  return { vault, inner, reads, state };
}

describe('the keychain sign-in check after a start', () => {
  let t: TestCore | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  /** A core with two Mastodon accounts, each with a post scheduled tomorrow (fake clock), then closed. */
  async function twoAccountsWithPosts(v: ReturnType<typeof countingVault>) {
    const clients = { mastodon: scriptedClient('mastodon').client };
    t = await createTestCore({ vault: v.vault, clients });
    const add = (handle: string) =>
      t!.core.services.accounts.add({ platform: 'mastodon', handle, serverUrl: 'https://example.social', credentials: { accessToken: `token-${handle}` } });
    const kept = await add('@kept@example.social');
    const lost = await add('@lost@example.social');
    for (const [a, time] of [[kept, '10:00'], [lost, '09:00']] as const) {
      await call<PostDto>(t.core, 'posts:create', { text: `For ${a.handle}`, accounts: [a.id], schedule: { date: '2026-11-24', time, zone: 'Europe/Berlin' } });
    }
    await t.close();
    const dataDir = t.dataDir;
    const clock = t.clock;
    t = undefined;
    return { kept, lost, restart: () => createTestCore({ vault: v.vault, clients, dataDir, clock }) };
  }
  const account = async (id: string) => (await call<AccountDto[]>(t!.core, 'accounts:list')).find((a) => a.id === id)!;

  it('marks an account whose keychain entry is gone to reconnect, says why, and reads each entry once', async () => {
    const v = countingVault();
    const { kept, lost, restart } = await twoAccountsWithPosts(v);
    // The keychain was reset (or the data folder restored elsewhere): one sign-in is gone.
    await v.inner.delete(lost.id);
    v.reads.clear();
    const changed: string[][] = [];
    t = await restart();
    t.core.subscribe((event, payload) => {
      if (event === 'accounts:changed') changed.push((payload as { ids: string[] }).ids);
    });

    await vi.waitFor(async () => expect((await account(lost.id)).status).toBe('needs_reconnect'));
    expect(await account(lost.id)).toMatchObject({ status: 'needs_reconnect', lastError: SIGN_IN_MISSING });
    expect(await account(kept.id)).toMatchObject({ status: 'connected', lastError: null });
    expect(changed).toContainEqual([lost.id]);
    // A present entry is read once: the alert rules' look at sign-ins and publishing use what the
    // check read (the credentials store's cache). An absent one is not cached, so the alert rules'
    // look at start may ask once more; never more than that.
    expect(v.reads.get(kept.id)).toBe(1);
    expect(v.reads.get(lost.id)).toBeLessThanOrEqual(2);
    expect(await t.core.services.accounts.credentials(kept.id)).toMatchObject({ accessToken: 'token-@kept@example.social' });
    expect(v.reads.get(kept.id)).toBe(1);

    // The status no longer promises the lost account's post (due first): the kept one is next.
    await vi.waitFor(async () => {
      const s = await call<PublishingStatusDto>(t!.core, 'publishing:status');
      expect(s.next?.accounts.map((a) => a.id)).toEqual([kept.id]);
      expect(s.blocked).toEqual([{ platform: 'mastodon', reason: 'needs_reconnect', posts: 1 }]);
    });
  });

  it('marks nothing while the keychain is unavailable, and checks once it answers', async () => {
    const v = countingVault();
    const { kept, lost, restart } = await twoAccountsWithPosts(v);
    await v.inner.delete(lost.id);
    // Locked at start: a locked keychain says nothing about any account.
    v.state.available = false;
    t = await restart();
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect((await account(lost.id)).status).toBe('connected');
    expect((await account(kept.id)).status).toBe('connected');
    t.clock.advance(KEYCHAIN_RETRY_MS);
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect((await account(lost.id)).status).toBe('connected');

    // Unlocked: the next look finds the missing entry.
    v.state.available = true;
    t.clock.advance(KEYCHAIN_RETRY_MS);
    await vi.waitFor(async () => expect((await account(lost.id)).status).toBe('needs_reconnect'));
    expect((await account(lost.id)).lastError).toBe(SIGN_IN_MISSING);
    expect((await account(kept.id)).status).toBe('connected');
  });
});

describe('the keychain sign-in check and the data folder’s move', () => {
  it('writes nothing while the background work is paused, and finishes its look once resumed', async () => {
    const dir = tempDir();
    const clock = new FakeClock();
    const store = openStore(join(dir.path, 'loomcast.sqlite'), undefined, () => clock.now());
    try {
      store.db
        .prepare(`INSERT INTO accounts (id, platform, handle, status, created_at, updated_at) VALUES ('a1', 'mastodon', '@me', 'connected', 0, 0)`)
        .run();
      const v = countingVault();
      v.state.available = false;
      const background = createBackground({ info: () => {}, error: () => {} });
      const marked: string[] = [];
      const stop = new AbortController();
      const done = checkSignInsInBackground({
        db: store.db,
        vault: v.vault,
        credentials: createCredentialStore(v.vault),
        accounts: { needsReconnect: (id) => void marked.push(id) },
        clock,
        log: { info: () => {}, warn: () => {} },
        signal: stop.signal,
        background,
      });
      const turns = async () => {
        for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
      };
      await turns();
      expect(background.names()).toContain('keychain sign-in check');
      // The move pauses the work; the keychain opens meanwhile, and the retry falls due.
      const resume = await background.pauseAll();
      v.state.available = true;
      clock.advance(KEYCHAIN_RETRY_MS);
      await turns();
      expect(marked).toEqual([]);
      expect(v.reads.size).toBe(0);
      resume();
      expect(await done).toEqual({ checked: 1, missing: 1 });
      expect(marked).toEqual(['a1']);
      expect(background.names()).not.toContain('keychain sign-in check');
    } finally {
      store.close();
      dir.remove();
    }
  });
});
