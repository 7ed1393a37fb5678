/**
 * X's answers as the contract (../shared/docs/platforms.md §1) describes them: problem-details
 * bodies, the two 429 shapes, and the `x-rate-limit-*` headers (epoch seconds) it sends on
 * every response.
 */
import type { Reply } from '../common/fake-server';

export const problem = (status: number, title: string, detail = title, type = 'about:blank'): Reply => ({
  status,
  body: { title, detail, type, status },
});

export const unauthorized = (): Reply => problem(401, 'Unauthorized');
export const forbidden = (detail = 'Forbidden'): Reply => problem(403, 'Forbidden', detail);

export const invalidRequest = (message: string, parameters: Record<string, unknown> = {}): Reply => ({
  status: 400,
  body: {
    errors: [{ parameters, message }],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.twitter.com/2/problems/invalid-request',
  },
});

/** What an app whose access level does not include an endpoint gets (e.g. reads on the Free plan). */
export const clientForbidden = (clientId: string): Reply => ({
  status: 403,
  body: {
    client_id: clientId,
    detail: 'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project. You can create a project via the developer portal.',
    registration_url: 'https://developer.twitter.com/en/docs/projects/overview',
    title: 'Client Forbidden',
    required_enrollment: 'Appropriate Level of API Access',
    reason: 'client-not-enrolled',
    type: 'https://api.twitter.com/2/problems/client-forbidden',
  },
});

export const duplicate = (): Reply => forbidden('You are not allowed to create a Tweet with duplicate content.');

/** The docs show the v1-style list; v2 in practice sends problem JSON. Clients must take both. */
export type RateLimitShape = 'problem' | 'codes';
export function tooManyRequests(shape: RateLimitShape, headers: Record<string, string>): Reply {
  const body = shape === 'codes' ? { errors: [{ code: 88, message: 'Rate limit exceeded' }] } : { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 };
  return { status: 429, headers, body };
}

export function serverError(status = 503): Reply {
  const title = status === 500 ? 'Internal Server Error' : status === 502 ? 'Bad Gateway' : status === 504 ? 'Gateway Timeout' : 'Service Unavailable';
  return problem(status, title);
}

export const oauthError = (status: number, error: string, description: string): Reply => ({ status, body: { error, error_description: description } });

/** Per user and endpoint, 15-minute windows, as X counts them. */
export class RateLimits {
  private windows = new Map<string, { used: number; resetAt: number }>();
  constructor(
    private now: () => number,
    readonly limits: Record<string, number>,
    private windowMs = 15 * 60_000,
  ) {}

  /** Counts one call; returns the headers to send and whether the call is over the limit. */
  take(user: string, endpoint: string): { headers: Record<string, string>; over: boolean } {
    const limit = this.limits[endpoint] ?? 900;
    const key = `${user}\u0000${endpoint}`;
    let w = this.windows.get(key);
    if (!w || w.resetAt <= this.now()) {
      w = { used: 0, resetAt: this.now() + this.windowMs };
      this.windows.set(key, w);
    }
    const over = w.used >= limit;
    if (!over) w.used++;
    return { headers: headersFor(limit, limit - w.used, w.resetAt), over };
  }
}

export function headersFor(limit: number, remaining: number, resetAtMs: number, prefix = 'x-rate-limit-'): Record<string, string> {
  return { [`${prefix}limit`]: String(limit), [`${prefix}remaining`]: String(Math.max(0, remaining)), [`${prefix}reset`]: String(Math.ceil(resetAtMs / 1000)) };
}

export function withHeaders(reply: Reply, headers: Record<string, string>): Reply {
  if (reply === 'hang' || reply === 'reset') return reply;
  return { ...reply, headers: { ...headers, ...reply.headers } };
}
