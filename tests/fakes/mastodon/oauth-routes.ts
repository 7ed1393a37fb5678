/**
 * App registration and the Doorkeeper OAuth endpoints of the fake instance: `POST /api/v1/apps`,
 * the consent page at `GET /oauth/authorize` (a real HTML form a browser can click through),
 * `POST /oauth/authorize` (302 back to the app), `POST /oauth/token` (code + PKCE S256),
 * `POST /oauth/revoke`, and `GET /api/v1/accounts/verify_credentials`.
 */
import { createHash } from 'node:crypto';
import type { FakeRequest, Reply } from '../common/fake-server';
import { consentPage, errorPage } from './html';
import { credentialAccountJson } from './model';
import { mastoError, type MastodonFake } from './fake';

/** Doorkeeper's English error descriptions. */
const DESCRIPTIONS = {
  invalid_client: 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
  invalid_redirect_uri: 'The redirect URI included is not valid.',
  invalid_grant:
    'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
  invalid_scope: 'The requested scope is invalid, unknown, or malformed.',
  unsupported_response_type: 'The authorization server does not support this response type.',
  unsupported_grant_type: 'The authorization grant type is not supported by the authorization server.',
  access_denied: 'The resource owner or authorization server denied the request.',
  invalid_code_challenge_method: 'The code challenge method must be S256.',
} as const;

const oauthError = (status: number, error: string, description: string): Reply => ({
  status,
  headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
  body: { error, error_description: description },
});

const html = (status: number, body: string): Reply => ({ status, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body });

const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

type PreAuth =
  | { ok: true; clientId: string; appName: string; redirectUri: string; scopes: string[]; state: string; challenge: string | null; hidden: Record<string, string> }
  | { ok: false; reply: Reply };

function redirectWith(redirectUri: string, params: Record<string, string>): Reply {
  const u = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v) u.searchParams.set(k, v);
  return { status: 302, headers: { Location: u.toString() }, body: '' };
}

/** Doorkeeper's pre-authorization: errors before the redirect URI is trusted render a page; later ones redirect. */
function preAuthorize(fake: MastodonFake, get: (k: string) => string): PreAuth {
  const app = fake.apps.get(get('client_id'));
  if (!app) return { ok: false, reply: html(401, errorPage(fake.host, DESCRIPTIONS.invalid_client)) };
  const redirectUri = get('redirect_uri');
  if (!app.redirectUris.includes(redirectUri)) return { ok: false, reply: html(400, errorPage(fake.host, DESCRIPTIONS.invalid_redirect_uri)) };
  const state = get('state');
  const fail = (error: keyof typeof DESCRIPTIONS) =>
    ({ ok: false, reply: redirectWith(redirectUri, { error: error === 'invalid_code_challenge_method' ? 'invalid_request' : error, error_description: DESCRIPTIONS[error], state }) }) as const;
  if (get('response_type') !== 'code') return fail('unsupported_response_type');
  const scopes = (get('scope') || 'read').split(/[\s+]+/).filter(Boolean);
  if (!scopes.every((s) => app.scopes.includes(s))) return fail('invalid_scope');
  const challenge = get('code_challenge') || null;
  const method = get('code_challenge_method');
  if (challenge && method !== 'S256') return fail('invalid_code_challenge_method');
  const hidden: Record<string, string> = { client_id: app.clientId, redirect_uri: redirectUri, response_type: 'code', scope: scopes.join(' '), state };
  if (challenge) Object.assign(hidden, { code_challenge: challenge, code_challenge_method: 'S256' });
  return { ok: true, clientId: app.clientId, appName: app.name, redirectUri, scopes, state, challenge, hidden };
}

/** Client credentials from the body or HTTP Basic, as Doorkeeper accepts them. */
function clientCredentials(req: FakeRequest): { id: string; secret: string } {
  const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (basic?.[1]) {
    const [id = '', secret = ''] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
    return { id: decodeURIComponent(id), secret: decodeURIComponent(secret) };
  }
  return { id: str(req.body?.client_id), secret: str(req.body?.client_secret) };
}

export function registerOAuthRoutes(fake: MastodonFake): void {
  fake.route('POST', '/api/v1/apps', (req) => {
    const b = req.body ?? {};
    const name = str(b.client_name).trim();
    const raw = b.redirect_uris ?? b['redirect_uris[]'];
    const uris = (Array.isArray(raw) ? raw.map(str) : str(raw).split('\n')).map((u) => u.trim()).filter(Boolean);
    if (!name) return mastoError(422, "Validation failed: Application name can't be blank");
    if (uris.length === 0) return mastoError(422, "Validation failed: Redirect URI can't be blank");
    for (const u of uris) {
      let ok = false;
      try {
        ok = u === 'urn:ietf:wg:oauth:2.0:oob' || !/^(data|vbscript|javascript):/i.test(new URL(u).protocol);
      } catch {
        ok = false;
      }
      if (!ok) return mastoError(422, 'Validation failed: Redirect URI must be an absolute URI.');
    }
    const scopes = str(b.scopes).split(/\s+/).filter(Boolean);
    const app = fake.registerApp({ name, redirectUris: uris, scopes, website: str(b.website) || null });
    return {
      status: 200,
      body: {
        id: app.id,
        name: app.name,
        website: app.website,
        scopes: app.scopes,
        redirect_uris: app.redirectUris,
        redirect_uri: app.redirectUris.join('\n'),
        vapid_key: 'BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=',
        client_id: app.clientId,
        client_secret: app.clientSecret,
        client_secret_expires_at: 0,
      },
    };
  });

  fake.route('GET', '/oauth/authorize', (req) => {
    const pre = preAuthorize(fake, (k) => req.query.get(k) ?? '');
    if (!pre.ok) return pre.reply;
    return html(200, consentPage({ host: fake.host, appName: pre.appName, account: fake.signedIn, scopes: pre.scopes, hidden: pre.hidden }));
  });

  // The consent form posts here; `_method=delete` is Rails' way of sending "Deny" from a form.
  fake.route('POST', '/oauth/authorize', (req) => {
    const pre = preAuthorize(fake, (k) => str(req.body?.[k]));
    if (!pre.ok) return pre.reply;
    if (str(req.body?._method).toLowerCase() === 'delete') {
      return redirectWith(pre.redirectUri, { error: 'access_denied', error_description: DESCRIPTIONS.access_denied, state: pre.state });
    }
    const code = fake.issueCode({ clientId: pre.clientId, redirectUri: pre.redirectUri, scopes: pre.scopes, codeChallenge: pre.challenge });
    return redirectWith(pre.redirectUri, { code, state: pre.state });
  });

  fake.route('POST', '/oauth/token', (req) => {
    const b = req.body ?? {};
    const grant = str(b.grant_type);
    if (!grant) return oauthError(400, 'invalid_request', 'Missing required parameter: grant_type.');
    if (grant !== 'authorization_code') return oauthError(400, 'unsupported_grant_type', DESCRIPTIONS.unsupported_grant_type);
    const client = clientCredentials(req);
    const app = fake.apps.get(client.id);
    if (!app || app.clientSecret !== client.secret) return oauthError(401, 'invalid_client', DESCRIPTIONS.invalid_client);
    const code = fake.codes.get(str(b.code));
    if (!code || code.clientId !== app.clientId || code.expiresAt <= fake.now() || code.redirectUri !== str(b.redirect_uri)) {
      return oauthError(400, 'invalid_grant', DESCRIPTIONS.invalid_grant);
    }
    if (code.challenge) {
      const verifier = str(b.code_verifier);
      if (!verifier) return oauthError(400, 'invalid_request', 'Missing required parameter: code_verifier.');
      if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge) return oauthError(400, 'invalid_grant', DESCRIPTIONS.invalid_grant);
    }
    fake.codes.delete(str(b.code));
    const scope = code.scopes.join(' ');
    const t = fake.issueToken(code.accountId, scope);
    fake.tokenApps.set(t.accessToken, app.clientId);
    return {
      status: 200,
      headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
      body: { access_token: t.accessToken, token_type: 'Bearer', scope, created_at: Math.floor(fake.now() / 1000) },
    };
  });

  fake.route('POST', '/oauth/revoke', (req) => {
    const client = clientCredentials(req);
    const app = fake.apps.get(client.id);
    if (!app || app.clientSecret !== client.secret) return oauthError(401, 'invalid_client', DESCRIPTIONS.invalid_client);
    fake.revoke(str(req.body?.token));
    return { status: 200, body: {} };
  });

  fake.route('GET', '/api/v1/accounts/verify_credentials', (req) => {
    const auth = fake.authenticate(req, ['read', 'read:accounts', 'profile']);
    if (!auth.ok) return auth.reply;
    return { status: 200, headers: fake.apiHeaders(auth.token), body: credentialAccountJson(fake.url, auth.account, fake.statusCount(auth.account.id)) };
  });
}
