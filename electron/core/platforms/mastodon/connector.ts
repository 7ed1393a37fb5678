/**
 * Connecting a Mastodon account: every instance is its own OAuth server, so Loomcast first
 * registers an app there (`POST /api/v1/apps`), then runs the code flow with PKCE (S256, since
 * Mastodon 4.3). The token never expires and there is no refresh token.
 */
import type { HttpFetch } from '../../deps';
import type { ConnectResult, Credentials, OAuthConnector } from '../types';
import { PlatformError } from '../types';
import { detailsOf, readJson, request } from '../common/http';
import { NAME, SCOPES, apiUrl, errorMessage, type MastodonAccount } from './api';

export interface HttpOnly {
  http: HttpFetch;
  signal?: AbortSignal;
}

async function call(ctx: HttpOnly, url: string, init: RequestInit, what: string): Promise<unknown> {
  const got = await request(ctx, url, init);
  if (!got.ok) throw new PlatformError(`Could not reach ${new URL(url).host} to ${what}: ${got.failure.message}.`);
  const body = await readJson(got.res);
  if (!got.res.ok) {
    const said = errorMessage(body);
    throw new PlatformError(`${NAME} did not let Loomcast ${what}${said ? `: ${said}` : ` (HTTP ${got.res.status})`}.`, detailsOf(got.res.status, body), got.res.status);
  }
  return body;
}

/** Registers Loomcast as an app on the creator's instance; the pair is then kept with the account. */
export async function registerMastodonApp(
  ctx: HttpOnly,
  p: { instanceUrl: string; redirectUri: string; clientName: string; website?: string },
): Promise<{ clientId: string; clientSecret: string }> {
  const body = await call(
    ctx,
    apiUrl(p.instanceUrl, '/api/v1/apps'),
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      // An array since Mastodon 4.3; older servers take one URI as a string, and we only send one.
      body: JSON.stringify({ client_name: p.clientName, redirect_uris: [p.redirectUri], scopes: SCOPES.join(' '), ...(p.website ? { website: p.website } : {}) }),
    },
    'register itself on this server',
  );
  const app = body as { client_id?: unknown; client_secret?: unknown };
  if (typeof app?.client_id !== 'string' || typeof app.client_secret !== 'string') {
    throw new PlatformError(`${NAME} registered the app but did not return its keys.`);
  }
  return { clientId: app.client_id, clientSecret: app.client_secret };
}

/** `@user@instance-host`, the handle people type to find someone across the fediverse. */
export function fediverseHandle(acct: string, baseUrl: string): string {
  return acct.includes('@') ? `@${acct}` : `@${acct}@${new URL(baseUrl).host}`;
}

export const mastodonConnector: OAuthConnector = {
  kind: 'oauth',
  challengeEncoding: 'base64url',
  defaultScopes: SCOPES,

  authorizationUrl({ baseUrl, clientId, redirectUri, state, codeChallenge, scopes }) {
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      scope: scopes.join(' '),
      state,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    });
    return `${apiUrl(baseUrl, '/oauth/authorize')}?${q}`;
  },

  async exchange(ctx, p): Promise<ConnectResult> {
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code: p.code,
      client_id: p.clientId,
      redirect_uri: p.redirectUri,
      code_verifier: p.codeVerifier,
    });
    if (p.clientSecret) form.set('client_secret', p.clientSecret);
    const token = (await call(
      ctx,
      apiUrl(ctx.baseUrl, '/oauth/token'),
      { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString() },
      'finish signing in',
    )) as { access_token?: unknown; scope?: unknown };
    if (typeof token?.access_token !== 'string') throw new PlatformError(`${NAME} finished the sign-in but returned no token.`);
    const accessToken = token.access_token;

    const me = (await call(
      ctx,
      apiUrl(ctx.baseUrl, '/api/v1/accounts/verify_credentials'),
      { headers: { Authorization: `Bearer ${accessToken}` } },
      'read the account it signed in to',
    )) as MastodonAccount;
    if (!me?.id || !me.acct) throw new PlatformError(`${NAME} did not say which account signed in.`);

    const credentials: Credentials = {
      accessToken,
      clientId: p.clientId,
      ...(p.clientSecret ? { clientSecret: p.clientSecret } : {}),
      extra: { accountId: me.id, ...(typeof token.scope === 'string' ? { scope: token.scope } : {}) },
    };
    return {
      credentials,
      profile: { handle: fediverseHandle(me.acct, ctx.baseUrl), displayName: me.display_name || null, platformUserId: me.id },
    };
  },
};
