import { PLATFORM_NAMES, type Platform } from '../../../shared/domain/platforms';
import type { AccountsService } from '../accounts/accounts-service';
import type { CredentialStore } from '../accounts/credentials';
import type { Alerts } from '../alerts/alerts';
import type { Clock, HttpFetch, Logger } from '../deps';
import type { ClientContext, Credentials, PlatformClient } from '../platforms/types';
import type { PublishQueue } from './publish-queue';

/** Refresh a token this long before it expires, so a due post never waits on a refresh. */
export const REFRESH_AHEAD_MS = 5 * 60_000;

/**
 * A sign-in without a refresh token that renews itself (Instagram's and Threads' 60-day tokens)
 * can only be renewed while it still works: renew it this long before it ends, on any use (a
 * post, the daily follower count), not in its last minutes, which nothing may fall into.
 */
export const RENEW_AHEAD_MS = 14 * 86_400_000;
/** After such an early renewal did not work, the sign-in is used as it is for this long before trying again. */
export const RENEW_RETRY_MS = 6 * 3_600_000;
/** A refresh that could not reach the platform: a token with this long left is still used as it is. */
export const STILL_USABLE_MS = 2 * 60_000;
/** How long an orderly stop waits for the keychain to take the refreshed sign-ins kept in memory only. */
export const SAVE_ON_CLOSE_MS = 5_000;

export interface ContextDeps {
  queue: PublishQueue;
  /** Where an account's new status or token expiry is written and announced. */
  accounts: Pick<AccountsService, 'needsReconnect' | 'tokenExpiry'>;
  clients: Partial<Record<Platform, PlatformClient>>;
  credentials: CredentialStore;
  alerts: Alerts;
  clock: Clock;
  http: HttpFetch;
  log: Logger;
  /** Test and self-hosting override of a platform's API root. */
  baseUrls: Partial<Record<Platform, string>>;
}

/**
 * Why a copy waits after its platform called the sign-in ended and no fresh one came: a reconnect
 * when the refresh was refused (the account is then marked so), else a refresh that could not
 * reach the platform, which is tried again (the reason says when, if given `when`).
 */
export function expiredSignInReason(needsReconnect: boolean, handle: string, platform: string, when?: string): string {
  if (needsReconnect) return `Waiting for you to reconnect ${handle}: ${platform} no longer accepts its sign-in.`;
  return `${platform} says ${handle}'s sign-in has ended, and Loomcast could not renew it just now${when ? `; trying again at ${when}` : ''}.`;
}

/** `threw`: the keychain could not be read just now, which says nothing about the account's sign-in. */
export type AccountContext = { ok: true; client: PlatformClient; ctx: ClientContext } | { ok: false; reason: string; threw?: true };

/** New credentials; or none: `unreached` says why the platform could not be asked (nothing to reconnect for), else it refused. */
type Refreshed = { ok: true; credentials: Credentials } | { ok: false; unreached?: string };

/**
 * Builds the context a client call needs for one account, and owns token refresh: ahead of
 * expiry, and on the platform's expired-token signal. One refresh at a time per account, so
 * a burst of due posts cannot spend a rotating refresh token twice.
 */
export function createAccountContexts(deps: ContextDeps) {
  const refreshing = new Map<string, Promise<Refreshed>>();
  /** Accounts whose early renewal did not work, and when to try it again. */
  const renewLater = new Map<string, number>();
  /**
   * Refreshed sign-ins the keychain would not take (the platform may have rotated the refresh
   * token: losing them means a reconnect), with what the keychain held instead (in memory only,
   * like them). Used, and written again on the next use and on an orderly stop, until the
   * keychain takes them or is written by someone else (a reconnect), whose credentials then win.
   */
  type Unsaved = { credentials: Credentials; over: Credentials };
  const unsaved = new Map<string, Unsaved>();

  const markReconnect = (accountId: string, platform: Platform, handle: string, reason: string) => {
    deps.accounts.needsReconnect(accountId, reason);
    deps.alerts.raise({
      kind: 'account_needs_reconnect',
      title: `Reconnect ${handle} on ${PLATFORM_NAMES[platform]}`,
      body: `${reason} Posts for this account wait until you reconnect it in Accounts.`,
      subject: { kind: 'account', id: accountId },
    });
  };

  /** Saves refreshed credentials; if the keychain will not take them, keeps them in memory (see `unsaved`). */
  const keep = async (accountId: string, credentials: Credentials, over: Credentials) => {
    try {
      await deps.credentials.save(accountId, credentials);
      unsaved.delete(accountId);
    } catch (err) {
      unsaved.set(accountId, { credentials, over });
      deps.log.warn('refreshed sign-in not saved to the keychain; kept in memory and saved on next use', { accountId, error: err as Error });
    }
  };

  /**
   * Whether the keychain's credentials make a sign-in kept in memory moot: it holds that sign-in,
   * or was written since by someone else (a reconnect), which is newer than the refreshed one.
   */
  const settledBy = (held: Unsaved, saved: Credentials | null) => saved?.accessToken === held.credentials.accessToken || saved?.accessToken !== held.over.accessToken;

  /** The account's newest credentials: a refreshed sign-in the keychain did not take yet (written again now), else the keychain's. */
  const current = async (accountId: string): Promise<Credentials | null> => {
    const held = unsaved.get(accountId);
    if (!held) return deps.credentials.load(accountId);
    let saved: Credentials | null;
    try {
      saved = await deps.credentials.load(accountId);
    } catch {
      return held.credentials;
    }
    if (settledBy(held, saved)) {
      unsaved.delete(accountId);
      return saved;
    }
    await keep(accountId, held.credentials, held.over);
    return held.credentials;
  };

  /** One more try at writing a sign-in kept in memory only; throws what the keychain said when it would not. */
  const saveHeld = async (accountId: string, held: Unsaved) => {
    const saved = await deps.credentials.load(accountId);
    if (!settledBy(held, saved)) await deps.credentials.save(accountId, held.credentials);
    if (unsaved.get(accountId) === held) unsaved.delete(accountId);
  };

  /**
   * A sign-in kept in memory only that the process stops without: lost. When the platform
   * replaced the refresh token the keychain holds, that one no longer works and the account
   * needs a reconnect: marked now, saying why, rather than found out at the next start by
   * spending the old refresh token again. Otherwise the keychain's sign-in still renews, and
   * the account keeps the expiry of what the keychain holds.
   */
  const lost = (accountId: string, held: Unsaved, why: string) => {
    const account = deps.queue.account(accountId);
    if (!account || account.status === 'needs_reconnect') return;
    const spent = held.over.refreshToken !== undefined && held.over.refreshToken !== held.credentials.refreshToken;
    if (!spent) {
      deps.log.warn('refreshed sign-in not saved to the keychain before closing; the one it holds still renews', { accountId, cause: why });
      deps.accounts.tokenExpiry(accountId, held.over.expiresAt ?? null);
      return;
    }
    deps.log.error('renewed sign-in lost: the keychain did not take it before closing, and the platform replaced the one it holds', { accountId, cause: why });
    const platform = PLATFORM_NAMES[account.platform];
    markReconnect(
      accountId,
      account.platform,
      account.handle,
      `Loomcast renewed this account's sign-in with ${platform}, but the system keychain did not save the new one before Loomcast closed (${why}), and ${platform} no longer accepts the old one.`,
    );
  };

  /** The account's saved credentials when they are no longer the ones `c` holds; null otherwise (or unreadable). */
  const savedSince = async (c: ClientContext): Promise<Credentials | null> => {
    const saved = await current(c.account.id).catch(() => null);
    return saved && saved.accessToken !== c.credentials.accessToken ? saved : null;
  };

  /** `early`: the sign-in still works for days, so a renewal that fails is no reason to reconnect yet. */
  const refresh = (c: ClientContext, client: PlatformClient, early = false): Promise<Refreshed> => {
    const running = refreshing.get(c.account.id);
    if (running) return running;
    const p = (async (): Promise<Refreshed> => {
      try {
        // Another lane may have refreshed (or the creator reconnected) since this one read the
        // keychain; a rotating platform has then replaced this refresh token, and spending it
        // again would end in a reconnect. Use what is saved now instead, also after a refusal.
        const before = await savedSince(c);
        if (before) return { ok: true, credentials: before };
        const r = await client.refresh(c);
        // The creator may have reconnected while the platform was asked: that sign-in is newer
        // than this refresh's, so it is neither overwritten nor turned into a reconnect.
        const after = await savedSince(c);
        if (after) return { ok: true, credentials: after };
        if (!r.ok) {
          if (early) {
            renewLater.set(c.account.id, deps.clock.now() + RENEW_RETRY_MS);
            deps.log.info('token not renewed ahead of its expiry; using it as it is', { accountId: c.account.id, reason: r.reason });
          } else markReconnect(c.account.id, c.account.platform, c.account.handle, r.reason);
          return { ok: false };
        }
        renewLater.delete(c.account.id);
        // What the keychain holds now: `c`'s, or, under a sign-in kept in memory only, what it replaced.
        await keep(c.account.id, r.credentials, unsaved.get(c.account.id)?.over ?? c.credentials);
        deps.accounts.tokenExpiry(c.account.id, r.credentials.expiresAt ?? null);
        deps.log.info('token refreshed', { accountId: c.account.id, platform: c.account.platform });
        return r;
      } catch (err) {
        // A refresh that could not reach the platform says nothing about the token: try again later.
        deps.log.warn('token refresh failed to run', { accountId: c.account.id, error: err as Error });
        if (early) renewLater.set(c.account.id, deps.clock.now() + RENEW_RETRY_MS);
        return { ok: false, unreached: (err as Error)?.message ?? String(err) };
      } finally {
        refreshing.delete(c.account.id);
      }
    })();
    refreshing.set(c.account.id, p);
    return p;
  };

  return {
    async forAccount(accountId: string, signal?: AbortSignal): Promise<AccountContext> {
      const account = deps.queue.account(accountId);
      if (!account) return { ok: false, reason: 'The account for this post was disconnected.' };
      const client = deps.clients[account.platform];
      if (!client) return { ok: false, reason: `Publishing to ${PLATFORM_NAMES[account.platform]} is not available in this version.` };
      if (account.status === 'needs_reconnect') return { ok: false, reason: `Waiting for you to reconnect ${account.handle}.` };
      let credentials: Credentials | null;
      try {
        credentials = await current(accountId);
      } catch (err) {
        // A keychain that is locked or not answering says nothing about the sign-in: not
        // "reconnect", and no throw, so a post claimed for sending goes back to wait, unsent.
        const said = (err as Error)?.message ?? String(err);
        return { ok: false, reason: `Loomcast could not read ${account.handle}'s sign-in from the system keychain just now (${said}).`, threw: true };
      }
      if (!credentials) {
        markReconnect(accountId, account.platform, account.handle, 'Its credentials are missing from the system keychain.');
        return { ok: false, reason: `Waiting for you to reconnect ${account.handle}.` };
      }
      const ctx: ClientContext = {
        http: deps.http,
        clock: deps.clock,
        log: deps.log,
        credentials,
        account: {
          id: account.id,
          platform: account.platform,
          handle: account.handle,
          baseUrl: account.server_url ?? deps.baseUrls[account.platform] ?? client.defaultBaseUrl,
          platformUserId: account.platform_user_id,
        },
        ...(signal ? { signal } : {}),
      };
      const left = credentials.expiresAt === undefined ? Infinity : credentials.expiresAt - deps.clock.now();
      if (left < REFRESH_AHEAD_MS) {
        const r = await refresh(ctx, client);
        if (r.ok) ctx.credentials = r.credentials;
        else if (r.unreached === undefined) return { ok: false, reason: `Waiting for you to reconnect ${account.handle}.` };
        // The platform could not be asked: nothing to reconnect. A token that still works a while is used.
        else if (left < STILL_USABLE_MS) {
          const platform = PLATFORM_NAMES[account.platform];
          return { ok: false, reason: `Could not renew ${account.handle}'s sign-in with ${platform} just now (${r.unreached}); trying again shortly.`, threw: true };
        }
      } else if (left < RENEW_AHEAD_MS && !credentials.refreshToken && (renewLater.get(accountId) ?? 0) <= deps.clock.now()) {
        const r = await refresh(ctx, client, true);
        if (r.ok) ctx.credentials = r.credentials;
      }
      return { ok: true, client, ctx };
    },

    /**
     * After the platform said the token expired: refresh once; null means reconnect. When another
     * call refreshed the account since this one began (metrics, another post), its new token is
     * tried instead: spending the old refresh token, which a rotating platform has already
     * replaced, would ask the creator to reconnect for nothing.
     */
    async refreshAfterExpiry(ctx: ClientContext, client: PlatformClient): Promise<ClientContext | null> {
      const running = await refreshing.get(ctx.account.id);
      const saved = running?.ok ? running.credentials : await current(ctx.account.id);
      if (saved && saved.accessToken !== ctx.credentials.accessToken) return { ...ctx, credentials: saved };
      const fresh = await refresh(saved ? { ...ctx, credentials: saved } : ctx, client);
      return fresh.ok ? { ...ctx, credentials: fresh.credentials } : null;
    },

    /**
     * On an orderly stop, after publishing and the numbers have stopped: each refreshed sign-in
     * kept in memory only gets one more try at the keychain, for SAVE_ON_CLOSE_MS at most so
     * quitting never hangs on a keychain that does not answer. One still not saved is lost with
     * the process, and said so (see `lost`).
     */
    async close(): Promise<void> {
      if (refreshing.size === 0 && unsaved.size === 0) return;
      const why = new Map<string, string>();
      let cancel = () => {};
      const timeUp = new Promise<void>((resolve) => (cancel = deps.clock.setTimer(SAVE_ON_CLOSE_MS, resolve)));
      const tries = (async () => {
        await Promise.allSettled(refreshing.values());
        await Promise.all(
          [...unsaved].map(([accountId, held]) =>
            saveHeld(accountId, held).then(
              () => deps.log.info('refreshed sign-in saved to the keychain on closing', { accountId }),
              (err: unknown) => why.set(accountId, (err as Error)?.message ?? String(err)),
            ),
          ),
        );
      })();
      await Promise.race([tries, timeUp]);
      cancel();
      const waited = `the keychain did not answer within ${Math.round(SAVE_ON_CLOSE_MS / 1000)} s`;
      for (const [accountId, held] of [...unsaved]) lost(accountId, held, why.get(accountId) ?? waited);
    },
  };
}

export type AccountContexts = ReturnType<typeof createAccountContexts>;
