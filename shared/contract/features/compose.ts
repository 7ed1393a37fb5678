/** Channels and events of the compose feature; merged into the contract in ../channels.ts. */
import { z } from 'zod';
import { Id, PlatformSchema, Post } from '../schemas';

export const PlatformOverride = z.strictObject({
  platform: PlatformSchema,
  /** The words this platform gets instead of the post's text; null goes back to the post's text. */
  text: z
    .string()
    .max(100_000, 'That text is too long (at most 100,000 characters)')
    .refine((t) => t.trim().length > 0, { message: "A platform's own text can't be empty; switch it off to use the post's text" })
    .nullable(),
});

export const composeChannels = {
  /** Sets (or clears) the text one platform gets instead of the post's own text. */
  'compose:setOverrides': {
    input: z.strictObject({
      postId: Id,
      overrides: z.array(PlatformOverride).max(20, 'At most one override per platform'),
    }),
    output: Post,
  },
  /**
   * Sends the post out right away: every copy not yet out is scheduled for now, through the same
   * pre-flight gates and duplicate guard as scheduling. Refused (conflict) while Settings
   * say the creator's own posts wait in Review and a copy has not been approved.
   */
  'compose:publishNow': {
    input: z.strictObject({
      postId: Id,
      /** The creator chose "Post anyway" over the duplicate guard's block. */
      override: z.boolean().default(false),
    }),
    output: Post,
  },
} as const;

export const composeEvents = {} as const;

export type PlatformOverrideDto = z.infer<typeof PlatformOverride>;
