/**
 * Meta's Graph error envelope, spoken by Facebook, Instagram and Threads alike:
 * `{error:{message,type,code,error_subcode,error_user_title?,error_user_msg?,fbtrace_id}}`.
 * HTTP status is usually 400 whatever the error, so the branch is on `error.code`.
 * Contract: ../shared/docs/platforms.md §5–7.
 */

export interface GraphError {
  code: number | null;
  subcode: number | null;
  message: string;
  type: string | null;
  /** Meta's own "try again" flag; present on some throttling and server errors. */
  transient: boolean;
  /** `error_user_msg`, written for people, when Meta sends one. */
  userMessage: string | null;
}

export const num = (v: unknown): number | null => (typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : null);

/**
 * Reads the Graph error envelope, and the flat `{error_type, code, error_message}` shape that
 * Instagram's OAuth endpoints answer with.
 */
export function graphError(body: unknown): GraphError | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  const e = b.error;
  if (e && typeof e === 'object') {
    const o = e as Record<string, unknown>;
    return {
      code: num(o.code),
      subcode: num(o.error_subcode),
      message: typeof o.message === 'string' ? o.message : 'unknown error',
      type: typeof o.type === 'string' ? o.type : null,
      transient: o.is_transient === true,
      userMessage: typeof o.error_user_msg === 'string' ? o.error_user_msg : null,
    };
  }
  if (typeof b.error_message === 'string') {
    return { code: num(b.code), subcode: null, message: b.error_message, type: typeof b.error_type === 'string' ? b.error_type : null, transient: false, userMessage: null };
  }
  return null;
}

/** Invalid or expired access token (subcodes 463 expired, 460 password changed, 467 logged out). */
export const EXPIRED_TOKEN_CODE = 190;
/** 102, "API session", is the older form of the same: the session behind the token is gone. */
const EXPIRED_TOKEN_CODES = new Set([EXPIRED_TOKEN_CODE, 102]);
/**
 * Throttling: 4 app, 17 user, 32 page, 613 calls per hour, 80001/80002 business use case
 * (Pages / Instagram), 9 "reached the limit" (Instagram's publishing cap, subcode 2207042).
 */
export const THROTTLE_CODES: ReadonlySet<number> = new Set([4, 9, 17, 32, 613, 80001, 80002]);
/** Subcode 2207051 rides on code 4 but is a spam verdict, not a rate limit. */
export const SPAM_SUBCODE = 2207051;
/** Publishing cap reached (Instagram's table: code 9, subcode 2207042). */
export const PUBLISH_CAP_SUBCODE = 2207042;
/** "Media not ready for publishing" (code 9007, subcode 2207027): nothing was published. */
const NOT_READY_CODE = 9007;
/** Codes Meta uses for "something went wrong on our side": 1 unknown, 2 service unavailable, -1/-2 IG server. */
const SERVER_CODES = new Set([-2, -1, 1, 2]);

/** 10 and 200–299: the app or the token lacks a permission. */
export const isPermissionCode = (code: number | null | undefined): boolean => code === 10 || (typeof code === 'number' && code >= 200 && code <= 299);

export type GraphVerdict =
  | { kind: 'expired_token' }
  | { kind: 'rate_limited'; cap: boolean }
  /** The platform's side failed: unknown on the call that creates the post, transient before it. */
  | { kind: 'server' }
  /** Definitely not published and safe to try again (container not ready, documented transient). */
  | { kind: 'not_ready' }
  /** A definite refusal: validation, permissions, spam, a missing object. */
  | { kind: 'refused' };

export function judge(status: number, err: GraphError | null): GraphVerdict {
  const code = err?.code ?? null;
  if (code !== null && EXPIRED_TOKEN_CODES.has(code)) return { kind: 'expired_token' };
  if (err?.subcode === PUBLISH_CAP_SUBCODE) return { kind: 'rate_limited', cap: true };
  if (status === 429 || (code !== null && THROTTLE_CODES.has(code) && err?.subcode !== SPAM_SUBCODE)) {
    return { kind: 'rate_limited', cap: code === 9 };
  }
  if (code === NOT_READY_CODE) return { kind: 'not_ready' };
  // is_transient does not say whether a write took effect, so it counts as a server failure.
  if (status >= 500 || err?.transient || (code !== null && SERVER_CODES.has(code))) return { kind: 'server' };
  return { kind: 'refused' };
}

/** The platform's words for a creator: its user message, else its developer message. */
export function wordsOf(err: GraphError | null, status: number): string {
  if (!err) return `HTTP ${status}`;
  return err.userMessage ?? err.message;
}
