/**
 * Meta's usage headers → a rate-limit reading and, when Meta says it, the moment access returns.
 * - X-App-Usage: `{"call_count","total_cputime","total_time"}`, percentages of the app's rolling hour, no time.
 * - X-Business-Use-Case-Usage: `{"<id>":[{type,call_count,total_cputime,total_time,estimated_time_to_regain_access}]}`,
 *   the last in minutes (Pages, Instagram).
 * - X-Ad-Account-Usage: `{"acc_id_util_pct","reset_time_duration"}`, the latter in seconds.
 * Contract: ../shared/docs/platforms.md §5.
 */
import type { PlatformAnswer } from '../common/http';
import type { RateLimitInfo } from '../types';
import { num } from './graph-error';

export interface Usage {
  /** Highest use as "out of 100", which is how Meta reports it instead of call counts. */
  rateLimit?: RateLimitInfo;
  /** When Meta says access returns; absent when it gives no time. */
  regainAt?: number;
}

function parse(res: PlatformAnswer, name: string): unknown {
  const raw = res.headers.get(name);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * `ownerId`: the Page (or Instagram account) the call speaks for. Its own BUC entries count when
 * the header has them; otherwise every entry does (another id may be the one throttled).
 */
export function readUsage(res: PlatformAnswer, now: number, ownerId?: string): Usage {
  let highest: number | undefined;
  let regainMs: number | undefined;
  const pct = (v: unknown) => {
    const n = num(v);
    if (n !== null && Number.isFinite(n)) highest = Math.max(highest ?? 0, n);
  };
  const wait = (ms: number | null) => {
    if (ms !== null && ms > 0) regainMs = Math.max(regainMs ?? 0, ms);
  };

  const buc = parse(res, 'x-business-use-case-usage');
  if (isObject(buc)) {
    const own = ownerId !== undefined && Array.isArray(buc[ownerId]) ? [buc[ownerId]] : Object.values(buc);
    for (const list of own) {
      if (!Array.isArray(list)) continue;
      for (const o of list) {
        if (!isObject(o)) continue;
        for (const k of ['call_count', 'total_cputime', 'total_time']) pct(o[k]);
        const minutes = num(o.estimated_time_to_regain_access);
        wait(minutes === null ? null : minutes * 60_000);
      }
    }
  }
  const app = parse(res, 'x-app-usage');
  if (isObject(app)) for (const k of ['call_count', 'total_cputime', 'total_time']) pct(app[k]);
  const ad = parse(res, 'x-ad-account-usage');
  if (isObject(ad)) {
    pct(ad.acc_id_util_pct);
    const seconds = num(ad.reset_time_duration);
    // A reset time only means waiting once the account's budget is spent.
    if (seconds !== null && (num(ad.acc_id_util_pct) ?? 0) >= 100) wait(seconds * 1000);
  }

  if (highest === undefined && regainMs === undefined) return {};
  const regainAt = regainMs !== undefined ? now + regainMs : undefined;
  const rateLimit: RateLimitInfo = {
    ...(highest !== undefined ? { limit: 100, remaining: Math.max(0, 100 - Math.ceil(highest)) } : {}),
    ...(regainAt !== undefined ? { resetAt: regainAt } : {}),
  };
  return { rateLimit, ...(regainAt !== undefined ? { regainAt } : {}) };
}
