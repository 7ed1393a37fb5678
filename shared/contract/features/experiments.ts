/** Channels and events of A/B/n experiments; merged into the contract in ../channels.ts. */
import { z } from 'zod';
import { Id, IsoInstant, PostText } from '../schemas';

export const EXPERIMENT_STATES = ['running', 'stopped', 'decided'] as const;
/** 'equivalent': the expected-loss rule found every arm as good as the best (no winner to roll out). */
export const VERDICT_STATES = ['collecting', 'no_difference', 'equivalent', 'winner'] as const;
export const STOPPING_RULES = ['fixed_horizon', 'expected_loss'] as const;
export const EXPERIMENT_METRICS = ['engagement_rate', 'engagements'] as const;

const ArmInput = z.strictObject({
  label: z.string().trim().max(40, 'Keep a version’s name under 40 characters').optional(),
  text: PostText,
});

export const Verdict = z.object({
  state: z.enum(VERDICT_STATES),
  /** The winning arm's number; null unless state is 'winner'. */
  winner: z.number().int().nullable(),
  /** Permutation test of per-post rates (best arm against the rest); null before the minimum. */
  pValue: z.number().nullable(),
  /** Bootstrap interval of the difference of mean per-post rates, best minus runner-up. */
  difference: z.object({ estimate: z.number(), low: z.number(), high: z.number() }).nullable(),
  /** Probability each arm is best from pooled counts (optimistic); by arm. */
  pBest: z.array(z.number()).nullable(),
  expectedLoss: z.array(z.number()).nullable(),
  /**
   * Sample-ratio check: did each version get the share it was meant to? `n`: the posts with numbers
   * it rests on; with none, pValue is null (nothing checked yet).
   */
  srm: z.object({ pValue: z.number().nullable(), ok: z.boolean(), n: z.number().int() }),
  /** The stopping rule in words: "fixed horizon: 5 posts per version" or "expected loss under 0.2 %". */
  rule: z.string(),
  /** Why this is the verdict, in words. */
  reason: z.string(),
});

export const ExperimentArm = z.object({
  arm: z.number().int(),
  label: z.string(),
  text: z.string(),
  plannedShare: z.number(),
  /** Posts made for this arm, how many are out, and how many have numbers at the comparison age. */
  planned: z.number().int(),
  published: z.number().int(),
  measured: z.number().int(),
  /** Each counted post's rate (or engagements) at the comparison age, in the order they went out. */
  rates: z.array(z.number()),
  mean: z.number().nullable(),
});

/**
 * Whether a post counts in the comparison: 'counted' (its numbers at the comparison age),
 * 'not_out', 'too_young' (out, not that old yet), 'awaiting' (that old, the next look is due),
 * 'missed' (no look near that age), 'not_reported' (numbers then, without what is compared).
 */
export const POST_COUNTED_STATES = ['counted', 'not_out', 'too_young', 'awaiting', 'missed', 'not_reported'] as const;

/** The age the arms are compared at, and how many posts the comparison rests on. */
export const Comparison = z.object({
  /** Each post's numbers as of this many hours after its own publishing. */
  ageHours: z.number(),
  counted: z.number().int(),
  tooYoung: z.number().int(),
  awaiting: z.number().int(),
  missed: z.number().int(),
  notReported: z.number().int(),
  /** All of it in words. */
  text: z.string(),
});

export const ExperimentPost = z.object({
  postId: Id,
  arm: z.number().int(),
  /** The matched slot: "Mon 09:00", or the account's handle. */
  slot: z.string(),
  state: z.string(),
  scheduledAt: IsoInstant.nullable(),
  accountId: Id.nullable(),
  /** Its rate (or engagements) at the comparison age; null until it counts. */
  rate: z.number().nullable(),
  counted: z.enum(POST_COUNTED_STATES),
});

export const ExperimentSummary = z.object({
  id: Id,
  name: z.string(),
  state: z.enum(EXPERIMENT_STATES),
  metric: z.enum(EXPERIMENT_METRICS),
  arms: z.number().int(),
  postsPerArm: z.number().int(),
  verdict: z.enum(VERDICT_STATES),
  /** The winner's label, when there is one. */
  winnerLabel: z.string().nullable(),
  campaignId: Id.nullable(),
  createdAt: IsoInstant,
});

export const Experiment = ExperimentSummary.extend({
  stopping: z.enum(STOPPING_RULES),
  lossThreshold: z.number().nullable(),
  variantSetId: Id.nullable(),
  mode: z.enum(['slots', 'accounts']),
  armsTable: z.array(ExperimentArm),
  posts: z.array(ExperimentPost),
  result: Verdict,
  comparison: Comparison,
  /** Posts a winner could be rolled out to: the campaign's posts that have not gone out, outside this experiment, without the winner's words yet. */
  rolloutCandidates: z.array(z.object({ postId: Id, text: z.string() })),
});

export const VariantSetOption = z.object({
  id: Id,
  /** The generation job that wrote it. */
  jobId: Id.nullable(),
  templateName: z.string().nullable(),
  createdAt: IsoInstant,
  arms: z.array(z.object({ arm: z.number().int(), postId: Id, text: z.string(), hook: z.string().nullable() })),
});

export const experimentsChannels = {
  'experiments:list': { input: z.strictObject({}).optional(), output: z.array(ExperimentSummary) },
  'experiments:get': { input: z.strictObject({ id: Id }), output: Experiment },
  /** Variant sets the content engine wrote, with each arm's current text: the start of an experiment. */
  'experiments:variantSets': { input: z.strictObject({}).optional(), output: z.array(VariantSetOption) },
  /**
   * Makes one post per (arm, matched slot), each waiting in Review. One account: its weekly
   * posting times are the slots. Several accounts (of one platform): the accounts are.
   */
  'experiments:create': {
    input: z
      .strictObject({
        name: z.string().trim().min(1, 'Give the experiment a name').max(120, 'Keep the name under 120 characters'),
        variantSetId: Id.optional(),
        arms: z.array(ArmInput).min(2, 'An experiment needs at least two versions').max(5, 'Test at most five versions at once').optional(),
        accountIds: z.array(Id).min(1, 'Pick an account').max(20, 'Pick at most 20 accounts').refine((l) => new Set(l).size === l.length, { message: 'An account is listed twice' }),
        postsPerArm: z.number().int().min(2, 'Each version needs at least 2 posts').max(100, 'At most 100 posts per version').default(5),
        campaignId: Id.nullable().default(null),
        stopping: z.enum(STOPPING_RULES).default('fixed_horizon'),
        /** For 'expected_loss': stop when the leader's expected loss is under this (0.002 is 0.2 %). */
        lossThreshold: z.number().positive().max(0.5).optional(),
      })
      .refine((r) => (r.variantSetId === undefined) !== (r.arms === undefined), { message: 'Start from a variant set or write the versions, not both', path: ['arms'] }),
    output: Experiment,
  },
  /** Stops it; its posts that have not gone out are cancelled unless `keepPosts`. */
  'experiments:stop': { input: z.strictObject({ id: Id, keepPosts: z.boolean().default(false) }), output: Experiment },
  /**
   * The winner's words replace these posts' text (default: the campaign's posts not yet out) as new
   * versions back in Review. Posts that already have the winner's words are left as they are (an
   * approval stands) and listed in `unchanged`; `postIds` are the posts that changed.
   */
  'experiments:rollout': {
    input: z.strictObject({ id: Id, postIds: z.array(Id).min(1).max(200).optional() }),
    output: z.object({ postIds: z.array(Id), unchanged: z.array(Id) }),
  },
} as const;

export const experimentsEvents = {
  'experiments:changed': z.object({ ids: z.array(Id) }),
} as const;

export type ExperimentDto = z.output<typeof Experiment>;
export type ExperimentSummaryDto = z.output<typeof ExperimentSummary>;
export type ExperimentArmDto = z.output<typeof ExperimentArm>;
export type VerdictDto = z.output<typeof Verdict>;
export type VariantSetOptionDto = z.output<typeof VariantSetOption>;
export type ComparisonDto = z.output<typeof Comparison>;
export type PostCountedState = (typeof POST_COUNTED_STATES)[number];
