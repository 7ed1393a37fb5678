/**
 * A browser sign-in that ends while the data folder is being moved: the account and its keys
 * used to be saved into the read-only database ("attempt to write a readonly database", after the
 * keychain may already have been written). It is now refused in words naming the move, before the
 * code is exchanged or anything is written; once the move is stopped, connecting works again.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core';
import { createFileLogger } from '../../electron/core/log/file-logger';
import { PLATFORM_SUPPORT } from '../../electron/core/platforms/registry';
import { startMastodonFake, type StartedMastodonFake } from '../fakes/mastodon';
import { FakeClock } from '../support/clock';
import { memoryVault, tempDir } from '../support/core';
import { endOf, readonlyWrites, slowDisk, slowKeychain } from '../support/held-move';

type Status = { state: string; account: { id: string; handle: string } | null; error: { code: string; message: string } | null };
type Account = { id: string; handle: string; status: string; tokenExpiresAt: string | null };

let core: Core | null = null;
let fake: StartedMastodonFake | null = null;
const dirs: { remove(): void }[] = [];

afterEach(async () => {
  await core?.close();
  core = null;
  await fake?.stop();
  fake = null;
  for (const d of dirs.splice(0)) d.remove();
});

const dir = (prefix: string) => {
  const d = tempDir(prefix);
  dirs.push(d);
  return d.path;
};

async function ok<T>(channel: string, input: unknown): Promise<T> {
  const r = await core!.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message} ${r.error.details ?? ''}`);
  return r.value as T;
}

/** Starts a Mastodon sign-in; `approve` is the person clicking Authorize, the browser coming back to the loopback. */
async function begin(username: string): Promise<{ flowId: string; approve(): Promise<{ status: number; page: string }> }> {
  const v = await ok<{ kind: string; flowId: string; url: string }>('accounts:connect', { platform: 'mastodon', serverUrl: fake!.url });
  const q = new URL(v.url).searchParams;
  return {
    flowId: v.flowId,
    async approve() {
      const code = fake!.authorize({ clientId: q.get('client_id')!, redirectUri: q.get('redirect_uri')!, scope: q.get('scope')!, codeChallenge: q.get('code_challenge')!, username });
      const back = await fetch(`${q.get('redirect_uri')}?${new URLSearchParams({ code, state: q.get('state')! })}`);
      return { status: back.status, page: await back.text() };
    },
  };
}

/** Polls the flow until it leaves `waiting` (the exchange crosses real sockets). */
async function ended(flowId: string): Promise<Status> {
  for (let i = 0; i < 1500; i++) {
    const s = await ok<Status>('accounts:connectStatus', { flowId });
    if (s.state !== 'waiting') return s;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the sign-in never finished');
}

describe('signing in to an account while the data folder is moved', () => {
  it('is refused in words naming the move, with nothing written (not the keychain); after a stopped move it connects', async () => {
    fake = await startMastodonFake();
    const dataDir = dir('loomcast-move-connect-');
    const logFile = join(dataDir, 'logs', 'loomcast.log');
    const clock = new FakeClock();
    const vault = memoryVault();
    core = await createCore({ dataDir, vault, clock, log: createFileLogger(logFile, { now: () => clock.now(), consoleLevel: 'silent' }), mode: 'browser', notifier: { notify() {} }, ...PLATFORM_SUPPORT, publishing: { autoStart: false } });
    for (let i = 0; i < 3; i++) core.services.media.put(Buffer.alloc(1000 + i, i + 1), 'image/jpeg');

    // The creator starts signing in, then starts the move while the browser is open.
    const flow = await begin('ada');
    const disk = slowDisk(2);
    const moving = endOf(core.services.moveWorkspaceTo(join(dir('loomcast-move-connect-to-'), 'Loomcast'), { io: disk.io }));
    await disk.atSlowFile;
    const keysBefore = [...vault.entries.keys()];

    const back = await flow.approve();
    const s = await ended(flow.flowId);
    expect(s).toMatchObject({ state: 'failed', account: null, error: { code: 'conflict' } });
    expect(s.error!.message).toBe('Loomcast is moving its data folder, so your Mastodon account was not connected. Connect the account again once the move is done.');
    // The browser page says so too.
    expect(back.page).toContain('Loomcast is moving its data folder');
    expect([...vault.entries.keys()]).toEqual(keysBefore);
    expect(await ok('accounts:list', {})).toEqual([]);
    expect(readonlyWrites(logFile)).toEqual([]);

    // The creator stops the move and connects again.
    expect(await ok('desktop:cancelMove', {})).toEqual({ cancelled: true });
    disk.release();
    expect(await moving).toMatchObject({ ok: false, code: 'cancelled' });
    const again = await begin('ada');
    expect((await again.approve()).status).toBe(200);
    expect(await ended(again.flowId)).toMatchObject({ state: 'connected', error: null, account: { handle: expect.stringContaining('ada') } });
    expect(await ok<unknown[]>('accounts:list', {})).toHaveLength(1);
  });

  it('lets the creator cancel a sign-in during the move: it ends at once, with nothing saved', async () => {
    fake = await startMastodonFake();
    const dataDir = dir('loomcast-move-connect-');
    const logFile = join(dataDir, 'logs', 'loomcast.log');
    const clock = new FakeClock();
    core = await createCore({ dataDir, vault: memoryVault(), clock, log: createFileLogger(logFile, { now: () => clock.now(), consoleLevel: 'silent' }), mode: 'browser', notifier: { notify() {} }, ...PLATFORM_SUPPORT, publishing: { autoStart: false } });
    for (let i = 0; i < 3; i++) core.services.media.put(Buffer.alloc(1000 + i, i + 1), 'image/jpeg');
    const flow = await begin('ada');
    const disk = slowDisk(2);
    const moving = endOf(core.services.moveWorkspaceTo(join(dir('loomcast-move-connect-to-'), 'Loomcast'), { io: disk.io }));
    await disk.atSlowFile;

    expect(await ok('accounts:cancelConnect', { flowId: flow.flowId })).toEqual({ flowId: flow.flowId });
    expect(await ok<Status>('accounts:connectStatus', { flowId: flow.flowId })).toMatchObject({ state: 'cancelled', account: null });
    // Other writes are still refused while the move runs.
    const refused = await core.dispatch('posts:create', { text: 'Not now', platforms: ['mastodon'], schedule: null });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(readonlyWrites(logFile)).toEqual([]);

    expect(await ok('desktop:cancelMove', {})).toEqual({ cancelled: true });
    disk.release();
    expect(await moving).toMatchObject({ ok: false, code: 'cancelled' });
  });
});

describe('a reconnect whose save is under way when the move begins', () => {
  // The sign-in passed its check of the move, then waited on the keychain: before its status was
  // known, or while the new sign-in was being written. Either way the keychain and the database
  // agree afterwards, on the sign-in the account had, and the creator reads why.
  it.each(['status', 'set'] as const)('keeps the earlier sign-in in both the keychain and the database (keychain %s held)', async (step) => {
    fake = await startMastodonFake();
    const dataDir = dir('loomcast-move-reconnect-');
    const logFile = join(dataDir, 'logs', 'loomcast.log');
    const clock = new FakeClock();
    const keychain = slowKeychain();
    core = await createCore({ dataDir, vault: keychain.vault, clock, log: createFileLogger(logFile, { now: () => clock.now(), consoleLevel: 'silent' }), mode: 'browser', notifier: { notify() {} }, ...PLATFORM_SUPPORT, publishing: { autoStart: false } });
    for (let i = 0; i < 3; i++) core.services.media.put(Buffer.alloc(1000 + i, i + 1), 'image/jpeg');
    const first = await begin('ada');
    await first.approve();
    const connected = await ended(first.flowId);
    expect(connected).toMatchObject({ state: 'connected' });
    const id = connected.account!.id;
    const [before] = await ok<Account[]>('accounts:list', {});
    const keyBefore = keychain.vault.entries.get(id);
    expect(keyBefore).toContain('accessToken');

    // The creator signs in again; the save waits on the keychain while the move starts and freezes the database.
    const again = await begin('ada');
    const slow = keychain.holdNext(step);
    const back = again.approve();
    await slow.reached;
    const disk = slowDisk(2);
    const moving = endOf(core.services.moveWorkspaceTo(join(dir('loomcast-move-reconnect-to-'), 'Loomcast'), { io: disk.io }));
    await disk.atSlowFile;
    slow.release();

    const s = await ended(again.flowId);
    expect(keychain.vault.entries.get(id)).toBe(keyBefore);
    expect(await ok<Account[]>('accounts:list', {})).toEqual([before]);
    expect(s).toMatchObject({ state: 'failed', account: null, error: { code: 'conflict' } });
    expect(s.error!.message).toBe('Loomcast is moving its data folder, so your new Mastodon sign-in was not saved; the account keeps the one it had. Sign in again once the move is done.');
    expect((await back).page).toContain('Loomcast is moving its data folder');
    expect(readonlyWrites(logFile)).toEqual([]);

    // Once the move is stopped the reconnect is saved in both.
    expect(await ok('desktop:cancelMove', {})).toEqual({ cancelled: true });
    disk.release();
    expect(await moving).toMatchObject({ ok: false, code: 'cancelled' });
    const third = await begin('ada');
    await third.approve();
    expect(await ended(third.flowId)).toMatchObject({ state: 'connected', account: { id } });
    expect(keychain.vault.entries.get(id)).not.toBe(keyBefore);
    expect(await ok<Account[]>('accounts:list', {})).toMatchObject([{ id, status: 'connected' }]);
  });
});
