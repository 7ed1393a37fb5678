/** Channels and events of the review feature; merged into the contract in ../channels.ts. */
import { z } from 'zod';
import { Id, IsoInstant, Post, PostVersion } from '../schemas';
import { LIST_SECTION_MAX } from '../../domain/list-sections';

const PostIds = z
  .array(Id, { message: 'Pick the posts to act on' })
  .min(1, 'Pick at least one post')
  .max(500, 'At most 500 posts at once')
  .refine((list) => new Set(list).size === list.length, { message: 'A post is listed twice' });

/** How a post's current version was written, when a writer (not the creator) wrote it. */
export const WritingProvenance = z.object({
  postId: Id,
  /** The version it describes: the post's current one. */
  version: z.number().int().positive(),
  writer: z.enum(['offline', 'ai']),
  writerVersion: z.string(),
  templateName: z.string().nullable(),
  pillarName: z.string().nullable(),
  /** What the writer was asked: plan, variants, slot, idea, rewrite, shorten, thread (null: before schema 9). */
  task: z.string().nullable(),
  /** The voice it was written in, and how many example posts the model was shown. */
  voiceName: z.string().nullable(),
  examples: z.number().int().min(0),
  /** Variants written together: this draft's place among them. */
  variant: z.object({ setId: Id, arm: z.number().int().min(0), of: z.number().int().min(1) }).nullable(),
  /** In words, e.g. “Written offline from “Before and after””. */
  label: z.string(),
});

/** A post waiting for a decision, with where it came from. */
export const ReviewItem = z.object({
  post: Post,
  /** The template it was made from, when it still exists. */
  templateName: z.string().nullable(),
  /** The brand voice it speaks in, when one is set. */
  voiceName: z.string().nullable(),
  /** How the current text was written. */
  versionSource: PostVersion.shape.source,
});

/** A post's place in the queue's order (how long it has waited, when it was made, its id): where "Approve all" goes on from. */
export const QueuePlace = z.strictObject({ since: IsoInstant, createdAt: IsoInstant, postId: Id });

/** A post "Approve all" left in Review, its text, and why (a blank to fill in, text over a platform's limit…). */
export const HeldPost = z.object({ postId: Id, text: z.string(), why: z.string() });

export const reviewChannels = {
  /**
   * Posts with at least one copy in review, the longest-waiting first: the first `limit` of them
   * (LIST_SECTION_STEP, 300, unless asked), and how many wait in all. A 10,000-row import waits
   * here whole, so the queue is read a page at a time, never every post in it.
   */
  'review:list': {
    input: z
      .strictObject({
        limit: z.number().int().min(1).max(LIST_SECTION_MAX).optional(),
        /** Read at least as far as this post when it waits (the one the screen has open), even past `limit`. */
        reach: Id.optional(),
      })
      .optional(),
    output: z.object({ items: z.array(ReviewItem), total: z.number().int().min(0) }),
  },
  /** Sends drafts and scheduled copies of these posts to review. */
  'review:send': { input: z.strictObject({ postIds: PostIds }), output: z.array(Post) },
  /** Approves the copies in review: timed ones become scheduled, the others approved. */
  'review:approve': { input: z.strictObject({ postIds: PostIds }), output: z.array(Post) },
  /**
   * "Approve all": approves the next `limit` posts (250 unless asked, at most 500) of the queue,
   * in its order, that were waiting at `asOf` (now, on the first round; pass the answer's back),
   * going on after `after`. A post a gate refuses (a blank, text over a limit) stays in Review and
   * is named in `held`; the others are approved each on its own. `next` is where the next round
   * goes on from (null when none is left), and `left` how many of those waiting at `asOf` lie
   * past it. The queue is approved a round at a time so publishing and the screens go on between.
   */
  'review:approveAll': {
    input: z
      .strictObject({
        asOf: IsoInstant.optional(),
        after: QueuePlace.optional(),
        limit: z.number().int().min(1).max(500).optional(),
      })
      .optional(),
    output: z.object({
      asOf: IsoInstant,
      /** The posts this round approved (what "Send them back to Review" sends back). */
      approvedIds: z.array(Id),
      held: z.array(HeldPost),
      next: QueuePlace.nullable(),
      left: z.number().int().min(0),
    }),
  },
  /** Sends the copies in review back to drafts, with the reason. */
  'review:reject': {
    input: z.strictObject({
      postId: Id,
      reason: z
        .string({ message: 'Say why the post is rejected' })
        .trim()
        .min(1, 'Say why the post is rejected')
        .max(500, 'Keep the reason under 500 characters'),
    }),
    output: Post,
  },
} as const;

export const reviewEvents = {} as const;

export type ReviewItemDto = z.infer<typeof ReviewItem>;
export type QueuePlaceDto = z.infer<typeof QueuePlace>;
export type HeldPostDto = z.infer<typeof HeldPost>;
export type ApproveAllDto = z.infer<(typeof reviewChannels)['review:approveAll']['output']>;
export type WritingProvenanceDto = z.infer<typeof WritingProvenance>;
