/** Channels and events of the campaigns feature; merged into the contract in ../channels.ts. */
import { z } from 'zod';
import { currencyDigits, isCurrency } from '../../domain/currency';
import { Id, IsoInstant, Post } from '../schemas';

export const CAMPAIGN_GOALS = ['awareness', 'engagement', 'conversion'] as const;
export type CampaignGoal = (typeof CAMPAIGN_GOALS)[number];

/**
 * Largest amount a campaign records: 100 million of its currency. Amounts are kept in the
 * currency's minor unit (shared/domain/currency.ts), so the cap in minor units depends on it.
 */
export const MONEY_MAX_UNITS = 100_000_000;
export const moneyMaxMinor = (currency: string): number => MONEY_MAX_UNITS * 10 ** currencyDigits(currency);
/** The cap whatever the currency (a currency with 4 minor digits); the core checks each campaign's own. */
const MONEY_MAX_ANY = MONEY_MAX_UNITS * 10 ** 4;

/** An ISO 4217 code this runtime's Intl knows; lower case is taken ("eur" → "EUR"). */
export const CurrencyCode = z
  .string({ message: 'Pick the currency by its code, such as EUR, USD or JPY' })
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    if (!isCurrency(code)) ctx.addIssue({ code: 'custom', message: `“${code}” is not a currency Loomcast knows: use an ISO 4217 code such as EUR, USD or JPY` });
  });

const Day = z.iso.date({ message: 'Use a calendar date such as 2026-12-01' });

const Money = (what: string) =>
  z
    .number({ message: `Enter the ${what} as a whole number of the currency's minor unit (cents; yen for JPY)` })
    .int(`The ${what} is counted in whole minor units of the currency (cents; yen for JPY)`)
    .min(0, `The ${what} can’t be negative: enter 0 or more`)
    .max(MONEY_MAX_ANY, `The ${what} is larger than Loomcast records (up to 100,000,000 of its currency)`);

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
  /** ISO 4217 code (EUR, USD, JPY…) of both amounts. Campaigns in different currencies are never added up together. */
  currency: z.string(),
  /**
   * The cost in the currency's minor unit, whatever the name says: cents for EUR or USD, yen for
   * JPY (0 minor digits), fils for KWD (3); see currencyDigits in shared/domain/currency.ts.
   */
  costCents: z.number().int(),
  /** The revenue in the currency's minor unit, as costCents. */
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
    /**
     * Absent: a new campaign takes the currency of the one saved last, else the one of the
     * creator's locale; an edit keeps its own. Changing it leaves the amounts' numbers as given.
     */
    currency: CurrencyCode.optional(),
    /** In the currency's minor unit: 125050 is 1,250.50 EUR; 1250 is ¥1,250; 1250500 is 1,250.500 KWD. */
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
