/** Channels and events of the calendar feature; merged into the contract in ../channels.ts. */
import { z } from 'zod';
import { Id, IsoInstant, PlatformSchema, Post, ScheduleInput, TargetStateSchema } from '../schemas';
import { MAX_SEARCH_SHOWN } from '../../domain/list-sections';

/** A month grid is six weeks at most; a little more leaves room, much more is a mistake. */
export const MAX_RANGE_DAYS = 62;
const DAY_MS = 86_400_000;

const Instant = z.iso.datetime({ offset: true, error: 'Use an ISO-8601 instant with its offset, e.g. 2026-11-01T00:00:00+01:00' });

/**
 * What the calendar asks for: the posts with a copy (target) due in [from, to). The renderer
 * works out from and to as midnights in the creator's zone, so a day is always a local day.
 * Filters narrow which copies count; campaign and pillar filters join here with the library.
 */
export const RangeInput = z
  .strictObject({
    /** Start of the range (included). */
    from: Instant,
    /** End of the range (excluded). */
    to: Instant,
    /** Only copies going to these accounts. Leave it out for every account. */
    accountIds: z.array(Id).min(1, 'Leave accountIds out to include every account').max(500, 'Pick at most 500 accounts').optional(),
    /** Only copies in these states. Leave it out for every state. */
    states: z.array(TargetStateSchema).min(1, 'Leave states out to include every state').optional(),
    /** Only posts in these campaigns. Leave it out for every post, in a campaign or not. */
    campaignIds: z.array(Id).min(1, 'Leave campaignIds out to include every campaign').max(500, 'Pick at most 500 campaigns').optional(),
    /** Only posts in these pillars. Leave it out for every post, in a pillar or not. */
    pillarIds: z.array(Id).min(1, 'Leave pillarIds out to include every pillar').max(500, 'Pick at most 500 pillars').optional(),
  })
  .refine((r) => Date.parse(r.to) > Date.parse(r.from), { message: 'The range must end after it starts', path: ['to'] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= MAX_RANGE_DAYS * DAY_MS, {
    message: `Ask for at most ${MAX_RANGE_DAYS} days at a time`,
    path: ['to'],
  });

/**
 * A post as the calendar shows it: the post whole, the content pillar it belongs to (name and
 * colour) and its first media item, so a chip can carry the pillar's colour and a thumbnail
 * without another round trip.
 */
export const CalendarPost = Post.extend({
  pillar: z.object({ id: Id, name: z.string(), color: z.string() }).nullable().default(null),
  /** The post's first media item (hash and type), for the chip's thumbnail; null without media. */
  firstMedia: z.object({ hash: z.string(), mime: z.string() }).nullable().default(null),
});

/**
 * The chips' ids and times are each checked by one pattern (a template literal) rather than as a
 * string with checks. They take the same strings as Id and IsoInstant (tests/unit/
 * contract-calendar-chips.test.ts), but zod runs a string's checks one by one with ~70-200 bytes
 * of short-lived objects each, and a month's chips have ~9,000 such strings: enough garbage to
 * put a young-generation collection into every other read of the month (see
 * electron/core/posts/iso-instant.ts). Id's 1 to 64 characters are counted as zod counts them (a
 * surrogate pair is one character, a lone surrogate one too); each position matches exactly one
 * branch, so the pattern never backtracks.
 */
const ChipId = z.templateLiteral([z.string().regex(/^(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|[^\uD800-\uDBFF]){1,64}$/)]).meta({ description: 'An id, as Id: 1 to 64 characters' });
const ChipInstant = z.templateLiteral([IsoInstant]).meta({ description: 'An ISO-8601 instant with its offset, as IsoInstant', format: 'date-time' });

/** A copy as a chip shows it: where it goes, its state and its time. */
export const ChipTarget = z.object({
  id: ChipId,
  platform: PlatformSchema,
  accountId: ChipId.nullable(),
  state: TargetStateSchema,
  scheduledAt: ChipInstant.nullable(),
});

/**
 * A post as the calendar grid draws it: what its chips, their preview and a move need, and no
 * more. The grid shows a month of posts at once, so it leaves out what only an open post shows
 * (per-copy texts and errors, links, the thread's words, versions); the post panel reads the
 * whole post when it opens.
 */
export const CalendarChip = z.object({
  id: ChipId,
  text: z.string(),
  /** Posts in the thread after the first (0 without a thread). */
  threadLength: z.number().int().nonnegative(),
  /** Every copy of the post, in the order they were added (also those outside the range). */
  targets: z.array(ChipTarget),
  pillar: z.object({ id: Id, name: z.string(), color: z.string() }).nullable(),
  firstMedia: z.object({ hash: z.string(), mime: z.string() }).nullable(),
});

/**
 * What the app shell shows on every screen, counted by the core rather than from every post:
 * each number counts posts (not copies). Read again on posts:changed and as time passes.
 */
export const PostsSummary = z.object({
  /** Posts with a copy waiting in Review. */
  review: z.number().int().nonnegative(),
  /** Posts whose every copy is a draft. */
  drafts: z.number().int().nonnegative(),
  /** Posts with a copy that failed, went unconfirmed or was missed. */
  attention: z.number().int().nonnegative(),
  /** Posts with a scheduled copy still ahead. */
  scheduled: z.number().int().nonnegative(),
  /** Posts whose scheduled copies are all more than two minutes past their time and not sent. */
  overdue: z.number().int().nonnegative(),
  /** Posts with a scheduled copy that has no account to go out on. */
  unbound: z.number().int().nonnegative(),
  /** The next scheduled post: when, and the platforms of its copies due then. */
  next: z.object({ at: z.iso.datetime(), platforms: z.array(PlatformSchema) }).nullable(),
  /** The core's clock when it counted. */
  asOf: z.iso.datetime(),
});
export type PostsSummaryDto = z.infer<typeof PostsSummary>;

/** Words to find in every post ever written: its text, thread, first comment and per-account texts. */
export const SearchInput = z.strictObject({
  /** Every word must be there (any case, with or without accents; an emoji or flag is a word too); the last also matches as the start of a word. */
  text: z.string().trim().min(1, 'Type a word to search for').max(200, 'Search for at most 200 characters'),
  /** At most this many posts, the best matches first. */
  limit: z.number().int().min(1).max(200).default(50),
  /** Only posts with a copy going to one of these accounts (the list's filter). Leave it out for every account. */
  accountIds: z.array(Id).min(1, 'Leave accountIds out to include every account').max(500, 'Pick at most 500 accounts').optional(),
  /** Only posts with a copy in one of these states, on one of `accountIds` when given (the list's filter). Leave it out for every state. */
  states: z.array(TargetStateSchema).min(1, 'Leave states out to include every state').optional(),
  /**
   * Posts the screen already shows as matches (the list finds its own posts by their text):
   * `total` counts them too, each post once, so the screen can say how many match in all.
   */
  shown: z.array(Id).max(MAX_SEARCH_SHOWN, `Send at most ${MAX_SEARCH_SHOWN} shown posts`).optional(),
});

export const SearchAnswer = z.object({
  posts: z.array(Post),
  /** There are more matches than `limit`: more words narrow it. */
  more: z.boolean(),
  /** How many posts match in all, each once: every post whose words match (passing `accountIds` and `states`) and every post in `shown`. */
  total: z.number().int().nonnegative(),
});

/** Moves every copy of a post to a wall-clock day and time (in `zone`, or the creator's zone). */
export const RescheduleInput = z.strictObject({ id: Id, ...ScheduleInput.shape });

export const calendarChannels = {
  /** Posts with a copy due in [from, to), soonest first; each post whole (every copy). */
  'posts:range': { input: RangeInput, output: z.array(CalendarPost) },
  /**
   * The same posts as posts:range, drawn as the calendar grid needs them (CalendarChip): what the
   * month and week views read, a fraction of the whole posts.
   */
  'posts:calendar': { input: RangeInput, output: z.array(CalendarChip) },
  /**
   * Moves a post to another day or time. Refused (conflict) while any copy is being published
   * or is already out; refused (invalid_time) for a time that has passed or does not exist.
   */
  'posts:reschedule': { input: RescheduleInput, output: Post },
  /**
   * Moves several posts by whole days, each at the same wall-clock time in the zone it was planned
   * in. All or nothing: refused, naming the post, when one has no time, has a copy out or being
   * published, or would land on a time that has passed or does not exist.
   */
  'posts:shift': {
    input: z.strictObject({
      ids: z.array(Id).min(1, 'Pick at least one post').max(500, 'Move at most 500 posts at a time'),
      days: z
        .number({ message: 'Say by how many days' })
        .int('Move by whole days')
        .min(-366, 'Move by at most a year')
        .max(366, 'Move by at most a year')
        .refine((d) => d !== 0, 'Move by at least one day'),
    }),
    output: z.array(Post),
  },
  /**
   * Posts whose words match, from the whole history (not only what a list or the calendar shows),
   * the best matches first. Text with no letters or digits finds nothing.
   */
  'posts:search': { input: SearchInput, output: SearchAnswer },
  /** The counts the status line and the sidebar show; a handful of index reads, whatever the history. */
  'posts:summary': { input: z.strictObject({}).optional(), output: PostsSummary },
} as const;

export const calendarEvents = {} as const;

export type RangeInputDto = z.input<typeof RangeInput>;
export type CalendarPostDto = z.infer<typeof CalendarPost>;
export type CalendarChipDto = z.infer<typeof CalendarChip>;
export type ChipTargetDto = z.infer<typeof ChipTarget>;
