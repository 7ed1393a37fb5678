/** Channels and events of the generation queue; merged into the contract in ../channels.ts. */
import { z } from 'zod';
import { Id } from '../schemas';

export const GENERATION_MAX_VARIANTS = 5;

export const GenerationJobState = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);

/** One job of the queue: what it writes, where it stands, and the drafts it wrote (in Review). */
export const GenerationJob = z.object({
  id: Id,
  kind: z.enum(['template_variants']),
  state: GenerationJobState,
  priority: z.number().int(),
  /** How many times the model was asked (a retry after a rate limit counts). */
  attempts: z.number().int(),
  /** Not before this instant (epoch ms): a rate limit's wait or a backoff; null: as soon as it can. */
  nextAttemptAt: z.number().int().nullable(),
  /** Why the last attempt failed, or why the job failed, in words. */
  lastError: z.string().nullable(),
  /** The drafts it wrote, waiting in Review. */
  postIds: z.array(Id),
  templateId: Id.nullable(),
  count: z.number().int(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});

export const generationChannels = {
  /** Queues one job writing `count` variants of a template for the accounts; their drafts land in Review. */
  'generation:variants': {
    input: z.strictObject({
      templateId: Id,
      values: z.record(z.string().max(200), z.string().max(2_000, 'Keep each value under 2,000 characters')).default({}),
      accountIds: z
        .array(Id)
        .min(1, 'Pick at least one account')
        .max(20, 'Variants go to at most 20 accounts')
        .refine((list) => new Set(list).size === list.length, { message: 'An account is listed twice' }),
      count: z.number().int().min(1, 'Ask for at least one variant').max(GENERATION_MAX_VARIANTS, `Ask for at most ${GENERATION_MAX_VARIANTS} variants`),
      /** Higher runs first; equal priorities run oldest first. */
      priority: z.number().int().min(-100).max(100).default(0),
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
} as const;

export const generationEvents = {
  /** A job changed state (queued, running, retry planned, done, failed, cancelled). */
  'generation:job': GenerationJob,
  /** A piece of a variant's text as the model writes it; pieces of one variant arrive in order. */
  'generation:token': z.object({ jobId: Id, variant: z.number().int().min(0), delta: z.string() }),
} as const;

export type GenerationJobDto = z.output<typeof GenerationJob>;
