/**
 * The container flow Instagram and Threads share: make a media container, wait until it is
 * ready, then one publishing call makes the post. Also the rolling 24-hour publishing cap both
 * enforce, read from the account's own limit endpoint.
 */
import { detailsOf } from '../common/http';
import { pause } from '../common/pause';
import type { ClientContext, MediaItem } from '../types';
import { idOf, succeeded, type Answer } from './graph-call';
import { pageOf, parseGraphTime, seconds } from './lists';
import { failureOutcome, type GraphPlatform, type Outcome } from './outcome';
import { readUsage } from './usage';

/** GET on the platform's API as the account: path, query. */
export type GraphGet = (ctx: ClientContext, path: string, query?: Record<string, string>) => Promise<Answer>;

/** Container status checks: quick at first, then backing off, then giving up. */
export interface PollPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  /** Stop (nothing published, safe to retry) once this much time was spent waiting. */
  maxWaitMs: number;
  /**
   * The same for a post with a video, over all of its containers. Reels and videos often take
   * minutes to process; a photo's wait would end every attempt at them before they are ready, and
   * each retry starts a new container, so such a post could never go out.
   */
  videoMaxWaitMs: number;
}

/**
 * Photos are usually FINISHED within seconds; give up before the scheduler's timeout (60 s) cuts
 * the call. A call with a video is given 10 more minutes (publishing/timeouts.ts,
 * VIDEO_PROCESSING_MS): stop waiting well inside that, so the answer is ours, not the timeout's.
 */
export const DEFAULT_POLL: PollPolicy = { firstDelayMs: 1_000, maxDelayMs: 5_000, maxWaitMs: 45_000, videoMaxWaitMs: 8 * 60_000 };

/** Time spent waiting so far in one publish: its containers share one budget. */
export interface WaitBudget {
  maxWaitMs: number;
  waitedMs: number;
}

/** The wait budget for one publish: longer when any item is a video. */
export function waitBudget(policy: PollPolicy, media: readonly MediaItem[]): WaitBudget {
  const video = media.some((m) => m.mime.startsWith('video/'));
  return { maxWaitMs: video ? Math.max(policy.videoMaxWaitMs, policy.maxWaitMs) : policy.maxWaitMs, waitedMs: 0 };
}

export type ContainerState = { state: 'ready' } | { state: 'waiting' } | { state: 'error'; words: string } | { state: 'expired' };

/**
 * Polls a media container until it is ready to publish. Returns null when it is, or the
 * outcome that ends the attempt; nothing has been published at this point in any case.
 */
export async function waitForContainer(
  ctx: ClientContext,
  p: GraphPlatform,
  policy: PollPolicy,
  check: () => Promise<Answer>,
  read: (body: unknown) => ContainerState,
  budget: WaitBudget = { maxWaitMs: policy.maxWaitMs, waitedMs: 0 },
): Promise<Outcome | null> {
  let delay = policy.firstDelayMs;
  for (;;) {
    const answer = await check();
    if (!succeeded(answer)) return failureOutcome(ctx, p, 'prepare', answer, 'processing the media');
    const s = read(answer.body);
    if (s.state === 'ready') return null;
    if (s.state === 'error') return { kind: 'failed', reason: `${p.name} could not use the media: ${s.words}`, details: detailsOf(answer.status, answer.body) };
    if (s.state === 'expired') return { kind: 'transient', reason: `${p.name} let the prepared media expire before it was published; nothing was published.` };
    if (budget.waitedMs >= budget.maxWaitMs) {
      return { kind: 'transient', reason: `${p.name} was still processing the media after ${Math.round(budget.waitedMs / 1000)} s; nothing was published.` };
    }
    if (!(await pause(ctx.clock, delay, ctx.signal))) {
      return { kind: 'transient', reason: `Stopped waiting for ${p.name} to process the media; nothing was published.` };
    }
    budget.waitedMs += delay;
    delay = Math.min(delay * 2, policy.maxDelayMs);
  }
}

/**
 * Checks every item against the platform's rules, then makes the public links it pulls the
 * media from. Either way nothing has been published yet.
 */
export async function mediaUrls(name: string, media: MediaItem[], problemOf: (m: MediaItem) => string | null): Promise<{ urls: string[] } | { outcome: Outcome }> {
  for (const m of media) {
    const problem = problemOf(m);
    if (problem) return { outcome: { kind: 'failed', reason: problem } };
  }
  try {
    return { urls: await Promise.all(media.map((m) => m.publicUrl())) };
  } catch (err) {
    return { outcome: { kind: 'transient', reason: `Could not make a link ${name} can fetch the media from; nothing was published.`, details: (err as Error)?.message } };
  }
}

/** Reads the answer of the one call that creates the post, and the post's public link. */
export async function publishedOutcome(ctx: ClientContext, p: GraphPlatform, get: GraphGet, published: Answer, doing: string): Promise<Outcome> {
  const mediaId = idOf(published);
  if (!mediaId) {
    if (succeeded(published)) return { kind: 'unknown', reason: `${p.name} answered the publish call without the post's id; the post may or may not be up.` };
    return failureOutcome(ctx, p, 'create', published, doing);
  }
  const usage = published.ok ? readUsage(published.res, ctx.clock.now()).rateLimit : undefined;
  return { kind: 'published', platformPostId: mediaId, url: await permalinkOf(ctx, get, mediaId), ...(usage ? { rateLimit: usage } : {}) };
}

/** The public link; the post is up either way, so a failure here only costs the link. */
export async function permalinkOf(ctx: ClientContext, get: GraphGet, mediaId: string): Promise<string | null> {
  const got = await get(ctx, `/${encodeURIComponent(mediaId)}`, { fields: 'permalink' });
  const link = succeeded(got) ? (got.body as { permalink?: unknown } | null)?.permalink : null;
  return typeof link === 'string' ? link : null;
}

/** The oldest post still inside the rolling window is the first to free a slot. */
export function capFreesAt(timestamps: number[], windowMs: number, now: number): number | undefined {
  const inWindow = timestamps.filter((t) => t > now - windowMs);
  return inWindow.length === 0 ? undefined : Math.min(...inWindow) + windowMs;
}

type LimitRow = { quota_usage?: number; config?: { quota_total?: number; quota_duration?: number } };

/**
 * The publishing cap from `GET /{user}/<limitEdge>?fields=quota_usage,config`; when it is used up,
 * the account's posts in the window (`<postsEdge>`) say when the oldest one frees a slot.
 * `unreadMeansCapped`: the platform already said "cap reached" (Instagram's code 9), so a quota
 * it will not show still counts as used up; Threads asks on every throttle and needs the quota to say so.
 */
export function publishingCap(o: {
  name: string;
  get: GraphGet;
  userId(ctx: ClientContext): string;
  limitEdge: string;
  postsEdge: string;
  unreadMeansCapped: boolean;
}): (ctx: ClientContext) => Promise<{ until: number; why: string } | undefined> {
  return async (ctx) => {
    const user = o.userId(ctx);
    const limit = await o.get(ctx, `/${user}/${o.limitEdge}`, { fields: 'quota_usage,config' });
    if (!succeeded(limit)) return undefined;
    const row = pageOf<LimitRow>(limit.body).items[0];
    const total = row?.config?.quota_total;
    const used = row?.quota_usage;
    const known = typeof total === 'number' && typeof used === 'number';
    if (known ? used < total : !o.unreadMeansCapped) return undefined;
    const windowMs = (row?.config?.quota_duration ?? 86_400) * 1000;
    const now = ctx.clock.now();
    const recent = await o.get(ctx, `/${user}/${o.postsEdge}`, { fields: 'timestamp', since: seconds(now - windowMs), limit: '100' });
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
      why: `${o.name} allows ${count} through its API per ${hours} hours and this account has used them; the next can go out once the oldest of them is ${hours} hours old.`,
    };
  };
}
