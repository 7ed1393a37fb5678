/**
 * The Accounts card's word on a sign-in that ends soon is the token-expiry alert's own reading:
 * kept on the account's row when credentials are written and at each look of the alerts, so
 * listing accounts never reads the keychain.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountDto } from '../../shared/contract';
import { call, createTestCore, memoryVault, type TestCore } from '../support/core';

const DAY = 86_400_000;

describe('an account whose sign-in ends soon', () => {
  let t: TestCore | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });
  const listed = async (handle: string) => (await call<AccountDto[]>(t!.core, 'accounts:list')).find((a) => a.handle === handle)!;

  it('says so when it cannot be renewed and ends within the alert window; not when Loomcast renews it', async () => {
    t = await createTestCore();
    const now = t.clock.now();
    const { accounts } = t.core.services;
    await accounts.add({ platform: 'linkedin', handle: 'ada', credentials: { accessToken: 'a', expiresAt: now + 3 * DAY } });
    // The access token ends tomorrow, but the refresh token renews it for most of a year.
    await accounts.add({ platform: 'pinterest', handle: 'bea', credentials: { accessToken: 'b', expiresAt: now + DAY, refreshToken: 'r', refreshExpiresAt: now + 300 * DAY } });
    await accounts.add({ platform: 'bluesky', handle: 'cy.bsky.social', credentials: { accessToken: 'c', expiresAt: now + DAY, refreshToken: 'r', appPassword: 'p' } });

    const ada = await listed('ada');
    expect(ada).toMatchObject({ status: 'connected', signInEndsSoon: true, signInEndsAt: new Date(now + 3 * DAY).toISOString() });
    expect(await listed('bea')).toMatchObject({ signInEndsSoon: false, signInEndsAt: new Date(now + 300 * DAY).toISOString() });
    expect(await listed('cy.bsky.social')).toMatchObject({ signInEndsSoon: false, signInEndsAt: null });

    // The window is the alert rule's: at 2 days, 3 days away is not news yet.
    const rules = await call<Record<string, unknown>>(t.core, 'alerts:rules');
    await call(t.core, 'alerts:setRules', { ...rules, token_expiring: { enabled: true, days: 2 } });
    expect((await listed('ada')).signInEndsSoon).toBe(false);
  });

  it('learns a changed end from the alerts’ look at the keychain, with the rule switched off too', async () => {
    const vault = memoryVault();
    t = await createTestCore({ vault });
    const now = t.clock.now();
    const added = await t.core.services.accounts.add({ platform: 'pinterest', handle: 'bea', credentials: { accessToken: 'b', refreshToken: 'r', refreshExpiresAt: now + 300 * DAY } });
    const rules = await call<Record<string, unknown>>(t.core, 'alerts:rules');
    await call(t.core, 'alerts:setRules', { ...rules, token_expiring: { enabled: false, days: 7 } });
    // The keychain now holds a refresh token that ends in two days (written outside this core).
    vault.entries.set(added.id, JSON.stringify({ accessToken: 'b2', refreshToken: 'r2', refreshExpiresAt: now + 2 * DAY }));
    t = await t.restart();
    expect((await listed('bea')).signInEndsSoon).toBe(false);
    await call(t.core, 'alerts:check');
    expect(await listed('bea')).toMatchObject({ signInEndsSoon: true, signInEndsAt: new Date(now + 2 * DAY).toISOString() });
  });
});
