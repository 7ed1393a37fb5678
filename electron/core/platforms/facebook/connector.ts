/**
 * Connecting a Facebook Page with Facebook Login's code flow (no PKCE, no refresh tokens):
 * code → short-lived user token → long-lived user token (fb_exchange_token) → /me/accounts,
 * whose Page tokens, made from a long-lived user token, do not expire.
 *
 * Which Page: the first one the person granted, unless the connector was made with
 * `createFacebookConnector({ pageId })`. A creator with several Pages picks one from
 * `credentials.extra.pages` (ids and names of every Page granted, JSON) and connects again
 * with that pageId; each Page is its own account in Loomcast.
 */
import { z } from 'zod';
import { detailsOf } from '../common/http';
import { shaped } from '../common/shape';
import { graphCall, succeeded } from '../meta/graph-call';
import { wordsOf } from '../meta/graph-error';
import { PlatformError, type ConnectResult, type OAuthConnector } from '../types';
import { bearer, dialogRoot, graphRoot } from './api';

export interface FacebookConnectorOptions {
  /** Connect this Page instead of the first one granted. */
  pageId?: string;
}

/**
 * The Pages the sign-in granted, checked before use. An entry without an id or token is one
 * Loomcast cannot post as (skipped); a field of the wrong type counts as absent.
 */
const PageList = z.object({
  data: z
    .array(
      z.object({
        id: z.string().optional().catch(undefined),
        name: z.string().optional().catch(undefined),
        access_token: z.string().optional().catch(undefined),
        tasks: z.array(z.string()).optional().catch(undefined),
      }),
    )
    .optional(),
});
const tokenIn = (body: Record<string, unknown>): string => (typeof body.access_token === 'string' ? body.access_token : '');

async function getJson(ctx: { http: typeof fetch }, url: string, step: string, token?: string): Promise<Record<string, unknown>> {
  const r = await graphCall(ctx, url, token ? { headers: bearer(token) } : {});
  // Not r.failure.message: the documented token exchange carries the app secret and the code
  // in its query string, and a short sentence is all the creator needs here.
  if (!r.ok) throw new PlatformError(`Could not reach Facebook while ${step} (${r.failure.kind === 'refused' ? 'connection refused' : r.failure.kind === 'dns' ? 'address not found' : 'no answer'}).`);
  const body = r.body && typeof r.body === 'object' ? (r.body as Record<string, unknown>) : null;
  if (!succeeded(r) || !body) throw new PlatformError(`Facebook refused while ${step} (${wordsOf(r.err, r.status)}).`, detailsOf(r.status, r.body), r.status);
  return body;
}

export function createFacebookConnector(opts: FacebookConnectorOptions = {}): OAuthConnector {
  return {
    kind: 'oauth',
    challengeEncoding: 'base64url',
    defaultScopes: ['pages_show_list', 'pages_manage_posts', 'pages_read_engagement', 'pages_manage_engagement', 'read_insights'],

    authorizationUrl(p) {
      // Facebook Login takes no PKCE challenge in this flow; the client secret protects the exchange.
      const url = new URL(`${dialogRoot(p.baseUrl)}/dialog/oauth`);
      url.searchParams.set('client_id', p.clientId);
      url.searchParams.set('redirect_uri', p.redirectUri);
      url.searchParams.set('state', p.state);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('scope', p.scopes.join(','));
      return url.toString();
    },

    async exchange(ctx, p): Promise<ConnectResult> {
      if (!p.clientSecret) throw new PlatformError("Connecting a Facebook Page needs your Meta app's secret (Settings → Developer apps).");
      const root = graphRoot(ctx.baseUrl);
      const short = await getJson(
        ctx,
        `${root}/oauth/access_token?${new URLSearchParams({ client_id: p.clientId, redirect_uri: p.redirectUri, client_secret: p.clientSecret, code: p.code })}`,
        'finishing the sign-in',
      );
      const long = await getJson(
        ctx,
        `${root}/oauth/access_token?${new URLSearchParams({ grant_type: 'fb_exchange_token', client_id: p.clientId, client_secret: p.clientSecret, fb_exchange_token: tokenIn(short) })}`,
        'making the sign-in long-lived',
      );
      const userToken = tokenIn(long);
      const accounts = await getJson(ctx, `${root}/me/accounts?fields=id,name,access_token,tasks&limit=100`, 'listing your Pages', userToken);
      const pages = (shaped(PageList, accounts, 200, 'Facebook').data ?? []).flatMap((pg) => (pg.id && pg.access_token ? [{ ...pg, id: pg.id, access_token: pg.access_token }] : []));
      if (pages.length === 0) throw new PlatformError('This Facebook account manages no Pages, or none were granted to Loomcast. Connect again and tick the Page.');
      const page = opts.pageId ? pages.find((pg) => pg.id === opts.pageId) : pages[0];
      if (!page) throw new PlatformError(`The Page ${opts.pageId} was not granted to Loomcast. Connect again and tick that Page.`);
      if (page.tasks && !page.tasks.includes('CREATE_CONTENT')) {
        throw new PlatformError(`Your role on ${page.name ?? 'this Page'} does not allow creating content; ask a Page admin for it.`);
      }
      const name = page.name ?? page.id;
      return {
        credentials: {
          accessToken: page.access_token,
          clientId: p.clientId,
          clientSecret: p.clientSecret,
          extra: { pageId: page.id, pageName: name, pages: JSON.stringify(pages.map((pg) => ({ id: pg.id, name: pg.name ?? pg.id }))) },
        },
        profile: { handle: name, displayName: name, platformUserId: page.id },
      };
    },
  };
}
