/** Channels and events of the review feature; merged into the contract in ../channels.ts. */
import { z } from 'zod';
import { Id, Post, PostVersion } from '../schemas';

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

export const reviewChannels = {
  /** Posts with at least one copy in review, the longest-waiting first. */
  'review:list': { input: z.strictObject({}).optional(), output: z.array(ReviewItem) },
  /** Sends drafts and scheduled copies of these posts to review. */
  'review:send': { input: z.strictObject({ postIds: PostIds }), output: z.array(Post) },
  /** Approves the copies in review: timed ones become scheduled, the others approved. */
  'review:approve': { input: z.strictObject({ postIds: PostIds }), output: z.array(Post) },
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
export type WritingProvenanceDto = z.infer<typeof WritingProvenance>;
