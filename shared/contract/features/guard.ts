/** Channels and events of the guard feature; merged into the contract in ../channels.ts. */
import { z } from 'zod';
import { Id, IsoInstant, PlatformSchema } from '../schemas';

export const GUARD_WINDOW_DEFAULT_DAYS = 7;
export const GUARD_WINDOW_MAX_DAYS = 365;

const MediaHash = z.string().regex(/^[0-9a-fA-F]{64}$/, 'A media hash is the 64-character SHA-256 of the file');

export const GuardCheckInput = z
  .strictObject({
    /** The words about to be posted. */
    text: z.string().max(100_000, 'Text is longer than any platform accepts'),
    /** SHA-256 of each attached file, in any order. */
    mediaHashes: z.array(MediaHash).max(20, 'At most 20 media files').optional(),
    /** Where it goes: connected accounts… */
    accountIds: z.array(Id).min(1, 'Pick at least one account').max(50, 'Pick at most 50 accounts').optional(),
    /** …or platforms, for copies not yet tied to an account. */
    platforms: z.array(PlatformSchema).min(1, 'Pick at least one platform').optional(),
    /** When it goes out; leave it out for "now". */
    scheduledAt: IsoInstant.optional(),
    /** The post being edited, so it is not compared with itself. */
    excludePostId: Id.optional(),
  })
  .refine((r) => (r.accountIds === undefined) !== (r.platforms === undefined), { message: 'Give either the accounts or the platforms the post goes to', path: ['accountIds'] });

export const GuardWarning = z.object({
  kind: z.literal('same_account_window'),
  /** The earlier post with the same words and media. */
  postId: Id,
  accountId: Id.nullable(),
  platform: PlatformSchema,
  /** When that copy goes (or went) out. */
  scheduledAt: IsoInstant,
  state: z.string(),
});

export const GuardBlock = z.object({
  kind: z.literal('same_platform_two_accounts'),
  platform: PlatformSchema,
  /** The accounts of that platform that would carry the identical post. */
  accountIds: z.array(Id),
  /** Already-stored posts involved (empty when the clash is inside the new post alone). */
  postIds: z.array(Id),
});

export const GuardCheck = z.object({
  fingerprint: z.string(),
  windowDays: z.number().int(),
  warnings: z.array(GuardWarning),
  blocks: z.array(GuardBlock),
});

export const GuardSettings = z.object({
  /** How many days either side of a post the same words to the same account count as a repeat; 0 switches the warning off. */
  windowDays: z.number().int().min(0).max(GUARD_WINDOW_MAX_DAYS),
});

export const guardChannels = {
  /** Same words and media already going to the same account nearby (warnings), or to two accounts of one platform (blocks). */
  'guard:check': { input: GuardCheckInput, output: GuardCheck },
  'guard:settings': { input: z.strictObject({}).optional(), output: GuardSettings },
  'guard:setSettings': {
    input: z.strictObject({
      windowDays: z
        .number({ error: 'Enter the number of days' })
        .int('Use a whole number of days')
        .min(0, 'Use 0 days to switch the warning off, or more')
        .max(GUARD_WINDOW_MAX_DAYS, `Use at most ${GUARD_WINDOW_MAX_DAYS} days`),
    }),
    output: GuardSettings,
  },
} as const;

export const guardEvents = {
  'guard:settingsChanged': GuardSettings,
} as const;

export type GuardCheckInputDto = z.input<typeof GuardCheckInput>;
export type GuardCheckDto = z.infer<typeof GuardCheck>;
export type GuardWarningDto = z.infer<typeof GuardWarning>;
export type GuardBlockDto = z.infer<typeof GuardBlock>;
export type GuardSettingsDto = z.infer<typeof GuardSettings>;
