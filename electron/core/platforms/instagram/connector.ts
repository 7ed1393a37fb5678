/**
 * Connecting an Instagram professional account with Instagram Login (no Facebook Page needed).
 * Consent on www.instagram.com, code exchange on api.instagram.com, 60-day token and profile on
 * graph.instagram.com. Comments need `instagram_business_manage_comments` besides the three
 * basic/publish/insights scopes, so the first comment can be posted and looked up.
 */
import { graphCall } from '../meta/graph-call';
import { metaConnector, type MetaOAuth } from '../meta/oauth';
import type { OAuthConnector } from '../types';
import { IG_GRAPH_VERSION, NAME, hosts } from './api';

export const INSTAGRAM_SCOPES = [
  'instagram_business_basic',
  'instagram_business_content_publish',
  'instagram_business_manage_insights',
  'instagram_business_manage_comments',
];

export const instagramOAuth: MetaOAuth = {
  name: NAME,
  hosts,
  exchangeGrant: 'ig_exchange_token',
  refreshGrant: 'ig_refresh_token',
  profile(ctx, accessToken) {
    const url = `${hosts(ctx.baseUrl).graph}/${IG_GRAPH_VERSION}/me?fields=user_id,username,name`;
    return graphCall(ctx, url, { headers: { authorization: `Bearer ${accessToken}` } });
  },
  readProfile(body) {
    const b = body as { user_id?: unknown; id?: unknown; username?: unknown; name?: unknown } | null;
    // `user_id` is the professional account id the publishing endpoints take; `id` is app-scoped.
    const uid = b?.user_id ?? b?.id;
    if ((typeof uid !== 'string' && typeof uid !== 'number') || typeof b?.username !== 'string') return null;
    return { handle: b.username, displayName: typeof b.name === 'string' && b.name ? b.name : null, platformUserId: String(uid) };
  },
};

/** Instagram Login takes no PKCE. */
export const instagramConnector: OAuthConnector = metaConnector(instagramOAuth, INSTAGRAM_SCOPES);
