import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Vault } from '../../electron/core/deps';
import { createKeyringVault } from '../../electron/core/vault/keyring-vault';
import { call, createTestCore, unavailableVault } from '../support/core';

const service = `loomcast-test-${randomBytes(4).toString('hex')}`;
const keychain = createKeyringVault(service);
let available = false;
let reason = '';

beforeAll(async () => {
  const s = await keychain.status();
  available = s.available;
  if (!s.available) reason = s.reason;
});

// CI runs inside a D-Bus session with an unlocked gnome-keyring (see .ci/run and
// scripts/with-keyring.sh), and sets LOOMCAST_REQUIRE_KEYCHAIN=1 so this can never be skipped there.
const required = process.env.LOOMCAST_REQUIRE_KEYCHAIN === '1';

describe('credentials in the real OS keychain', () => {
  it('finds a keychain when one is required', () => {
    if (required) expect(reason).toBe('');
  });

  it('stores, reads and deletes a secret, which never reaches the database or the log', async (ctx) => {
    if (!available && !required) ctx.skip();
    const t = await createTestCore({ vault: keychain });
    const secret = `app-pw-${randomBytes(16).toString('hex')}`;
    const account = await t.core.services.accounts.add({
      platform: 'bluesky',
      handle: 'creator.test',
      serverUrl: 'http://127.0.0.1:2583',
      credentials: { accessToken: `jwt-${secret}`, appPassword: secret },
    });

    expect(JSON.parse((await keychain.get(account.id))!)).toEqual({ accessToken: `jwt-${secret}`, appPassword: secret });
    expect(await t.core.services.accounts.credentials(account.id)).toMatchObject({ appPassword: secret });
    const listed = await call<unknown[]>(t.core, 'accounts:list');
    expect(JSON.stringify(listed)).not.toContain(secret);

    // Look at every byte Loomcast wrote: the database, its WAL, and the log.
    const files = ['loomcast.sqlite', 'loomcast.sqlite-wal', 'logs/loomcast.log'].map((f) => join(t.dataDir, f)).filter(existsSync);
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const f of files) expect(readFileSync(f).includes(Buffer.from(secret))).toBe(false);

    await t.core.services.accounts.disconnect(account.id);
    expect(await keychain.get(account.id)).toBeNull();
    await t.close();
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual({ n: 0 });
    db.close();
    for (const f of files.filter(existsSync)) expect(readFileSync(f).includes(Buffer.from(secret))).toBe(false);
  });
});

describe('a connect that stops between the keychain and the database', () => {
  it('leaves no keychain entry behind: the next start deletes the one its row never came for, and keeps the others', async (ctx) => {
    if (!available && !required) ctx.skip();
    // The app stops (a crash, a kill) once the keychain holds the secret, before the row is written.
    let stopAfterWrite = false;
    let written = '';
    const vault: Vault = {
      ...keychain,
      set: async (id, secret) => {
        await keychain.set(id, secret);
        written = id;
        if (stopAfterWrite) await new Promise<never>(() => {});
      },
    };
    const t = await createTestCore({ vault });
    const kept = await t.core.services.accounts.add({ platform: 'x', handle: 'kept', platformUserId: '1', credentials: { accessToken: 'kept-token' } });
    stopAfterWrite = true;
    void t.core.services.accounts.add({ platform: 'x', handle: 'lost', platformUserId: '2', credentials: { accessToken: 'lost-token' } });
    await vi.waitFor(() => expect(written).not.toBe(kept.id));
    const orphan = written;
    expect(await keychain.get(orphan)).not.toBeNull();
    stopAfterWrite = false;

    t.clock.advance(2 * 60_000);
    const again = await t.restart();
    expect(await keychain.get(orphan)).toBeNull();
    expect(JSON.parse((await keychain.get(kept.id))!)).toEqual({ accessToken: 'kept-token' });
    expect((await call<{ id: string }[]>(again.core, 'accounts:list')).map((a) => a.id)).toEqual([kept.id]);
    await again.core.services.accounts.disconnect(kept.id);
    await again.close();
  });
});

describe('without a keychain', () => {
  let t: Awaited<ReturnType<typeof createTestCore>>;
  beforeAll(async () => {
    t = await createTestCore({ vault: unavailableVault('No Secret Service on this machine.') });
  });
  afterAll(() => t.close());

  it('says so plainly in app:info and in the log', async () => {
    const info = await call<{ vault: { available: boolean; message: string } }>(t.core, 'app:info');
    expect(info.vault).toEqual({ available: false, message: 'No Secret Service on this machine.', details: null });
    expect(readFileSync(t.logFile, 'utf8')).toMatch(/keychain unavailable/);
  });

  it('refuses to store a secret rather than keep it in plain text, and writes no account', async () => {
    await expect(t.core.services.accounts.add({ platform: 'mastodon', handle: 'me@example.social', credentials: { accessToken: 'token-123' } })).rejects.toMatchObject({
      code: 'vault_unavailable',
    });
    expect(await call<unknown[]>(t.core, 'accounts:list')).toEqual([]);
  });
});
