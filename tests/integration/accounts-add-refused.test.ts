/**
 * A connect's `refused` (accounts-service.ts) turning on while the connect waits on the keychain,
 * the database still writable: as when the data folder's move has begun holding the workspace but
 * not yet frozen its database. Nothing is saved during the hold: a new account leaves neither a
 * keychain entry nor a row (nor its pending note), a reconnect leaves the earlier sign-in in both.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract';
import { call, createTestCore, type TestCore } from '../support/core';
import { slowKeychain } from '../support/held-move';

let t: TestCore | null = null;

afterEach(async () => {
  await t?.close();
  t = null;
});

const MOVING = new AppError('conflict', 'Moving (test).');
const ada = (accessToken: string, expiresAt: number) => ({ platform: 'mastodon' as const, handle: '@ada@example.social', serverUrl: 'https://example.social', platformUserId: '42', credentials: { accessToken, expiresAt } });

describe('a connect refused while it waits on the keychain', () => {
  it('writes nothing for a new account: no keychain entry, no row, no pending note', async () => {
    const keychain = slowKeychain();
    t = await createTestCore({ vault: keychain.vault });
    let held = false;
    const slow = keychain.holdNext('set');
    const adding = t.core.services.accounts.add(ada('new-token', t.clock.now() + 3_600_000), { refused: () => (held ? MOVING : null) });
    await slow.reached;
    held = true;
    slow.release();

    await expect(adding).rejects.toBe(MOVING);
    expect([...keychain.vault.entries.keys()]).toEqual([]);
    expect(await call(t.core, 'accounts:list', {})).toEqual([]);
    const db = new Database(join(t.dataDir, 'loomcast.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM pending_secrets').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('keeps the earlier sign-in in both the keychain and the row for a reconnect', async () => {
    const keychain = slowKeychain();
    t = await createTestCore({ vault: keychain.vault });
    const first = await t.core.services.accounts.add(ada('old-token', t.clock.now() + 3_600_000));
    const keyBefore = keychain.vault.entries.get(first.id);
    const before = await call(t.core, 'accounts:list', {});

    let held = false;
    const seen: boolean[] = [];
    const slow = keychain.holdNext('set');
    const adding = t.core.services.accounts.add(ada('new-token', t.clock.now() + 7_200_000), {
      refused: (reconnecting) => (seen.push(reconnecting), held ? MOVING : null),
    });
    await slow.reached;
    held = true;
    slow.release();

    await expect(adding).rejects.toBe(MOVING);
    expect(seen.every((r) => r)).toBe(true);
    expect(keychain.vault.entries.get(first.id)).toBe(keyBefore);
    expect(await call(t.core, 'accounts:list', {})).toEqual(before);
    // What the core reads next is the keychain's, not a copy it kept of the refused sign-in.
    expect(await t.core.services.accounts.credentials(first.id)).toMatchObject({ accessToken: 'old-token' });
  });
});
