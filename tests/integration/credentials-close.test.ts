import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountDto, PostDto } from '../../shared/contract';
import type { Vault } from '../../electron/core/deps';
import type { Credentials } from '../../electron/core/platforms/types';
import { SAVE_ON_CLOSE_MS } from '../../electron/core/publishing/accounts-context';
import { call, createTestCore, memoryVault, type TestCore } from '../support/core';
import { FakeClock } from '../support/clock';
import { scriptedClient } from '../support/scripted-client';

/**
 * A refreshed sign-in the keychain would not take is kept in memory and saved on the next use;
 * these are about the app stopping before that use comes.
 */
describe('a refreshed sign-in kept in memory when the app closes', () => {
  let t: TestCore | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  /**
   * A vault whose writes fail (`refuse`) or never answer (`hang`) on demand, and a core whose
   * account's token ends two minutes from now. A post due at 10:01 refreshes it while the
   * keychain refuses writes: `rotated` platforms replace the refresh token, others keep it.
   */
  async function refreshedWhileKeychainRefusesWrites(opts: { rotated: boolean }) {
    const inner = memoryVault();
    const clock = new FakeClock();
    const writes: { mode: 'ok' | 'refuse' | 'hang'; hungAt?: number } = { mode: 'ok' };
    const hang = () => {
      writes.hungAt ??= clock.now();
      return new Promise<void>(() => {});
    };
    const vault: Vault = {
      ...inner,
      set: (id, secret) => (writes.mode === 'refuse' ? Promise.reject(new Error('keychain: write refused')) : writes.mode === 'hang' ? hang() : inner.set(id, secret)),
    };
    const script = scriptedClient('mastodon');
    t = await createTestCore({ clock, vault, clients: { mastodon: script.client }, publishing: { autoStart: false, random: () => 0.5 } });
    const soon = t.clock.now() + 2 * 60_000;
    const account = await t.core.services.accounts.add({
      platform: 'mastodon',
      handle: '@me@example.social',
      serverUrl: 'https://example.social',
      credentials: { accessToken: 'token-1', refreshToken: 'refresh-1', expiresAt: soon },
    });
    await t.core.services.scheduler.start();
    const refreshed = { accessToken: 'token-2', refreshToken: opts.rotated ? 'refresh-2' : 'refresh-1', expiresAt: soon + 2 * 3_600_000 };
    script.onRefresh({ ok: true, credentials: refreshed });
    // Spent again, a rotated refresh token is refused.
    if (opts.rotated) script.onRefresh({ ok: false, reason: 'The refresh token was already used.' });
    const plan = (time: string, text: string) => call<PostDto>(t!.core, 'posts:create', { text, accounts: [account.id], schedule: { date: '2026-11-23', time, zone: 'Europe/Berlin' } });
    const wake = async () => {
      t!.clock.advance(60_000);
      await t!.core.services.scheduler.wake();
    };
    const due = async (time: string, text: string) => {
      await plan(time, text);
      await wake();
    };
    /** As the app quits and starts again. */
    const restart = async () => {
      t = await t!.restart();
      await t.core.services.scheduler.start();
    };
    const saved = async () => JSON.parse((await inner.get(account.id))!) as Credentials;
    const listed = async () => (await call<AccountDto[]>(t!.core, 'accounts:list'))[0]!;
    writes.mode = 'refuse';
    await due('10:01', 'Sent with the refreshed sign-in');
    expect(script.published().map((c) => c.token)).toEqual(['token-2']);
    expect(await saved()).toMatchObject({ accessToken: 'token-1' });
    const refreshes = () => script.calls.filter((c) => c.kind === 'refresh').length;
    return { script, writes, plan, wake, due, restart, saved, listed, refreshes, account, soon };
  }

  it('saves it on an orderly stop once the keychain takes writes again, so the next start uses it without a reconnect', async () => {
    const { script, writes, due, restart, saved, listed, refreshes } = await refreshedWhileKeychainRefusesWrites({ rotated: true });
    // The keychain opens, but nothing uses the account again before the app stops.
    writes.mode = 'ok';
    await restart();
    expect(await saved()).toMatchObject({ accessToken: 'token-2', refreshToken: 'refresh-2' });
    expect((await listed()).status).toBe('connected');
    await due('10:02', 'Sent after the restart');
    expect(script.published().map((c) => c.token)).toEqual(['token-2', 'token-2']);
    // The spent refresh-1 was never sent again.
    expect(refreshes()).toBe(1);
    expect((await listed()).status).toBe('connected');
  });

  it('still refused at the stop: the account is marked to reconnect, saying why, the loss is logged, and the spent refresh token is not sent again', async () => {
    const { script, plan, wake, restart, listed, refreshes, account } = await refreshedWhileKeychainRefusesWrites({ rotated: true });
    const post = await plan('10:02', 'Waits for the reconnect');
    const before = t!;
    await restart();
    const after = await listed();
    expect(after.status).toBe('needs_reconnect');
    expect(after.lastError).toMatch(/keychain.*before Loomcast closed/);
    expect(after.lastError).toContain('keychain: write refused');
    // Told at the stop, not found out by the next post.
    expect(before.notifications).toEqual([expect.objectContaining({ title: 'Reconnect @me@example.social on Mastodon', subject: { kind: 'account', id: account.id } })]);
    const log = readFileSync(before.logFile, 'utf8');
    expect(log).toContain('renewed sign-in lost');
    expect(log).not.toMatch(/token-2|refresh-2/);
    await wake();
    expect((await call<PostDto>(t!.core, 'posts:get', { id: post.id })).targets[0]!.state).toBe('scheduled');
    expect(script.published()).toHaveLength(1);
    expect(refreshes()).toBe(1);
  });

  it('a keychain that does not answer holds the stop up no longer than SAVE_ON_CLOSE_MS, and the account is then marked to reconnect', async () => {
    const { writes, listed } = await refreshedWhileKeychainRefusesWrites({ rotated: true });
    writes.mode = 'hang';
    const before = t!;
    // This test closes it.
    t = undefined;
    let closed = false;
    const closing = before.close().then(() => (closed = true));
    // The clock moves on in small steps while the stop waits on the keychain.
    for (let i = 0; i < 1000 && !closed; i++) {
      await new Promise((r) => setImmediate(r));
      before.clock.advance(100);
    }
    expect(closed).toBe(true);
    await closing;
    expect(writes.hungAt).toBeDefined();
    expect(before.clock.now() - writes.hungAt!).toBeGreaterThanOrEqual(SAVE_ON_CLOSE_MS - 100);
    expect(before.clock.now() - writes.hungAt!).toBeLessThanOrEqual(SAVE_ON_CLOSE_MS + 100);
    t = await createTestCore({ dataDir: before.dataDir, clock: before.clock });
    const after = await listed();
    expect(after.status).toBe('needs_reconnect');
    expect(after.lastError).toMatch(/did not answer/);
  });

  it('when the platform kept the refresh token, a sign-in still refused at the stop costs nothing: connected, with the expiry the keychain holds', async () => {
    const { script, due, restart, listed, refreshes, soon } = await refreshedWhileKeychainRefusesWrites({ rotated: false });
    script.onRefresh({ ok: true, credentials: { accessToken: 'token-3', refreshToken: 'refresh-1', expiresAt: soon + 4 * 3_600_000 } });
    await restart();
    const after = await listed();
    expect(after.status).toBe('connected');
    expect(Date.parse(after.tokenExpiresAt!)).toBe(soon);
    // The keychain's refresh token still works: the next post renews with it and goes out.
    await due('10:02', 'Sent after renewing again');
    expect(script.published().map((c) => c.token)).toEqual(['token-2', 'token-3']);
    expect(refreshes()).toBe(2);
  });
});
