/** Channels and events of the planner feature; merged into the contract in ../channels.ts. */
import { z } from 'zod';
import { Id } from '../schemas';
import { WritingProvenance } from './review';

const Ids = (what: string) =>
  z
    .array(Id, { message: `Pick the ${what}` })
    .min(1, `Pick at least one of your ${what}`)
    .max(50, `At most 50 ${what}`)
    .refine((list) => new Set(list).size === list.length, { message: `One of the ${what} is listed twice` });

export const PlanInput = z.strictObject({
  /** The first day of the plan (in each account's zone). */
  startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-29 (YYYY-MM-DD)'),
  days: z
    .number({ message: 'Say how many days to plan' })
    .int('Plan a whole number of days')
    .min(7, 'Plan at least a week (7 days)')
    .max(31, 'Plan at most a month (31 days)')
    .default(30),
  pillarIds: Ids('pillars'),
  templateIds: Ids('templates'),
  /** Accounts with weekly posting times (Queue); their times are the plan's slots. */
  accountIds: Ids('accounts'),
  /** A campaign the month belongs to: its name, theme and goal shape the drafts. */
  campaignId: Id.nullable().optional(),
});

export const PlannedItem = z.object({
  date: z.string(),
  time: z.string(),
  zone: z.string(),
  at: z.string(),
  accountId: Id,
  accountHandle: z.string(),
  platform: z.string(),
  pillarId: Id,
  pillarName: z.string(),
  templateId: Id,
  templateName: z.string(),
  /** The finished draft, written from the template; a line of `---` starts the next part of a thread. */
  text: z.string(),
  /** Who wrote it: the offline writer, from rules, when no AI provider is configured. */
  writer: z.enum(['offline']),
  /** What the creator should look at in review (text the writer could not fit, a pillar not meant for the account…). */
  problems: z.array(z.string()),
});

export type PlannedItemDto = z.infer<typeof PlannedItem>;
export type PlanInputDto = z.input<typeof PlanInput>;

export const plannerChannels = {
  /** What a plan would create, without creating anything. */
  'planner:preview': { input: PlanInput, output: z.object({ items: z.array(PlannedItem) }) },
  /** Creates every planned post as a draft waiting in review, all or nothing. */
  'planner:commit': { input: PlanInput, output: z.object({ created: z.number().int(), postIds: z.array(Id) }) },
  /** How the current text of these posts was written, where a writer wrote it (absent otherwise). */
  'planner:provenance': {
    input: z.strictObject({ postIds: z.array(Id).min(1, 'Pick at least one post').max(500, 'At most 500 posts at once') }),
    output: z.array(WritingProvenance),
  },
} as const;

export const plannerEvents = {} as const;
