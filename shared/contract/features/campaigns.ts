/** Channels and events of the campaigns feature; merged into the contract in ../channels.ts. */
import { z } from 'zod';
import { Id, IsoInstant, Post } from '../schemas';

export const CAMPAIGN_GOALS = ['awareness', 'engagement', 'conversion'] as const;
export type CampaignGoal = (typeof CAMPAIGN_GOALS)[number];

/** Largest amount a campaign records: 100 million in the creator's currency, kept in cents. */
export const MONEY_MAX_CENTS = 10_000_000_000;

const Day = z.iso.date({ message: 'Use a calendar date such as 2026-12-01' });

const Money = (what: string) =>
  z
    .number({ message: `Enter the ${what} as a number of cents` })
    .int(`The ${what} is counted in whole cents`)
    .min(0, `The ${what} can't be below zero`)
    .max(MONEY_MAX_CENTS, `The ${what} is larger than Loomcast records (up to 100,000,000.00)`);

/** A UTM value: what analytics tools show, so letters, digits and - _ . + only, no spaces. */
const UtmValue = (key: string) =>
  z
    .string()
    .trim()
    .max(100, `Keep utm_${key} under 100 characters`)
    .regex(/^[A-Za-z0-9._+-]*$/, `utm_${key} takes letters, digits and - _ . + only (no spaces)`);

export const CampaignUtm = z.strictObject({
  /** Empty: each post's platform id ("x", "bluesky"…) is the source. */
  source: UtmValue('source').optional(),
  medium: UtmValue('medium').optional(),
  campaign: UtmValue('campaign').optional(),
  term: UtmValue('term').optional(),
  content: UtmValue('content').optional(),
});

export const Campaign = z.object({
  id: Id,
  name: z.string(),
  theme: z.string().nullable(),
  goal: z.enum(CAMPAIGN_GOALS).nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  costCents: z.number().int(),
  revenueCents: z.number().int(),
  utm: z.object({
    source: z.string().optional(),
    medium: z.string().optional(),
    campaign: z.string().optional(),
    term: z.string().optional(),
    content: z.string().optional(),
  }),
  /** How many posts belong to the campaign. */
  postCount: z.number().int(),
  /** (revenue − cost) / cost; null while the cost is zero. */
  roi: z.number().nullable(),
  /** Guard: the lowest engagement rate (a fraction) before its queued posts are paused; null: off. */
  guardMinRate: z.number().nullable(),
  /** Set while the guard holds the campaign's queued posts back, with why. */
  pausedAt: IsoInstant.nullable(),
  pausedReason: z.string().nullable(),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
});

const CampaignInput = z
  .strictObject({
    /** Absent: a new campaign. */
    id: Id.optional(),
    name: z.string().trim().min(1, 'Give the campaign a name').max(120, 'Keep the name under 120 characters'),
    theme: z.string().trim().max(500, 'Keep the theme under 500 characters').nullable().optional(),
    goal: z.enum(CAMPAIGN_GOALS, { message: 'Pick a goal: awareness, engagement or conversion' }).nullable().optional(),
    startsOn: Day.nullable().optional(),
    endsOn: Day.nullable().optional(),
    costCents: Money('cost').default(0),
    revenueCents: Money('revenue').default(0),
    utm: CampaignUtm.default({}),
    /** A fraction (0.02 = 2 %); null turns the guard off; absent keeps what was set. */
    guardMinRate: z.number({ message: 'Enter the minimum engagement rate as a number' }).gt(0, 'Set a minimum above 0 %, or leave it empty to turn the guard off').max(1, 'A rate is at most 100 %').nullable().optional(),
  })
  .refine((c) => !c.startsOn || !c.endsOn || c.endsOn >= c.startsOn, {
    message: 'The campaign ends before it starts: pick an end date on or after the start date',
    path: ['endsOn'],
  });

/** The least number of published posts with reported views the guard needs before it judges. */
export const GUARD_MIN_POSTS = 3;

export const GuardVerdict = z.object({
  campaignId: Id,
  /** off: no minimum set; paused: already holding posts; too_few: under GUARD_MIN_POSTS posts with views. */
  status: z.enum(['off', 'paused', 'too_few', 'ok', 'below']),
  rate: z.number().nullable(),
  minRate: z.number().nullable(),
  /** Published posts with reported views (the rate's n). */
  posts: z.number().int(),
  /** Copies paused by this check. */
  paused: z.number().int(),
  message: z.string(),
});

export const campaignsChannels = {
  /** Newest first, each with its post count and ROI. */
  'campaigns:list': { input: z.strictObject({}).optional(), output: z.array(Campaign) },
  /** Creates (no id) or replaces (id) a campaign. */
  'campaigns:save': { input: CampaignInput, output: Campaign },
  /** Its posts stay; they just no longer belong to a campaign. */
  'campaigns:delete': { input: z.strictObject({ id: Id }), output: z.object({ id: Id }) },
  /** Puts the posts in the campaign, or (null) takes them out of any. */
  'campaigns:assign': {
    input: z.strictObject({
      postIds: z.array(Id).min(1, 'Pick at least one post').max(5_000, 'Assign up to 5,000 posts at a time'),
      campaignId: Id.nullable(),
    }),
    output: z.object({ postIds: z.array(Id), campaignId: Id.nullable() }),
  },
  /**
   * Adds the campaign's UTM defaults to every http(s) link in the post's text, as a new version.
   * Refused (conflict) while any target is publishing or published; a post without links is left as it is.
   */
  'campaigns:applyUtm': { input: z.strictObject({ postId: Id }), output: Post },
  /** Which campaign each post belongs to (only posts that belong to one). */
  'campaigns:postCampaigns': {
    input: z.strictObject({ postIds: z.array(Id).max(5_000) }),
    output: z.array(z.object({ postId: Id, campaignId: Id })),
  },
  /** Looks at the guard of one campaign (or every guarded one) now; pauses where the rate fell too low. */
  'campaigns:guardCheck': { input: z.strictObject({ id: Id.optional() }).optional(), output: z.array(GuardVerdict) },
  /** Puts the posts the guard paused back on the schedule (those whose time passed go to Review). */
  'campaigns:resume': {
    input: z.strictObject({ id: Id }),
    output: z.object({ campaign: Campaign, rescheduled: z.number().int(), toReview: z.number().int() }),
  },
} as const;

export const campaignsEvents = {
  'campaigns:changed': z.object({ ids: z.array(Id), reason: z.enum(['saved', 'deleted', 'assigned']) }),
} as const;

export type CampaignDto = z.infer<typeof Campaign>;
export type CampaignUtmDto = z.infer<typeof CampaignUtm>;

/** (revenue − cost) / cost, or null when nothing was spent (no meaningful ratio). */
export function roiOf(costCents: number, revenueCents: number): number | null {
  return costCents > 0 ? (revenueCents - costCents) / costCents : null;
}
