/**
 * What Instagram and Threads share as Meta Graph APIs: the `{error:{message,type,code,
 * error_subcode,fbtrace_id}}` envelope, which codes mean "expired sign-in" or "slow down",
 * the usage headers, Graph timestamps and paged lists. Threads imports this file (and
 * graph-call, meta-oauth) too; Facebook could, as it speaks the same envelope.
 * Contract: ../shared/docs/platforms.md §6–7.
 */
import { request, type HttpResult, type NetworkFailure } from '../common/http';
import type { ClientContext, RateLimitInfo } from '../types';

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

const num = (v: unknown): number | null => (typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : null);

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

/** Invalid or expired access token (subcodes 463 expired, 460 password changed, 467 invalid). */
export const EXPIRED_TOKEN_CODE = 190;
/**
 * Throttling: 4 app, 17 user, 32 page, 613 calls per hour, 80001/80002 business use case
 * (Page / Instagram), 9 "reached the limit" (Instagram's publishing cap, subcode 2207042).
 */
const THROTTLE_CODES = new Set([4, 9, 17, 32, 613, 80001, 80002]);
/** Subcode 2207051 rides on code 4 but is a spam verdict, not a rate limit. */
const SPAM_SUBCODE = 2207051;
/** Publishing cap reached (Instagram's table: code 9, subcode 2207042). */
export const PUBLISH_CAP_SUBCODE = 2207042;
/** "Media not ready for publishing" (code 9007, subcode 2207027): nothing was published. */
const NOT_READY_CODE = 9007;
/** Codes Meta uses for "something went wrong on our side": 1 unknown, 2 service unavailable, -1/-2 IG server. */
const SERVER_CODES = new Set([-2, -1, 1, 2]);

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
  if (err?.code === EXPIRED_TOKEN_CODE) return { kind: 'expired_token' };
  if (err?.subcode === PUBLISH_CAP_SUBCODE) return { kind: 'rate_limited', cap: true };
  if (status === 429 || (err?.code !== null && err?.code !== undefined && THROTTLE_CODES.has(err.code) && err.subcode !== SPAM_SUBCODE)) {
    return { kind: 'rate_limited', cap: err?.code === 9 };
  }
  if (err?.code === NOT_READY_CODE) return { kind: 'not_ready' };
  // is_transient does not say whether a write took effect, so it counts as a server failure.
  if (status >= 500 || err?.transient || (err?.code !== null && err?.code !== undefined && SERVER_CODES.has(err.code))) return { kind: 'server' };
  return { kind: 'refused' };
}

/** The platform's words for a creator: its user message, else its developer message. */
export function wordsOf(err: GraphError | null, status: number): string {
  if (!err) return `HTTP ${status}`;
  return err.userMessage ?? err.message;
}

/** Graph says when the Meta usage headers let us go again, in minutes. */
export function readUsage(res: Response, now: number): { rateLimit?: RateLimitInfo; regainAt?: number } {
  let highest: number | undefined;
  let regainMinutes: number | undefined;
  const take = (o: Record<string, unknown>) => {
    for (const k of ['call_count', 'total_time', 'total_cputime', 'acc_id_util_pct']) {
      const v = num(o[k]);
      if (v !== null) highest = Math.max(highest ?? 0, v);
    }
    const regain = num(o.estimated_time_to_regain_access);
    if (regain !== null) regainMinutes = Math.max(regainMinutes ?? 0, regain);
  };
  const parse = (name: string): unknown => {
    const raw = res.headers.get(name);
    if (!raw) return undefined;
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return undefined;
    }
  };
  // X-Business-Use-Case-Usage: {"<id>":[{"type":"instagram","call_count":…,"estimated_time_to_regain_access":<minutes>}]}
  const buc = parse('x-business-use-case-usage');
  if (buc && typeof buc === 'object') {
    for (const list of Object.values(buc as Record<string, unknown>)) {
      if (Array.isArray(list)) for (const o of list) if (o && typeof o === 'object') take(o as Record<string, unknown>);
    }
  }
  // X-App-Usage: {"call_count":…,"total_time":…,"total_cputime":…} (percentages, no time)
  const app = parse('x-app-usage');
  if (app && typeof app === 'object') take(app as Record<string, unknown>);
  if (highest === undefined && regainMinutes === undefined) return {};
  const regainAt = regainMinutes !== undefined && regainMinutes > 0 ? now + regainMinutes * 60_000 : undefined;
  const rateLimit: RateLimitInfo = {
    // Meta reports usage as a percentage of the allowance; we pass it on as "out of 100".
    ...(highest !== undefined ? { limit: 100, remaining: Math.max(0, 100 - Math.ceil(highest)) } : {}),
    ...(regainAt !== undefined ? { resetAt: regainAt } : {}),
  };
  return { rateLimit, ...(regainAt !== undefined ? { regainAt } : {}) };
}

/** Fetch failures quote the URL; some Graph URLs carry the token or the app secret. */
export function redact(text: string): string {
  return text.replace(/(access_token|client_secret|code)=[^&\s)'"]+/gi, '$1=[hidden]');
}

/** `request()` with the failure message scrubbed of secrets. */
export async function send(ctx: Pick<ClientContext, 'http' | 'signal'>, url: string, init: RequestInit = {}): Promise<HttpResult> {
  const got = await request(ctx, url, init);
  if (got.ok) return got;
  const failure: NetworkFailure = { ...got.failure, message: redact(got.failure.message) };
  return { ok: false, failure };
}

/** Graph timestamps look like `2026-11-23T09:00:00+0000`. */
export function parseGraphTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const iso = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The same words as we sent them, whatever line endings or normalisation came back. */
export function sameText(a: string | null | undefined, b: string): boolean {
  const norm = (s: string) => s.replace(/\r\n?/g, '\n').normalize('NFC').trim();
  return norm(a ?? '') === norm(b);
}

/**
 * Looking for our post by time tolerates this much clock difference between this machine and
 * Meta's: a local clock running fast must not hide a post that did go out.
 */
export const CLOCK_SKEW_MS = 10 * 60_000;

/** A page of a Graph list: `{data:[…], paging:{cursors:{after}, next}}`. */
export function pageOf<T>(body: unknown): { items: T[]; after: string | null } {
  const b = body as { data?: unknown; paging?: { cursors?: { after?: unknown }; next?: unknown } } | null;
  const items = Array.isArray(b?.data) ? (b.data as T[]) : [];
  const after = typeof b?.paging?.next === 'string' && typeof b.paging.cursors?.after === 'string' ? b.paging.cursors.after : null;
  return { items, after };
}

export const seconds = (ms: number): string => String(Math.floor(ms / 1000));
