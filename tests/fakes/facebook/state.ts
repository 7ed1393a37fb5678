/**
 * What the Facebook fake knows, and Graph's checks and error envelope: `{"error":{message,
 * type, code, error_subcode?, fbtrace_id}}`, with HTTP 400 for token and throttling errors
 * alike, as Facebook sends them.
 */
import { randomBytes } from 'node:crypto';
import { GRAPH_VERSION } from '../../../electron/core/platforms/facebook';
import type { FakeRequest, FakeServer, IssuedToken, Reply } from '../common/fake-server';

export const V = `/${GRAPH_VERSION}`;

export interface FakePage {
  id: string;
  name: string;
  tasks: string[];
}

export interface FakeUser {
  id: string;
  name: string;
  pages: FakePage[];
}

export interface FakePhoto {
  id: string;
  pageId: string;
  bytes: Buffer;
  mime: string;
  altText: string | null;
  published: boolean;
  postId: string | null;
}

export interface FakeComment {
  id: string;
  from: { id: string; name: string };
  message: string;
  time: number;
}

export interface FacebookFakeState {
  appId: string;
  appSecret: string;
  users: FakeUser[];
  codes: Map<string, { redirectUri: string; userId: string; scope: string; used: boolean }>;
  /** One Page token per user and Page, as /me/accounts keeps returning the same one. */
  pageTokens: Map<string, string>;
  photos: Map<string, FakePhoto>;
  comments: Map<string, FakeComment[]>;
  insights: Map<string, { views?: number; clicks?: number; reactions?: number; shares?: number }>;
  /** Which throttle the rate_limit fault plays: Pages BUC (80001 + X-Business-Use-Case-Usage) or app (4 + X-App-Usage). */
  throttle: 'buc' | 'app';
  /** The code the BUC throttle answers with: 80001 (Pages), or another Meta throttle code such as 80002 or 9. */
  bucCode: number;
  /** The 190 subcode an expired_token fault produces (463 expired, 460 password changed, 467 logged out). */
  expiredSubcode: 463 | 460 | 467;
  rejectDuplicates: boolean;
  /** Insights metrics Meta has retired since (asking for one is an invalid-metric error). */
  retiredMetrics: Set<string>;
  /** Minutes the Page's reads (posts, insights, comments) stay throttled; 0 = not throttled. */
  readThrottleMinutes: number;
  seq: number;
}

export type FacebookFakeCore = FakeServer & { state: FacebookFakeState };

/** Token subjects: `user:<id>:short|long` or `page:<pageId>:<userId>`. */
export const pageSubject = (pageId: string, userId: string) => `page:${pageId}:${userId}`;

export function graphError(code: number, message: string, extra: Record<string, unknown> = {}, status = 400, headers: Record<string, string> = {}): Reply {
  return { status, headers, body: { error: { message, type: 'OAuthException', code, ...extra, fbtrace_id: `A${randomBytes(8).toString('base64url')}` } } };
}

const EXPIRED_MESSAGES: Record<number, string> = {
  463: 'Error validating access token: Session has expired on Sunday, 22-Nov-26 21:00:00 PST. The current time is Sunday, 22-Nov-26 22:00:00 PST.',
  460: 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
  467: 'Error validating access token: The user is not logged into Facebook.',
};

/** The token of a Graph call, or Graph's refusal. */
export function guard(fake: FacebookFakeCore, req: FakeRequest): IssuedToken | Reply {
  const token = req.token ?? (typeof req.body?.access_token === 'string' ? req.body.access_token : null);
  const t = fake.checkToken(token);
  if (t === 'missing') return graphError(104, 'An access token is required to request this resource.');
  if (t === 'invalid') return graphError(190, 'Invalid OAuth access token - Cannot parse access token');
  if (t === 'expired') {
    const sub = fake.state.expiredSubcode;
    return graphError(190, EXPIRED_MESSAGES[sub]!, { error_subcode: sub });
  }
  return t;
}

export const isReply = <T extends object>(x: T | Reply): x is Reply => typeof x === 'string' || 'status' in x;

export const hasScope = (t: IssuedToken, scope: string) => t.scope.split(/[ ,]+/).includes(scope);

/** The Page a Page token speaks for, or null for a user token. */
export const pageOf = (t: IssuedToken): string | null => (t.subject.startsWith('page:') ? t.subject.split(':')[1]! : null);

export function bucHeader(pageId: string, pct: number, minutes: number): Record<string, string> {
  return {
    'x-business-use-case-usage': JSON.stringify({ [pageId]: [{ type: 'pages', call_count: pct, total_cputime: Math.round(pct / 3), total_time: Math.round(pct / 2), estimated_time_to_regain_access: minutes }] }),
  };
}

/** Graph's throttle answer (HTTP 400, like every Graph error), app-wide or the Page's BUC. */
export function throttleReply(fake: FacebookFakeCore, pageId: string, minutes: number): Reply {
  if (fake.state.throttle === 'app') {
    return graphError(4, '(#4) Application request limit reached', { is_transient: true }, 400, { 'x-app-usage': JSON.stringify({ call_count: 100, total_cputime: 40, total_time: 55 }) });
  }
  return graphError(
    fake.state.bucCode,
    `(#${fake.state.bucCode}) There have been too many calls to this Page account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.`,
    { is_transient: true },
    400,
    bucHeader(pageId, 100, minutes),
  );
}

/** The kit's faults, with Graph's real answers. */
export function faultReply(fake: FacebookFakeCore, pageId: string): Reply | 'timeout_after_accept' | null {
  const f = fake.takeFault();
  if (!f) return null;
  switch (f.kind) {
    case 'rate_limit':
      return throttleReply(fake, pageId, Math.ceil(f.resetInSeconds / 60));
    case 'server_error':
      return (f.status ?? 500) === 503
        ? graphError(2, 'An unexpected error has occurred. Please retry your request later.', { is_transient: true }, 503)
        : graphError(1, 'An unknown error has occurred.', { is_transient: true }, f.status ?? 500);
    case 'reset_before_send':
      return 'reset';
    case 'timeout_after_accept':
      return 'timeout_after_accept';
    default:
      return null;
  }
}

/** Graph's time format: 2026-11-22T21:27:55+0000. */
export const graphTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
