/** Channels and events of the weekly report; merged into the contract in ../channels.ts. */
import { z } from 'zod';
import { Id, IsoInstant, PlatformSchema } from '../schemas';
import { EXPERIMENT_STATES, VERDICT_STATES } from './experiments';

/** Any day of the week wanted (YYYY-MM-DD in the creator's zone); absent: the last full week. */
export const WeekInput = z.strictObject({ weekOf: z.iso.date({ message: 'Use a calendar date such as 2026-12-07' }).optional() }).optional();

/** A sum over the posts that reported it; null when none did (not reported is not zero). */
const Figure = z.object({ value: z.number().nullable(), posts: z.number().int() });

export const PlatformLine = z.object({
  platform: PlatformSchema,
  /** Copies published on it this week. */
  posts: z.number().int(),
  /** Copies with numbers collected at all. */
  measured: z.number().int(),
  reach: z.number().nullable(),
  reachField: z.enum(['views', 'impressions', 'mixed']).nullable(),
  engagements: z.number().nullable(),
  rate: z.number().nullable(),
  clicks: z.number().nullable(),
});

export const WeeklyReport = z.object({
  zone: z.string(),
  /** Monday and Sunday of the week, in the creator's zone. */
  weekStart: z.iso.date(),
  weekEnd: z.iso.date(),
  from: IsoInstant,
  to: IsoInstant,
  /** Distinct posts with at least one copy published in the week, and the copies themselves. */
  posts: z.number().int(),
  copies: z.number().int(),
  /** Copies with any numbers collected yet. */
  measured: z.number().int(),
  /** Views where reported, else impressions. */
  reach: Figure,
  engagements: Figure,
  /** Pooled: engagements ÷ reach over the copies that reported both. */
  engagementRate: Figure,
  /** Link clicks where the platform reports them. */
  clicks: Figure,
  /** Platforms with published copies this week that reported no views or impressions. */
  reachNotReported: z.array(PlatformSchema),
  clicksNotReported: z.array(PlatformSchema),
  platforms: z.array(PlatformLine),
  /** The copy with the best engagement rate, and how many copies had a rate to compare. */
  best: z
    .object({
      targetId: Id,
      postId: Id,
      platform: PlatformSchema,
      text: z.string(),
      rate: z.number(),
      engagements: z.number(),
      reach: z.number(),
      publishedAt: IsoInstant,
      platformUrl: z.string().nullable(),
    })
    .nullable(),
  bestFrom: z.number().int(),
  /**
   * Experiments running, decided this week, or with posts out this week. The verdict is the
   * experiment's own, over all its posts (as the Experiments screen shows it), not this week's:
   * it comes with the posts it rests on per version and the stopping rule that decides.
   */
  experiments: z.array(
    z.object({
      id: Id,
      name: z.string(),
      state: z.enum(EXPERIMENT_STATES),
      verdict: z.enum(VERDICT_STATES),
      winnerArm: z.number().int().nullable(),
      winnerLabel: z.string().nullable(),
      /** The stopping rule in words: "fixed horizon: 5 posts per version". */
      rule: z.string(),
      /** Posts compared (numbers at the comparison age), over all versions. */
      compared: z.number().int(),
      versions: z.array(z.object({ arm: z.number().int(), label: z.string(), published: z.number().int(), compared: z.number().int() })),
      decidedAt: IsoInstant.nullable(),
      /** Posts of the experiment published this week. */
      postsThisWeek: z.number().int(),
    }),
  ),
  campaigns: z.array(
    z.object({
      id: Id,
      name: z.string(),
      /** ISO 4217 code of the two amounts; campaigns in different currencies are never added together. */
      currency: z.string(),
      /** In the currency's minor unit (cents; yen for JPY), as the campaign's own costCents. */
      costCents: z.number().int(),
      revenueCents: z.number().int(),
      /**
       * Revenue ÷ cost of the whole campaign to date (its recorded amounts), not of this week;
       * null while nothing was spent.
       */
      roi: z.number().nullable(),
      postsThisWeek: z.number().int(),
    }),
  ),
  /** The report in a few plain sentences. */
  summary: z.array(z.string()),
});

export const ReportFile = z.object({ filename: z.string(), mime: z.string(), content: z.string(), count: z.number().int() });

export const reportsChannels = {
  /** The week's figures from each copy's latest numbers. */
  'reports:weekly': { input: WeekInput, output: WeeklyReport },
  /** The same as a CSV file (sections one under the other). */
  'reports:weeklyCsv': { input: WeekInput, output: ReportFile },
  /**
   * Desktop only: the main process prints the page on screen to a PDF and asks where to save it.
   * Browser mode refuses it; the page offers the browser's own Print / Save as PDF instead.
   */
  'reports:savePdf': {
    input: z.strictObject({ weekStart: z.iso.date() }),
    output: z.object({ saved: z.boolean(), path: z.string().nullable() }),
  },
} as const;

export const reportsEvents = {} as const;

export type WeeklyReportDto = z.infer<typeof WeeklyReport>;
export type PlatformLineDto = z.infer<typeof PlatformLine>;
