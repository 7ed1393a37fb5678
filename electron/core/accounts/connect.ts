import { randomBytes, randomUUID } from 'node:crypto';
import { AppError, type ChannelParsedInput, type ConnectStartDto } from '../../../shared/contract';
import { PLATFORM_NAMES, type Platform } from '../../../shared/domain/platforms';
import type { Clock, HttpFetch, Logger } from '../deps';
import type { EventBus } from '../events';
import { PlatformError, type ConnectResult, type OAuthConnector, type PasswordConnector, type PlatformClient } from '../platforms/types';
import type { AccountsService } from './accounts-service';
import { redirectPortFor, type Apps } from './apps';
import { createPkce, startLoopback } from './oauth-loopback';

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
  flowTimeoutMs?: number;
}

const FEDERATED: readonly Platform[] = ['mastodon', 'bluesky'];

/**
 * Connecting an account: Bluesky with a handle and app password; everything else with the
 * OAuth code flow (PKCE where the platform takes it) through a loopback redirect on 127.0.0.1,
 * opened in the system browser. Only a successful exchange creates the account.
 */
export function createConnectFlows(d: ConnectDeps) {
  const flows = new Map<string, { cancel(): void }>();

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

  const save = (platform: Platform, baseUrl: string, r: ConnectResult) =>
    d.accounts.add({
      platform,
      handle: r.profile.handle,
      displayName: r.profile.displayName,
      platformUserId: r.profile.platformUserId,
      serverUrl: FEDERATED.includes(platform) ? baseUrl : null,
      credentials: r.credentials,
    });

  const explain = (err: unknown) =>
    err instanceof AppError ? err : new AppError('conflict', err instanceof PlatformError || err instanceof Error ? err.message : String(err), err instanceof PlatformError && err.details ? { details: err.details } : {});

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
    try {
      const result = await connector.login({ http: d.http, clock: d.clock, baseUrl }, { identifier: input.identifier, password: input.password });
      return { kind: 'connected', account: await save(platform, baseUrl, result) };
    } catch (err) {
      throw explain(err);
    }
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
    const state = randomBytes(16).toString('base64url');
    const pkce = createPkce(connector.challengeEncoding);
    let loop;
    try {
      loop = await startLoopback({ port: redirectPortFor(platform), state, timeoutMs: d.flowTimeoutMs ?? 10 * 60_000, clock: d.clock });
    } catch (err) {
      throw new AppError('conflict', `Loomcast could not listen for the sign-in on 127.0.0.1 (${(err as Error).message}). Close whatever uses port ${redirectPortFor(platform)} and try again.`);
    }
    let app: { clientId: string; clientSecret?: string };
    try {
      // Mastodon: every instance is its own OAuth server, and wants the exact redirect URL.
      app = ownApp ?? (await d.registerApp!({ http: d.http }, { instanceUrl: baseUrl, redirectUri: loop.redirectUri, clientName: 'Loomcast', website: 'https://loomcast.app' }));
    } catch (err) {
      loop.close();
      throw explain(err);
    }
    const url = connector.authorizationUrl({ baseUrl, clientId: app.clientId, redirectUri: loop.redirectUri, state, codeChallenge: pkce.challenge, scopes: connector.defaultScopes });
    const flowId = randomUUID();
    flows.set(flowId, { cancel: () => loop.close() });
    const finished = (ok: boolean, accountId: string | null, message: string | null) => {
      flows.delete(flowId);
      d.events.emit('accounts:connectFinished', { flowId, ok, accountId, message });
    };
    void (async () => {
      try {
        const { code } = await loop.result;
        const result = await connector.exchange(
          { http: d.http, clock: d.clock, baseUrl },
          { code, codeVerifier: pkce.verifier, redirectUri: loop.redirectUri, clientId: app.clientId, ...(app.clientSecret ? { clientSecret: app.clientSecret } : {}) },
        );
        // Keep the app's keys with the account: Mastodon's are per instance, and refresh needs them.
        const account = await save(platform, baseUrl, { ...result, credentials: { clientId: app.clientId, ...(app.clientSecret ? { clientSecret: app.clientSecret } : {}), ...result.credentials } });
        loop.finish(true, `${account.handle} is connected.`);
        finished(true, account.id, null);
      } catch (err) {
        const message = explain(err).message;
        d.log.warn('connecting an account failed', { platform, error: message });
        loop.finish(false, message);
        finished(false, null, message);
      }
    })();
    return { kind: 'authorize', flowId, url, opened: d.openExternal(url) };
  }

  return {
    async connect(input: ChannelParsedInput<'accounts:connect'>): Promise<ConnectStartDto> {
      const connector = connectorFor(input.platform);
      return connector.kind === 'password' ? password(input.platform, connector, input) : oauth(input.platform, connector, input);
    },
    cancel(flowId: string): { flowId: string } {
      flows.get(flowId)?.cancel();
      flows.delete(flowId);
      return { flowId };
    },
    cancelAll(): void {
      for (const f of flows.values()) f.cancel();
      flows.clear();
    },
  };
}

export type ConnectFlows = ReturnType<typeof createConnectFlows>;
