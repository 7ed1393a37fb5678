/**
 * X's OAuth 2.0: the consent screen (`GET /i/oauth2/authorize`, which the real service serves
 * on x.com), `POST /2/oauth2/token` (authorization_code with PKCE S256, refresh_token with
 * rotation) and `GET /2/users/me`.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FakeRequest, Reply } from '../common/fake-server';
import type { XFake } from './index';
import { oauthError } from './replies';

export interface FakeClient {
  clientId: string;
  clientSecret?: string;
  /** Must match the redirect_uri exactly, as X requires. */
  redirectUris: string[];
}

export interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scope: string;
  userId: string;
  expiresAt: number;
  used: boolean;
}

/** X's authorization codes are short-lived (30 s). */
const CODE_TTL_MS = 30_000;

export function authorizeUrl(fake: XFake, url: string, userId: string): { code: string; state: string; redirectUri: string } {
  const q = new URL(url).searchParams;
  const need = (k: string) => {
    const v = q.get(k);
    if (!v) throw new Error(`authorize: missing ${k}`);
    return v;
  };
  if (need('response_type') !== 'code') throw new Error('authorize: response_type must be code');
  const client = fake.clients.get(need('client_id'));
  if (!client) throw new Error('authorize: unknown client_id');
  const redirectUri = need('redirect_uri');
  if (!client.redirectUris.includes(redirectUri)) throw new Error('authorize: redirect_uri is not registered');
  if (need('code_challenge_method') !== 'S256') throw new Error('authorize: code_challenge_method must be S256');
  const code = randomBytes(16).toString('base64url');
  fake.codes.set(code, { clientId: client.clientId, redirectUri, challenge: need('code_challenge'), scope: need('scope'), userId, expiresAt: fake.now() + CODE_TTL_MS, used: false });
  return { code, state: need('state'), redirectUri };
}

/** Who the app is: HTTP Basic for confidential clients, `client_id` in the body for public ones. */
function clientOf(fake: XFake, req: FakeRequest): { clientId: string } | { error: Reply } {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Basic ')) {
    const [id, secret] = Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':').map(decodeURIComponent);
    const c = fake.clients.get(id ?? '');
    if (!c || !c.clientSecret || c.clientSecret !== secret) return { error: oauthError(401, 'unauthorized_client', 'Missing valid authorization header') };
    return { clientId: c.clientId };
  }
  const c = fake.clients.get(String(req.body?.client_id ?? ''));
  if (!c) return { error: oauthError(400, 'invalid_request', 'Missing required parameter [client_id].') };
  if (c.clientSecret) return { error: oauthError(401, 'unauthorized_client', 'Missing valid authorization header') };
  return { clientId: c.clientId };
}

function tokenAnswer(fake: XFake, t: { accessToken: string; refreshToken: string; scope: string }): Reply {
  const offline = t.scope.split(' ').includes('offline.access');
  // No offline.access, no refresh token.
  if (!offline) fake.refreshTokens.delete(t.refreshToken);
  return {
    status: 200,
    body: { token_type: 'bearer', expires_in: fake.accessTtlSeconds, access_token: t.accessToken, scope: t.scope, ...(offline ? { refresh_token: t.refreshToken } : {}) },
  };
}

function token(fake: XFake, req: FakeRequest): Reply {
  if (!String(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
    return oauthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded.');
  }
  const client = clientOf(fake, req);
  if ('error' in client) return client.error;
  const b = req.body ?? {};
  if (b.grant_type === 'authorization_code') {
    const pending = fake.codes.get(String(b.code ?? ''));
    const verifier = String(b.code_verifier ?? '');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (!pending || pending.used || pending.expiresAt <= fake.now() || pending.clientId !== client.clientId || pending.redirectUri !== b.redirect_uri || pending.challenge !== challenge) {
      return oauthError(400, 'invalid_request', 'Value passed for the authorization code was invalid.');
    }
    pending.used = true;
    return tokenAnswer(fake, fake.issueToken(pending.userId, pending.scope));
  }
  if (b.grant_type === 'refresh_token') {
    const next = fake.rotate(String(b.refresh_token ?? ''));
    if (!next) return oauthError(400, 'invalid_request', 'Value passed for the token was invalid.');
    return tokenAnswer(fake, next);
  }
  return oauthError(400, 'unsupported_grant_type', 'Unsupported grant type.');
}

export function registerOAuthRoutes(fake: XFake): void {
  fake.route('GET', '/i/oauth2/authorize', (req): Reply => {
    // The consent screen, auto-approved for the fake's user: redirect back with a code.
    try {
      const { code, state, redirectUri } = authorizeUrl(fake, `${fake.url}${req.path}?${req.query}`, fake.user.id);
      return { status: 302, headers: { location: `${redirectUri}?${new URLSearchParams({ state, code })}` } };
    } catch (err) {
      return { status: 400, headers: { 'content-type': 'text/plain' }, body: (err as Error).message };
    }
  });
  fake.route('POST', '/2/oauth2/token', (req) => token(fake, req));
  fake.route(
    'GET',
    '/2/users/me',
    fake.guard('GET /2/users/me', ['users.read', 'tweet.read'], false, (_req, t) => {
      const u = fake.users.get(t.subject)!;
      return { status: 200, body: { data: { id: u.id, name: u.name, username: u.username } } };
    }),
  );
}
