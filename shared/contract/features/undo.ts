/** Channels of Undo (calendar moves, sidebar drops, review decisions); merged into the contract in ../channels.ts. */
import { z } from 'zod';
import { Idea } from './ideas';
import { Id, IsoInstant, PlatformSchema, Post, TargetStateSchema } from '../schemas';

/** Where a copy stands now, as the action being undone left it. */
const CopyNow = z.strictObject({ state: TargetStateSchema, scheduledAt: IsoInstant.nullable() });

/**
 * Where a copy stood before the action. Undo only ever takes a copy back to a state that waits
 * for the creator (a draft, or in review); moving it back to a time is posts:reschedule's job.
 */
const CopyBefore = z.strictObject({
  state: z.enum(['draft', 'in_review'], { message: 'Undo takes a copy back to a draft or to Review only' }),
  scheduledAt: IsoInstant.nullable(),
  zone: z.string().max(64).nullable(),
  lastError: z.string().max(1_000).nullable(),
});

const PostUndo = z.strictObject({
  id: Id,
  /** Every copy of the post: how the action left it, and how it was before. */
  targets: z
    .array(z.strictObject({ id: Id, now: CopyNow, before: CopyBefore }))
    .min(1, 'Name the copies to put back')
    .max(50, 'A post has at most 50 copies')
    .refine((list) => new Set(list.map((t) => t.id)).size === list.length, { message: 'A copy is listed twice' }),
});

/** One action may have touched many posts (approve many at once): they go back together. */
export const UndoInput = z.strictObject({
  posts: z
    .array(PostUndo)
    .min(1, 'Name the posts to put back')
    .max(500, 'At most 500 posts at once')
    .refine((list) => new Set(list.map((p) => p.id)).size === list.length, { message: 'A post is listed twice' }),
});

/** A deleted post that can still be brought back (Recently deleted). */
export const DeletedPost = z.object({
  id: Id,
  deletedAt: IsoInstant,
  deletedBy: z.enum(['user', 'agent', 'script', 'system']),
  /** Its words when it was deleted. */
  text: z.string(),
  copies: z.array(z.object({ platform: PlatformSchema, state: TargetStateSchema, scheduledAt: IsoInstant.nullable() })),
  /** When it is deleted for good unless brought back. */
  keptUntil: IsoInstant,
});
export type DeletedPostDto = z.infer<typeof DeletedPost>;

const PostIds = z.array(Id).min(1, 'Name at least one post').max(1000, 'At most 1,000 posts at a time');

export const undoChannels = {
  /**
   * Posts deleted in the last 30 days, latest first (at most `limit`), with how many there are:
   * each can be brought back whole with posts:restore until then.
   */
  'posts:deleted': {
    input: z.strictObject({ limit: z.number().int().min(1).max(500).default(200) }),
    output: z.object({ total: z.number().int(), keptDays: z.number().int(), posts: z.array(DeletedPost) }),
  },
  /**
   * Brings deleted posts back as they were (words, versions, copies and their states, thread,
   * media, numbers, repeats, tests), all in one transaction: refused whole (not_found) when one is
   * no longer kept. What was removed meanwhile stays removed (a copy for an account deleted
   * since comes back without it). A scheduled copy whose time passed follows the missed-post
   * setting, as after a sleep.
   */
  'posts:restore': { input: z.strictObject({ ids: PostIds.refine((ids) => new Set(ids).size === ids.length, { message: 'A post is listed twice' }) }), output: z.array(Post) },
  /** Deletes kept posts for good (`all`: empty Recently deleted). Returns how many went. */
  'posts:forget': {
    input: z.union([z.strictObject({ ids: PostIds }), z.strictObject({ all: z.literal(true) })], { message: 'Name the posts (ids) or ask for all' }),
    output: z.object({ count: z.number().int() }),
  },

  /**
   * Puts posts' copies back where they were before an action (a drop on the calendar, an
   * approval, a rejection). All or nothing: refused (conflict) when a post changed since, i.e.
   * a copy is not where `now` says, or copies were added or removed.
   */
  'posts:undo': { input: UndoInput, output: z.array(Post) },
  /**
   * Takes back turning an idea into a post: the post is deleted and the idea is unused again,
   * in one transaction. Refused (conflict) when the post was edited, or has begun going out.
   */
  'ideas:undoToPost': {
    input: z.strictObject({ id: Id, postId: Id, usedAt: IsoInstant.nullable() }),
    output: Idea,
  },
} as const;

export const undoEvents = {} as const;

export type UndoInputDto = z.input<typeof UndoInput>;
export type PostUndoDto = z.input<typeof PostUndo>;

// Schema-free, so the calendar and Review build it without loading the contract's schemas.
export { undoInputFor } from '../../domain/undo-input';
