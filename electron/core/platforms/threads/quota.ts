/**
 * Threads' publishing cap: 250 API posts per rolling 24 hours (a carousel counts once), enforced
 * by `threads_publish`. Threads does not document a distinct error code for it, so every
 * throttling answer checks `threads_publishing_limit`; when the quota is used up, the oldest
 * post inside the window is the first to free a slot.
 */
import { capFreesAt, succeeded, type GraphPlatform } from '../instagram/graph-call';
import { pageOf, parseGraphTime, seconds } from '../instagram/meta-graph';
import type { ClientContext } from '../types';
import { NAME, thGet, threadsUserId } from './api';

type LimitRow = { quota_usage?: number; config?: { quota_total?: number; quota_duration?: number } };

async function capUntil(ctx: ClientContext): Promise<{ until: number; why: string } | undefined> {
  const user = threadsUserId(ctx);
  const limit = await thGet(ctx, `/${user}/threads_publishing_limit`, { fields: 'quota_usage,config' });
  if (!succeeded(limit)) return undefined;
  const row = pageOf<LimitRow>(limit.body).items[0];
  const total = row?.config?.quota_total;
  const used = row?.quota_usage;
  // Not the cap (or Threads would not say): the caller falls back to the call-rate limit.
  if (typeof total !== 'number' || typeof used !== 'number' || used < total) return undefined;
  const windowMs = (row?.config?.quota_duration ?? 86_400) * 1000;
  const now = ctx.clock.now();
  const recent = await thGet(ctx, `/${user}/threads`, { fields: 'timestamp', since: seconds(now - windowMs), limit: '100' });
  const stamps = succeeded(recent)
    ? pageOf<{ timestamp?: string }>(recent.body)
        .items.map((m) => parseGraphTime(m.timestamp))
        .filter((t): t is number => t !== undefined)
    : [];
  const until = capFreesAt(stamps, windowMs, now) ?? now + windowMs;
  const hours = Math.round(windowMs / 3_600_000);
  return {
    until,
    why: `${NAME} allows ${total} posts through its API per ${hours} hours and this account has used them; the next can go out once the oldest of them is ${hours} hours old.`,
  };
}

export const threadsGraph: GraphPlatform = { name: NAME, capUntil, throttleMayBeCap: true };
