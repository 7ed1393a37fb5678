/** The Accounts card's status words: a sign-in ending soon is said on the card, not only in an alert. */
import { describe, expect, it } from 'vitest';
import type { AccountDto } from '../../shared/contract';
import { accountStatus, needsReconnectButton } from '../../renderer/src/features/accounts/account-status';

const DAY = 86_400_000;
const NOW = Date.UTC(2030, 0, 7, 9, 0);
const account = (over: Partial<AccountDto> = {}): AccountDto => ({
  id: 'a1', platform: 'linkedin', handle: 'ada', displayName: null, status: 'connected', lastError: null, tokenExpiresAt: null,
  signInEndsAt: null, signInEndsSoon: false, rateLimitedUntil: null, serverUrl: null, createdAt: new Date(NOW - 30 * DAY).toISOString(), ...over,
});

describe('account status words', () => {
  it('says when a sign-in ends within the alert window, and offers Reconnect', () => {
    const a = account({ signInEndsAt: new Date(NOW + 3 * DAY - 60_000).toISOString(), signInEndsSoon: true });
    expect(accountStatus(a, 'Europe/Berlin', NOW)).toEqual({ words: 'Sign-in ends in 3 days — reconnect to keep posting', tone: 'attention' });
    expect(accountStatus({ ...a, signInEndsAt: new Date(NOW + DAY).toISOString() }, 'Europe/Berlin', NOW).words).toBe('Sign-in ends in 1 day — reconnect to keep posting');
    expect(accountStatus({ ...a, signInEndsAt: new Date(NOW - DAY).toISOString() }, 'Europe/Berlin', NOW).words).toBe('Sign-in has ended — reconnect to keep posting');
    expect(needsReconnectButton(a)).toBe(true);
  });

  it('says nothing alarming where the end is far off or Loomcast renews it', () => {
    const far = account({ signInEndsAt: new Date(NOW + 300 * DAY).toISOString() });
    expect(accountStatus(far, 'Europe/Berlin', NOW)).toEqual({ words: 'Connected', tone: 'ok' });
    expect(accountStatus(account(), 'Europe/Berlin', NOW)).toEqual({ words: 'Connected', tone: 'ok' });
    expect(needsReconnectButton(far)).toBe(false);
  });
});
