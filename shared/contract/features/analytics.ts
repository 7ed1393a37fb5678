/** Channels of the analytics feature; merged into the contract in ../channels.ts. */
import { z } from 'zod';
import { Id, IsoInstant, KnownZone, PlatformSchema } from '../schemas';

const LocalDate = z.iso.date({ message: 'Use a calendar date such as 2026-12-01' });
/** At most this many days in one range (three years). */
export const ANALYTICS_MAX_DAYS = 1100;

/** What the screens ask about: posts published between two dates (in the creator's zone), narrowed down. */
const FilterShape = {
  from: LocalDate,
  to: LocalDate,
  accountId: Id.optional(),
  platform: PlatformSchema.optional(),
  campaignId: Id.optional(),
  pillarId: Id.optional(),
};
const rangeOk = (f: { from: string; to: string }) => f.to >= f.from;
const rangeMessage = { message: 'The range ends before it starts: pick an end date on or after the start date', path: ['to'] };

export const AnalyticsFilters = z.strictObject(FilterShape).refine(rangeOk, rangeMessage);
export type AnalyticsFiltersDto = z.infer<typeof AnalyticsFilters>;

export const SORT_KEYS = ['views', 'engagements', 'rate'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

const Num = z.number().nullable();

/** Sums over the posts of a range. A sum is null when no post reported that number (not 0). */
export const Totals = z.object({
  /** Published copies (each account a post went to counts once). */
  posts: z.number().int(),
  /** Views, or impressions where a platform counts those instead. */
  views: Num,
  viewsReported: z.number().int(),
  engagements: Num,
  engagementsReported: z.number().int(),
  /** Engagements over views of the posts that reported both (views above 0). */
  rate: Num,
  rateReported: z.number().int(),
});

export const Headline = z.object({
  current: Totals,
  previous: Totals,
  /** The period of equal length just before. */
  previousRange: z.object({ from: z.string(), to: z.string() }),
  /** Relative change (0.25 = +25 %); null when the previous number is missing or 0. */
  change: z.object({ posts: Num, views: Num, engagements: Num }),
  /** The rate's change in points (0.004 = +0.4 points); null when either rate is missing. */
  rateDelta: Num,
});

export const SeriesPoint = z.object({ date: z.string(), views: Num, engagements: Num, rate: Num });

export const PostRow = z.object({
  targetId: Id,
  postId: Id,
  platform: PlatformSchema,
  account: z.string().nullable(),
  text: z.string(),
  publishedAt: IsoInstant,
  url: z.string().nullable(),
  views: Num,
  engagements: Num,
  rate: Num,
  /** Numbers the platform did not report for this post (shown as "not reported", never 0). */
  notReported: z.array(z.string()),
});

export const TargetBand = z.object({
  platform: PlatformSchema,
  low: z.number(),
  high: z.number(),
  source: z.string(),
  /** Set by the creator under Analytics → Target rates rather than the default. */
  custom: z.boolean(),
});

export const BandResult = TargetBand.extend({
  rate: Num,
  n: z.number().int(),
  /** Where the rate falls; null without a rate, or where the platform has no rate at all. */
  position: z.enum(['below', 'within', 'above']).nullable(),
});

export const Freshness = z.object({
  checkedAt: IsoInstant.nullable(),
  words: z.string(),
  lags: z.array(z.string()),
});

export const Overview = z.object({
  range: z.object({ from: z.string(), to: z.string(), zone: z.string() }),
  headline: Headline,
  series: z.array(SeriesPoint),
  sort: z.enum(SORT_KEYS),
  top: z.array(PostRow),
  bottom: z.array(PostRow),
  bands: z.array(BandResult),
  freshness: Freshness,
});
export type OverviewDto = z.infer<typeof Overview>;
export type PostRowDto = z.infer<typeof PostRow>;
export type TotalsDto = z.infer<typeof Totals>;
export type BandResultDto = z.infer<typeof BandResult>;
export type TargetBandDto = z.infer<typeof TargetBand>;

export const HeatCell = z.object({
  weekday: z.number().int(),
  hour: z.number().int(),
  /** Posts in this hour that have the measure ranked (`by`): what the cell's number rests on. */
  n: z.number().int(),
  medianRate: Num,
  medianEngagements: Num,
  greyed: z.boolean(),
});
export const BestTimes = z.object({
  zone: z.string(),
  posts: z.number().int(),
  /** What the hours are ranked by: the median engagement rate, or median engagements (a count) where no views are reported. */
  by: z.enum(['rate', 'engagements']),
  cells: z.array(HeatCell),
  recommended: z.array(z.object({ weekday: z.number().int(), hour: z.number().int(), n: z.number().int(), value: z.number() })),
  basedOn: z.number().int(),
  reason: z.string().nullable(),
  /** At what age each post's numbers are compared, and how many posts wait for it or missed it, in words. */
  age: z.string(),
});
export type BestTimesDto = z.infer<typeof BestTimes>;

export const LiftGroup = z.object({
  key: z.string(),
  label: z.string(),
  n: z.number().int(),
  lift: z.number(),
  /** The interval's ends; null where it has no finite end (a sparse baseline). */
  low: Num,
  high: Num,
  level: z.number(),
  groupMedian: z.number(),
});
export const WhatWorks = z.object({
  baseline: z.object({ n: z.number().int(), median: Num, label: z.string() }),
  dimensions: z.array(
    z.object({
      dimension: z.enum(['hashtags', 'templates', 'pillars', 'voices', 'media', 'length', 'hour']),
      label: z.string(),
      groups: z.array(LiftGroup),
      /** Groups left out because they have fewer than 5 posts with a rate. */
      hidden: z.number().int(),
    }),
  ),
});
export type WhatWorksDto = z.infer<typeof WhatWorks>;

const BandInput = z
  .strictObject({
    platform: PlatformSchema,
    low: z.number({ message: 'Enter the low end as a number' }).min(0, "A rate can't be below 0 %").max(1, 'A rate above 100 % is not possible'),
    high: z.number({ message: 'Enter the high end as a number' }).min(0, "A rate can't be below 0 %").max(1, 'A rate above 100 % is not possible'),
  })
  .refine((b) => b.high >= b.low, { message: 'The high end is below the low end', path: ['high'] });

/** The creator's own bands as stored in settings ('analytics.targetBands'). */
export const StoredTargetBands = z.partialRecord(PlatformSchema, z.object({ low: z.number().min(0).max(1), high: z.number().min(0).max(1) }));

export const analyticsChannels = {
  /** Headline numbers with change, series per day, top and bottom posts, bands and freshness. */
  'analytics:overview': {
    input: z.strictObject({ ...FilterShape, sort: z.enum(SORT_KEYS).default('views'), limit: z.number().int().min(1).max(50).default(10) }).refine(rangeOk, rangeMessage),
    output: Overview,
  },
  /** One post copy's numbers at the end of each day they were looked at. */
  'analytics:growth': {
    input: z.strictObject({ targetId: Id }),
    output: z.object({ targetId: Id, points: z.array(SeriesPoint) }),
  },
  /** Every snapshot of the range's posts, as CSV (empty cells: not reported). */
  'analytics:exportCsv': {
    input: AnalyticsFilters,
    output: z.object({ filename: z.string(), csv: z.string(), rows: z.number().int() }),
  },
  /** Weekday × hour from the creator's own posts; hours in `zone` (the creator's by default). */
  'analytics:bestTimes': {
    // Known, not valid: the screen passes an account's stored zone, which may predate the refusal of abbreviations.
    input: z.strictObject({ ...FilterShape, zone: KnownZone.optional() }).refine(rangeOk, rangeMessage),
    output: BestTimes,
  },
  /** Lift of hashtags, templates, pillars, voices, media, length and hour against the median. */
  'analytics:whatWorks': { input: AnalyticsFilters, output: WhatWorks },
  /** Engagement-rate target bands per platform, with where each comes from. */
  'analytics:bands': { input: z.strictObject({}).optional(), output: z.array(TargetBand) },
  /** Replaces the creator's own bands; a platform left out goes back to its default. */
  'analytics:setBands': {
    input: z.strictObject({ bands: z.array(BandInput).max(20) }),
    output: z.array(TargetBand),
  },
} as const;

export const analyticsEvents = {
  'analytics:bandsChanged': z.object({}),
} as const;
