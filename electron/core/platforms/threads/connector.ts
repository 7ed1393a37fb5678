/**
 * Connecting a Threads account: consent on threads.net, the code exchanged at
 * graph.threads.net/oauth/access_token (1 hour), then a 60-day token (`th_exchange_token`).
 * `threads_read_replies` is asked for besides the documented three, so that a thread part or
 * first comment whose outcome is unknown can be looked up among the account's replies.
 */
import { graphCall } from '../meta/graph-call';
import { metaConnector, type MetaOAuth } from '../meta/oauth';
import type { OAuthConnector } from '../types';
import { NAME, THREADS_VERSION, hosts } from './api';

export const THREADS_SCOPES = ['threads_basic', 'threads_content_publish', 'threads_manage_insights', 'threads_read_replies'];

export const threadsOAuth: MetaOAuth = {
  name: NAME,
  hosts,
  exchangeGrant: 'th_exchange_token',
  refreshGrant: 'th_refresh_token',
  profile(ctx, accessToken) {
    const url = new URL(`${hosts(ctx.baseUrl).graph}/${THREADS_VERSION}/me`);
    url.searchParams.set('fields', 'id,username,name');
    url.searchParams.set('access_token', accessToken);
    return graphCall(ctx, url.toString());
  },
  readProfile(body) {
    const b = body as { id?: unknown; username?: unknown; name?: unknown } | null;
    if ((typeof b?.id !== 'string' && typeof b?.id !== 'number') || typeof b.username !== 'string') return null;
    return { handle: b.username, displayName: typeof b.name === 'string' && b.name ? b.name : null, platformUserId: String(b.id) };
  },
};

/** Threads documents no PKCE. */
export const threadsConnector: OAuthConnector = metaConnector(threadsOAuth, THREADS_SCOPES);
