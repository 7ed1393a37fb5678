/** Channels and events of the library feature; merged into the contract in ../channels.ts. */
import { z } from 'zod';
import { PLATFORMS } from '../../domain/platforms';
import { Id, IsoInstant, Post, ScheduleInput } from '../schemas';

export const TEMPLATE_CATEGORIES = ['hook', 'video_script', 'cta', 'thread', 'general'] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

export const TEMPLATE_CATEGORY_LABELS: Record<TemplateCategory, string> = {
  hook: 'Hooks',
  video_script: 'Video script frameworks',
  cta: 'Calls to action',
  thread: 'Threads',
  general: 'General',
};

const Category = z.enum(TEMPLATE_CATEGORIES, { message: `Pick a category: ${TEMPLATE_CATEGORIES.join(', ')}` });

export const Template = z.object({
  id: Id,
  name: z.string(),
  category: Category,
  description: z.string(),
  body: z.string(),
  /** Written for Loomcast and shipped with it: can be duplicated, not edited or deleted. */
  builtin: z.boolean(),
  /** Variable keys in the order the body first uses them. */
  variables: z.array(z.string()),
  /** Posts made from this template. */
  useCount: z.number().int().min(0),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  /** Deleted templates stay readable so the posts made from them can still name them. */
  deletedAt: IsoInstant.nullable(),
});

export const TemplateRender = z.object({
  text: z.string(),
  /** Variable keys without a value; their `{name}` stays in the text. */
  missing: z.array(z.string()),
  /** Values given for names the template does not have. */
  unknown: z.array(z.string()),
});

const Values = z
  .record(z.string().max(60, 'A variable name is at most 40 characters long'), z.string().max(5_000, 'A value is at most 5,000 characters'))
  .refine((v) => Object.keys(v).length <= 50, { message: 'A template has at most 50 variables' })
  .default({});

const Name = (what: string) => z.string().trim().min(1, `Give the ${what} a name`).max(80, `Keep the ${what}’s name under 80 characters`);

const Words = (what: string) =>
  z
    .array(z.string().trim().min(1, `An empty entry in ${what}`).max(60, `Each entry in ${what} is at most 60 characters`))
    .max(100, `At most 100 ${what}`)
    .default([]);

export const Voice = z.object({
  id: Id,
  name: z.string(),
  /** Free text: "warm, plain-spoken, a little dry". */
  tone: z.string(),
  wordsToUse: z.array(z.string()),
  wordsToAvoid: z.array(z.string()),
  examples: z.array(z.string()),
  /** Approved and published posts of the creator's become examples too (see 'voices:examples'). */
  learnFromPosts: z.boolean(),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
});

/** One example a model is shown for a voice: pinned by the creator, or learned from a post. */
export const VoiceExample = z.object({
  text: z.string(),
  /** The post it was learned from; null for a pinned example. */
  postId: Id.nullable(),
  pinned: z.boolean(),
  /** Why it is shown, in plain words: "Published 2 Dec; 4.2% engagement on 1,200 views". */
  why: z.string(),
});

/** A voice learns from this many of the creator's posts at most: the latest written or edited. */
export const VOICE_LEARN_WINDOW = 500;

export const VoiceExamples = z.object({
  /** What a model is shown now, in the order it is shown. */
  examples: z.array(VoiceExample),
  /** How many of the creator's approved, scheduled or published posts the voice learns from (at most VOICE_LEARN_WINDOW, the latest). */
  basedOn: z.number().int().min(0),
});

const HexColor = z
  .string()
  .trim()
  .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'Use a hex colour like #0f766e')
  .transform((c) => (c.length === 4 ? `#${c[1]}${c[1]}${c[2]}${c[2]}${c[3]}${c[3]}` : c).toLowerCase());

export const Pillar = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  color: z.string(),
  accountIds: z.array(Id),
  voiceId: Id.nullable(),
  postCount: z.number().int().min(0),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
});

/** What the library knows about a post: where it came from and where it belongs. */
export const PostLinks = z.object({
  postId: Id,
  templateId: Id.nullable(),
  pillarId: Id.nullable(),
  voiceId: Id.nullable(),
});

const Platforms = z
  .array(z.enum(PLATFORMS))
  .min(1, 'Pick at least one platform')
  .refine((list) => new Set(list).size === list.length, { message: 'A platform is listed twice' });

export const libraryChannels = {
  'templates:list': {
    input: z.strictObject({
      /** Words to find in the name, description, body or category; every word must match (as a prefix). */
      query: z.string().max(200, 'Search for something shorter').optional(),
      category: Category.optional(),
    }),
    output: z.array(Template),
  },
  'templates:get': { input: z.strictObject({ id: Id }), output: Template },
  /** Creates a template (no id) or edits one of the creator's own. */
  'templates:save': {
    input: z.strictObject({
      id: Id.optional(),
      name: Name('template'),
      category: Category,
      description: z.string().trim().max(300, 'Keep the description under 300 characters').default(''),
      body: z
        .string()
        .max(20_000, 'A template is at most 20,000 characters')
        .refine((s) => s.trim().length > 0, { message: 'Write the template first: the text is empty' }),
    }),
    output: Template,
  },
  /** A copy the creator owns; the way to change a built-in template. */
  'templates:duplicate': { input: z.strictObject({ id: Id }), output: Template },
  'templates:delete': { input: z.strictObject({ id: Id }), output: z.object({ id: Id }) },
  'templates:render': { input: z.strictObject({ id: Id, values: Values }), output: TemplateRender },
  /** Renders the template and makes a post of it that remembers the template. */
  'templates:use': {
    input: z.strictObject({
      templateId: Id,
      values: Values,
      /** The connected accounts it goes to; or platforms, where each has one account (or none yet). */
      accounts: z.array(Id).min(1, 'Pick at least one account').max(50).optional(),
      platforms: Platforms.optional(),
      /** null saves a draft. */
      schedule: ScheduleInput.nullable(),
      pillarId: Id.nullable().default(null),
      /** Omitted: the pillar’s voice, if it has one. */
      voiceId: Id.nullable().optional(),
    }),
    output: Post,
  },

  'voices:list': { input: z.strictObject({}).optional(), output: z.array(Voice) },
  'voices:save': {
    input: z.strictObject({
      id: Id.optional(),
      name: Name('voice'),
      tone: z.string().trim().max(500, 'Keep the tone under 500 characters').default(''),
      wordsToUse: Words('words to use'),
      wordsToAvoid: Words('words to avoid'),
      examples: z.array(z.string().trim().min(1, 'An example post is empty').max(5_000, 'An example post is at most 5,000 characters')).max(20, 'At most 20 example posts').default([]),
      /** Left out: a new voice doesn't learn, an existing one keeps its setting. */
      learnFromPosts: z.boolean().optional(),
    }),
    output: Voice,
  },
  'voices:delete': { input: z.strictObject({ id: Id }), output: z.object({ id: Id }) },
  'voices:examples': { input: z.strictObject({ voiceId: Id }), output: VoiceExamples },
  /** Copies the post's current text into the voice's pinned examples. */
  'voices:pinExample': { input: z.strictObject({ voiceId: Id, postId: Id }), output: Voice },
  /** Removes one pinned example, by its position in the voice's examples. */
  'voices:unpinExample': { input: z.strictObject({ voiceId: Id, index: z.number().int().min(0) }), output: Voice },
  /** The post is never picked again as an example for this voice. */
  'voices:dropExample': { input: z.strictObject({ voiceId: Id, postId: Id }), output: VoiceExamples },

  'pillars:list': { input: z.strictObject({}).optional(), output: z.array(Pillar) },
  'pillars:save': {
    input: z.strictObject({
      id: Id.optional(),
      name: Name('pillar'),
      description: z.string().trim().max(300, 'Keep the description under 300 characters').default(''),
      color: HexColor,
      accountIds: z
        .array(Id)
        .max(100)
        .refine((l) => new Set(l).size === l.length, { message: 'An account is listed twice' })
        .default([]),
      voiceId: Id.nullable().default(null),
    }),
    output: Pillar,
  },
  'pillars:delete': { input: z.strictObject({ id: Id }), output: z.object({ id: Id }) },

  'posts:setPillar': { input: z.strictObject({ postId: Id, pillarId: Id.nullable() }), output: PostLinks },
  'posts:setVoice': { input: z.strictObject({ postId: Id, voiceId: Id.nullable() }), output: PostLinks },
  /** The template, pillar and voice of many posts at once (calendar filters, the post panel). */
  'posts:links': { input: z.strictObject({ ids: z.array(Id).max(10_000, 'Ask for at most 10,000 posts at once') }), output: z.array(PostLinks) },
} as const;

export const libraryEvents = {
  /** Templates, voices or pillars were created, changed or deleted. */
  'library:changed': z.object({ kind: z.enum(['template', 'voice', 'pillar']), ids: z.array(Id) }),
} as const;

export type TemplateDto = z.infer<typeof Template>;
export type TemplateRenderDto = z.infer<typeof TemplateRender>;
export type VoiceDto = z.infer<typeof Voice>;
export type VoiceExampleDto = z.infer<typeof VoiceExample>;
export type VoiceExamplesDto = z.infer<typeof VoiceExamples>;
export type PillarDto = z.infer<typeof Pillar>;
export type PostLinksDto = z.infer<typeof PostLinks>;
