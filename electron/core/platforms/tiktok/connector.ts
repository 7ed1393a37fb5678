/**
 * TikTok Login Kit for Desktop: a loopback redirect on 127.0.0.1 with a port, PKCE with a
 * HEX-encoded SHA-256 challenge, and refresh tokens that rotate (always keep the newest).
 */
import type { Clock, HttpFetch } from '../../deps';
import { OAuthToken } from '../common/shape';
import { detailsOf, request } from '../common/http';
import { PlatformError, type ClientContext, type ConnectResult, type Credentials, type OAuthConnector } from '../types';
import { TIKTOK_API, callTikTok, readTikTokBody } from './api';

const AUTHORIZE_URL = 'https://www.tiktok.com/v2/auth/authorize/';
export const TIKTOK_SCOPES = ['user.info.basic', 'video.publish', 'video.upload', 'video.list'];

interface TokenAnswer {
  open_id?: string;
  scope?: string;
  access_token?: string;
  expires_in?: number;
  refresh_token?: string;
  refresh_expires_in?: number;
  token_type?: string;
  error?: string;
  error_description?: string;
}

/** The consent page lives on www.tiktok.com; a test server serves it under its own root. */
function authorizeUrlFor(baseUrl: string): string {
  const root = baseUrl.replace(/\/$/, '');
  return !root || root === TIKTOK_API ? AUTHORIZE_URL : `${root}/v2/auth/authorize/`;
}

type Token = TokenAnswer & { access_token: string };
type TokenResult = { ok: true; token: Token } | { ok: false; status: number; error: string; details: string };

async function tokenCall(ctx: { http: HttpFetch; signal?: AbortSignal }, baseUrl: string, form: Record<string, string>): Promise<TokenResult> {
  const r = await request(ctx, `${(baseUrl || TIKTOK_API).replace(/\/$/, '')}/v2/oauth/token/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'cache-control': 'no-cache' },
    body: new URLSearchParams(form).toString(),
  });
  if (!r.ok) throw new PlatformError(`Could not reach TikTok to sign in: ${r.failure.message}.`);
  const body = (await readTikTokBody(r.res)) as TokenAnswer | string | null;
  const t = body && typeof body === 'object' ? body : {};
  // TikTok may answer an OAuth error with HTTP 200: the `error` field decides, not the status.
  const token = OAuthToken.safeParse(t);
  if (!r.res.ok || t.error || !token.success) {
    return { ok: false, status: r.res.status, error: typeof t.error === 'string' ? t.error : `http_${r.res.status}`, details: detailsOf(r.res.status, body) };
  }
  return { ok: true, token: { ...t, ...token.data } };
}

function toCredentials(t: Token, now: number, app: { clientId: string; clientSecret?: string }, previous?: Credentials): Credentials {
  const openId = t.open_id ?? previous?.extra?.openId;
  return {
    accessToken: t.access_token,
    ...(t.refresh_token ? { refreshToken: t.refresh_token } : previous?.refreshToken ? { refreshToken: previous.refreshToken } : {}),
    ...(t.expires_in ? { expiresAt: now + t.expires_in * 1000 } : {}),
    ...(t.refresh_expires_in ? { refreshExpiresAt: now + t.refresh_expires_in * 1000 } : previous?.refreshExpiresAt ? { refreshExpiresAt: previous.refreshExpiresAt } : {}),
    clientId: app.clientId,
    ...(app.clientSecret ? { clientSecret: app.clientSecret } : {}),
    extra: { ...previous?.extra, ...(openId ? { openId } : {}) },
  };
}

export const tiktokConnector: OAuthConnector = {
  kind: 'oauth',
  challengeEncoding: 'hex',
  defaultScopes: TIKTOK_SCOPES,
  authorizationUrl({ baseUrl, clientId, redirectUri, state, codeChallenge, scopes }) {
    const q = new URLSearchParams({
      client_key: clientId,
      scope: (scopes.length ? scopes : TIKTOK_SCOPES).join(','),
      redirect_uri: redirectUri,
      state,
      response_type: 'code',
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    });
    return `${authorizeUrlFor(baseUrl)}?${q.toString()}`;
  },

  async exchange(ctx: { http: HttpFetch; clock: Clock; baseUrl: string }, p): Promise<ConnectResult> {
    const r = await tokenCall(ctx, ctx.baseUrl, {
      client_key: p.clientId,
      client_secret: p.clientSecret ?? '',
      code: p.code,
      grant_type: 'authorization_code',
      redirect_uri: p.redirectUri,
      code_verifier: p.codeVerifier,
    });
    if (!r.ok) throw new PlatformError('TikTok did not accept the sign-in. Try connecting again.', r.details, r.status);
    const granted = (r.token.scope ?? '').split(/[,\s]+/);
    if (r.token.scope && !granted.includes('video.publish')) {
      throw new PlatformError('TikTok did not grant permission to post. Connect again and allow posting videos.', `granted scopes: ${r.token.scope}`);
    }
    const credentials = toCredentials(r.token, ctx.clock.now(), { clientId: p.clientId, ...(p.clientSecret ? { clientSecret: p.clientSecret } : {}) });
    const me = await callTikTok<{ user?: { open_id?: string; display_name?: string; username?: string } }>(
      { http: ctx.http, baseUrl: ctx.baseUrl || TIKTOK_API, accessToken: credentials.accessToken },
      'GET',
      '/v2/user/info/?fields=open_id,union_id,avatar_url,display_name',
    );
    if (!me.ok) {
      if (me.network) throw new PlatformError(`Could not reach TikTok to read the profile: ${me.network.message}.`);
      throw new PlatformError('TikTok signed in but would not share the profile.', detailsOf(me.status, me.body), me.status);
    }
    const openId = me.data.user?.open_id ?? r.token.open_id;
    if (!openId) throw new PlatformError('TikTok did not say which account signed in.');
    // user.info.basic carries no @username; the display name is the best handle it gives.
    const displayName = me.data.user?.display_name ?? null;
    return {
      credentials: { ...credentials, extra: { ...credentials.extra, openId } },
      profile: { handle: me.data.user?.username ?? displayName ?? openId, displayName, platformUserId: openId },
    };
  },
};

/** Rotating refresh. Throws when TikTok could not be asked (says nothing about the token). */
export async function refreshTikTok(ctx: ClientContext): Promise<{ ok: true; credentials: Credentials } | { ok: false; reason: string }> {
  const c = ctx.credentials;
  if (!c.refreshToken) return { ok: false, reason: 'There is no TikTok refresh token; reconnect TikTok.' };
  if (!c.clientId) return { ok: false, reason: 'The TikTok app key is missing; reconnect TikTok.' };
  if (c.refreshExpiresAt !== undefined && c.refreshExpiresAt <= ctx.clock.now()) {
    return { ok: false, reason: 'TikTok’s sign-in for this account has lapsed (refresh tokens last 180 days); reconnect TikTok.' };
  }
  const r = await tokenCall(ctx, ctx.account.baseUrl, {
    client_key: c.clientId,
    client_secret: c.clientSecret ?? '',
    grant_type: 'refresh_token',
    refresh_token: c.refreshToken,
  });
  if (!r.ok) {
    // Only TikTok's refusal of the grant means reconnect; a limit, a server error or an answer
    // without a token (nor an OAuth error) says nothing about it. A 2xx body may hold tokens.
    const noVerdict = r.error === `http_${r.status}` && r.status < 400;
    if (r.status >= 500 || r.status === 429 || r.error === 'rate_limit_exceeded' || noVerdict) {
      throw new PlatformError('TikTok could not refresh the sign-in right now.', noVerdict ? `HTTP ${r.status}: the answer had no access token` : r.details, r.status);
    }
    return { ok: false, reason: `TikTok no longer accepts this account’s sign-in (${r.error}); reconnect TikTok.` };
  }
  return { ok: true, credentials: toCredentials(r.token, ctx.clock.now(), { clientId: c.clientId, ...(c.clientSecret ? { clientSecret: c.clientSecret } : {}) }, c) };
}
