/**
 * Pinterest API v5 basics shared by the client and the connector: where the API lives, how its
 * errors read, and how its (undocumented) rate-limit signals turn into a time to wait until.
 */
import type { RateLimitInfo } from '../types';
import { parseReset, type PlatformAnswer } from '../common/http';

export const PLATFORM_NAME = 'Pinterest';
export const DEFAULT_BASE_URL = 'https://api.pinterest.com/v5';
const CONSENT_PAGE = 'https://www.pinterest.com/oauth/';

/** When a 429 carries no reset time at all, wait this long (our choice; Pinterest documents none). */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

export function apiRoot(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

/**
 * The consent screen lives on www.pinterest.com, not under the API root. A test server stands in
 * for both, so anything that is not Pinterest's own API host gets the page on its own origin.
 */
export function consentPage(baseUrl: string): string {
  const host = new URL(baseUrl).hostname;
  return host.endsWith('pinterest.com') ? CONSENT_PAGE : `${new URL(baseUrl).origin}/oauth/`;
}

export function pinUrl(id: string): string {
  return `https://www.pinterest.com/pin/${encodeURIComponent(id)}/`;
}

/** Pinterest's error body is `{"code":<int>,"message":"…"}` on every status. */
export function errorMessage(body: unknown): string | undefined {
  if (body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string') {
    return (body as { message: string }).message;
  }
  return typeof body === 'string' && body.trim() ? body.trim().slice(0, 200) : undefined;
}

/**
 * Pinterest's rate-limit headers are undocumented (platforms.md ❓). We read `x-ratelimit-*` if
 * present; `x-ratelimit-reset` is taken as seconds from now when small and as epoch seconds
 * (or an HTTP date) otherwise, since we cannot know which Pinterest means.
 */
export function readPinterestRateLimit(res: PlatformAnswer, now: number): RateLimitInfo | undefined {
  const limit = res.headers.get('x-ratelimit-limit');
  const remaining = res.headers.get('x-ratelimit-remaining');
  const resetAt = resetOf(res.headers.get('x-ratelimit-reset'), now);
  if (limit === null && remaining === null && resetAt === undefined) return undefined;
  return {
    ...(limit !== null && !Number.isNaN(Number(limit)) ? { limit: Number(limit) } : {}),
    ...(remaining !== null && !Number.isNaN(Number(remaining)) ? { remaining: Number(remaining) } : {}),
    ...(resetAt !== undefined ? { resetAt } : {}),
  };
}

function resetOf(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const n = Number(value.trim());
  if (!Number.isNaN(n) && n < 1e9) return now + Math.round(n * 1000);
  return parseReset(value);
}

/** When to try again after a 429, and where that time came from (for the creator's reason line). */
export function rateLimitWindow(res: PlatformAnswer, now: number): { until: number; source: string } {
  const retryAfter = res.headers.get('retry-after');
  if (retryAfter) {
    const secs = /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) * 1000 : Date.parse(retryAfter) - now;
    if (!Number.isNaN(secs)) return { until: now + Math.max(0, secs), source: 'Retry-After' };
  }
  const resetAt = readPinterestRateLimit(res, now)?.resetAt;
  if (resetAt !== undefined) return { until: Math.max(now, resetAt), source: 'x-ratelimit-reset' };
  return { until: now + DEFAULT_RATE_LIMIT_WAIT_MS, source: 'none' };
}
