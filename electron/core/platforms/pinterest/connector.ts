/**
 * Connecting a Pinterest account: consent screen → code → tokens (HTTP Basic with the creator's
 * own app id and secret) → the profile and the board pins go to.
 */
import { PlatformError, type ConnectResult, type Credentials, type OAuthConnector } from '../types';
import type { Clock, HttpFetch } from '../../deps';
import { detailsOf, readJson, request } from '../common/http';
import { apiRoot, consentPage, errorMessage } from './api';
import { tokenRequest, toCredentials } from './tokens';

/**
 * The brief names boards:read, pins:read and pins:write; `GET /v5/user_account` (the profile)
 * is documented to need user_accounts:read as well, so we ask for it too.
 */
export const PINTEREST_SCOPES = ['boards:read', 'pins:read', 'pins:write', 'user_accounts:read'];

interface Board {
  id: string;
  name?: string;
}

async function getJson(ctx: { http: HttpFetch }, url: string, token: string, what: string): Promise<Record<string, unknown>> {
  const r = await request(ctx, url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  if (!r.ok) throw new PlatformError(`Could not reach Pinterest to read ${what}: ${r.failure.message}.`);
  const body = await readJson(r.res);
  if (!r.res.ok || !body || typeof body !== 'object') {
    throw new PlatformError(`Pinterest would not show ${what}: ${errorMessage(body) ?? `HTTP ${r.res.status}`}.`, detailsOf(r.res.status, body), r.res.status);
  }
  return body as Record<string, unknown>;
}

export const pinterestConnector: OAuthConnector = {
  kind: 'oauth',
  challengeEncoding: 'base64url',
  defaultScopes: PINTEREST_SCOPES,

  // Pinterest documents no PKCE for v5 (platforms.md ❓), so the challenge is not sent; the
  // client secret authenticates the exchange instead.
  authorizationUrl({ baseUrl, clientId, redirectUri, state, scopes }) {
    const url = new URL(consentPage(baseUrl));
    url.search = new URLSearchParams({
      client_id: clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: scopes.join(','),
      state,
    }).toString();
    return url.toString();
  },

  async exchange(ctx: { http: HttpFetch; clock: Clock; baseUrl: string }, p): Promise<ConnectResult> {
    if (!p.clientSecret) {
      throw new PlatformError("Pinterest needs your app's secret as well as its id to connect. Add the app secret in Settings.");
    }
    const answer = await tokenRequest(ctx, ctx.baseUrl, { clientId: p.clientId, clientSecret: p.clientSecret }, {
      grant_type: 'authorization_code',
      code: p.code,
      redirect_uri: p.redirectUri,
    });
    if (!answer.ok) {
      const message =
        answer.kind === 'refused'
          ? `Pinterest did not accept the sign-in (${answer.message}). Check the app id and secret in Settings and connect again.`
          : `Could not finish connecting to Pinterest: ${answer.message}.`;
      throw new PlatformError(message, answer.details, answer.kind === 'refused' ? answer.status : undefined);
    }
    const token = answer.body.access_token;
    const root = apiRoot(ctx.baseUrl);
    const me = await getJson(ctx, `${root}/user_account`, token, 'your profile');
    const username = typeof me.username === 'string' ? me.username : null;
    if (!username) throw new PlatformError('Pinterest did not say which account signed in.', detailsOf(200, me));

    // Pins need a board: the first one the account owns, until the creator picks another.
    const boards = await getJson(ctx, `${root}/boards?page_size=25`, token, 'your boards');
    const first = (Array.isArray(boards.items) ? (boards.items as Board[]) : []).find((b) => typeof b?.id === 'string');
    if (!first) {
      throw new PlatformError('Your Pinterest account has no boards yet. Create a board on Pinterest, then connect again.');
    }

    const base: Partial<Credentials> = {
      clientId: p.clientId,
      clientSecret: p.clientSecret,
      extra: { boardId: first.id, ...(first.name ? { boardName: first.name } : {}) },
    };
    return {
      credentials: toCredentials(answer.body, ctx.clock.now(), base),
      profile: {
        handle: username,
        displayName: typeof me.business_name === 'string' && me.business_name ? me.business_name : null,
        platformUserId: typeof me.id === 'string' && me.id ? me.id : username,
      },
    };
  },
};
