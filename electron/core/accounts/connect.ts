import { randomUUID } from 'node:crypto';
import { AppError, type ChannelParsedInput, type ConnectStartDto } from '../../../shared/contract';
import { PLATFORM_NAMES, type Platform } from '../../../shared/domain/platforms';
import type { Clock, HttpFetch, Logger } from '../deps';
import type { ExternalLinkVerdict } from '../security';
import type { EventBus } from '../events';
import { request, type NetworkFailure } from '../platforms/common/http';
import { PlatformError, type ConnectResult, type OAuthConnector, type PasswordConnector, type PlatformClient } from '../platforms/types';
import type { AccountsService } from './accounts-service';
import type { Apps } from './apps';
import { createConnectStatus } from './connect-status';
import { createPkce, createState, LoopbackError, startLoopback } from './oauth-loopback';

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
}

const FEDERATED: readonly Platform[] = ['mastodon', 'bluesky'];
const DEFAULT_FLOW_TIMEOUT_MS = 10 * 60_000;

/** Where each password platform makes app passwords, for the bad_credentials message. */
const APP_PASSWORD_HELP: Partial<Record<Platform, string>> = {
  bluesky: 'create one in Bluesky under Settings → Privacy and security → App passwords (https://bsky.app/settings/app-passwords)',
};

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/**
 * The connector's fetch, watched. Connectors phrase a network failure in their own sentence;
 * this records what really happened (sorted by common/http, as every client's calls are) so
 * the failure can be named by its kind.
 */
function watched(http: HttpFetch): { http: HttpFetch; failure(): { host: string; kind: NetworkFailure['kind'] } | null } {
  let failed: { host: string; kind: NetworkFailure['kind'] } | null = null;
  const wrapped = (async (input: Parameters<HttpFetch>[0], init?: Parameters<HttpFetch>[1]) => {
    try {
      return await http(input, init);
    } catch (err) {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const sorted = await request({ http: (() => Promise.reject(err)) as HttpFetch }, url);
      failed = { host: hostOf(url), kind: sorted.ok ? 'other' : sorted.failure.kind };
      throw err;
    }
  }) as HttpFetch;
  return { http: wrapped, failure: () => failed };
}

/** Which step failed: signing in with a password, registering on an instance, or the OAuth exchange. */
type Step = 'sign_in' | 'register' | 'exchange';

/**
 * A failure of connecting, as a typed error whose message says what the creator can do. The
 * platform's own words go to `details`.
 */
function typedError(platform: Platform, step: Step, err: unknown, net: { host: string; kind: NetworkFailure['kind'] } | null, baseUrl: string): AppError {
  if (err instanceof AppError) return err;
  const name = PLATFORM_NAMES[platform];
  const said = err instanceof Error ? err.message : String(err);
  const status = err instanceof PlatformError ? err.status : undefined;
  const details = err instanceof PlatformError && err.details ? `${said}\n${err.details}` : said;
  if (net && status === undefined) {
    return new AppError('unreachable', `Loomcast could not reach ${net.host}. Check the address and your connection.`, { details });
  }
  if (step === 'sign_in' && status === 401) {
    const help = APP_PASSWORD_HELP[platform] ?? `create one in your ${name} settings`;
    return new AppError('bad_credentials', `${name} did not accept that handle and app password. Check the handle and app password; ${help}.`, { details });
  }
  if (step === 'register' && status !== undefined && status >= 400 && status < 500 && status !== 429) {
    return new AppError('rejected_by_platform', `${hostOf(baseUrl)} would not register Loomcast as an app (${said.replace(/\.$/, '')}). Check the server address; some servers close app registration.`, { details });
  }
  if (step === 'exchange' && status !== undefined && status >= 400 && status < 500 && status !== 429) {
    return new AppError(
      'rejected_by_platform',
      `${name} refused Loomcast's sign-in with your developer app. Check its client ID, client secret and redirect URL in Settings → Developer apps, and that ${name} approved the app for the permissions Loomcast asks for.`,
      { details },
    );
  }
  // The platform answered something else Loomcast cannot use (no Pages, a server error, a limit): its own words say what.
  return new AppError('conflict', said, err instanceof PlatformError && err.details ? { details: err.details } : {});
}

/** Why the sign-in in the browser ended without a code. */
function signInEnded(platform: Platform, how: 'cancelled' | 'timed_out' | null, err: unknown, timeoutMs: number): AppError {
  const name = PLATFORM_NAMES[platform];
  if (how === 'cancelled') return new AppError('cancelled', `Signing in to ${name} was cancelled, so nothing was connected.`);
  if (how === 'timed_out') {
    return new AppError('timed_out', `Nobody finished signing in to ${name} within ${Math.round(timeoutMs / 60_000)} minutes, so nothing was connected. Connect again when you are ready.`);
  }
  const said = err instanceof Error ? err.message : String(err);
  // The creator said no on the platform's page; any other error the platform sent back (or no code) is a refusal.
  if (err instanceof LoopbackError && err.code === 'access_denied') {
    return new AppError('cancelled', `You declined Loomcast's request on ${name}, so nothing was connected. Connect again and approve it to post from Loomcast.`);
  }
  return new AppError(
    'rejected_by_platform',
    `${name} did not let Loomcast sign in with your developer app. Check its client ID and redirect URL in Settings → Developer apps, and that ${name} approved the app for the permissions Loomcast asks for.`,
    { details: said },
  );
}

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

  const save = (platform: Platform, baseUrl: string, r: ConnectResult) =>
    d.accounts.add({
      platform,
      handle: r.profile.handle,
      displayName: r.profile.displayName,
      platformUserId: r.profile.platformUserId,
      serverUrl: FEDERATED.includes(platform) ? baseUrl : null,
      credentials: r.credentials,
    });

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
