/** Channels and events of the ideas feature; merged into the contract in ../channels.ts. */
import { z } from 'zod';
import { Id, IsoInstant, PlatformSchema, Post, ScheduleInput } from '../schemas';

export const IDEA_TEXT_MAX = 10_000;
export const IDEA_TAGS_MAX = 20;

const IdeaText = z
  .string()
  .max(IDEA_TEXT_MAX, `An idea this long belongs in the composer: keep it under ${IDEA_TEXT_MAX.toLocaleString('en')} characters`)
  .refine((s) => s.trim().length > 0, { message: 'Write the idea first: it is empty' });

/** Only web pages: a post carries the link as text, and platforms only make http(s) links clickable. */
export const IdeaLink = z
  .string()
  .trim()
  .max(2_048, 'That link is longer than browsers and platforms accept (2,048 characters)')
  .pipe(z.url({ protocol: /^https?$/, message: 'Enter the full web address, starting with https:// (for example https://example.com/article)' }));

/** "#Launch " and "launch" are the same tag. */
const IdeaTag = z
  .string()
  .trim()
  .transform((s) => s.replace(/^#+/, '').trim().toLowerCase())
  .pipe(z.string().min(1, 'A tag is empty').max(40, 'Keep a tag under 40 characters'));

const IdeaTags = z
  .array(IdeaTag)
  .max(IDEA_TAGS_MAX, `An idea takes up to ${IDEA_TAGS_MAX} tags`)
  .transform((tags) => [...new Set(tags)]);

const Platforms = z
  .array(PlatformSchema)
  .min(1, 'Pick at least one platform')
  .refine((list) => new Set(list).size === list.length, { message: 'A platform is listed twice' });

export const Idea = z.object({
  id: Id,
  text: z.string(),
  link: z.string().nullable(),
  tags: z.array(z.string()),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  /** Archived ideas are kept, out of the way: the list leaves them out unless asked. */
  archivedAt: IsoInstant.nullable(),
  /** The post this idea became; null when it hasn't become one (or that post was deleted). */
  postId: Id.nullable(),
  /** When it was last turned into a post; stays set if that post is later deleted. */
  usedAt: IsoInstant.nullable(),
});

export const ideasChannels = {
  /** Newest first. `query` matches words in the text, the link and the tags, ignoring case and accents. */
  'ideas:list': {
    input: z
      .strictObject({
        query: z.string().max(200, 'Search with fewer words (up to 200 characters)').optional(),
        includeArchived: z.boolean().default(false),
      })
      .optional(),
    output: z.array(Idea),
  },
  /** Quick capture: one insert, answered at once. */
  'ideas:capture': {
    input: z.strictObject({ text: IdeaText, link: IdeaLink.optional(), tags: IdeaTags.optional() }),
    output: Idea,
  },
  'ideas:update': {
    input: z.strictObject({
      id: Id,
      text: IdeaText.optional(),
      /** null removes the link. */
      link: IdeaLink.nullable().optional(),
      tags: IdeaTags.optional(),
    }),
    output: Idea,
  },
  'ideas:archive': { input: z.strictObject({ id: Id }), output: Idea },
  'ideas:unarchive': { input: z.strictObject({ id: Id }), output: Idea },
  'ideas:delete': { input: z.strictObject({ id: Id }), output: z.object({ id: Id }) },
  /**
   * Makes a post of the idea (its text, then its link on a line of its own) as a draft, or
   * scheduled when `schedule` is given, and links the idea to it, in one transaction.
   * An idea that is already a post is refused with `conflict`.
   */
  'ideas:toPost': {
    input: z.strictObject({ id: Id, accounts: z.array(Id).min(1, 'Pick at least one account').max(50).optional(), platforms: Platforms.optional(), schedule: ScheduleInput.nullable() }),
    output: Post,
  },
} as const;

export const ideasEvents = {
  'ideas:changed': z.object({
    ids: z.array(Id),
    reason: z.enum(['captured', 'updated', 'archived', 'unarchived', 'deleted', 'used']),
  }),
} as const;

export type IdeaDto = z.infer<typeof Idea>;

/**
 * The words of the post an idea becomes (ideas:toPost): the idea, then its link on a line of its
 * own unless the text already has it. Shared so the dialog previews exactly what the core makes.
 */
export function postTextFor(idea: { text: string; link: string | null }): string {
  const text = idea.text.trim();
  if (!idea.link || text.includes(idea.link)) return text;
  return `${text}\n\n${idea.link}`;
}
