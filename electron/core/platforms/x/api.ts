/**
 * What every X API v2 call shares: the bearer header, reading X's words out of its two error
 * shapes, and its rate-limit headers. Contract: ../shared/docs/platforms.md §1.
 */
import { detailsOf, parseReset, readRateLimit, request, type HttpResult, type PlatformAnswer } from '../common/http';
import type { ClientContext, PublishOutcome, RateLimitInfo } from '../types';

export const X_NAME = 'X';
export const DEFAULT_API_BASE = 'https://api.x.com';
/** The consent screen lives on x.com, not on the API host. */
export const DEFAULT_AUTH_BASE = 'https://x.com';

/** When X sends no reset header with a 429, wait out its documented 15-minute window. */
const FALLBACK_WINDOW_MS = 15 * 60_000;

export type XCtx = Pick<ClientContext, 'http' | 'signal' | 'account' | 'credentials'>;

export function apiUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

/** One authenticated call to the API; never logs or returns the token. */
export function xCall(ctx: XCtx, path: string, init: RequestInit = {}): Promise<HttpResult> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${ctx.credentials.accessToken}`);
  return request(ctx, apiUrl(ctx.account.baseUrl, path), { ...init, headers });
}

export function xJson(ctx: XCtx, path: string, method: string, body: unknown): Promise<HttpResult> {
  return xCall(ctx, path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

type ErrorBody = {
  title?: string;
  detail?: string;
  error_description?: string;
  errors?: { code?: number; message?: string; detail?: string }[];
};

/**
 * X's own words from either error shape it uses: problem details (`title`/`detail`), the
 * `{errors:[{code,message}]}` list, or an OAuth `error_description`.
 */
export function xMessage(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return typeof body === 'string' && body ? body.slice(0, 200) : undefined;
  const b = body as ErrorBody;
  const first = Array.isArray(b.errors) ? b.errors[0] : undefined;
  return first?.message ?? first?.detail ?? b.detail ?? b.error_description ?? b.title;
}

/** 429 in either documented shape: problem JSON (status 429) or `errors[].code === 88`. */
export function isRateLimited(status: number, body: unknown): boolean {
  if (status === 429) return true;
  const errors = (body as ErrorBody | null)?.errors;
  return Array.isArray(errors) && errors.some((e) => e?.code === 88);
}

export function isDuplicate(body: unknown): boolean {
  const text = JSON.stringify(body ?? '').toLowerCase();
  return text.includes('duplicate content') || text.includes('"code":187');
}

/**
 * X sends up to three windows: the endpoint's 15-minute one (`x-rate-limit-*`) and, on posting,
 * the user's and the app's 24-hour caps (`x-user-limit-24hour-*`, `x-app-limit-24hour-*`).
 * The scheduler paces by the tightest one.
 */
function windows(res: PlatformAnswer): RateLimitInfo[] {
  return ['x-rate-limit-', 'x-user-limit-24hour-', 'x-app-limit-24hour-'].flatMap((p) => readRateLimit(res, p) ?? []);
}

export function readXRateLimit(res: PlatformAnswer): RateLimitInfo | undefined {
  const all = windows(res);
  if (all.length === 0) return undefined;
  return all.reduce((tight, w) => {
    const a = tight.remaining ?? Infinity;
    const b = w.remaining ?? Infinity;
    if (b < a || (b === a && (w.resetAt ?? 0) > (tight.resetAt ?? 0))) return w;
    return tight;
  });
}

/** When a 429 lifts: the latest reset among exhausted windows, else the endpoint window's reset. */
export function rateLimitedUntil(res: PlatformAnswer, now: number): { until: number; stated: boolean } {
  const all = windows(res);
  const exhausted = all.filter((w) => w.remaining === 0 && w.resetAt !== undefined).map((w) => w.resetAt!);
  if (exhausted.length > 0) return { until: Math.max(...exhausted), stated: true };
  const reset = parseReset(res.headers.get('x-rate-limit-reset'));
  if (reset !== undefined) return { until: reset, stated: true };
  return { until: now + FALLBACK_WINDOW_MS, stated: false };
}

export function rateLimitedOutcome(res: PlatformAnswer, body: unknown, now: number, what: string): PublishOutcome {
  const { until, stated } = rateLimitedUntil(res, now);
  const when = stated ? `until ${new Date(until).toISOString()}` : 'for 15 minutes (X did not say how long)';
  return { kind: 'rate_limited', until, reason: `X's rate limit for ${what} was reached; waiting ${when}.`, details: detailsOf(res.status, body) };
}
