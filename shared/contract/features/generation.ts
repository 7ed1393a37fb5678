/** Channels and events of the generation queue; merged into the contract in ../channels.ts. */
import { z } from 'zod';
import { Id, PlatformSchema } from '../schemas';

export const GENERATION_MAX_VARIANTS = 5;

/**
 * What a job writes: variants of a template, a finished post for a planned slot (a new version of
 * the offline writer's draft), a post from an idea, or a new draft from an existing post —
 * rewritten for a platform, shortened to fit one, or turned into a thread.
 */
export const GENERATION_KINDS = ['template_variants', 'slot', 'idea', 'rewrite', 'shorten', 'thread'] as const;
export const GenerationKind = z.enum(GENERATION_KINDS);
export type GenerationKindDto = z.output<typeof GenerationKind>;

export const GenerationJobState = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);

/** One job of the queue: what it writes, where it stands, and the drafts it wrote (in Review). */
export const GenerationJob = z.object({
  id: Id,
  kind: GenerationKind,
  /** What it writes, in the creator's words: "3 variants of “Before and after”". */
  title: z.string(),
  state: GenerationJobState,
  priority: z.number().int(),
  /** How many times the model was asked (a retry after a rate limit counts). */
  attempts: z.number().int(),
  /** Not before this instant (epoch ms): a rate limit's wait or a backoff; null: as soon as it can. */
  nextAttemptAt: z.number().int().nullable(),
  /** Why the last attempt failed, or why the job failed, in words. */
  lastError: z.string().nullable(),
  /** The drafts it wrote (or rewrote), waiting in Review. */
  postIds: z.array(Id),
  templateId: Id.nullable(),
  /** The post it starts from (a slot's draft, the post to rewrite, shorten or thread). */
  sourcePostId: Id.nullable(),
  count: z.number().int(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});

const Priority = z.number().int().min(-100, 'Priority is between -100 and 100').max(100, 'Priority is between -100 and 100');
const AccountIds = z
  .array(Id)
  .min(1, 'Pick at least one account')
  .max(20, 'A draft goes to at most 20 accounts')
  .refine((list) => new Set(list).size === list.length, { message: 'An account is listed twice' });

export const generationChannels = {
  /** Queues one job writing `count` variants of a template for the accounts; their drafts land in Review, linked as one set. */
  'generation:variants': {
    input: z.strictObject({
      templateId: Id,
      values: z.record(z.string().max(200), z.string().max(2_000, 'Keep each value under 2,000 characters')).default({}),
      accountIds: AccountIds,
      count: z.number().int().min(1, 'Ask for at least one variant').max(GENERATION_MAX_VARIANTS, `Ask for at most ${GENERATION_MAX_VARIANTS} variants`),
      /** The voice to write in; null: none. */
      voiceId: Id.nullable().default(null),
      /** Higher runs first; equal priorities run oldest first. */
      priority: Priority.default(0),
    }),
    output: GenerationJob,
  },
  /** Queues one job writing a finished post from an idea for the accounts; the draft lands in Review. */
  'generation:fromIdea': {
    input: z.strictObject({ ideaId: Id, accountIds: AccountIds, voiceId: Id.nullable().default(null), priority: Priority.default(0) }),
    output: GenerationJob,
  },
  /**
   * Queues a job per planned draft (from Plan a month) asking the model to write it as a finished
   * post from its pillar, template and voice; its words become a new version, still in Review.
   * A draft the creator edited since is left as they wrote it.
   */
  'generation:slots': {
    input: z.strictObject({
      postIds: z.array(Id).min(1, 'Pick at least one draft').max(200, 'At most 200 drafts at once'),
      priority: Priority.default(-10),
    }),
    output: z.array(GenerationJob),
  },
  /**
   * Queues a new draft written from an existing post: rewritten for a platform, shortened to fit
   * one, or turned into a thread. The post itself is left as it is; the new draft lands in Review.
   */
  'generation:rewrite': {
    input: z.strictObject({
      postId: Id,
      task: z.enum(['rewrite', 'shorten', 'thread'], { message: 'Pick rewrite, shorten or thread' }),
      /** The platform to write for (rewrite, shorten); a thread goes to the post's platforms that take threads. */
      platform: PlatformSchema.optional(),
      priority: Priority.default(0),
    }),
    output: GenerationJob,
  },
  /** The queue, newest first. */
  'generation:list': {
    input: z.strictObject({ limit: z.number().int().min(1).max(500).default(100) }).optional(),
    output: z.array(GenerationJob),
  },
  /** Cancels a queued or running job: the request is aborted and nothing half-written is kept. */
  'generation:cancel': { input: z.strictObject({ id: Id }), output: GenerationJob },
  /** Queues a failed or cancelled job again, as if new (its tries start over). */
  'generation:retry': { input: z.strictObject({ id: Id }), output: GenerationJob },
  /** Changes a queued job's priority (higher runs first). */
  'generation:prioritize': { input: z.strictObject({ id: Id, priority: Priority }), output: GenerationJob },
} as const;

export const generationEvents = {
  /** A job changed state (queued, running, retry planned, done, failed, cancelled). */
  'generation:job': GenerationJob,
  /** A piece of a draft's text as the model writes it; pieces of one draft arrive in order. */
  'generation:token': z.object({ jobId: Id, variant: z.number().int().min(0), delta: z.string() }),
} as const;

export type GenerationJobDto = z.output<typeof GenerationJob>;
