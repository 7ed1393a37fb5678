/**
 * X's OAuth 2.0 token endpoint (`POST /2/oauth2/token`, form-encoded), shared by the connector
 * (authorization code + PKCE) and the client (refresh). Confidential apps authenticate with
 * HTTP Basic; public/native apps send `client_id` in the body. Refresh tokens rotate: each
 * refresh returns a new one and the old one stops working.
 */
import { request, type HttpResult } from '../common/http';
import type { Credentials } from '../types';
import type { HttpFetch } from '../../deps';
import { DEFAULT_API_BASE, DEFAULT_AUTH_BASE, apiUrl } from './api';

export const X_SCOPES = ['tweet.read', 'tweet.write', 'users.read', 'offline.access', 'media.write'];

export interface TokenResponse {
  token_type?: string;
  expires_in?: number;
  access_token?: string;
  refresh_token?: string;
  scope?: string;
}

/**
 * Where the consent screen is: x.com for the real API; for any other API root (a test fake or
 * a proxy) the same origin, which serves `/i/oauth2/authorize` itself.
 */
export function authBaseFor(apiBase: string): string {
  const host = new URL(apiBase || DEFAULT_API_BASE).host;
  if (host === 'api.x.com' || host === 'api.twitter.com') return DEFAULT_AUTH_BASE;
  return new URL(apiBase).origin;
}

function basic(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
}

export function tokenRequest(
  ctx: { http: HttpFetch; signal?: AbortSignal },
  baseUrl: string,
  params: Record<string, string>,
  client: { clientId: string; clientSecret?: string | undefined },
): Promise<HttpResult> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  const form = new URLSearchParams(params);
  if (client.clientSecret) headers.authorization = basic(client.clientId, client.clientSecret);
  else form.set('client_id', client.clientId);
  return request(ctx, apiUrl(baseUrl, '/2/oauth2/token'), { method: 'POST', headers, body: form.toString() });
}

export function toCredentials(t: TokenResponse, now: number, client: { clientId: string; clientSecret?: string | undefined }, previous?: Credentials): Credentials {
  const refreshToken = t.refresh_token ?? previous?.refreshToken;
  return {
    accessToken: t.access_token!,
    ...(refreshToken ? { refreshToken } : {}),
    ...(typeof t.expires_in === 'number' ? { expiresAt: now + t.expires_in * 1000 } : {}),
    clientId: client.clientId,
    ...(client.clientSecret ? { clientSecret: client.clientSecret } : {}),
    ...(previous?.extra ? { extra: previous.extra } : {}),
  };
}
