/**
 * What the LinkedIn fake knows, and the checks every /rest call goes through: the three
 * required headers (LinkedIn-Version, X-Restli-Protocol-Version, Authorization: Bearer) and
 * the token, each refused with LinkedIn's own status and body shape.
 */
import type { FakeRequest, FakeServer, IssuedToken, Reply } from '../common/fake-server';

export interface Member {
  sub: string;
  name: string;
  givenName: string;
  familyName: string;
}

export interface PendingCode {
  clientId: string;
  redirectUri: string;
  scope: string;
  sub: string;
  challenge: string | null;
  used: boolean;
}

export interface FakeImage {
  owner: string;
  bytes: Buffer | null;
  mime: string | null;
}

export interface FakeVideo {
  owner: string;
  size: number;
  uploadToken: string;
  parts: { firstByte: number; lastByte: number; etag: string | null; bytes: Buffer | null }[];
  status: 'WAITING_UPLOAD' | 'PROCESSING' | 'AVAILABLE' | 'PROCESSING_FAILED';
  /** GETs left before PROCESSING turns AVAILABLE. */
  pollsLeft: number;
}

export interface FakeComment {
  id: string;
  urn: string;
  actor: string;
  object: string;
  text: string;
  time: number;
}

export type MemberMetric = 'IMPRESSION' | 'MEMBERS_REACHED' | 'REACTION' | 'COMMENT' | 'RESHARE';

export interface LinkedInFakeState {
  clientId: string;
  clientSecret: string;
  /** Approved Marketing/Community Management partners get refresh tokens; others don't. */
  partner: boolean;
  /** Refresh tokens last 365 days from the first grant and are not extended by use. */
  refreshTtlSeconds: number;
  refreshExpiry: Map<string, number>;
  members: Map<string, Member>;
  /** Organisation URNs each member may post for (ADMINISTRATOR role). */
  adminOf: Map<string, Set<string>>;
  codes: Map<string, PendingCode>;
  images: Map<string, FakeImage>;
  videos: Map<string, FakeVideo>;
  /** Bytes per video part in uploadInstructions (LinkedIn uses 4 MiB; tests shrink it). */
  videoPartSize: number;
  /** How many status reads a finalized video stays PROCESSING. */
  videoProcessingPolls: number;
  comments: Map<string, FakeComment[]>;
  analytics: Map<string, Partial<Record<MemberMetric | 'CLICK', number>>>;
  /** LinkedIn refuses the same commentary from the same author twice. */
  rejectDuplicates: boolean;
  /** The app's daily limit on the analytics finders is spent: they answer 429 (no rate headers). */
  analyticsThrottled: boolean;
  seq: number;
}

export type LinkedInFakeCore = FakeServer & { state: LinkedInFakeState };

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({ status, body, headers });

export const INVALID_TOKEN = { serviceErrorCode: 65600, message: 'Invalid access token', status: 401 };

export const accessDenied = (what: string): Reply => json(403, { status: 403, serviceErrorCode: 100, code: 'ACCESS_DENIED', message: `Not enough permissions to access: ${what}` });

export const unprocessable = (path: string, problem: string): Reply => json(422, { message: `ERROR :: ${path} :: ${problem}`, status: 422 });

export const illegal = (message: string): Reply => json(400, { status: 400, code: 'ILLEGAL_ARGUMENT', message });

const header = (req: FakeRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** The token of a /rest call, or LinkedIn's refusal. */
export function guardRest(fake: LinkedInFakeCore, req: FakeRequest): IssuedToken | Reply {
  const version = header(req, 'linkedin-version');
  if (!version) {
    return json(400, { status: 400, code: 'VERSION_MISSING', message: 'A version must be present. Please specify a version by adding the LinkedIn-Version header.' });
  }
  if (!/^\d{6}(\.\d{2})?$/.test(version)) return json(400, { status: 400, code: 'INVALID_VERSION', message: `Invalid version format: ${version}. The format is YYYYMM.` });
  if (header(req, 'x-restli-protocol-version') !== '2.0.0') {
    return illegal('X-Restli-Protocol-Version header must be 2.0.0 for this API.');
  }
  return guardToken(fake, req);
}

/** Bearer token only (userinfo and the upload URLs take no version headers). */
export function guardToken(fake: LinkedInFakeCore, req: FakeRequest): IssuedToken | Reply {
  const auth = header(req, 'authorization');
  if (!auth?.startsWith('Bearer ')) return json(401, INVALID_TOKEN);
  const t = fake.checkToken(req.token);
  if (typeof t === 'string') return json(401, INVALID_TOKEN);
  return t;
}

export const isReply = (x: IssuedToken | Reply): x is Reply => typeof x === 'string' || 'status' in x;

export const hasScope = (t: IssuedToken, scope: string): boolean => t.scope.split(/[ ,]+/).includes(scope);

/** May this token act as `urn` (the member themself, or an organisation they administer)? */
export function mayActAs(fake: LinkedInFakeCore, t: IssuedToken, urn: string, write: boolean): boolean {
  if (urn === `urn:li:person:${t.subject}`) return hasScope(t, write ? 'w_member_social' : 'r_member_social');
  if (urn.startsWith('urn:li:organization:')) {
    return (fake.state.adminOf.get(t.subject)?.has(urn) ?? false) && hasScope(t, write ? 'w_organization_social' : 'r_organization_social');
  }
  return false;
}

/** LinkedIn's 429: a daily limit, no rate headers, no Retry-After. */
export const throttled = (): Reply =>
  json(429, { status: 429, serviceErrorCode: 101, code: 'TOO_MANY_REQUESTS', message: 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.' });

/** The common faults, with LinkedIn's real answers: 429 without any rate headers, 5xx. */
export function faultReply(fake: LinkedInFakeCore): Reply | 'timeout_after_accept' | null {
  const f = fake.takeFault();
  if (!f) return null;
  switch (f.kind) {
    case 'rate_limit':
      return throttled();
    case 'server_error': {
      const status = f.status ?? 500;
      return json(status, { message: status === 504 ? 'Gateway Timeout' : 'Internal Server Error', status });
    }
    case 'reset_before_send':
      return 'reset';
    case 'timeout_after_accept':
      return 'timeout_after_accept';
    default:
      return null;
  }
}
