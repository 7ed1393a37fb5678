/**
 * Google OAuth for a "Desktop app" client: loopback redirect on 127.0.0.1, PKCE S256,
 * `access_type=offline` + `prompt=consent` so Google hands out a refresh token. Google's refresh
 * tokens do not rotate: a refresh returns only a new access token.
 */
import type { Clock, HttpFetch } from '../../deps';
import { detailsOf, readJson, request } from '../common/http';
import { OAuthToken } from '../common/shape';
import { PlatformError, type ClientContext, type ConnectResult, type Credentials, type OAuthConnector } from '../types';
import { endpoints } from './api';

export const YOUTUBE_SCOPES = ['https://www.googleapis.com/auth/youtube.upload', 'https://www.googleapis.com/auth/youtube.readonly'];

interface TokenAnswer {
  access_token?: string;
  expires_in?: number;
  refresh_token?: string;
  refresh_token_expires_in?: number;
  scope?: string;
  token_type?: string;
  error?: string;
  error_description?: string;
}

async function tokenCall(ctx: { http: HttpFetch; signal?: AbortSignal }, baseUrl: string, form: Record<string, string>) {
  const r = await request(ctx, endpoints(baseUrl).token, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  if (!r.ok) throw new PlatformError(`Could not reach Google to sign in: ${r.failure.message}.`);
  const body = (await readJson(r.res)) as TokenAnswer | string | null;
  const t = body && typeof body === 'object' ? body : {};
  // The token fields are used only when they have the right types (an access token that is not a string would be saved as the sign-in).
  const token = OAuthToken.safeParse(t);
  return { status: r.res.status, ok: r.res.ok && token.success, token: token.success ? { ...t, ...token.data } : t, details: detailsOf(r.res.status, body) };
}

function toCredentials(t: TokenAnswer & { access_token: string }, now: number, app: { clientId: string; clientSecret?: string }, previous?: Credentials): Credentials {
  const refreshToken = t.refresh_token ?? previous?.refreshToken;
  const refreshExpiresAt = t.refresh_token_expires_in ? now + t.refresh_token_expires_in * 1000 : previous?.refreshExpiresAt;
  return {
    accessToken: t.access_token,
    ...(refreshToken ? { refreshToken } : {}),
    ...(t.expires_in ? { expiresAt: now + t.expires_in * 1000 } : {}),
    ...(refreshExpiresAt ? { refreshExpiresAt } : {}),
    clientId: app.clientId,
    ...(app.clientSecret ? { clientSecret: app.clientSecret } : {}),
    ...(previous?.extra ? { extra: previous.extra } : {}),
  };
}

export const youtubeConnector: OAuthConnector = {
  kind: 'oauth',
  challengeEncoding: 'base64url',
  defaultScopes: YOUTUBE_SCOPES,
  authorizationUrl({ baseUrl, clientId, redirectUri, state, codeChallenge, scopes }) {
    const q = new URLSearchParams({
      client_id: clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: (scopes.length ? scopes : YOUTUBE_SCOPES).join(' '),
      access_type: 'offline',
      prompt: 'consent',
      state,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    });
    return `${endpoints(baseUrl).authorize}?${q.toString()}`;
  },

  async exchange(ctx: { http: HttpFetch; clock: Clock; baseUrl: string }, p): Promise<ConnectResult> {
    const r = await tokenCall(ctx, ctx.baseUrl, {
      code: p.code,
      client_id: p.clientId,
      ...(p.clientSecret ? { client_secret: p.clientSecret } : {}),
      redirect_uri: p.redirectUri,
      grant_type: 'authorization_code',
      code_verifier: p.codeVerifier,
    });
    if (!r.ok) throw new PlatformError('Google did not accept the sign-in. Try connecting again.', r.details, r.status);
    const token = r.token as TokenAnswer & { access_token: string };
    if (!token.refresh_token) throw new PlatformError('Google gave no refresh token, so Loomcast could not post later. Connect again and approve offline access.');
    if (token.scope && !token.scope.split(' ').includes(YOUTUBE_SCOPES[0]!)) {
      throw new PlatformError('Google did not grant permission to upload videos. Connect again and allow uploads.', `granted scopes: ${token.scope}`);
    }
    const credentials = toCredentials(token, ctx.clock.now(), { clientId: p.clientId, ...(p.clientSecret ? { clientSecret: p.clientSecret } : {}) });
    const me = await request(ctx, `${endpoints(ctx.baseUrl).api}/channels?part=snippet&mine=true`, { headers: { authorization: `Bearer ${credentials.accessToken}` } });
    if (!me.ok) throw new PlatformError(`Could not reach YouTube to read the channel: ${me.failure.message}.`);
    const body = await readJson(me.res);
    if (!me.res.ok) throw new PlatformError('Signed in to Google, but YouTube would not show the channel.', detailsOf(me.res.status, body), me.res.status);
    const channel = (body as { items?: { id?: string; snippet?: { title?: string; customUrl?: string } }[] }).items?.[0];
    if (!channel?.id) throw new PlatformError('This Google account has no YouTube channel yet. Create one on YouTube, then connect again.');
    const displayName = channel.snippet?.title ?? null;
    return {
      credentials: { ...credentials, extra: { channelId: channel.id } },
      profile: { handle: channel.snippet?.customUrl ?? displayName ?? channel.id, displayName, platformUserId: channel.id },
    };
  },
};

/** Throws when Google could not be asked (says nothing about the token). */
export async function refreshYouTube(ctx: ClientContext): Promise<{ ok: true; credentials: Credentials } | { ok: false; reason: string }> {
  const c = ctx.credentials;
  if (!c.refreshToken || !c.clientId) return { ok: false, reason: 'The YouTube sign-in has no refresh token; reconnect YouTube.' };
  const r = await tokenCall(ctx, ctx.account.baseUrl, {
    client_id: c.clientId,
    ...(c.clientSecret ? { client_secret: c.clientSecret } : {}),
    refresh_token: c.refreshToken,
    grant_type: 'refresh_token',
  });
  if (!r.ok) {
    // Only Google's refusal of the grant (400 invalid_grant, 401) means reconnect; a limit, a
    // server error or an answer without a token says nothing about it. A 2xx body may hold tokens.
    if (r.status >= 500 || r.status === 429 || r.status < 400) {
      throw new PlatformError('Google could not refresh the sign-in right now.', r.status < 400 ? `HTTP ${r.status}: the answer had no access token` : r.details, r.status);
    }
    const said = r.token.error_description ?? r.token.error ?? `HTTP ${r.status}`;
    return {
      ok: false,
      reason: `Google no longer accepts this YouTube sign-in (${said}). Reconnect YouTube. (Apps whose Google consent screen is still in "Testing" get refresh tokens that last 7 days.)`,
    };
  }
  return { ok: true, credentials: toCredentials(r.token as TokenAnswer & { access_token: string }, ctx.clock.now(), { clientId: c.clientId, ...(c.clientSecret ? { clientSecret: c.clientSecret } : {}) }, c) };
}
