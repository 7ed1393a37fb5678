/**
 * What the Pinterest fake remembers, and Pinterest's error shapes. Every error status answers
 * `{"code":<int>,"message":"…"}` (platforms.md ✅); the numeric codes other than 2 (authentication)
 * and 3 (authorization) are not documented and are our stand-ins (❓).
 */
import type { FakeRequest, FakeServer, Fault, IssuedToken, Reply } from '../common/fake-server';

export interface PinterestFakeOptions {
  clientId?: string;
  clientSecret?: string;
  username?: string;
  boards?: { id: string; name: string }[];
  /** How a 429 announces its reset (Pinterest's headers are undocumented, so tests try each). */
  rateLimitHeaders?: 'x-ratelimit' | 'x-ratelimit-epoch' | 'retry-after' | 'none';
  /** How video processing ends after the upload. */
  videoProcessing?: 'succeeds' | 'fails';
}

export interface FakeMedia {
  id: string;
  owner: string;
  key: string;
  params: Record<string, string>;
  uploaded: Buffer | null;
  uploadedType: string | null;
  polls: number;
  statuses: string[];
}

export interface PinterestState {
  opts: Required<PinterestFakeOptions>;
  /** Authorization codes issued by the consent screen. */
  codes: Map<string, { clientId: string; redirectUri: string; scope: string; subject: string }>;
  media: Map<string, FakeMedia>;
  metrics: Map<string, Record<string, number>>;
  /** Every form field of every token request, to check what clients send. */
  tokenRequests: Record<string, string>[];
  nextId: () => string;
  /** Faults armed for the board's pin list (reads take no kit faults). */
  listFaults: Fault[];
  /** Faults armed for pin analytics reads, one each. */
  analyticsFaults: Fault[];
}

export const err = (status: number, code: number, message: string, headers?: Record<string, string>): Reply => ({
  status,
  ...(headers ? { headers } : {}),
  body: { code, message },
});

export const AUTH_FAILED = () => err(401, 2, 'Authentication failed.');
export const NOT_ALLOWED = () => err(403, 3, 'Authorization failed.');

/** The bearer token, or Pinterest's 401; a missing scope is its 403. */
export function authorize(server: FakeServer, req: FakeRequest, ...scopes: string[]): IssuedToken | Reply {
  const t = server.checkToken(req.token);
  if (typeof t === 'string') return AUTH_FAILED();
  const granted = t.scope.split(',');
  if (scopes.some((s) => !granted.includes(s))) return NOT_ALLOWED();
  return t;
}

export const isReply = (x: IssuedToken | Reply): x is Reply => x === 'hang' || x === 'reset' || 'status' in x;

/** The 429 for the `rate_limit` fault, with the headers this fake was told to use. */
export function rateLimited(state: PinterestState, now: number, resetInSeconds: number): Reply {
  const mode = state.opts.rateLimitHeaders;
  const headers: Record<string, string> =
    mode === 'x-ratelimit'
      ? { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetInSeconds) }
      : mode === 'x-ratelimit-epoch'
        ? { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(now / 1000) + resetInSeconds) }
        : mode === 'retry-after'
          ? { 'retry-after': String(resetInSeconds) }
          : {};
  return err(429, 8, 'You have exceeded your rate limit. Try again later.', headers);
}

/** Pinterest's timestamps: whole seconds with an explicit zero offset, e.g. 2020-01-01T20:10:40-00:00. */
export const pinterestTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '-00:00');
