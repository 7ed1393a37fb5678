/**
 * LinkedIn OAuth on the fake: the consent screen (`GET /oauth/v2/authorization`, served by
 * www.linkedin.com for real), `POST /oauth/v2/accessToken` (authorization_code with the client
 * secret, or with code_verifier for PKCE apps; refresh_token for partner apps, where the same
 * refresh token comes back and its life is not extended) and OpenID's `GET /v2/userinfo`.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FakeRequest, Reply } from '../common/fake-server';
import { guardToken, hasScope, isReply, json, type LinkedInFakeCore } from './state';

const ACCESS_TTL_SECONDS = 60 * 86_400;

const oauthError = (error: string, description: string, status = 400): Reply => json(status, { error, error_description: description });

/** Simulates the member clicking "Allow" on the URL a connector built; returns the code. */
export function consent(fake: LinkedInFakeCore, authorizationUrl: string, sub?: string): { code: string; state: string; redirectUri: string } {
  const q = new URL(authorizationUrl).searchParams;
  const need = (k: string) => {
    const v = q.get(k);
    if (!v) throw new Error(`LinkedIn authorize: missing ${k}`);
    return v;
  };
  if (need('response_type') !== 'code') throw new Error('LinkedIn authorize: response_type must be code');
  if (need('client_id') !== fake.state.clientId) throw new Error('LinkedIn authorize: unknown client_id');
  const challenge = q.get('code_challenge');
  if (challenge && q.get('code_challenge_method') !== 'S256') throw new Error('LinkedIn authorize: code_challenge_method must be S256');
  const member = sub ?? [...fake.state.members.keys()][0]!;
  const code = randomBytes(16).toString('base64url');
  fake.state.codes.set(code, { clientId: fake.state.clientId, redirectUri: need('redirect_uri'), scope: need('scope'), sub: member, challenge, used: false });
  return { code, state: need('state'), redirectUri: need('redirect_uri') };
}

function grantCode(fake: LinkedInFakeCore, b: Record<string, unknown>): Reply {
  const code = fake.state.codes.get(String(b.code ?? ''));
  if (!code || code.used) return oauthError('invalid_grant', 'The provided authorization grant or refresh token is invalid, expired or revoked.');
  if (b.client_id !== code.clientId) return oauthError('invalid_client', 'Client authentication failed', 401);
  if (b.redirect_uri !== code.redirectUri) return oauthError('invalid_redirect_uri', 'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired. Or external member binding exists');
  if (code.challenge) {
    const verifier = String(b.code_verifier ?? '');
    if (!verifier) return oauthError('invalid_request', 'A required parameter "code_verifier" is missing');
    if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge) {
      return oauthError('invalid_request', 'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code.');
    }
  } else {
    if (!b.client_secret) return oauthError('invalid_request', 'A required parameter "client_secret" is missing');
    if (b.client_secret !== fake.state.clientSecret) return oauthError('invalid_client', 'Client authentication failed', 401);
  }
  code.used = true;
  const t = fake.issueToken(code.sub, code.scope);
  const body: Record<string, unknown> = { access_token: t.accessToken, expires_in: ACCESS_TTL_SECONDS, scope: code.scope.split(' ').join(',') };
  if (fake.state.partner) {
    fake.state.refreshExpiry.set(t.refreshToken, fake.now() + fake.state.refreshTtlSeconds * 1000);
    body.refresh_token = t.refreshToken;
    body.refresh_token_expires_in = fake.state.refreshTtlSeconds;
  } else {
    fake.refreshTokens.delete(t.refreshToken);
  }
  return json(200, body);
}

function grantRefresh(fake: LinkedInFakeCore, b: Record<string, unknown>): Reply {
  if (b.client_id !== fake.state.clientId || b.client_secret !== fake.state.clientSecret) return oauthError('invalid_client', 'Client authentication failed', 401);
  const rt = String(b.refresh_token ?? '');
  const old = fake.refreshTokens.get(rt);
  const expires = fake.state.refreshExpiry.get(rt) ?? 0;
  if (!old || expires <= fake.now()) return oauthError('invalid_grant', 'The provided authorization grant or refresh token is invalid, expired or revoked.');
  const t = fake.issueToken(old.subject, old.scope);
  // LinkedIn hands back the same refresh token; its 365 days keep counting from the first grant.
  fake.refreshTokens.delete(t.refreshToken);
  t.refreshToken = rt;
  fake.refreshTokens.set(rt, t);
  return json(200, {
    access_token: t.accessToken,
    expires_in: ACCESS_TTL_SECONDS,
    refresh_token: rt,
    refresh_token_expires_in: Math.floor((expires - fake.now()) / 1000),
    scope: old.scope.split(' ').join(','),
  });
}

export function registerOAuthRoutes(fake: LinkedInFakeCore): void {
  fake.route('GET', '/oauth/v2/authorization', (req: FakeRequest): Reply => {
    try {
      const { code, state, redirectUri } = consent(fake, `${fake.url}${req.path}?${req.query.toString()}`);
      const to = new URL(redirectUri);
      to.searchParams.set('code', code);
      to.searchParams.set('state', state);
      return { status: 302, headers: { location: to.toString() } };
    } catch (err) {
      return { status: 400, headers: { 'content-type': 'text/plain' }, body: (err as Error).message };
    }
  });

  fake.route('POST', '/oauth/v2/accessToken', (req) => {
    const b = req.body ?? {};
    if (!String(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
      return oauthError('invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
    }
    if (b.grant_type === 'authorization_code') return grantCode(fake, b);
    if (b.grant_type === 'refresh_token') return grantRefresh(fake, b);
    return oauthError('unsupported_grant_type', `grant_type ${String(b.grant_type)} is not supported`);
  });

  fake.route('GET', '/v2/userinfo', (req) => {
    const t = guardToken(fake, req);
    if (isReply(t)) return t;
    if (!hasScope(t, 'openid') || !hasScope(t, 'profile')) return json(403, { status: 403, serviceErrorCode: 100, code: 'ACCESS_DENIED', message: 'Not enough permissions to access: userinfo.GET.NO_VERSION' });
    const m = fake.state.members.get(t.subject)!;
    return json(200, { sub: m.sub, email_verified: true, name: m.name, locale: { country: 'US', language: 'en' }, given_name: m.givenName, family_name: m.familyName });
  });
}

export { ACCESS_TTL_SECONDS };
