import { randomUUID } from 'node:crypto';
import { AppError, type ChannelParsedInput, type ConnectStartDto } from '../../../shared/contract';
import { PLATFORM_NAMES, type Platform } from '../../../shared/domain/platforms';
import type { Clock, HttpFetch, Logger } from '../deps';
import type { ExternalLinkVerdict } from '../security';
import type { EventBus } from '../events';
import { type ConnectResult, type OAuthConnector, type PasswordConnector, type PlatformClient } from '../platforms/types';
import type { AccountsService } from './accounts-service';
import type { Apps } from './apps';
import { createConnectStatus } from './connect-status';
import { frozenUnderfoot, hostOf, movingRefusal, signInEnded, typedError, watched } from './connect-errors';
import { createPkce, createState, startLoopback } from './oauth-loopback';

export interface ConnectDeps {
  connectors: Partial<Record<Platform, OAuthConnector | PasswordConnector>>;
  clients: Partial<Record<Platform, PlatformClient>>;
  /** Mastodon: every instance is its own OAuth server, so an app is registered there first. */
  registerApp?: (ctx: { http: HttpFetch }, p: { instanceUrl: string; redirectUri: string; clientName: string; website?: string }) => Promise<{ clientId: string; clientSecret: string }>;
  accounts: AccountsService;
  apps: Apps;
  events: EventBus;
  http: HttpFetch;
  clock: Clock;
  log: Logger;
  baseUrls: Partial<Record<Platform, string>>;
  /** Opens the system browser (desktop); returns false where the renderer must open it itself. */
  openExternal: (url: string) => boolean;
  /** Lets the shells open this flow's sign-in page (again) until the returned function is called. */
  trustAuthorizeUrl?: (url: string) => () => void;
  /** Desktop: the rule a link must pass before the shell opens it (security.ts); a sign-in page it refuses is not started. */
  linkRule?: (url: string) => ExternalLinkVerdict;
  flowTimeoutMs?: number;
  /** Whether the workspace is held still (the data folder's move, write-hold.ts): a sign-in ending then is not saved. */
  held?: () => boolean;
}

const FEDERATED: readonly Platform[] = ['mastodon', 'bluesky'];
const DEFAULT_FLOW_TIMEOUT_MS = 10 * 60_000;

/**
 * Connecting an account: Bluesky with a handle and app password; everything else with the
 * OAuth code flow (PKCE where the platform takes it) through a loopback redirect on 127.0.0.1,
 * opened in the system browser. Only a successful exchange creates the account.
 */
export function createConnectFlows(d: ConnectDeps) {
  const flows = new Map<string, { cancel(): void }>();
  // What accounts:connectStatus answers; told of every ending just before the event goes out.
  const status = createConnectStatus(d.clock);

  const connectorFor = (platform: Platform) => {
    const c = d.connectors[platform];
    if (!c) throw new AppError('invalid_input', `Connecting ${PLATFORM_NAMES[platform]} accounts is not available in this version.`);
    return c;
  };

  const baseUrlFor = (platform: Platform, serverUrl?: string): string => {
    if (FEDERATED.includes(platform)) {
      if (serverUrl) return serverUrl.replace(/\/+$/, '');
      if (platform === 'bluesky') return d.baseUrls.bluesky ?? 'https://bsky.social';
      throw new AppError('invalid_input', 'Enter the address of your Mastodon server, e.g. https://mastodon.social', { issues: [{ path: ['serverUrl'], message: 'Required for Mastodon' }] });
    }
    return d.baseUrls[platform] ?? d.clients[platform]?.defaultBaseUrl ?? '';
  };

  /**
   * Saves the account and its keys: refused in words, before anything is written, while the
   * workspace is held. A hold that begins while the save awaits the keychain is seen just before
   * the keychain is written and again in the database write, and the keychain is left (or put
   * back) as it was: the keychain and the database never disagree because of a move.
   */
  const save = async (platform: Platform, baseUrl: string, r: ConnectResult) => {
    try {
      return await d.accounts.add(
        {
          platform,
          handle: r.profile.handle,
          displayName: r.profile.displayName,
          platformUserId: r.profile.platformUserId,
          serverUrl: FEDERATED.includes(platform) ? baseUrl : null,
          credentials: r.credentials,
        },
        { refused: (reconnecting) => (d.held?.() ? movingRefusal(platform, reconnecting) : null) },
      );
    } catch (err) {
      throw frozenUnderfoot(err) ? movingRefusal(platform) : err;
    }
  };

  async function password(platform: Platform, connector: PasswordConnector, input: ChannelParsedInput<'accounts:connect'>): Promise<ConnectStartDto> {
    if (!input.identifier || !input.password) {
      throw new AppError('invalid_input', 'Enter your handle and an app password.', {
        issues: [
          ...(input.identifier ? [] : [{ path: ['identifier'], message: 'Enter your handle or email' }]),
          ...(input.password ? [] : [{ path: ['password'], message: 'Enter an app password' }]),
        ],
      });
    }
    const baseUrl = baseUrlFor(platform, input.serverUrl);
    const net = watched(d.http);
    let result: ConnectResult;
    try {
      result = await connector.login({ http: net.http, clock: d.clock, baseUrl }, { identifier: input.identifier, password: input.password });
    } catch (err) {
      throw typedError(platform, 'sign_in', err, net.failure(), baseUrl);
    }
    return { kind: 'connected', account: await save(platform, baseUrl, result) };
  }

  async function oauth(platform: Platform, connector: OAuthConnector, input: ChannelParsedInput<'accounts:connect'>): Promise<ConnectStartDto> {
    const baseUrl = baseUrlFor(platform, input.serverUrl);
    // Say what is missing before sending anyone through a sign-in that could not be saved.
    const vaultState = await d.accounts.vaultStatus();
    if (!vaultState.available) throw new AppError('vault_unavailable', vaultState.reason);
    const ownApp = platform === 'mastodon' && d.registerApp ? null : await d.apps.get(platform);
    if (platform !== 'mastodon' && !ownApp) {
      throw new AppError('invalid_input', `Add your ${PLATFORM_NAMES[platform]} app's client ID in Settings → Developer apps first.`);
    }
    const state = createState();
    const pkce = createPkce(connector.challengeEncoding);
    const port = d.apps.redirectPort(platform);
    const timeoutMs = d.flowTimeoutMs ?? DEFAULT_FLOW_TIMEOUT_MS;
    let loop;
    try {
      // The loopback's own timer is a backstop: ours says when time is up, so the error can say so.
      loop = await startLoopback({
        port,
        state,
        timeoutMs: timeoutMs + 60_000,
        clock: d.clock,
        // Refused requests (no state, a wrong one, a replay) never reach the exchange; the flow waits on.
        onRefused: (err) => d.log.warn('refused a sign-in redirect', { platform, code: err.code }),
      });
    } catch (err) {
      if ((err as { code?: unknown })?.code === 'EADDRINUSE') {
        throw new AppError(
          'port_in_use',
          `Another program is using port ${port} on this computer, where ${PLATFORM_NAMES[platform]} sends you back after signing in. Close it (or another Loomcast window) and try again.`,
          { details: (err as Error).message },
        );
      }
      throw new AppError('conflict', `Loomcast could not listen for the sign-in on 127.0.0.1 (${(err as Error).message}). Close whatever uses port ${port} and try again.`);
    }
    let app: { clientId: string; clientSecret?: string };
    const registerNet = watched(d.http);
    try {
      // Mastodon: every instance is its own OAuth server, and wants the exact redirect URL.
      app = ownApp ?? (await d.registerApp!({ http: registerNet.http }, { instanceUrl: baseUrl, redirectUri: loop.redirectUri, clientName: 'Loomcast', website: 'https://loomcast.app' }));
    } catch (err) {
      loop.close();
      throw typedError(platform, 'register', err, registerNet.failure(), baseUrl);
    }
    const url = connector.authorizationUrl({ baseUrl, clientId: app.clientId, redirectUri: loop.redirectUri, state, codeChallenge: pkce.challenge, scopes: connector.defaultScopes });
    const flowId = randomUUID();
    const untrust = d.trustAuthorizeUrl?.(url) ?? (() => {});
    const openable = d.linkRule?.(url);
    if (openable && !openable.ok) {
      untrust();
      loop.close();
      d.log.warn('refused to start a sign-in the browser could not be sent to', { platform, reason: openable.reason });
      throw new AppError(
        'invalid_input',
        `Loomcast opens sign-in pages only at https:// addresses without a user name or password in them, and ${hostOf(url)}'s is not one. Enter the server's https:// address.`,
        FEDERATED.includes(platform) ? { issues: [{ path: ['serverUrl'], message: 'Use the https:// address' }] } : {},
      );
    }
    let ended: 'cancelled' | 'timed_out' | null = null;
    const stop = (how: 'cancelled' | 'timed_out') => {
      ended ??= how;
      loop.close();
    };
    const clearTimer = d.clock.setTimer(timeoutMs, () => stop('timed_out'));
    flows.set(flowId, { cancel: () => stop('cancelled') });
    status.started(flowId, platform, timeoutMs);
    const finished = (ok: boolean, accountId: string | null, message: string | null) => {
      clearTimer();
      untrust();
      flows.delete(flowId);
      d.events.emit('accounts:connectFinished', { flowId, ok, accountId, message });
    };
    const failed = (error: AppError) => {
      d.log.warn('connecting an account failed', { platform, code: error.code, error: error.message });
      loop.finish(false, error.message);
      status.failed(flowId, error);
      finished(false, null, error.message);
    };
    void (async () => {
      let code: string;
      try {
        ({ code } = await loop.result);
        clearTimer();
      } catch (err) {
        failed(signInEnded(platform, ended, err, timeoutMs));
        return;
      }
      // Held: the code is not even exchanged (no tokens made only to be dropped); the browser page says why.
      if (d.held?.()) {
        failed(movingRefusal(platform));
        return;
      }
      const exchangeNet = watched(d.http);
      let result: ConnectResult;
      try {
        result = await connector.exchange(
          { http: exchangeNet.http, clock: d.clock, baseUrl },
          { code, codeVerifier: pkce.verifier, redirectUri: loop.redirectUri, clientId: app.clientId, ...(app.clientSecret ? { clientSecret: app.clientSecret } : {}) },
        );
      } catch (err) {
        failed(typedError(platform, 'exchange', err, exchangeNet.failure(), baseUrl));
        return;
      }
      try {
        // Keep the app's keys with the account: Mastodon's are per instance, and refresh needs them.
        const account = await save(platform, baseUrl, { ...result, credentials: { clientId: app.clientId, ...(app.clientSecret ? { clientSecret: app.clientSecret } : {}), ...result.credentials } });
        loop.finish(true, `${account.handle} is connected.`);
        status.connected(flowId, account);
        finished(true, account.id, null);
      } catch (err) {
        failed(err instanceof AppError ? err : new AppError('internal', 'Loomcast could not save the account.', { details: (err as Error)?.message ?? String(err) }));
      }
    })();
    // The URL is the one this flow built, and the core's openExternal passes it through the same
    // rule as every other link (security.ts) before the shell may hand it to the browser.
    return { kind: 'authorize', flowId, url, opened: d.openExternal(url) }; /* eng-disable OPEN_EXTERNAL_JS_CHECK */
  }

  return {
    async connect(input: ChannelParsedInput<'accounts:connect'>): Promise<ConnectStartDto> {
      const connector = connectorFor(input.platform);
      return connector.kind === 'password' ? password(input.platform, connector, input) : oauth(input.platform, connector, input);
    },
    cancel(flowId: string): { flowId: string } {
      if (flows.has(flowId)) status.cancelled(flowId);
      flows.get(flowId)?.cancel();
      flows.delete(flowId);
      return { flowId };
    },
    /** Where a sign-in stands (accounts:connectStatus); not_found once forgotten. */
    status: (flowId: string) => status.get(flowId),
    cancelAll(): void {
      for (const f of flows.values()) f.cancel();
      flows.clear();
    },
  };
}

export type ConnectFlows = ReturnType<typeof createConnectFlows>;
