/**
 * Facebook's Graph API for Pages: the roots and how a call is authenticated. The error envelope
 * and the usage headers are Meta's, shared with Instagram and Threads (../meta). Every call
 * carries the Page access token in the Authorization header (never in the URL, so it cannot
 * end up in a log line).
 */
import type { ClientContext } from '../types';

/**
 * The Graph API version every call names. v25.0 is available until 2028-07-29
 * (developers.facebook.com/docs/graph-api/changelog); move to a newer one before then.
 */
export const GRAPH_VERSION = 'v25.0';
export const FACEBOOK_GRAPH = 'https://graph.facebook.com';
export const FACEBOOK_WWW = 'https://www.facebook.com';
export const PLATFORM_NAME = 'Facebook';

const trim = (url: string) => url.replace(/\/+$/, '');

/** `https://graph.facebook.com/v25.0`, or the same path on a test server. */
export const graphRoot = (baseUrl: string): string => `${trim(baseUrl || FACEBOOK_GRAPH)}/${GRAPH_VERSION}`;

/** The Login dialog lives on www.facebook.com; a test server serves it itself. */
export const dialogRoot = (baseUrl: string): string => {
  const root = trim(baseUrl || FACEBOOK_GRAPH);
  return `${root === FACEBOOK_GRAPH ? FACEBOOK_WWW : root}/${GRAPH_VERSION}`;
};

export const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });

export function pageIdOf(ctx: Pick<ClientContext, 'credentials' | 'account'>): string {
  return ctx.credentials.extra?.pageId ?? ctx.account.platformUserId ?? '';
}

/** `{page-id}_{post-id}` → its public page. */
export function postUrl(postId: string): string {
  const [page, post] = postId.split('_');
  return page && post ? `${FACEBOOK_WWW}/${page}/posts/${post}` : `${FACEBOOK_WWW}/${postId}`;
}
