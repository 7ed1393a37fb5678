import { z } from 'zod';

/**
 * Settings → Writing: which text model drafts posts, and where the text goes. No model at all is
 * a real choice: the offline writer then fills templates by rules, on this computer. The key is
 * written to the system keychain and never answered back.
 */
const TaskModel = z.string().trim().max(200, 'That model name is too long');

export const WritingProvider = z.strictObject({
  kind: z.enum(['openai', 'anthropic'], { message: 'Pick OpenAI-compatible or Anthropic' }),
  /** The server's address; empty for the vendor's own. Ollama: http://localhost:11434/v1 */
  baseURL: z
    .string()
    .trim()
    .max(500, 'That address is too long')
    .refine((u) => u === '' || /^https?:\/\/[^\s]+$/i.test(u), 'Write the full address, starting with http:// or https://')
    .default(''),
  model: z.string().trim().min(1, 'Pick or type a model').max(200, 'That model name is too long'),
  /** What the creator calls it ("Ollama"); guessed from the address when empty. */
  label: z.string().trim().max(60, 'Keep the name under 60 characters').default(''),
  /** Which model serves which task; a task left empty uses `model`. */
  taskModels: z
    .strictObject({
      drafts: TaskModel.optional(),
      rewrites: TaskModel.optional(),
      hashtags: TaskModel.optional(),
    })
    .default({}),
  /** How many requests the queue sends to this provider at once (a local model usually wants 1). */
  concurrency: z.union([z.literal(1), z.literal(2)], { message: 'Send one or two requests at once' }).default(1),
});

/** The tasks a model can be picked for in Settings → Writing. */
export const WRITING_TASKS = ['drafts', 'rewrites', 'hashtags'] as const;
export type WritingTask = (typeof WRITING_TASKS)[number];
export const WRITING_TASK_LABELS: Record<WritingTask, string> = {
  drafts: 'Drafts (variants, planned posts, ideas)',
  rewrites: 'Rewrites (for a platform, shorter, as a thread)',
  hashtags: 'Hashtag suggestions',
};

export const WritingState = z.object({
  provider: WritingProvider.nullable(),
  keySaved: z.boolean(),
  /** "on this computer (Ollama, llama3.1)", "sent to api.openai.com", or the offline writer. */
  where: z.string(),
  local: z.boolean(),
});

export const WritingTest = z.object({ ok: z.boolean(), message: z.string(), models: z.array(z.object({ id: z.string(), label: z.string().optional() })) });

export const writingChannels = {
  'writing:get': { input: z.strictObject({}).optional(), output: WritingState },
  /** Sets the provider (null: write offline, send nothing anywhere). The key stays as it is. */
  'writing:set': { input: z.strictObject({ provider: WritingProvider.nullable() }), output: WritingState },
  /** Saves the provider's key in the system keychain; null forgets it. */
  'writing:setKey': { input: z.strictObject({ key: z.string().trim().min(1, 'Paste the key').max(500, 'That key is too long').nullable() }), output: WritingState },
  /** Asks the configured provider for its models: a plain answer in words, never an exception. */
  'writing:test': { input: z.strictObject({}).optional(), output: WritingTest },
} as const;

export const writingEvents = {
  'writing:changed': WritingState,
} as const;

export type WritingProviderDto = z.output<typeof WritingProvider>;
export type WritingStateDto = z.output<typeof WritingState>;
export type WritingTestDto = z.output<typeof WritingTest>;
