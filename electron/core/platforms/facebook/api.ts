/**
 * Facebook's Graph API for Pages: the roots, the Graph error envelope and the usage headers.
 * Every call carries the Page access token in the Authorization header (never in the URL,
 * so it cannot end up in a log line).
 */
import type { ClientContext, RateLimitInfo } from '../types';

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

export interface GraphError {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_user_title?: string;
  error_user_msg?: string;
  is_transient?: boolean;
  fbtrace_id?: string;
}

export function graphError(body: unknown): GraphError | null {
  const e = (body as { error?: unknown } | null)?.error;
  return e && typeof e === 'object' ? (e as GraphError) : null;
}

/** The words Facebook meant for people, else its developer message. */
export const saidBy = (e: GraphError | null): string | undefined => e?.error_user_msg ?? e?.message;

type Usage = { call_count?: number; total_cputime?: number; total_time?: number; estimated_time_to_regain_access?: number };

function parseHeader(res: Response, name: string): unknown {
  const raw = res.headers.get(name);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/**
 * What the usage headers say: X-Business-Use-Case-Usage (per Page, with minutes until access
 * returns) and X-App-Usage (percentages of the app's rolling hour). `limit`/`remaining` are
 * percentages of the budget, which is what Facebook reports instead of call counts.
 */
export function readUsage(res: Response, now: number, pageId: string): { rateLimit?: RateLimitInfo; regainAt?: number } {
  const entries: Usage[] = [];
  const buc = parseHeader(res, 'x-business-use-case-usage') as Record<string, Usage[]> | undefined;
  if (buc && typeof buc === 'object') entries.push(...(buc[pageId] ?? Object.values(buc).flat()));
  const app = parseHeader(res, 'x-app-usage') as Usage | undefined;
  if (app && typeof app === 'object') entries.push(app);
  if (entries.length === 0) return {};
  const pct = Math.max(0, ...entries.map((u) => Math.max(u.call_count ?? 0, u.total_cputime ?? 0, u.total_time ?? 0)));
  const minutes = Math.max(0, ...entries.map((u) => u.estimated_time_to_regain_access ?? 0));
  const regainAt = minutes > 0 ? now + minutes * 60_000 : undefined;
  return {
    rateLimit: { limit: 100, remaining: Math.max(0, 100 - pct), ...(regainAt ? { resetAt: regainAt } : {}) },
    ...(regainAt ? { regainAt } : {}),
  };
}
