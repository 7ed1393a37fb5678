/**
 * Sign-ins without a refresh token that renew themselves (Instagram's and Threads' 60-day
 * tokens: renewable once a day old, never once expired) are renewed well ahead of their end on
 * any use of the account, not only in their last minutes; an early renewal that does not work
 * leaves the account connected and is tried again later.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountDto, PostDto } from '../../shared/contract';
import type { Credentials, PlatformClient } from '../../electron/core/platforms/types';
import { RENEW_RETRY_MS } from '../../electron/core/publishing/accounts-context';
import { call, createTestCore, type TestCore } from '../support/core';
import { scriptedClient } from '../support/scripted-client';

const DAY = 86_400_000;

/** A Threads-like client: renews a token a day old or more that has not expired; counts followers daily. */
function metaLikeClient(now: () => number, opts: { refuseRenewals?: boolean } = {}) {
  const issued = new Map<string, number>();
  const renewals: string[] = [];
  const client: PlatformClient = {
    ...scriptedClient('threads').client,
    followers: async () => 10,
    async refresh(ctx) {
      const c = ctx.credentials;
      renewals.push(c.accessToken);
      if (c.expiresAt !== undefined && c.expiresAt <= now()) return { ok: false, reason: 'The sign-in expired and cannot be renewed; reconnect the account.' };
      if (opts.refuseRenewals || now() - (issued.get(c.accessToken) ?? 0) < DAY) return { ok: false, reason: 'Threads would not renew the sign-in.' };
      const accessToken = `token-${renewals.length + 1}`;
      issued.set(accessToken, now());
      return { ok: true, credentials: { ...c, accessToken, expiresAt: now() + 60 * DAY } as Credentials };
    },
  };
  return { client, issued, renewals };
}

describe('renewing a self-renewing sign-in ahead of its end', () => {
  let t: TestCore | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function connect(opts: { refuseRenewals?: boolean } = {}) {
    const meta = metaLikeClient(() => t!.clock.now(), opts);
    t = await createTestCore({ clients: { threads: meta.client }, publishing: { autoStart: false, random: () => 0.5 } });
    meta.issued.set('token-1', t.clock.now());
    await t.core.services.accounts.add({ platform: 'threads', handle: '@me', credentials: { accessToken: 'token-1', expiresAt: t.clock.now() + 60 * DAY } });
    return meta;
  }
  const account = async () => (await call<AccountDto[]>(t!.core, 'accounts:list'))[0]!;

  it('stays connected through months of use: a follower count renews the token well before it ends', async () => {
    const meta = await connect();
    // Used every five days for 140 days (a 60-day token would have ended twice).
    for (let day = 5; day <= 140; day += 5) {
      t!.clock.advance(5 * DAY);
      await t!.core.services.metrics.sweep();
    }
    expect(await account()).toMatchObject({ status: 'connected', lastError: null });
    // Renewed on the first use in the last 14 days of each token (days 50 and 100), never in a hurry.
    expect(meta.renewals).toEqual(['token-1', 'token-2']);
    expect(Date.parse((await account()).tokenExpiresAt!)).toBeGreaterThan(t!.clock.now() + 14 * DAY);
  });

  it('keeps an account connected while early renewals are refused, tries again only after a while, and asks to reconnect only once the sign-in ended', async () => {
    const meta = await connect({ refuseRenewals: true });
    t!.clock.advance(47 * DAY);
    await t!.core.services.metrics.sweep();
    expect(meta.renewals).toEqual(['token-1']);
    expect(await account()).toMatchObject({ status: 'connected' });
    // The next use within the wait does not ask again; one after it does.
    t!.clock.advance(RENEW_RETRY_MS - 1);
    await t!.core.services.metrics.sweep();
    expect(meta.renewals).toHaveLength(1);
    t!.clock.advance(DAY);
    await t!.core.services.metrics.sweep();
    expect(meta.renewals).toHaveLength(2);
    expect(await account()).toMatchObject({ status: 'connected' });
    t!.clock.advance(13 * DAY);
    await t!.core.services.metrics.sweep();
    expect(await account()).toMatchObject({ status: 'needs_reconnect', lastError: expect.stringMatching(/expired/) });
  });
});

describe('a refresh that cannot reach the platform', () => {
  let t: TestCore | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });
  const MIN = 60_000;

  /** A Mastodon-like account whose token ends `left` after its post falls due; the platform answers refreshes with a 503. */
  async function dueWithRefreshDown(left: number, before: (script: ReturnType<typeof scriptedClient>) => void = () => {}) {
    const script = scriptedClient('mastodon');
    before(script);
    script.client.refresh = async () => {
      throw new Error('Mastodon could not renew the sign-in right now (HTTP 503).');
    };
    t = await createTestCore({ clients: { mastodon: script.client }, publishing: { autoStart: false, random: () => 0.5 } });
    const account = await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'token-1', refreshToken: 'refresh-1', expiresAt: t.clock.now() + MIN + left } });
    await t.core.services.scheduler.start();
    const post = await call<PostDto>(t.core, 'posts:create', { text: 'Due while the platform is down', accounts: [account.id], schedule: { date: '2026-11-23', time: '10:01', zone: 'Europe/Berlin' } });
    t.clock.advance(MIN);
    await t.core.services.scheduler.wake();
    return { script, post };
  }

  it('holds a post whose token is about to end with the true reason, not "reconnect", and leaves the account connected', async () => {
    const { script, post } = await dueWithRefreshDown(MIN);
    const target = (await call<PostDto>(t!.core, 'posts:get', { id: post.id })).targets[0]!;
    expect(target).toMatchObject({ state: 'scheduled', lastError: expect.stringMatching(/^Could not renew @me@example\.social's sign-in with Mastodon just now \(.*HTTP 503.*\); trying again shortly\.$/) });
    expect(target.lastError).not.toMatch(/reconnect/i);
    expect(script.published()).toHaveLength(0);
    expect((await call<AccountDto[]>(t!.core, 'accounts:list'))[0]!).toMatchObject({ status: 'connected', lastError: null });
  });

  it('sends with the current token while it still works for a few minutes', async () => {
    const { script } = await dueWithRefreshDown(4 * MIN);
    expect(script.published().map((c) => c.token)).toEqual(['token-1']);
    expect((await call<AccountDto[]>(t!.core, 'accounts:list'))[0]!.status).toBe('connected');
  });

  it('says so, not "reconnect", when the platform calls the sign-in expired on sending and the refresh cannot reach it', async () => {
    // A token with hours left, which the platform nonetheless says has ended (revoked early, a clock off).
    const { script, post } = await dueWithRefreshDown(3 * 60 * MIN, (s) => s.onPublish({ kind: 'expired_token' }));
    const target = (await call<PostDto>(t!.core, 'posts:get', { id: post.id })).targets[0]!;
    expect(target.state).toBe('scheduled');
    expect(target.lastError).toMatch(/^Mastodon says @me@example\.social's sign-in has ended, and Loomcast could not renew it just now; trying again at /);
    expect(target.lastError).not.toMatch(/reconnect/i);
    expect(script.published()).toHaveLength(1);
    expect((await call<AccountDto[]>(t!.core, 'accounts:list'))[0]!.status).toBe('connected');
  });

  it('files the numbers check as failed, not permission_required', async () => {
    const script = scriptedClient('mastodon');
    let down = false;
    script.client.refresh = async () => {
      throw new Error(down ? 'Mastodon could not renew the sign-in right now (HTTP 503).' : 'not asked before the sweep');
    };
    t = await createTestCore({ clients: { mastodon: script.client }, publishing: { autoStart: false, random: () => 0.5 } });
    // The token ends half a minute after the first numbers check, an hour after the post.
    const account = await t.core.services.accounts.add({ platform: 'mastodon', handle: '@me@example.social', serverUrl: 'https://example.social', credentials: { accessToken: 'token-1', refreshToken: 'refresh-1', expiresAt: t.clock.now() + 61 * MIN + 30_000 } });
    await t.core.services.scheduler.start();
    await call<PostDto>(t.core, 'posts:create', { text: 'Counted while the platform is down', accounts: [account.id], schedule: { date: '2026-11-23', time: '10:01', zone: 'Europe/Berlin' } });
    t.clock.advance(MIN);
    await t.core.services.scheduler.wake();
    expect(script.published()).toHaveLength(1);
    down = true;
    t.clock.advance(60 * MIN);
    const swept = await t.core.services.metrics.sweep();
    expect(swept.statuses).toMatchObject({ failed: 1 });
    expect(swept.statuses.permission_required).toBeUndefined();
    expect((await call<AccountDto[]>(t.core, 'accounts:list'))[0]!.status).toBe('connected');
  });
});
