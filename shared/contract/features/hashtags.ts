/** Channels of hashtag suggestions; merged into the contract in ../channels.ts. */
import { z } from 'zod';
import { Id, PlatformSchema } from '../schemas';

export const HASHTAGS_MAX_LIMIT = 30;

/** A tag from the creator's own published posts, with how many posts the claim rests on. */
export const HistoryHashtag = z.object({
  /** Without the '#', in the casing the creator used most. */
  tag: z.string(),
  /** How many of the creator's published posts carried it. */
  posts: z.number().int(),
  /** How many of those posts have numbers at the comparison age (24 h after going out; 72 h on TikTok and YouTube) with views or impressions. */
  withNumbers: z.number().int(),
  /**
   * Whether it is ranked by how its posts did: only from 5 posts with numbers (a group under 5 is
   * noise: analytics.md), and only once 10 posts in view have numbers. The others follow, by how
   * many posts carry them.
   */
  ranked: z.boolean(),
  /** The median engagement rate of those posts at that age as a fraction (0.041 is 4.1 %); null when it is not ranked. */
  engagementRate: z.number().nullable(),
  /**
   * Why it is where it is, in words: "On 6 of your posts; median 4.1% engagement, each post 24 h
   * after it went out (5 with numbers then)", or "Too few posts to judge: …", or, under the floor
   * of posts in view, how many posts carry it and how many have numbers.
   */
  reason: z.string(),
});

/** A tag the creator's model suggested for this text, with its reason. */
export const ModelHashtag = z.object({ tag: z.string(), reason: z.string() });

export const HashtagSuggestions = z.object({
  history: z.array(HistoryHashtag),
  /** How many published posts were looked at: those of the latest 3,000 copies that went out (HISTORY_COPIES), not an older history. */
  basedOn: z.number().int(),
  /**
   * How many of them have numbers at the comparison age; tags are ranked only from 10. Exact under
   * 10; from 10 on, at least this many (posts without a tag are read only until the floor is met).
   */
  withNumbers: z.number().int(),
  /** Null when tags are ranked; else why not, in words: how many posts have numbers and how many more it takes. */
  floorNote: z.string().nullable(),
  model: z.array(ModelHashtag),
  /** Why there are no model suggestions (no model set up, or what went wrong), in words; null when it answered. */
  modelNote: z.string().nullable(),
  /** Where the text was sent ("on this computer (Ollama, llama3.1)", "sent to api.openai.com"); null: nowhere. */
  where: z.string().nullable(),
});

export const hashtagsChannels = {
  /**
   * Hashtags for the text: the creator's own, ranked by the median rate of their posts carrying
   * them (once enough posts have numbers; else by how often they were used), and,
   * only when a model is set up in Settings → Writing, the model's. Tags already in the text are left out.
   */
  'hashtags:suggest': {
    input: z
      .strictObject({
        text: z.string().max(100_000, 'Text is longer than any platform accepts'),
        /** Look at the posts that went to these accounts… */
        accountIds: z.array(Id).min(1, 'Pick at least one account').max(50, 'Pick at most 50 accounts').optional(),
        /** …or to these platforms; neither: all published posts. */
        platforms: z.array(PlatformSchema).min(1, 'Pick at least one platform').optional(),
        limit: z.number().int().min(1, 'Ask for at least one hashtag').max(HASHTAGS_MAX_LIMIT, `Ask for at most ${HASHTAGS_MAX_LIMIT} hashtags`).default(10),
      })
      .refine((r) => r.accountIds === undefined || r.platforms === undefined, { message: 'Give the accounts or the platforms, not both', path: ['accountIds'] }),
    output: HashtagSuggestions,
  },
} as const;

export const hashtagsEvents = {} as const;

export type HashtagSuggestionsDto = z.output<typeof HashtagSuggestions>;
export type HistoryHashtagDto = z.output<typeof HistoryHashtag>;
