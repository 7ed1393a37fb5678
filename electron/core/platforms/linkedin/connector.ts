/**
 * Connecting a LinkedIn member: the 3-legged code flow (client secret), or LinkedIn's native
 * PKCE flow for apps LinkedIn enabled it for (`createLinkedInConnector({ pkce: true })`:
 * code_challenge on the authorization URL, code_verifier instead of the secret at exchange).
 * The profile comes from OpenID Connect's /v2/userinfo; the author is urn:li:person:<sub>.
 * To post as an organisation page, set `extra.authorUrn` to its urn:li:organization:<id>
 * (scope w_organization_social).
 */
import { OAuthToken } from '../common/shape';
import { detailsOf, readJson, request } from '../common/http';
import { PlatformError, type ConnectResult, type OAuthConnector } from '../types';
import { apiRoot, credentialsFrom, messageOf, oauthRoot } from './api';

export interface LinkedInConnectorOptions {
  /** LinkedIn's native-app PKCE flow; LinkedIn must enable it for the app. */
  pkce?: boolean;
}

export function createLinkedInConnector(opts: LinkedInConnectorOptions = {}): OAuthConnector {
  const pkce = opts.pkce === true;
  return {
    kind: 'oauth',
    challengeEncoding: 'base64url',
    defaultScopes: ['openid', 'profile', 'w_member_social'],

    authorizationUrl(p) {
      const url = new URL(`${oauthRoot(p.baseUrl)}/oauth/v2/authorization`);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', p.clientId);
      url.searchParams.set('redirect_uri', p.redirectUri);
      url.searchParams.set('state', p.state);
      url.searchParams.set('scope', p.scopes.join(' '));
      if (pkce) {
        url.searchParams.set('code_challenge', p.codeChallenge);
        url.searchParams.set('code_challenge_method', 'S256');
      }
      return url.toString();
    },

    async exchange(ctx, p): Promise<ConnectResult> {
      if (!pkce && !p.clientSecret) throw new PlatformError("Connecting LinkedIn needs your app's client secret (Settings → Developer apps).");
      const form = new URLSearchParams({ grant_type: 'authorization_code', code: p.code, redirect_uri: p.redirectUri, client_id: p.clientId });
      if (pkce) form.set('code_verifier', p.codeVerifier);
      else form.set('client_secret', p.clientSecret!);
      const r = await request(ctx, `${oauthRoot(ctx.baseUrl)}/oauth/v2/accessToken`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      if (!r.ok) throw new PlatformError(`Could not reach LinkedIn to finish connecting: ${r.failure.message}`);
      const answer = await readJson(r.res).catch(() => null);
      const parsed = OAuthToken.safeParse(answer);
      if (!r.res.ok || !parsed.success) {
        throw new PlatformError(`LinkedIn did not accept the sign-in (${messageOf(answer) ?? `HTTP ${r.res.status}`}).`, detailsOf(r.res.status, answer), r.res.status);
      }
      const token = parsed.data;

      const who = await request(ctx, `${apiRoot(ctx.baseUrl)}/v2/userinfo`, { headers: { Authorization: `Bearer ${token.access_token}` } });
      if (!who.ok) throw new PlatformError(`Could not reach LinkedIn to read your profile: ${who.failure.message}`);
      const me = (await readJson(who.res).catch(() => null)) as { sub?: string; name?: string; given_name?: string; family_name?: string } | null;
      if (!who.res.ok || typeof me?.sub !== 'string' || !me.sub) {
        throw new PlatformError(
          `LinkedIn did not share your profile (${messageOf(me) ?? `HTTP ${who.res.status}`}); the app needs the openid and profile scopes.`,
          detailsOf(who.res.status, me),
          who.res.status,
        );
      }
      const name = me.name ?? ([me.given_name, me.family_name].filter(Boolean).join(' ') || me.sub);
      const credentials = credentialsFrom(ctx.clock.now(), token, {
        clientId: p.clientId,
        ...(p.clientSecret ? { clientSecret: p.clientSecret } : {}),
        extra: { personUrn: `urn:li:person:${me.sub}`, ...(token.scope ? { scope: token.scope } : {}) },
      });
      // OpenID gives LinkedIn members no handle; their name is what they recognise.
      return { credentials, profile: { handle: name, displayName: name, platformUserId: me.sub } };
    },
  };
}
