/**
 * Facebook Login on the fake: the Login dialog (www.facebook.com for real), the code exchange
 * and fb_exchange_token at /oauth/access_token, /me and /me/accounts with Page tokens.
 */
import { randomBytes } from 'node:crypto';
import type { FakeRequest, Reply } from '../common/fake-server';
import { graphError, guard, hasScope, isReply, pageSubject, V, type FacebookFakeCore } from './state';

const SHORT_TTL_S = 2 * 3600;
const LONG_TTL_S = 60 * 86_400;
/** Page tokens made from a long-lived user token have no expiry. */
const NEVER = Number.MAX_SAFE_INTEGER;

/** Simulates the person approving the Login dialog for a connector's URL; returns the code. */
export function consent(fake: FacebookFakeCore, dialogUrl: string, userId?: string): { code: string; state: string; redirectUri: string } {
  const q = new URL(dialogUrl).searchParams;
  const need = (k: string) => {
    const v = q.get(k);
    if (!v) throw new Error(`Facebook dialog: missing ${k}`);
    return v;
  };
  if (need('client_id') !== fake.state.appId) throw new Error('Facebook dialog: unknown app id');
  if ((q.get('response_type') ?? 'code') !== 'code') throw new Error('Facebook dialog: response_type must be code');
  const user = userId ?? fake.state.users[0]!.id;
  const code = `AQ${randomBytes(24).toString('base64url')}`;
  fake.state.codes.set(code, { redirectUri: need('redirect_uri'), userId: user, scope: q.get('scope') ?? '', used: false });
  return { code, state: need('state'), redirectUri: need('redirect_uri') };
}

function issue(fake: FacebookFakeCore, subject: string, scope: string, expiresAt: number) {
  const t = fake.issueToken(subject, scope);
  fake.refreshTokens.delete(t.refreshToken);
  t.expiresAt = expiresAt;
  return t;
}

function accessToken(fake: FacebookFakeCore, req: FakeRequest): Reply {
  const q = req.query;
  if (q.get('client_id') !== fake.state.appId) return graphError(101, 'Error validating application. Invalid application ID.');
  if (q.get('client_secret') !== fake.state.appSecret) return graphError(1, 'Error validating client secret.');
  if (q.get('grant_type') === 'fb_exchange_token') {
    const t = fake.checkToken(q.get('fb_exchange_token'));
    if (typeof t === 'string' || !t.subject.startsWith('user:')) return graphError(190, 'Invalid OAuth access token - Cannot parse access token');
    const userId = t.subject.split(':')[1]!;
    const long = issue(fake, `user:${userId}:long`, t.scope, fake.now() + LONG_TTL_S * 1000);
    return { status: 200, body: { access_token: long.accessToken, token_type: 'bearer', expires_in: LONG_TTL_S } };
  }
  const code = fake.state.codes.get(q.get('code') ?? '');
  if (!code) return graphError(100, 'Invalid verification code format.', { error_subcode: 36007 });
  if (code.used) return graphError(100, 'This authorization code has been used.', { error_subcode: 36009 });
  if (q.get('redirect_uri') !== code.redirectUri) {
    return graphError(100, 'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request', { error_subcode: 36008 });
  }
  code.used = true;
  const t = issue(fake, `user:${code.userId}:short`, code.scope, fake.now() + SHORT_TTL_S * 1000);
  return { status: 200, body: { access_token: t.accessToken, token_type: 'bearer', expires_in: SHORT_TTL_S } };
}

function accounts(fake: FacebookFakeCore, req: FakeRequest): Reply {
  const t = guard(fake, req);
  if (isReply(t)) return t;
  if (!t.subject.startsWith('user:')) return graphError(100, '(#100) Tried accessing nonexisting field (accounts) on node type (Page)');
  const [, userId, life] = t.subject.split(':');
  if (!hasScope(t, 'pages_show_list')) return { status: 200, body: { data: [] } };
  const user = fake.state.users.find((u) => u.id === userId)!;
  const data = user.pages.map((page) => {
    const key = `${user.id}:${page.id}`;
    let token = fake.state.pageTokens.get(key);
    if (!token || typeof fake.checkToken(token) === 'string') {
      token = issue(fake, pageSubject(page.id, user.id), t.scope, life === 'long' ? NEVER : t.expiresAt).accessToken;
      fake.state.pageTokens.set(key, token);
    }
    return { access_token: token, category: 'Creator', category_list: [{ id: '2700', name: 'Creator' }], name: page.name, id: page.id, tasks: page.tasks };
  });
  return { status: 200, body: { data, paging: { cursors: { before: 'QVFIUmJ', after: 'QVFIUmR' } } } };
}

export function registerOAuthRoutes(fake: FacebookFakeCore): void {
  fake.route('GET', `${V}/dialog/oauth`, (req): Reply => {
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
  fake.route('GET', `${V}/oauth/access_token`, (req) => accessToken(fake, req));
  fake.route('GET', `${V}/me/accounts`, (req) => accounts(fake, req));
  fake.route('GET', `${V}/me`, (req) => {
    const t = guard(fake, req);
    if (isReply(t)) return t;
    const [kind, id] = t.subject.split(':');
    if (kind === 'page') return { status: 200, body: { id, name: fake.state.users.flatMap((u) => u.pages).find((p) => p.id === id)?.name } };
    return { status: 200, body: { id, name: fake.state.users.find((u) => u.id === id)?.name } };
  });
}
