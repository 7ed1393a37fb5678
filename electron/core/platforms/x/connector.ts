/**
 * Connecting an X account: OAuth 2.0 authorization code with PKCE (S256) through a loopback
 * redirect, then `GET /2/users/me` for the profile.
 */
import { detailsOf, readJson, request } from '../common/http';
import { PlatformError, type ConnectResult, type OAuthConnector } from '../types';
import { apiUrl, xMessage } from './api';
import { X_SCOPES, authBaseFor, toCredentials, tokenRequest, type TokenResponse } from './oauth';

export interface XConnectorOptions {
  /** Where the consent screen is; by default derived from the API root (see authBaseFor). */
  authBase?: string;
}

export function createXConnector(opts: XConnectorOptions = {}): OAuthConnector {
  return {
    kind: 'oauth',
    challengeEncoding: 'base64url',
    defaultScopes: [...X_SCOPES],

    authorizationUrl(p) {
      const base = (opts.authBase ?? authBaseFor(p.baseUrl)).replace(/\/+$/, '');
      const q = new URLSearchParams({
        response_type: 'code',
        client_id: p.clientId,
        redirect_uri: p.redirectUri,
        scope: p.scopes.join(' '),
        state: p.state,
        code_challenge: p.codeChallenge,
        code_challenge_method: 'S256',
      });
      return `${base}/i/oauth2/authorize?${q}`;
    },

    async exchange(ctx, p): Promise<ConnectResult> {
      const client = { clientId: p.clientId, clientSecret: p.clientSecret };
      const r = await tokenRequest(ctx, ctx.baseUrl, { grant_type: 'authorization_code', code: p.code, redirect_uri: p.redirectUri, code_verifier: p.codeVerifier }, client);
      if (!r.ok) throw new PlatformError(`Could not reach X to finish connecting: ${r.failure.message}.`);
      const body = (await readJson(r.res)) as TokenResponse | null;
      if (!r.res.ok || !body?.access_token) {
        throw new PlatformError(`X did not accept the sign-in${xMessage(body) ? `: ${xMessage(body)}` : '.'}`, detailsOf(r.res.status, body), r.res.status);
      }
      const credentials = toCredentials(body, ctx.clock.now(), client);
      const me = await request(ctx, apiUrl(ctx.baseUrl, '/2/users/me'), { headers: { authorization: `Bearer ${body.access_token}` } });
      if (!me.ok) throw new PlatformError(`Could not reach X to read the account profile: ${me.failure.message}.`);
      const profile = (await readJson(me.res)) as { data?: { id?: string; username?: string; name?: string } } | null;
      const user = profile?.data;
      if (!me.res.ok || !user?.id || !user.username) {
        throw new PlatformError('X did not return the account profile.', detailsOf(me.res.status, profile), me.res.status);
      }
      return { credentials, profile: { handle: user.username, displayName: user.name ?? null, platformUserId: user.id } };
    },
  };
}
