/**
 * Instagram's publishing cap: a number of API posts per rolling 24 hours (the reference says
 * 50; older docs 25). `media_publish` answers code 9 / subcode 2207042 when it is reached; the
 * account's own usage and window are at `content_publishing_limit`, and the oldest post inside
 * the window is the first to free a slot.
 */
import type { ClientContext } from '../types';
import { NAME, igGet, igUserId, pageOf, seconds } from './api';
import { capFreesAt, succeeded, type GraphPlatform } from './graph-call';
import { parseGraphTime } from './meta-graph';

type LimitRow = { quota_usage?: number; config?: { quota_total?: number; quota_duration?: number } };

async function capUntil(ctx: ClientContext): Promise<{ until: number; why: string } | undefined> {
  const user = igUserId(ctx);
  const limit = await igGet(ctx, `/${user}/content_publishing_limit`, { fields: 'quota_usage,config' });
  if (!succeeded(limit)) return undefined;
  const row = pageOf<LimitRow>(limit.body).items[0];
  const total = row?.config?.quota_total;
  const used = row?.quota_usage;
  if (typeof total === 'number' && typeof used === 'number' && used < total) return undefined;
  const windowMs = (row?.config?.quota_duration ?? 86_400) * 1000;
  const now = ctx.clock.now();
  const recent = await igGet(ctx, `/${user}/media`, { fields: 'timestamp', since: seconds(now - windowMs), limit: '100' });
  const stamps = succeeded(recent)
    ? pageOf<{ timestamp?: string }>(recent.body)
        .items.map((m) => parseGraphTime(m.timestamp))
        .filter((t): t is number => t !== undefined)
    : [];
  const until = capFreesAt(stamps, windowMs, now) ?? now + windowMs;
  const hours = Math.round(windowMs / 3_600_000);
  const count = typeof total === 'number' ? `${total} posts` : 'a limited number of posts';
  return {
    until,
    why: `${NAME} allows ${count} through its API per ${hours} hours and this account has used them; the next can go out once the oldest of them is ${hours} hours old.`,
  };
}

export const instagramGraph: GraphPlatform = { name: NAME, capUntil, throttleMayBeCap: false };
