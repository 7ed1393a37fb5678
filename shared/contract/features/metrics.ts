/** Channels and events of metrics collection; merged into the contract in ../channels.ts. */
import { z } from 'zod';
import { Id, IsoInstant, PlatformSchema } from '../schemas';

export const METRIC_CHECK_STATUSES = ['ok', 'pending', 'unsupported', 'permission_required', 'rate_limited', 'not_found', 'failed'] as const;

const Count = z.number().int().nullable();

/** A post's numbers as last looked at; null: the platform does not report it (never 0). */
export const MetricNumbers = z.object({
  impressions: Count,
  views: Count,
  likes: Count,
  replies: Count,
  reposts: Count,
  quotes: Count,
  shares: Count,
  saves: Count,
  clicks: Count,
  bookmarks: Count,
});

export const TargetMetricsStatus = z.object({
  targetId: Id,
  platform: PlatformSchema,
  accountId: Id.nullable(),
  /** null: not looked at yet (or not published). */
  status: z.enum(METRIC_CHECK_STATUSES).nullable(),
  /** In words: which permission is missing, until when a rate limit lasts, what failed. */
  statusDetail: z.string().nullable(),
  checkedAt: IsoInstant.nullable(),
  /** null: measuring is over (past day 90, or the post is gone) or has not started. */
  nextCheckAt: IsoInstant.nullable(),
  /** "Refresh now" was asked and the next sweep will look. */
  refreshRequested: z.boolean(),
  checks: z.number().int(),
  /** When the latest numbers were taken; null with `numbers` when none yet. */
  numbersAt: IsoInstant.nullable(),
  numbers: MetricNumbers.nullable(),
});

/** Why a copy asked for in a refresh got no new numbers: its look's status, or `not_measured` (deleted or unpublished meanwhile). */
export const REFRESH_PROBLEMS = ['pending', 'unsupported', 'permission_required', 'rate_limited', 'not_found', 'failed', 'not_measured'] as const;

const Copies = z.number().int().nonnegative();

/**
 * How far "look at every post's numbers again now" got: the copies asked for since the refresh
 * began (a refresh asked for meanwhile adds to it), those looked at since (with or without new
 * numbers) and those still waiting. asked = looked + waiting + stopped.
 */
export const RefreshProgress = z.object({
  /** idle: none asked since Loomcast started; done: every copy looked at; stopped: the creator stopped it. */
  state: z.enum(['idle', 'running', 'done', 'stopped']),
  startedAt: IsoInstant.nullable(),
  endedAt: IsoInstant.nullable(),
  asked: Copies,
  looked: Copies,
  waiting: Copies,
  /** Copies still waiting when it was stopped: back on their usual schedule. */
  stopped: Copies,
  /**
   * Copies looked at without new numbers, by why and on which platform (a rate limit on two
   * platforms is two entries); `detail` in words (the latest such). `platform` is null where the
   * copy is gone and its platform unknown.
   */
  problems: z.array(z.object({ status: z.enum(REFRESH_PROBLEMS), platform: PlatformSchema.nullable(), copies: Copies, detail: z.string().nullable() })),
});

export const metricsChannels = {
  /** Queues a look at these posts' numbers (every measured post without ids) at the next sweep; answers at once. */
  'metrics:refresh': {
    input: z.strictObject({ postIds: z.array(Id).max(1_000, 'Refresh at most 1,000 posts at a time').optional() }).optional(),
    output: z.object({ queued: z.number().int() }),
  },
  /** How far the refresh under way (or the last one) got. */
  'metrics:refreshStatus': { input: z.strictObject({}).optional(), output: RefreshProgress },
  /**
   * Stops the refresh under way: copies still waiting go back to their usual schedule; numbers
   * already taken stay, and a look under way finishes.
   */
  'metrics:cancelRefresh': { input: z.strictObject({}).optional(), output: RefreshProgress },
  /** How collection stands for each copy of a post, with its latest numbers. */
  'metrics:status': {
    input: z.strictObject({ postId: Id }),
    output: z.array(TargetMetricsStatus),
  },
} as const;

export const metricsEvents = {
  /** A sweep recorded new numbers for these targets. */
  'metrics:updated': z.object({ targetIds: z.array(Id) }),
  /** The refresh under way moved on: asked for, looked at, stopped or done. */
  'metrics:refreshProgress': RefreshProgress,
} as const;

export type RefreshProgressDto = z.infer<typeof RefreshProgress>;
export type RefreshProblem = (typeof REFRESH_PROBLEMS)[number];

export type TargetMetricsStatusDto = z.infer<typeof TargetMetricsStatus>;
