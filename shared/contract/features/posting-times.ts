/** Channels and events of the queue feature; merged into the contract in ../channels.ts. */
import { z } from 'zod';
import { Id, IsoInstant, Post, Zone } from '../schemas';

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-29 (YYYY-MM-DD)');

export const Weekday = z
  .number({ message: 'Pick a day of the week' })
  .int('Pick a day of the week')
  .min(1, 'Days of the week run from 1 (Monday) to 7 (Sunday)')
  .max(7, 'Days of the week run from 1 (Monday) to 7 (Sunday)');

export const SlotTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time like 09:30 (HH:mm)');

/** One weekly posting time: a day of the week and a wall-clock time in the queue's zone. */
export const QueueSlot = z.object({ weekday: Weekday, time: SlotTime });

export const QueueSlots = z.object({
  accountId: Id,
  /** The zone the times are in: the account's own, or the creator's. */
  zone: z.string(),
  /** The account's own zone, or null when it follows the creator's zone in Settings. */
  ownZone: z.string().nullable(),
  /** Sorted by day (Monday first), then time; never twice the same. */
  slots: z.array(QueueSlot),
});

/** One concrete posting time: the instant, and how it reads on the wall clock in its zone. */
export const SlotInstant = z.object({
  at: IsoInstant,
  date: z.string(),
  time: z.string(),
  weekday: z.number().int(),
  zone: z.string(),
  /** The wall time happens twice that night (the clocks go back); this is the first. */
  ambiguous: z.boolean(),
});

export const RecurrenceUntil = z.union([
  z.strictObject({
    /** How many times the post goes out in all, the first one included. */
    count: z
      .number({ message: 'Say how many times it should go out' })
      .int('Say how many times it should go out, as a whole number')
      .min(2, 'A repeat goes out at least twice: the post itself and one copy')
      .max(1000, 'At most 1,000 times; pick an end date for longer series'),
  }),
  z.strictObject({
    /** The last day (in the post's zone) on which a copy may go out. */
    date: LocalDate,
  }),
], {
  // Neither shape matched (a count that is not a number, a date and a count, neither): say both.
  error: 'Say when the series ends: after a number of posts in all ({ "count": 4 }) or on a day ({ "date": "2026-03-29" })',
});

export const Occurrence = z.object({
  number: z.number().int().positive(),
  /** The post that goes out this time; null when the creator deleted that copy. */
  postId: Id.nullable(),
  at: IsoInstant,
  date: z.string(),
  time: z.string(),
});

export const Recurrence = z.object({
  originPostId: Id,
  everyDays: z.number().int(),
  until: z.union([z.object({ count: z.number().int() }), z.object({ date: z.string() })]),
  /** The zone whose wall clock the series keeps (09:00 stays 09:00 across DST changes). */
  zone: z.string(),
  startDate: z.string(),
  time: z.string(),
  /** The post itself (number 1) and the copies made so far; later ones are made as time passes. */
  occurrences: z.array(Occurrence),
  /** The next occurrence still to be made, or null when the series is complete. */
  next: z.object({ number: z.number().int(), at: IsoInstant, date: z.string(), time: z.string() }).nullable(),
  /** How many times it goes out in all, when that is known (count, or an end date). */
  total: z.number().int(),
});

const AccountInput = z.strictObject({ accountId: Id });

/** The most posts queue:repeating names. */
export const REPEATING_MAX = 10_000;

export const queueChannels = {
  'queue:slots': { input: AccountInput, output: QueueSlots },
  'queue:setSlots': {
    input: z.strictObject({
      accountId: Id,
      slots: z.array(z.strictObject({ weekday: Weekday, time: SlotTime })).max(200, 'At most 200 posting times a week'),
      /** An IANA zone for this account's times; null follows the creator's zone; omitted keeps it. */
      zone: Zone.nullable().optional(),
    }),
    output: QueueSlots,
  },
  'queue:nextFree': {
    input: z.strictObject({
      accountId: Id,
      /** From this instant on (now when omitted, or when it has passed). */
      after: IsoInstant.optional(),
      count: z.number().int().min(1, 'Ask for at least one time').max(50, 'Ask for at most 50 times').default(5),
    }),
    output: z.object({ accountId: Id, zone: z.string(), slots: z.array(SlotInstant) }),
  },
  /** Puts the post's copy for this account into the account's next free posting time. */
  'queue:add': {
    input: z.strictObject({ postId: Id, accountId: Id }),
    output: z.object({ post: Post, targetId: Id, slot: SlotInstant }),
  },
  'queue:recurrence': { input: z.strictObject({ postId: Id }), output: Recurrence.nullable() },
  /**
   * Every post that belongs to a repeating series (its first post and the copies made so far), so
   * the calendar can mark them; at most REPEATING_MAX, the series made last left out beyond that.
   */
  'queue:repeating': { input: z.strictObject({}).optional(), output: z.object({ postIds: z.array(Id) }) },
  'queue:setRecurrence': {
    input: z.strictObject({
      postId: Id,
      everyDays: z
        .number({ message: 'Say every how many days it repeats' })
        .int('Repeat every whole number of days')
        .min(1, 'Repeat at most once a day (every 1 day)')
        .max(365, 'Repeat at least once a year (every 365 days or fewer)'),
      until: RecurrenceUntil,
    }),
    output: Recurrence,
  },
  'queue:clearRecurrence': {
    input: z.strictObject({ postId: Id }),
    /** `removed`: copies that had not gone out yet and were deleted with the series. */
    output: z.object({ originPostId: Id, removed: z.number().int() }),
  },
} as const;

export const queueEvents = {
  'queue:slotsChanged': z.object({ accountId: Id }),
  'queue:recurrenceChanged': z.object({ originPostId: Id }),
} as const;

export type QueueSlotDto = z.infer<typeof QueueSlot>;
export type QueueSlotsDto = z.infer<typeof QueueSlots>;
export type SlotInstantDto = z.infer<typeof SlotInstant>;
export type RecurrenceDto = z.infer<typeof Recurrence>;
export type RecurrenceUntilDto = z.infer<typeof RecurrenceUntil>;
