/**
 * Meta's token endpoints as the Instagram and Threads fakes serve them: a consent screen that
 * issues a code, `POST /oauth/access_token` (1-hour token), `GET /access_token` (60-day token,
 * needs the app secret), `GET /refresh_access_token` (only for a 60-day token at least 24 hours
 * old and unexpired; the old token keeps working until it expires). No refresh tokens.
 */
import { randomBytes } from 'node:crypto';
import type { FakeRequest, FakeServer, IssuedToken, Reply } from '../common/fake-server';
import { checkAuth, graphError, isReply, paramsOf } from './meta-fake';

export interface MetaOAuthFakeOptions {
  clientId: string;
  clientSecret: string;
  exchangeGrant: string;
  refreshGrant: string;
  /** The user id every token is issued for. */
  subject: string;
  /** The code exchange's answer: Instagram wraps it in `data:[…]`, Threads answers flat. */
  codeAnswer(token: IssuedToken, scope: string): unknown;
  /** How the code endpoint words a refusal (Instagram: flat `error_type`; Threads: the Graph envelope). */
  codeError(message: string): Reply;
  /** Appended to the redirect (Instagram adds `#_`). */
  redirectSuffix?: string;
}

export interface TokenInfo {
  kind: 'short' | 'long';
  issuedAt: number;
}

export class MetaOAuthFake {
  readonly codes = new Map<string, { clientId: string; redirectUri: string; scope: string; expiresAt: number; used: boolean }>();
  readonly info = new Map<string, TokenInfo>();
  shortTtlSeconds = 3600;
  longTtlSeconds = 60 * 86_400;
  minRefreshAgeSeconds = 86_400;

  constructor(
    private server: FakeServer,
    private o: MetaOAuthFakeOptions,
  ) {
    server.route('GET', '/oauth/authorize', (req) => this.consent(req));
    server.route('POST', '/oauth/access_token', (req) => this.exchangeCode(req));
    server.route('GET', '/access_token', (req) => this.longLived(req));
    server.route('GET', '/refresh_access_token', (req) => this.refresh(req));
  }

  /** The creator clicks "Allow" on the consent screen: a one-use code for this app and redirect. */
  authorize(p: { clientId?: string; redirectUri: string; scopes: string[] }): string {
    const code = `AQ${randomBytes(16).toString('base64url')}`;
    this.codes.set(code, { clientId: p.clientId ?? this.o.clientId, redirectUri: p.redirectUri, scope: p.scopes.join(','), expiresAt: this.server.now() + 10 * 60_000, used: false });
    return code;
  }

  issue(kind: TokenInfo['kind'], scope: string): IssuedToken {
    const t = this.server.issueToken(this.o.subject, scope);
    t.expiresAt = this.server.now() + (kind === 'short' ? this.shortTtlSeconds : this.longTtlSeconds) * 1000;
    this.info.set(t.accessToken, { kind, issuedAt: this.server.now() });
    return t;
  }

  private consent(req: FakeRequest): Reply {
    const q = req.query;
    if (q.get('client_id') !== this.o.clientId) return { status: 400, body: 'Invalid app ID' };
    if (q.get('response_type') !== 'code' || !q.get('redirect_uri') || !q.get('scope')) return { status: 400, body: 'Invalid request: missing parameters' };
    const code = this.authorize({ redirectUri: q.get('redirect_uri')!, scopes: q.get('scope')!.split(',') });
    const to = new URL(q.get('redirect_uri')!);
    to.searchParams.set('code', code);
    if (q.get('state')) to.searchParams.set('state', q.get('state')!);
    return { status: 302, headers: { location: `${to.toString()}${this.o.redirectSuffix ?? ''}` } };
  }

  private exchangeCode(req: FakeRequest): Reply {
    const p = paramsOf(req);
    if (p.client_id !== this.o.clientId || p.client_secret !== this.o.clientSecret) return this.o.codeError('Invalid client_id or client_secret');
    if (p.grant_type !== 'authorization_code') return this.o.codeError('Unsupported grant_type');
    const c = p.code ? this.codes.get(p.code) : undefined;
    if (!c || c.used || c.expiresAt <= this.server.now()) return this.o.codeError('This authorization code has been used or has expired');
    if (c.redirectUri !== p.redirect_uri) return this.o.codeError('Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request');
    c.used = true;
    const t = this.issue('short', c.scope);
    return { status: 200, body: this.o.codeAnswer(t, c.scope) };
  }

  private longLived(req: FakeRequest): Reply {
    const q = req.query;
    if (q.get('grant_type') !== this.o.exchangeGrant) return graphError(400, 100, `Invalid grant_type: expected ${this.o.exchangeGrant}`);
    if (q.get('client_secret') !== this.o.clientSecret) return graphError(400, 101, 'Error validating client secret.');
    const t = checkAuth(this.server, req);
    if (isReply(t)) return t;
    if (this.info.get(t.accessToken)?.kind !== 'short') return graphError(400, 100, 'Only a short-lived token can be exchanged.');
    const long = this.issue('long', t.scope);
    return { status: 200, body: { access_token: long.accessToken, token_type: 'bearer', expires_in: this.longTtlSeconds } };
  }

  private refresh(req: FakeRequest): Reply {
    if (req.query.get('grant_type') !== this.o.refreshGrant) return graphError(400, 100, `Invalid grant_type: expected ${this.o.refreshGrant}`);
    const t = checkAuth(this.server, req);
    if (isReply(t)) return t;
    const info = this.info.get(t.accessToken);
    if (info?.kind !== 'long') return graphError(400, 100, 'Only a long-lived token can be refreshed.');
    // ⚠️ Meta documents the 24-hour rule but not its error; this is our best reading.
    if (this.server.now() - info.issuedAt < this.minRefreshAgeSeconds * 1000) return graphError(400, 100, 'The access token is too new to be refreshed: it must be at least 24 hours old.');
    const fresh = this.issue('long', t.scope);
    return { status: 200, body: { access_token: fresh.accessToken, token_type: 'bearer', expires_in: this.longTtlSeconds } };
  }
}
