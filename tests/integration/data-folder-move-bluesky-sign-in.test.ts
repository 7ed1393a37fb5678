/**
 * Bluesky's app-password sign-in while the data folder is moved (against a real PDS): a sign-in
 * whose answer from Bluesky comes back during the move is refused in words, with nothing written
 * to the keychain or the database; a reconnect whose keychain write is under way when the move
 * freezes the database keeps the earlier sign-in in both (the keychain used to keep the new one
 * while the account kept the old expiry). Once the move is stopped, both work.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core';
import type { HttpFetch } from '../../electron/core/deps';
import { createFileLogger } from '../../electron/core/log/file-logger';
import { PLATFORM_SUPPORT } from '../../electron/core/platforms/registry';
import { startPds, type RealPds, type TestAccount } from '../fakes/bluesky';
import { FakeClock } from '../support/clock';
import { tempDir } from '../support/core';
import { endOf, readonlyWrites, slowDisk, slowKeychain } from '../support/held-move';

type Account = { id: string; handle: string; status: string; tokenExpiresAt: string | null };

let pds: RealPds;
let alice: TestAccount;
let core: Core | null = null;
const dirs: { remove(): void }[] = [];

beforeAll(async () => {
  pds = await startPds();
  alice = await pds.createAccount('alice');
}, 60_000);

afterAll(async () => {
  await pds?.close();
});

afterEach(async () => {
  await core?.close();
  core = null;
  for (const d of dirs.splice(0)) d.remove();
});

const dir = (prefix: string) => {
  const d = tempDir(prefix);
  dirs.push(d);
  return d.path;
};

/** The network, where the next createSession (the sign-in's call to Bluesky) can be held open. */
function slowSignIn() {
  let waiting: { reached(): void; go: Promise<void> } | null = null;
  const http: HttpFetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (waiting && url.includes('com.atproto.server.createSession')) {
      const w = waiting;
      waiting = null;
      w.reached();
      await w.go;
    }
    return fetch(input, init);
  };
  return {
    http,
    holdNext(): { reached: Promise<void>; release(): void } {
      let reached!: () => void;
      let release!: () => void;
      const r = new Promise<void>((res) => (reached = res));
      waiting = { reached, go: new Promise<void>((res) => (release = res)) };
      return { reached: r, release };
    },
  };
}

async function start() {
  const dataDir = dir('loomcast-move-bluesky-');
  const logFile = join(dataDir, 'logs', 'loomcast.log');
  const clock = new FakeClock();
  const keychain = slowKeychain();
  const net = slowSignIn();
  core = await createCore({ dataDir, vault: keychain.vault, http: net.http, clock, log: createFileLogger(logFile, { now: () => clock.now(), consoleLevel: 'silent' }), mode: 'browser', notifier: { notify() {} }, ...PLATFORM_SUPPORT, publishing: { autoStart: false } });
  for (let i = 0; i < 3; i++) core.services.media.put(Buffer.alloc(1000 + i, i + 1), 'image/jpeg');
  const c = core;
  /** Starts a move whose copy waits at its second file (the database is read-only by then). */
  const move = async () => {
    const disk = slowDisk(2);
    const moving = endOf(c.services.moveWorkspaceTo(join(dir('loomcast-move-bluesky-to-'), 'Loomcast'), { io: disk.io }));
    await disk.atSlowFile;
    return {
      async stop() {
        expect(await c.dispatch('desktop:cancelMove', {})).toEqual({ ok: true, value: { cancelled: true } });
        disk.release();
        expect(await moving).toMatchObject({ ok: false, code: 'cancelled' });
      },
    };
  };
  return { keychain, net, logFile, move };
}

const signIn = () => core!.dispatch('accounts:connect', { platform: 'bluesky', serverUrl: pds.url, identifier: alice.handle, password: alice.appPassword });
const accounts = async () => {
  const r = await core!.dispatch('accounts:list', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value as Account[];
};

describe('signing in to Bluesky with an app password while the data folder is moved', () => {
  it('is refused in words, with nothing written to the keychain or the database; once the move is stopped it connects', async () => {
    const { keychain, net, logFile, move } = await start();
    // The creator signs in; Bluesky's answer is on its way when the move starts.
    const slow = net.holdNext();
    const signingIn = signIn();
    await slow.reached;
    const moving = await move();
    // A sign-in asked for now is turned away at once, in the move's words.
    const refused = await signIn();
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('Loomcast is moving its data folder') } });
    slow.release();

    expect(await signingIn).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'Loomcast is moving its data folder, so your Bluesky account was not connected. Connect the account again once the move is done.' },
    });
    expect([...keychain.vault.entries.keys()]).toEqual([]);
    expect(await accounts()).toEqual([]);
    expect(readonlyWrites(logFile)).toEqual([]);

    await moving.stop();
    expect(await signIn()).toMatchObject({ ok: true, value: { kind: 'connected', account: { handle: alice.handle, status: 'connected' } } });
    expect([...keychain.vault.entries.keys()]).toHaveLength(1);
  });

  it('keeps the earlier sign-in in both the keychain and the database when the reconnect was writing the keychain as the move began', async () => {
    const { keychain, logFile, move } = await start();
    expect(await signIn()).toMatchObject({ ok: true });
    const before = await accounts();
    const id = before[0]!.id;
    const keyBefore = keychain.vault.entries.get(id);
    expect(keyBefore).toContain('accessToken');

    const slow = keychain.holdNext('set');
    const reconnecting = signIn();
    await slow.reached;
    const moving = await move();
    slow.release();

    const r = await reconnecting;
    expect(keychain.vault.entries.get(id)).toBe(keyBefore);
    expect(await accounts()).toEqual(before);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'Loomcast is moving its data folder, so your new Bluesky sign-in was not saved; the account keeps the one it had. Sign in again once the move is done.' },
    });
    expect(readonlyWrites(logFile)).toEqual([]);

    await moving.stop();
    expect(await signIn()).toMatchObject({ ok: true, value: { kind: 'connected', account: { id, status: 'connected' } } });
    expect(keychain.vault.entries.get(id)).not.toBe(keyBefore);
  });
});
