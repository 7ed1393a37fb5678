/**
 * Meta's token dance, shared by Instagram (Instagram Login) and Threads: the code becomes a
 * 1-hour token (`POST /oauth/access_token`), which becomes a 60-day token
 * (`GET /access_token?grant_type=…_exchange_token`), which can be renewed for another 60 days
 * (`GET /refresh_access_token?grant_type=…_refresh_token`) once it is at least 24 hours old and
 * as long as it has not expired. There is no refresh token: an expired token means reconnect.
 * Neither platform documents PKCE; the challenge is not sent. Facebook Login is another flow
 * (a GET exchange, `fb_exchange_token`, then Page tokens that never expire): see ../facebook/connector.
 */
import type { Clock, HttpFetch } from '../../deps';
import { detailsOf } from '../common/http';
import type { ClientContext, ConnectResult, Credentials, OAuthConnector } from '../types';
import { PlatformError } from '../types';
import { graphCall, succeeded, type Answer } from './graph-call';
import { judge, wordsOf } from './graph-error';

export interface MetaOAuth {
  name: string;
  hosts(baseUrl: string): { graph: string; oauth: string; authorize: string };
  exchangeGrant: string;
  refreshGrant: string;
  /** Reads who signed in, with the long-lived token. */
  profile(ctx: { http: HttpFetch; baseUrl: string }, accessToken: string): Promise<Answer>;
  readProfile(body: unknown): ConnectResult['profile'] | null;
}

/** Documented lifetime of a long-lived token, used when an answer leaves out `expires_in`. */
const LONG_LIVED_SECONDS = 60 * 86_400;

export function authorizationUrl(o: MetaOAuth, p: { baseUrl: string; clientId: string; redirectUri: string; state: string; scopes: string[] }): string {
  const u = new URL('/oauth/authorize', o.hosts(p.baseUrl).authorize);
  u.searchParams.set('client_id', p.clientId);
  u.searchParams.set('redirect_uri', p.redirectUri);
  u.searchParams.set('response_type', 'code');
  u.searchParams.set('scope', p.scopes.join(','));
  u.searchParams.set('state', p.state);
  return u.toString();
}

function tokenFrom(body: unknown): { token: string | null; userId: string | null; expiresIn: number | null } {
  const b = body as Record<string, unknown> | null;
  // Instagram Login wraps the code exchange in `data:[…]`; Threads and the long-lived calls answer flat.
  const row = (Array.isArray(b?.data) ? (b.data[0] as Record<string, unknown> | undefined) : b) ?? null;
  const token = typeof row?.access_token === 'string' ? row.access_token : null;
  const uid = row?.user_id;
  const expiresIn = typeof row?.expires_in === 'number' ? row.expires_in : null;
  return { token, userId: typeof uid === 'string' || typeof uid === 'number' ? String(uid) : null, expiresIn };
}

function fail(name: string, step: string, answer: Answer): never {
  if (!answer.ok) throw new PlatformError(`Could not reach ${name} while ${step}: ${answer.failure.message}.`);
  throw new PlatformError(`${name} refused ${step}: ${wordsOf(answer.err, answer.status)}.`, detailsOf(answer.status, answer.body), answer.status);
}

export async function exchangeCode(
  o: MetaOAuth,
  ctx: { http: HttpFetch; clock: Clock; baseUrl: string },
  p: { code: string; redirectUri: string; clientId: string; clientSecret?: string },
): Promise<ConnectResult> {
  if (!p.clientSecret) throw new PlatformError(`${o.name} needs your app's secret to finish signing in: enter it with the app id in Settings.`);
  const h = o.hosts(ctx.baseUrl);
  const form = new URLSearchParams({ client_id: p.clientId, client_secret: p.clientSecret, grant_type: 'authorization_code', redirect_uri: p.redirectUri, code: p.code });
  const short = await graphCall(ctx, `${h.oauth}/oauth/access_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  if (!succeeded(short)) fail(o.name, 'the sign-in code', short);
  const first = tokenFrom(short.body);
  if (!first.token) throw new PlatformError(`${o.name} accepted the sign-in but sent no access token.`);

  const longUrl = new URL(`${h.graph}/access_token`);
  longUrl.searchParams.set('grant_type', o.exchangeGrant);
  longUrl.searchParams.set('client_secret', p.clientSecret);
  longUrl.searchParams.set('access_token', first.token);
  const long = await graphCall(ctx, longUrl.toString());
  if (!succeeded(long)) fail(o.name, 'a long-lived sign-in', long);
  const second = tokenFrom(long.body);
  if (!second.token) throw new PlatformError(`${o.name} sent no long-lived access token.`);

  const me = await o.profile(ctx, second.token);
  if (!succeeded(me)) fail(o.name, 'reading the profile', me);
  const profile = o.readProfile(me.body);
  if (!profile) throw new PlatformError(`${o.name} did not say which account signed in.`, detailsOf(me.status, me.body));

  const now = ctx.clock.now();
  const credentials: Credentials = {
    accessToken: second.token,
    expiresAt: now + (second.expiresIn ?? LONG_LIVED_SECONDS) * 1000,
    clientId: p.clientId,
    clientSecret: p.clientSecret,
    extra: { userId: profile.platformUserId, tokenIssuedAt: String(now) },
  };
  return { credentials, profile };
}

/** The connector of a Meta OAuth platform. Neither documents PKCE: the challenge is not sent. */
export function metaConnector(o: MetaOAuth, scopes: string[]): OAuthConnector {
  return {
    kind: 'oauth',
    // Required by the interface only.
    challengeEncoding: 'base64url',
    defaultScopes: scopes,
    authorizationUrl: (p) => authorizationUrl(o, p),
    exchange: (ctx, p) => exchangeCode(o, ctx, p),
  };
}

/** Renews the 60-day token. `ok: false` only when the token itself is gone; a network or server failure throws. */
export async function refreshToken(o: MetaOAuth, ctx: ClientContext): Promise<{ ok: true; credentials: Credentials } | { ok: false; reason: string }> {
  const now = ctx.clock.now();
  const { credentials } = ctx;
  if (credentials.expiresAt !== undefined && credentials.expiresAt <= now) {
    return { ok: false, reason: `The ${o.name} sign-in expired on ${new Date(credentials.expiresAt).toISOString().slice(0, 10)}, and ${o.name} cannot renew an expired sign-in: reconnect the account.` };
  }
  const url = new URL(`${o.hosts(ctx.account.baseUrl).graph}/refresh_access_token`);
  url.searchParams.set('grant_type', o.refreshGrant);
  url.searchParams.set('access_token', credentials.accessToken);
  const got = await graphCall(ctx, url.toString());
  if (!got.ok) throw new PlatformError(`Could not reach ${o.name} to renew the sign-in: ${got.failure.message}.`);
  if (!succeeded(got)) {
    const verdict = judge(got.status, got.err);
    const details = detailsOf(got.status, got.body);
    if (verdict.kind === 'server' || verdict.kind === 'rate_limited') {
      throw new PlatformError(`${o.name} could not renew the sign-in just now.`, details, got.status);
    }
    if (verdict.kind === 'expired_token') {
      return { ok: false, reason: `${o.name} no longer accepts this sign-in (${wordsOf(got.err, got.status)}); reconnect the account.` };
    }
    const issued = Number(credentials.extra?.tokenIssuedAt);
    const young = Number.isFinite(issued) && now - issued < 24 * 3_600_000 ? ` ${o.name} only renews a sign-in after it is 24 hours old.` : '';
    return { ok: false, reason: `${o.name} would not renew the sign-in (${wordsOf(got.err, got.status)}).${young} Reconnect the account.` };
  }
  const fresh = tokenFrom(got.body);
  if (!fresh.token) throw new PlatformError(`${o.name} renewed the sign-in but sent no token.`);
  return {
    ok: true,
    credentials: {
      ...credentials,
      accessToken: fresh.token,
      expiresAt: now + (fresh.expiresIn ?? LONG_LIVED_SECONDS) * 1000,
      extra: { ...credentials.extra, tokenIssuedAt: String(now) },
    },
  };
}
