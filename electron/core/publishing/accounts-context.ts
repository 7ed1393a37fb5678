import { PLATFORM_NAMES, type Platform } from '../../../shared/domain/platforms';
import type { AccountsService } from '../accounts/accounts-service';
import type { CredentialStore } from '../accounts/credentials';
import type { Alerts } from '../alerts/alerts';
import type { Clock, HttpFetch, Logger } from '../deps';
import type { ClientContext, Credentials, PlatformClient } from '../platforms/types';
import type { PublishQueue } from './publish-queue';

/** Refresh a token this long before it expires, so a due post never waits on a refresh. */
export const REFRESH_AHEAD_MS = 5 * 60_000;

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

export type AccountContext = { ok: true; client: PlatformClient; ctx: ClientContext } | { ok: false; reason: string };

/**
 * Builds the context a client call needs for one account, and owns token refresh: ahead of
 * expiry, and on the platform's expired-token signal. One refresh at a time per account, so
 * a burst of due posts cannot spend a rotating refresh token twice.
 */
export function createAccountContexts(deps: ContextDeps) {
  const refreshing = new Map<string, Promise<Credentials | null>>();

  const markReconnect = (accountId: string, platform: Platform, handle: string, reason: string) => {
    deps.accounts.needsReconnect(accountId, reason);
    deps.alerts.raise({
      kind: 'account_needs_reconnect',
      title: `Reconnect ${handle} on ${PLATFORM_NAMES[platform]}`,
      body: `${reason} Posts for this account wait until you reconnect it in Accounts.`,
      subject: { kind: 'account', id: accountId },
    });
  };

  const refresh = (c: ClientContext, client: PlatformClient): Promise<Credentials | null> => {
    const running = refreshing.get(c.account.id);
    if (running) return running;
    const p = (async () => {
      try {
        const r = await client.refresh(c);
        if (!r.ok) {
          markReconnect(c.account.id, c.account.platform, c.account.handle, r.reason);
          return null;
        }
        await deps.credentials.save(c.account.id, r.credentials);
        deps.accounts.tokenExpiry(c.account.id, r.credentials.expiresAt ?? null);
        deps.log.info('token refreshed', { accountId: c.account.id, platform: c.account.platform });
        return r.credentials;
      } catch (err) {
        // A refresh that could not reach the platform says nothing about the token: try again later.
        deps.log.warn('token refresh failed to run', { accountId: c.account.id, error: err as Error });
        return null;
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
      const credentials = await deps.credentials.load(accountId);
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
      if (credentials.expiresAt !== undefined && credentials.expiresAt - deps.clock.now() < REFRESH_AHEAD_MS) {
        const fresh = await refresh(ctx, client);
        if (!fresh) return { ok: false, reason: `Waiting for you to reconnect ${account.handle}.` };
        ctx.credentials = fresh;
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
      const saved = (await refreshing.get(ctx.account.id)) ?? (await deps.credentials.load(ctx.account.id));
      if (saved && saved.accessToken !== ctx.credentials.accessToken) return { ...ctx, credentials: saved };
      const fresh = await refresh(saved ? { ...ctx, credentials: saved } : ctx, client);
      return fresh ? { ...ctx, credentials: fresh } : null;
    },
  };
}

export type AccountContexts = ReturnType<typeof createAccountContexts>;
