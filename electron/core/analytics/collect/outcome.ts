/**
 * What a failed metrics read means for the check: the platform's words sorted into one of the
 * statuses the creator sees, with the detail in words (which permission, until when).
 */
import { PLATFORM_NAMES, type Platform } from '../../../../shared/domain/platforms';
import { PlatformError } from '../../platforms/types';
import type { CheckStatus } from './checks-repo';

/** When a platform says "too many" without saying how long: its usual window. */
export const DEFAULT_RATE_WINDOW_MS = 15 * 60_000;

export interface Verdict {
  status: Exclude<CheckStatus, 'ok'>;
  detail: string;
  /** rate_limited: when to look again. */
  retryAt?: number;
}

const isoMinute = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export function judge(err: unknown, platform: Platform, now: number): Verdict {
  const name = PLATFORM_NAMES[platform];
  if (!(err instanceof PlatformError)) return { status: 'failed', detail: `Reading the numbers from ${name} failed: ${(err as Error)?.message ?? String(err)}` };
  const { status, info } = err;
  if (status === 429 || info.retryAt !== undefined) {
    const until = Math.max(now + 1_000, info.retryAt ?? now + DEFAULT_RATE_WINDOW_MS);
    return { status: 'rate_limited', detail: `${name} is limiting requests until ${isoMinute(until)}.`, retryAt: until };
  }
  if (info.unsupported) return { status: 'unsupported', detail: err.message };
  if (info.pending) return { status: 'pending', detail: err.message };
  if (status === 401 || status === 403) {
    const scope = info.scope ? ` Loomcast needs the ${info.scope} permission: reconnect the account and allow it.` : ' Reconnect the account to allow reading its posts.';
    return { status: 'permission_required', detail: `${err.message}${scope}` };
  }
  if (status === 404 || status === 410) return { status: 'not_found', detail: `${name} no longer has this post (deleted or hidden); Loomcast stopped checking it.` };
  return { status: 'failed', detail: err.message };
}
