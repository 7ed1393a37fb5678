/** The consent screen, `POST /v5/oauth/token` (code and continuous refresh), the profile and boards. */
import { randomBytes } from 'node:crypto';
import type { FakeServer, Reply } from '../common/fake-server';
import { AUTH_FAILED, authorize, err, isReply, pinterestTime, type PinterestState } from './state';

const REFRESH_TTL_SECONDS = 60 * 86_400;

/** What the consent screen checks before it issues a code; the error is what it would show. */
export function consent(state: PinterestState, query: URLSearchParams): { code: string; redirectUri: string; state: string } | { error: string } {
  const clientId = query.get('client_id');
  const redirectUri = query.get('redirect_uri');
  if (clientId !== state.opts.clientId) return { error: `unknown client_id ${clientId}` };
  if (!redirectUri || !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(redirectUri)) return { error: `redirect_uri not registered: ${redirectUri}` };
  if (query.get('response_type') !== 'code') return { error: 'response_type must be code' };
  const scope = query.get('scope') ?? '';
  if (!scope || scope.includes(' ')) return { error: 'scope must be a comma-separated list' };
  const st = query.get('state');
  if (!st) return { error: 'state is required' };
  const code = `code_${randomBytes(8).toString('hex')}`;
  state.codes.set(code, { clientId, redirectUri, scope, subject: state.opts.username });
  return { code, redirectUri, state: st };
}

function basicClient(header: string | undefined): { id: string; secret: string } | null {
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? null : { id: decoded.slice(0, i), secret: decoded.slice(i + 1) };
}

export function authRoutes(server: FakeServer, state: PinterestState): void {
  server.route('GET', '/oauth/', (req): Reply => {
    const c = consent(state, req.query);
    if ('error' in c) return { status: 400, body: c.error };
    const to = new URL(c.redirectUri);
    to.searchParams.set('code', c.code);
    to.searchParams.set('state', c.state);
    return { status: 302, headers: { location: to.toString() } };
  });

  server.route('POST', '/v5/oauth/token', (req): Reply => {
    const form = (req.body ?? {}) as Record<string, string>;
    state.tokenRequests.push({ ...form });
    const app = basicClient(req.headers.authorization);
    if (!app || app.id !== state.opts.clientId || app.secret !== state.opts.clientSecret) return AUTH_FAILED();
    if (!String(req.headers['content-type']).includes('x-www-form-urlencoded')) return err(415, 1, 'Unsupported media type.');
    const now = server.now();
    const tokenBody = (t: { accessToken: string; refreshToken: string; scope: string }, withRefresh: boolean) => ({
      access_token: t.accessToken,
      token_type: 'bearer',
      expires_in: server.accessTtlSeconds,
      scope: t.scope,
      ...(withRefresh
        ? { refresh_token: t.refreshToken, refresh_token_expires_in: REFRESH_TTL_SECONDS, refresh_token_expires_at: Math.floor(now / 1000) + REFRESH_TTL_SECONDS }
        : {}),
    });

    if (form.grant_type === 'authorization_code') {
      const c = form.code ? state.codes.get(form.code) : undefined;
      if (!c || c.clientId !== app.id || c.redirectUri !== form.redirect_uri) return err(400, 1, 'Invalid authorization code or redirect_uri.');
      state.codes.delete(form.code as string);
      return { status: 200, body: tokenBody(server.issueToken(c.subject, c.scope), true) };
    }
    if (form.grant_type === 'refresh_token') {
      const old = form.refresh_token ? server.refreshTokens.get(form.refresh_token) : undefined;
      if (!old) return err(400, 1, 'Invalid refresh token.');
      if (form.continuous_refresh === 'true') {
        // Continuous refresh: a new access token and a new 60-day refresh token; the old pair ends.
        return { status: 200, body: tokenBody(server.rotate(form.refresh_token as string)!, true) };
      }
      // Without it (apps from before 2025-09-25): a new access token only.
      const fresh = server.issueToken(old.subject, old.scope);
      server.refreshTokens.delete(fresh.refreshToken);
      return { status: 200, body: tokenBody(fresh, false) };
    }
    return err(400, 1, `Unsupported grant_type ${form.grant_type}.`);
  });

  server.route('GET', '/v5/user_account', (req): Reply => {
    const t = authorize(server, req, 'user_accounts:read');
    if (isReply(t)) return t;
    return {
      status: 200,
      body: { account_type: 'BUSINESS', id: `549755${t.subject.length}813999`, username: t.subject, business_name: 'Loom Studio', profile_image: '', website_url: '', about: '' },
    };
  });

  server.route('GET', '/v5/boards', (req): Reply => {
    const t = authorize(server, req, 'boards:read');
    if (isReply(t)) return t;
    const items = state.opts.boards.map((b) => ({
      id: b.id,
      name: b.name,
      description: '',
      privacy: 'PUBLIC',
      owner: { username: t.subject },
      created_at: pinterestTime(server.now() - 86_400_000),
      pin_count: server.posts.filter((p) => p.data.board_id === b.id).length,
    }));
    return { status: 200, body: { items, bookmark: null } };
  });
}
