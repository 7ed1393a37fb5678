/**
 * Where the Threads API lives and how a call is authenticated: graph.threads.net/v1.0, with the
 * consent screen on threads.net. Threads documents the token as the `access_token` query
 * parameter; failure messages are scrubbed of it (see `redact` in ../meta/graph-call).
 * A test server (any other base) serves everything. Contract: ../shared/docs/platforms.md §7.
 */
import { graphCall, type Answer } from '../meta/graph-call';
import { graphHost, versionedUrl } from '../meta/lists';
import type { ClientContext } from '../types';

export const NAME = 'Threads';
export const THREADS_VERSION = 'v1.0';
export const DEFAULT_BASE = 'https://graph.threads.net';
const PROD_AUTHORIZE = 'https://threads.net';

export function hosts(baseUrl: string): { graph: string; oauth: string; authorize: string } {
  const graph = graphHost(baseUrl);
  const prod = graph === DEFAULT_BASE || graph === 'https://graph.threads.com';
  return { graph, oauth: graph, authorize: prod ? PROD_AUTHORIZE : graph };
}

export type ThreadsCtx = Pick<ClientContext, 'http' | 'signal' | 'account' | 'credentials'>;

export function threadsUserId(ctx: ThreadsCtx): string {
  return ctx.account.platformUserId ?? ctx.credentials.extra?.userId ?? 'me';
}

export function thGet(ctx: ThreadsCtx, path: string, query: Record<string, string> = {}): Promise<Answer> {
  return graphCall(ctx, versionedUrl(ctx.account.baseUrl, THREADS_VERSION, path, { ...query, access_token: ctx.credentials.accessToken }));
}

/** Parameters go in a form body; only the token rides in the query string. */
export function thPost(ctx: ThreadsCtx, path: string, params: Record<string, string | undefined>): Promise<Answer> {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) form.set(k, v);
  return graphCall(ctx, versionedUrl(ctx.account.baseUrl, THREADS_VERSION, path, { access_token: ctx.credentials.accessToken }), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
}
