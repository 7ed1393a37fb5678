/**
 * Where Instagram's endpoints live and how a call is authenticated. "Instagram API with
 * Instagram Login": the API on graph.instagram.com, the code exchange on api.instagram.com,
 * the consent screen on www.instagram.com. A test server (any other base) serves all three.
 * Contract: ../shared/docs/platforms.md §6.
 */
import { graphCall, type Answer } from '../meta/graph-call';
import { graphHost, versionedUrl } from '../meta/lists';
import type { ClientContext } from '../types';

export const NAME = 'Instagram';
/** The Graph version every API path is prefixed with. */
export const IG_GRAPH_VERSION = 'v24.0';
export const DEFAULT_BASE = 'https://graph.instagram.com';
const PROD_OAUTH = 'https://api.instagram.com';
const PROD_AUTHORIZE = 'https://www.instagram.com';

export function hosts(baseUrl: string): { graph: string; oauth: string; authorize: string } {
  const graph = graphHost(baseUrl);
  const prod = graph === DEFAULT_BASE;
  return { graph, oauth: prod ? PROD_OAUTH : graph, authorize: prod ? PROD_AUTHORIZE : graph };
}

export type IgCtx = Pick<ClientContext, 'http' | 'signal' | 'account' | 'credentials'>;

/** The professional account's id: from the account row, else saved at connect time. */
export function igUserId(ctx: IgCtx): string {
  return ctx.account.platformUserId ?? ctx.credentials.extra?.userId ?? 'me';
}

// The token travels in the Authorization header (documented for Instagram Login), never in a URL.
const auth = (ctx: IgCtx) => ({ authorization: `Bearer ${ctx.credentials.accessToken}` });

export function igGet(ctx: IgCtx, path: string, query: Record<string, string> = {}): Promise<Answer> {
  return graphCall(ctx, versionedUrl(ctx.account.baseUrl, IG_GRAPH_VERSION, path, query), { headers: auth(ctx) });
}

export function igPost(ctx: IgCtx, path: string, body: Record<string, unknown>): Promise<Answer> {
  return graphCall(ctx, versionedUrl(ctx.account.baseUrl, IG_GRAPH_VERSION, path), {
    method: 'POST',
    headers: { ...auth(ctx), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}
